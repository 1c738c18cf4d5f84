"""Extraction → RDF, in pyoxigraph terms so triples stream straight into the store.

`terms` mints every IRI and literal; `report` makes a report's own triples (its named graph,
the lean NIF-aligned provenance model); `corpus` merges entity facts over reports into the
corpus graph with the SKOS schemes; `shared_text` the links between reports that share text.
The two kinds of graph never share a subject, so their union has no duplicates.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ..namespaces import PREFIXES
from ..records import Extraction
from .corpus import EntityFact, corpus_triples, entity_facts, schemes
from .report import iter_report_triples, report_triples
from .terms import (
    CORPUS_GRAPH,
    GRAPH_PREFIX,
    concept_iri,
    entity_iri,
    node_iri,
    report_graph,
    report_iri,
    slug,
    term,
)
from .text_links import shared_text_triples

__all__ = ["CORPUS_GRAPH", "GRAPH_PREFIX", "EntityFact", "concept_iri", "corpus_triples", "entity_facts",
           "entity_iri", "node_iri",
           "iter_report_triples", "report_graph", "report_iri", "report_triples", "report_turtle", "schemes", "shared_text_triples", "slug",
           "term", "to_turtle"]


def to_turtle(triples: Iterable[ox.Triple]) -> str:
    """Serialise triples as Turtle with the project's prefixes."""
    return (ox.serialize(list(triples), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b"").decode("utf-8")


def report_turtle(x: Extraction) -> str:
    """One report's graph with its entity nodes, as Turtle (for `kg extract --format ttl`)."""
    return to_turtle(report_triples(x) + corpus_triples([entity_facts(x)]))
