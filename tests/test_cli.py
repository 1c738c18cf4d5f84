"""The CLI: every command has help and is documented in the README."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from kgrun import kg

from kg.cli import build_parser

ROOT = Path(__file__).resolve().parent.parent


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _commands())
def test_command_has_help_and_is_in_readme(command, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args([command, "--help"])
    assert exit_info.value.code == 0
    assert len(capsys.readouterr().out) > 50
    assert f"kg {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_setup_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```", 2)[1]
    lines = [line for line in block.splitlines()[1:] if line.strip()]
    assert len(lines) == 2
    assert "kg build" in lines[0] and "pip install" in lines[0]
    assert "pytest" in lines[1] and "[test]" in lines[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert lines[1].strip() in ci


def test_python_dash_m_kg_works():
    run = kg("--version")
    assert run.returncode == 0 and "dangjian-kg" in run.stdout


def test_extract_json_contract():
    sample = ROOT / "kg" / "samples" / "003_6108cdfd45efc133.txt"
    run = kg("extract", str(sample), "--format", "json")
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    for key in ("id", "title", "year", "programs", "units", "problems", "causes", "measures", "practices",
                "documents", "definitions", "metrics", "links"):
        assert key in data
    assert data["id"] == "003_6108cdfd45efc133"
    program = next(p for p in data["programs"] if p["label"] == "三会一课")
    text = sample.read_text(encoding="utf-8")
    assert all(text[m["start"]:m["end"]] == m["text"] == "三会一课" for m in program["mentions"])
    assert [p["label"] for p in data["causes"]] == ["发扬“钉钉子”精神不够", "深入“解剖麻雀”不够", "从严问责不够"]
    assert data["documents"] == [{"label": "**市党建工作综合考核办法（试行）", "mentions": data["documents"][0]["mentions"]}]


def test_extract_turtle_parses():
    import rdflib

    sample = ROOT / "kg" / "samples" / "000_81bca652cab79755.txt"
    run = kg("extract", str(sample), "--format", "ttl")
    assert run.returncode == 0
    g = rdflib.Graph().parse(data=run.stdout, format="turtle")
    assert len(g) > 1000
