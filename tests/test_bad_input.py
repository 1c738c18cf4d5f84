"""Bad input: one clear sentence on stderr, the right exit code, nothing good lost."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from kgrun import kg

GOOD = "甲县委书记抓基层党建工作述职报告\n一、主要做法\n一是严格落实“三会一课”制度。\n二、存在问题\n一是党务力量不足。\n"




def _assert_clean_error(run: subprocess.CompletedProcess, needle: str, code: int) -> None:
    assert run.returncode == code, run.stderr
    assert "Traceback" not in run.stderr
    assert needle in run.stderr
    assert run.stderr.strip().count("\n") == 0  # one sentence on one line


def _bad_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    cases = {
        "empty": (tmp / "empty.txt", b"", "is empty"),
        "blank": (tmp / "blank.txt", b"  \n\n ", "is empty"),
        "binary": (tmp / "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary"),
        "undecodable": (tmp / "bad.txt", bytes([0x81, 0x30, 0xFF, 0xFE, 0x80, 0x81]) * 50 + b"\xff\xff",
                        "could not be decoded"),
        "docx": (tmp / "corrupt.docx", b"PK\x03\x04 this is not a zip", "not a readable .docx"),
        "pdf": (tmp / "corrupt.pdf", b"%PDF-1.4\n garbage without objects", "not a readable .pdf"),
    }
    out = {}
    for name, (path, data, needle) in cases.items():
        path.write_bytes(data)
        out[name] = (path, needle)
    return out


@pytest.mark.parametrize("case", ["empty", "blank", "binary", "undecodable", "docx", "pdf"])
def test_extract_bad_file_one_sentence(tmp_path, case):
    path, needle = _bad_files(tmp_path)[case]
    _assert_clean_error(kg("extract", str(path)), needle, 2)


def test_extract_missing_path(tmp_path):
    _assert_clean_error(kg("extract", str(tmp_path / "nope.txt")), "no such file", 2)


def test_extract_folder_is_refused(tmp_path):
    _assert_clean_error(kg("extract", str(tmp_path)), "is a folder", 2)


def test_huge_file_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    _assert_clean_error(kg("extract", str(path)), "MB limit", 2)


def test_folder_build_lists_bad_files_and_builds_the_rest(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    bad = _bad_files(folder)
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    out = tmp_path / "out"
    run = kg("build", str(folder), "-o", str(out), "-j", "1")
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    assert "7 file(s) failed" in run.stdout
    info = json.loads((out / "build.json").read_text(encoding="utf-8"))
    failed = {Path(f["path"]).name: f["reason"] for f in info["files_failed"]}
    assert set(failed) == {p.name for p, _ in bad.values()} | {"huge.txt"}
    for path, needle in bad.values():
        assert needle in failed[path.name]
    assert info["reports_extracted"] == 1
    assert "三会一课" in (out / "graph.ttl").read_text(encoding="utf-8")


def test_failed_build_keeps_the_previous_good_outputs(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "out"
    assert kg("build", str(folder), "-o", str(out), "-j", "1").returncode == 0
    before = (out / "graph.ttl").read_bytes()
    build_json = (out / "build.json").read_bytes()
    run = kg("build", str(tmp_path / "missing"), "-o", str(out))
    _assert_clean_error(run, "no such file or folder", 2)
    assert (out / "graph.ttl").read_bytes() == before
    assert (out / "build.json").read_bytes() == build_json
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    _assert_clean_error(kg("build", str(empty), "-o", str(out)), "no report files", 2)
    assert (out / "graph.ttl").read_bytes() == before


def test_validate_bad_graph_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix x: <http://x/> . x:a x:b", encoding="utf-8")
    _assert_clean_error(kg("validate", str(bad)), "not valid ttl", 2)
    _assert_clean_error(kg("validate", str(tmp_path / "none.ttl")), "no such graph", 2)


def test_validate_reports_violations(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix djo: <https://w3id.org/dangjian-kg/ontology#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        '<https://w3id.org/dangjian-kg/id/program/x> a djo:Program ; rdfs:label "x"@zh .\n', encoding="utf-8")
    run = kg("validate", str(bad))
    assert run.returncode == 1
    assert "does not conform" in run.stdout and "prefLabel" in run.stdout
