"""Shared fixtures: one build of the bundled samples per test session."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The tests exercise the installed package, never the source folder: `python -m pytest` from the
# repository root puts the root on sys.path, where `kg/` would shadow the install and hide packaging
# bugs (a wheel without a subpackage). An editable install still maps `kg` to the source on purpose.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT]
try:
    import kg  # noqa: F401
except ImportError:  # pragma: no cover - a set-up mistake, said plainly
    pytest.exit("dangjian-kg is not installed: run `pip install '.[test]'` first.", returncode=4)

from kg.build import build, sample_dir  # noqa: E402

SAMPLES = sorted(sample_dir().glob("*.txt"))


@pytest.fixture(scope="session")
def sample_out(tmp_path_factory) -> Path:
    """output/ of `kg build` over the bundled samples (built once)."""
    out = tmp_path_factory.mktemp("sample-build")
    result = build(None, out, jobs=2, progress=False)
    assert result.exit_code == 0, result.failed
    return out


@pytest.fixture(scope="session")
def sample_graph(sample_out):
    import rdflib

    return rdflib.Graph().parse(sample_out / "graph.ttl", format="turtle")


@pytest.fixture()
def samples_copy(tmp_path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for path in SAMPLES:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (skipped, saying why, where it is not installed; fails in CI)."""
    from browsing import launch
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
