"""RDF terms the graph is made of: the only place that mints IRIs.

IRIs are deterministic: an entity's from its normalised label (percent-encoded where IRIs
require it), a report's from its content hash, a statement's from its report and position.
"""

from __future__ import annotations

import re
from functools import cache

import pyoxigraph as ox

from ..namespaces import DJ_IRI, DJO, NIF_IRI
from ..records import Entity

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
CATEGORY_CLASS = {"program": "Program", "unit": "Unit", "document": "Document", "role": "Role", "place": "Place"}
KIND_CLASS = {"practices": "Practice", "problems": "Problem", "causes": "Cause", "measures": "Measure"}
GRAPH_PREFIX = DJ_IRI + "graph/"  # every named graph a build writes starts so
CORPUS_GRAPH = ox.NamedNode(GRAPH_PREFIX + "corpus")


@cache
def djo(name: str) -> ox.NamedNode:
    return ox.NamedNode(str(getattr(DJO, name)))


@cache
def nif(name: str) -> ox.NamedNode:
    return ox.NamedNode(NIF_IRI + name)


@cache
def term(iri: str) -> ox.NamedNode:
    """A vocabulary or entity node, made once per process."""
    return ox.NamedNode(iri)


def fresh(iri: str) -> ox.NamedNode:
    """A node of one report (its statements, mentions, sentences, metrics): never cached, since a build's
    worker mints millions of them and a cache would hold every one until the worker ends."""
    return ox.NamedNode(iri)


@cache
def skos(name: str) -> ox.NamedNode:
    return ox.NamedNode(SKOS + name)


def zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def integer(n: int) -> ox.Literal:
    return ox.Literal(str(int(n)), datatype=term(XSD + "integer"))


def decimal(x: float) -> ox.Literal:
    text = f"{x:.6f}".rstrip("0").rstrip(".")  # the canonical form Oxigraph also stores
    return ox.Literal(text, datatype=term(XSD + "decimal"))


def boolean(b: bool) -> ox.Literal:
    return ox.Literal("true" if b else "false", datatype=term(XSD + "boolean"))


def gyear(year: int) -> ox.Literal:
    return ox.Literal(str(year), datatype=term(XSD + "gYear"))


_SAFE = re.compile(r"[0-9A-Za-z\u4e00-\u9fff_-]")
_ALL_SAFE = re.compile(r"[0-9A-Za-z\u4e00-\u9fff_-]*")


def slug(label: str) -> str:
    """An IRI path segment for a label: Han characters and ASCII letters kept, the rest percent-encoded."""
    if _ALL_SAFE.fullmatch(label):  # most labels: one match instead of one per character
        return label
    return "".join(ch if _SAFE.match(ch) else "".join(f"%{b:02X}" for b in ch.encode("utf-8")) for ch in label)


def entity_iri(category: str, label: str) -> str:
    return f"{DJ_IRI}{category}/{slug(label)}"


def node_iri(e: Entity, report_id: str) -> str:
    """An entity's IRI; a unit named only by masks or level words is one node per report."""
    base = entity_iri(e.category, e.label)
    return f"{base}/{report_id}" if e.category == "unit" and e.local else base


def concept_iri(scheme: str, label: str) -> str:
    """A concept of a packaged or corpus SKOS scheme: genre, level, unitkind."""
    return f"{DJ_IRI}{scheme}/{slug(label)}"


def report_iri(report_id: str) -> str:
    return f"{DJ_IRI}report/{report_id}"


def report_graph(report_id: str) -> ox.NamedNode:
    return fresh(f"{DJ_IRI}graph/report/{report_id}")


def theme_iri(name: str) -> str:
    return entity_iri("theme", name)
