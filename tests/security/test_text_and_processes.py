"""Issue 12 (6): XML answers stay well-formed whatever the text holds, and a build's workers never outlive it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
import xml.dom.minidom
from pathlib import Path

import pytest
from conftest import SAMPLES
from kgrun import KG, NEUTRAL, kg

from kg.query.formats import to_sparql_xml
from kg.query.run import Result, Term


def test_xml_results_with_control_characters_are_well_formed():
    result = Result("select", ["x"], [[Term("literal", "a\x01b\x0bc\x1f\ufffe d")], [Term("uri", "http://x/\x02")]])
    doc = xml.dom.minidom.parseString(to_sparql_xml(result).encode("utf-8"))
    assert doc.getElementsByTagName("literal")[0].firstChild.data == "a\ufffdb\ufffdc\ufffd\ufffd d"


def test_xml_results_from_the_cli_parse(tmp_path):
    (tmp_path / "r.txt").write_text("某县述职报告\n一、主要做法\n一是落实“三会\x01一课”制度。\n", encoding="utf-8")
    assert kg("build", str(tmp_path / "r.txt"), "-o", str(tmp_path / "out"), "-q").returncode == 0
    run = kg("query", "SELECT ?t WHERE { ?s djo:text ?t }", "--graph", str(tmp_path / "out" / "store"), "-f", "xml")
    assert run.returncode == 0
    xml.dom.minidom.parseString(run.stdout.encode("utf-8"))


def _children(pid: int) -> set[int]:
    out = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                out.add(int(entry.name))
    return out


@pytest.mark.skipif(not Path("/proc").exists(), reason="reads /proc to find the workers (Linux)")
def test_workers_die_with_a_killed_build(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    for n in range(40):
        shutil.copy(SAMPLES[n % len(SAMPLES)], folder / f"r{n}.txt")
    proc = subprocess.Popen([*KG, "build", str(folder), "-o", str(tmp_path / "out"), "--jobs", "2", "-q"],
                            cwd=NEUTRAL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        workers |= _children(proc.pid)
        time.sleep(0.05)
    if proc.poll() is not None:
        pytest.fail("the build ended before its workers were seen")
    assert len(workers) >= 2
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() and
                                              "zombie" not in _state(w) for w in workers):
        time.sleep(0.1)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and "zombie" not in _state(w)]


def _state(pid: int) -> str:
    try:
        return "zombie" if (Path(f"/proc/{pid}") / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z" else "alive"
    except OSError:
        return "zombie"
