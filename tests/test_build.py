"""`kg build` on the bundled samples: valid, provenance-exact, deterministic, incremental."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
import rdflib
import rdflib.compare
from conftest import SAMPLES

from kg.build import build
from kg.namespaces import DJO
from kg.readers import read
from kg.validate import validate


def test_outputs_written(sample_out):
    for name in ("graph.ttl", "build.json", "store"):
        assert (sample_out / name).exists(), name
    info = json.loads((sample_out / "build.json").read_text(encoding="utf-8"))
    assert info["files_read"] == 5 and info["files_failed"] == []
    assert info["counts"]["Report"] == 5
    assert info["counts"]["Problem"] == 16
    assert info["triples"] > 5000
    assert set(info["seconds"]) >= {"extract", "turtle", "total"}


def test_graph_parses_with_rapper(sample_out):
    rapper = shutil.which("rapper")
    if rapper is None:
        if os.environ.get("CI"):
            pytest.fail("rapper (raptor2-utils) must be installed in CI")
        pytest.skip("rapper (raptor2-utils) not installed")
    run = subprocess.run([rapper, "-i", "turtle", "-c", str(sample_out / "graph.ttl")],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "returned" in run.stderr and "triples" in run.stderr


def test_graph_conforms_to_shapes(sample_out):
    report = validate(sample_out / "graph.ttl")
    assert report.conforms, report.text


def test_store_and_turtle_hold_the_same_graph(sample_out, sample_graph):
    from kg.store import load_graph, to_rdflib

    from_store = to_rdflib(load_graph(sample_out / "store"))
    assert rdflib.compare.isomorphic(from_store, sample_graph)


def _originals(graph: rdflib.Graph) -> dict[rdflib.URIRef, str]:
    by_sha = {read(p).sha256: read(p).text for p in SAMPLES}
    return {report: by_sha[str(sha)] for report, sha in graph.subject_objects(DJO.sha256)}


NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")


def _report_of(graph: rdflib.Graph, node: rdflib.term.Node) -> rdflib.term.Node:
    return graph.value(node, DJO.inReport) or graph.value(node, NIF.referenceContext)


def test_every_statement_and_sentence_slices_back_to_its_text(sample_graph):
    originals = _originals(sample_graph)
    assert len(originals) == 5
    checked = 0
    strings = list(sample_graph.subject_objects(DJO.text)) + list(sample_graph.subject_objects(NIF.anchorOf))
    for node, text in strings:
        report = _report_of(sample_graph, node)
        if report is None:  # a metric inside a statement: checked below
            continue
        start = int(sample_graph.value(node, DJO.start) or sample_graph.value(node, NIF.beginIndex))
        assert originals[report][start:start + len(str(text))] == str(text), node
        checked += 1
    statements = sum(len(set(sample_graph.subjects(rdflib.RDF.type, DJO[c])))
                     for c in ("Practice", "Problem", "Cause", "Measure"))
    sentences = len(set(sample_graph.subjects(rdflib.RDF.type, NIF.Sentence)))
    assert checked == statements + sentences + len(set(sample_graph.subjects(rdflib.RDF.type, DJO.Metric))) \
        - len(set(sample_graph.objects(None, DJO.hasMetric)))
    assert statements > 100 and sentences > 10


def test_every_mention_slices_back_to_a_form_of_its_entity(sample_graph):
    """A mention's words, cut from its super-string by its offsets, are its entity's label or a variant."""
    originals = _originals(sample_graph)
    mentions = set(sample_graph.subjects(DJO.refersTo, None))
    assert len(mentions) > 1000
    for m in mentions:
        entity = sample_graph.value(m, DJO.refersTo)
        context = sample_graph.value(m, NIF.superString)
        report = _report_of(sample_graph, context)
        start = int(sample_graph.value(m, NIF.beginIndex))
        label = str(sample_graph.value(entity, rdflib.RDFS.label))
        end = sample_graph.value(m, NIF.endIndex)
        end = int(end) if end is not None else start + len(label)
        words = originals[report][start:end]
        forms = {label} | {str(a) for a in sample_graph.objects(entity, rdflib.SKOS.altLabel)}
        context_start = int(sample_graph.value(context, DJO.start) or sample_graph.value(context, NIF.beginIndex))
        context_text = str(sample_graph.value(context, DJO.text) or sample_graph.value(context, NIF.anchorOf))
        assert context_start <= start and end <= context_start + len(context_text), m
        assert words in forms, (m, words, label)


def test_metric_text_is_the_original_slice(sample_graph):
    originals = _originals(sample_graph)
    for node in sample_graph.subjects(rdflib.RDF.type, DJO.Metric):
        report = sample_graph.value(node, DJO.inReport)
        if report is None:
            statement = sample_graph.value(None, DJO.hasMetric, node)
            report = sample_graph.value(statement, DJO.inReport)
        start, text = int(sample_graph.value(node, DJO.start)), str(sample_graph.value(node, DJO.text))
        assert originals[report][start:start + len(text)] == text


def test_two_builds_are_byte_identical(sample_out, tmp_path):
    build(None, tmp_path / "again", jobs=1, progress=False)
    assert (tmp_path / "again" / "graph.ttl").read_bytes() == (sample_out / "graph.ttl").read_bytes()


def test_incremental_build_equals_clean_build(samples_copy, tmp_path):
    out = tmp_path / "out"
    first = build([samples_copy], out, jobs=1, progress=False)
    assert first.built == 5
    again = build([samples_copy], out, jobs=1, progress=False)
    assert again.built == 0 and again.reused == 5
    # change one report, delete another
    changed = samples_copy / SAMPLES[1].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n三、下一步打算\n一是落实“三会一课”制度。\n",
                       encoding="utf-8")
    (samples_copy / SAMPLES[4].name).unlink()
    third = build([samples_copy], out, jobs=1, progress=False)
    assert third.built == 1 and third.reused == 3
    clean = tmp_path / "clean"
    build([samples_copy], clean, jobs=1, progress=False)
    assert (out / "graph.ttl").read_bytes() == (clean / "graph.ttl").read_bytes()


def test_parallel_build_equals_serial(samples_copy, tmp_path, sample_out):
    build([samples_copy], tmp_path / "serial", jobs=1, progress=False)
    build([samples_copy], tmp_path / "parallel", jobs=2, progress=False)
    assert (tmp_path / "serial" / "graph.ttl").read_bytes() == (tmp_path / "parallel" / "graph.ttl").read_bytes()


def test_program_variants_are_one_concept(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.txt").write_text("甲县述职报告\n一、主要做法\n一是严格落实“三会一课”制度。\n", encoding="utf-8")
    (folder / "b.txt").write_text("乙县述职报告\n一、主要做法\n一是坚持3会1课。\n", encoding="utf-8")
    (folder / "c.txt").write_text("丙縣述職報告\n一、主要做法\n一是嚴格落實三會一課。\n", encoding="utf-8")
    build([folder], tmp_path / "out", jobs=1, progress=False)
    g = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    skos = rdflib.SKOS
    programs = [s for s in g.subjects(rdflib.RDF.type, DJO.Program) if str(g.value(s, skos.prefLabel)) == "三会一课"]
    assert len(programs) == 1
    node = programs[0]
    assert int(g.value(node, DJO.reportCount)) == 3
    alts = {str(a) for a in g.objects(node, skos.altLabel)}
    assert {"三会一课制度", "3会1课", "三會一課"} <= alts
    assert "支部党员大会" in str(g.value(node, skos.scopeNote))
