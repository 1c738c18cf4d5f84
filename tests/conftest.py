"""Shared fixtures: one build of the bundled samples per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.build import build, sample_dir

ROOT = Path(__file__).resolve().parent.parent
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
