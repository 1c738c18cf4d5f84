"""`kg validate`: SHACL check of a graph against the packaged shapes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import E, GraphError
from .store import load_graph, to_rdflib


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[str]
    text: str


def shapes_graph():
    import rdflib

    from .ontology import path

    return rdflib.Graph().parse(path("shapes.ttl"), format="turtle")


def ontology_graph():
    import rdflib

    from .ontology import path

    return rdflib.Graph().parse(path("dangjian.ttl"), format="turtle")


def validate_graph(graph) -> ValidationReport:
    """Validate an rdflib graph; violations as readable one-liners."""
    import rdflib
    from pyshacl import validate as shacl

    conforms, results, _ = shacl(graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(),
                                 inference="none", advanced=False, allow_warnings=True)
    SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    lines = []
    for result in results.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        lines.append(f"{focus} {graph.namespace_manager.normalizeUri(path) if path else ''}: {message}")
    lines.sort()
    if conforms:
        text = f"The graph conforms to the shapes ({len(graph):,} triples checked)."
    else:
        shown = lines[:50]
        text = "\n".join([f"The graph does not conform: {len(lines)} violation(s)."] + shown
                         + ([f"… and {len(lines) - 50} more"] if len(lines) > 50 else []))
    return ValidationReport(bool(conforms), lines, text)


def validate(path: Path) -> ValidationReport:
    if not path.exists():
        raise GraphError(E.NO_GRAPH, path=path)
    return validate_graph(to_rdflib(load_graph(path)))
