"""The wheel holds every module and data file of the source tree (the bug that left kg.extract out)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _source_files() -> set[str]:
    out = set()
    for path in (ROOT / "kg").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            out.add(path.relative_to(ROOT).as_posix())
    for path in (ROOT / "ontology").glob("*"):
        if path.is_file() and path.suffix in (".py", ".ttl"):
            out.add("kg/ontology/" + path.name)
    return out


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(out)],
                         capture_output=True, text=True, timeout=600)
    if run.returncode != 0:
        pytest.fail(f"the wheel could not be built: {run.stderr[-800:]}")
    return zipfile.ZipFile(next(out.glob("*.whl")))


def test_the_wheel_holds_every_module_and_data_file(wheel):
    names = set(wheel.namelist())
    missing = sorted(_source_files() - names)
    assert not missing, missing


def test_the_wheel_has_the_kg_command_and_no_source_only_files(wheel):
    entry = next(n for n in wheel.namelist() if n.endswith("entry_points.txt"))
    assert "kg = kg.cli:main" in wheel.read(entry).decode()
    assert not [n for n in wheel.namelist() if n.startswith(("tests/", "benchmarks/", ".ci/"))]


def test_every_source_file_is_tracked_by_git():
    """A file the .gitignore hides (it once hid kg/build/) is missing from every clone and every CI run."""
    run = subprocess.run(["git", "-C", str(ROOT), "ls-files", "kg", "ontology"], capture_output=True, text=True)
    if run.returncode != 0:
        pytest.skip("not a git checkout (an unpacked source archive): nothing to compare")
    tracked = set(run.stdout.split())
    on_disk = {p for p in _source_files() if not p.startswith("kg/ontology/")}
    assert not sorted(on_disk - tracked), sorted(on_disk - tracked)
