"""The lean, NIF-aligned graph model: what is written once, what follows from it, and that every named
query answers as it did with the old model (answers kept in tests/fixtures/query_answers.json; regenerate
with `python tests/fixtures/make_query_answers.py` when an extraction change is meant to alter them)."""

from __future__ import annotations

import json
from pathlib import Path

import rdflib

from kg.namespaces import DJO
from kg.query import named_queries, query

NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
FIXTURE = Path(__file__).parent / "fixtures" / "query_answers.json"


def _normal(value: str) -> str:
    """An answer cell with the order of GROUP_CONCAT parts (not defined by SPARQL) taken out."""
    for sep in (" | ", "、"):
        parts = value.split(sep)
        if len(parts) > 1 and (sep == " | " or all(p in ("Practice", "Problem", "Cause", "Measure") for p in parts)):
            return sep.join(sorted(parts))
    return value


def test_every_named_query_answers_as_before(sample_out):
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    assert set(expected) == set(named_queries())
    answered = 0
    for name in named_queries():
        result = query(sample_out / "store", name)
        rows = sorted(tuple(_normal(t.value if t else "") for t in row) for row in result.rows)
        want = sorted(tuple(_normal(v) for v in row) for row in expected[name]["rows"])
        assert result.variables == expected[name]["variables"], name
        assert rows == want, name
        answered += bool(rows)
    assert answered >= len(expected) - 1  # all but unaddressed_problems (every sample problem has a measure)


def test_mentions_point_to_strings_instead_of_repeating_them(sample_graph):
    mentions = set(sample_graph.subjects(DJO.refersTo, None))
    assert len(mentions) > 1000
    for m in mentions:
        assert (m, rdflib.RDF.type, None) not in sample_graph  # typed by djo:refersTo (the shapes' target)
        assert sample_graph.value(m, NIF.beginIndex) is not None
        holder = sample_graph.value(m, NIF.superString)
        assert (holder, DJO.text, None) in sample_graph or (holder, rdflib.RDF.type, NIF.Sentence) in sample_graph
    assert not list(sample_graph.subject_objects(DJO.sentence))
    assert not list(sample_graph.subject_objects(rdflib.URIRef("http://purl.org/dc/terms/title"))
                    ) or all((s, rdflib.RDF.type, DJO.Document) in sample_graph
                             for s, _ in sample_graph.subject_objects(rdflib.URIRef("http://purl.org/dc/terms/title")))


def test_sentence_nodes_are_nif_sentences_of_their_report(sample_graph):
    sentences = set(sample_graph.subjects(rdflib.RDF.type, NIF.Sentence))
    assert sentences
    for s in sentences:
        report = sample_graph.value(s, NIF.referenceContext)
        assert (report, rdflib.RDF.type, DJO.Report) in sample_graph
        assert str(s).startswith(str(report) + "/sentence/")
        assert sample_graph.value(s, NIF.anchorOf) is not None


def test_the_corpus_graph_keeps_the_years_and_levels_each_entity_is_named_at(sample_graph):
    """Aggregates the overview and analysts ask for, materialised once instead of read from every mention."""
    sanhui = rdflib.URIRef("https://w3id.org/dangjian-kg/id/program/三会一课")
    years = {str(y) for y in sample_graph.objects(sanhui, DJO.namedInYear)}
    via = set()
    for m in sample_graph.subjects(DJO.refersTo, sanhui):
        holder = sample_graph.value(m, NIF.superString)
        report = sample_graph.value(holder, DJO.inReport) or sample_graph.value(holder, NIF.referenceContext)
        year = sample_graph.value(report, DJO.year)
        if year is not None:
            via.add(str(year))
    assert years == via and years
    assert set(sample_graph.objects(sanhui, DJO.namedAtLevel))
    assert not list(sample_graph.subject_objects(DJO.mentions))  # derivable, so not written


def test_lean_graph_size(sample_out):
    info = json.loads((sample_out / "build.json").read_text(encoding="utf-8"))
    mentions = info["counts"]["Mention"]
    # a mention costs three triples (four when its words differ in length from the label); the tallies
    # (djo:Tally) are a corpus-level overhead that grows with distinct groups, not with reports
    tally = query(sample_out / "store", "PREFIX djo: <https://w3id.org/dangjian-kg/ontology#> "
                  "SELECT (COUNT(*) AS ?n) WHERE { ?t a djo:Tally ; ?p ?o }")
    tally_triples = int(tally.rows[0][0].value)
    assert 0 < tally_triples < 12_000
    assert info["triples"] - tally_triples < 11_000 and mentions > 1000
