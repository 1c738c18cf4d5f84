"""Vocabulary guard: the Python namespace, the ontology and the shapes name the same terms."""

from __future__ import annotations

import re

import rdflib

from kg.namespaces import DJO, DJO_IRI
from kg.ontology import path

TERM = re.compile(r"djo:([A-Za-z0-9]+)")


def _ontology_terms() -> set[str]:
    g = rdflib.Graph().parse(path("dangjian.ttl"))
    return {str(s)[len(DJO_IRI):] for s in g.subjects() if str(s).startswith(DJO_IRI)}


def test_namespace_matches_ontology():
    names = {n for n in DJO.__annotations__}
    assert names == _ontology_terms()


def test_shapes_use_only_ontology_terms():
    used = set(TERM.findall(path("shapes.ttl").read_text(encoding="utf-8")))
    assert used <= _ontology_terms(), used - _ontology_terms()


def test_every_class_written_has_a_shape(sample_graph):
    shapes = path("shapes.ttl").read_text(encoding="utf-8")
    written = {str(c)[len(DJO_IRI):] for c in sample_graph.objects(None, rdflib.RDF.type) if str(c).startswith(DJO_IRI)}
    for cls in written:
        assert re.search(rf"sh:targetClass[^.]*djo:{cls}\b", shapes), cls


def test_ontology_terms_have_bilingual_labels_and_comments():
    g = rdflib.Graph().parse(path("dangjian.ttl"))
    for term in _ontology_terms():
        node = rdflib.URIRef(DJO_IRI + term)
        langs = {lit.language for lit in g.objects(node, rdflib.RDFS.label)}
        assert {"zh", "en"} <= langs, term
        assert g.value(node, rdflib.RDFS.comment) is not None, term


def test_design_terms_are_all_defined():
    design = ("Report Unit Program Document Statement Practice Problem Cause Measure Metric Role Place Mention "
              "mentions inReport refersTo start end sentence text invokes involves addresses explains hasComponent "
              "hasMetric countedThing value unitOfMeasure masked approximate reportingUnit year").split()
    assert set(design) <= _ontology_terms()


def test_undefined_term_raises():
    import pytest

    with pytest.raises(AttributeError):
        DJO.notATerm  # noqa: B018
