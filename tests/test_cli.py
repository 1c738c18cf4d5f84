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


# Bad arguments for every subcommand: each ends with exit code 2 and one sentence, never a traceback.
# {store} is a built store, {tmp} an empty folder.
BAD_ARGUMENTS = [
    ("build", "--jobs", "0"), ("build", "{tmp}/missing"), ("build", "--bogus"),
    ("extract",), ("extract", "{tmp}/missing.txt"), ("extract", "{tmp}"),
    ("validate", "{tmp}/missing.ttl"), ("validate", "{tmp}/graph.xyz"),
    ("query",), ("query", "programs_by_reports", "--graph", "{store}", "--param", "x"),
    ("query", "programs_by_reports", "--graph", "{store}", "--param", "nope=1"),
    ("query", "programs_by_reports", "--graph", "{store}", "-f", "bogus"),
    ("query", "SELEC ?x WHERE {}", "--graph", "{store}"), ("query", "{tmp}/missing.rq", "--graph", "{store}"),
    ("query", "programs_by_reports", "--endpoint", "not-a-url"),
    ("serve", "--graph", "{tmp}/missing"), ("serve", "--graph", "{store}", "--port", "99999"),
    ("serve", "--graph", "{store}", "--timeout", "-1"), ("serve", "--graph", "{store}", "--memory-mb", "1"),
    ("serve", "--graph", "{store}", "--max-rows", "0"), ("serve", "--graph", "{store}", "--read-timeout", "nan"),
    ("viz", "--max-nodes", "-5"), ("viz", "--graph", "{tmp}/missing"),
    ("push",), ("push", "--endpoint", "ftp://example.org/store", "--from", "{store}"),
    ("push", "--endpoint", "http://127.0.0.1:9/store", "--from", "{store}", "--auth", "nocolon"),
    ("push", "--endpoint", "http://127.0.0.1:9/store", "--from", "{store}", "--chunk", "0"),
    ("analyze", "--graph", "{tmp}/missing"),
    ("export", "-f", "ttl"), ("export", "-f", "bogus", "-o", "x"), ("export", "-g", "{tmp}/missing", "-f", "ttl", "-o", "-"),
    ("export", "-g", "{store}", "-f", "ttl", "-o", "{tmp}"), ("export", "-g", "{store}", "-f", "ttl", "-o", "/proc/x.ttl"),
    ("export", "-g", "{store}", "-f", "graphml", "-o", "-", "--report", "x"),
    ("export", "-g", "{store}", "-f", "ttl", "-o", "-", "--report", "no-such-report"),
    ("eval", "--gold", "{tmp}/missing", "--texts", "{tmp}"),
    ("completion", "fish"), ("no-such-command",),
]


@pytest.mark.parametrize("args", BAD_ARGUMENTS, ids=lambda a: " ".join(a))
def test_bad_arguments_give_one_sentence_and_no_traceback(args, sample_out, tmp_path):
    run = kg(*(a.replace("{store}", str(sample_out / "store")).replace("{tmp}", str(tmp_path)) for a in args),
             timeout=60)
    assert run.returncode == 2, (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr + run.stdout
    last = run.stderr.strip().splitlines()[-1]
    assert last.startswith("kg"), last
    assert len(last) < 300 and last.count(". ") <= 1, last
