"""JSON-LD for people and tools that read it compacted: one `@context` with the project's prefixes,
node objects keyed by compact IRIs (`rdfs:label`, `djo:inReport`), written as a stream so a large graph
never sits in memory as one JSON tree.

pyoxigraph writes expanded JSON-LD only (full IRIs everywhere, no context); this is the compact form
a reader expects, and any JSON-LD processor expands it back to the same triples. Integers and
booleans are written as JSON numbers and booleans (they expand to xsd:integer and xsd:boolean again);
every other typed literal keeps its `@type`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import IO, Any

import pyoxigraph as ox

_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class _Compactor:
    """Full IRIs → compact IRIs with the longest matching prefix."""

    def __init__(self, prefixes: dict[str, str]) -> None:
        self._by_length = sorted(prefixes.items(), key=lambda kv: -len(kv[1]))

    def __call__(self, iri: str) -> str:
        for name, ns in self._by_length:
            if iri.startswith(ns) and not iri[len(ns):].startswith("//"):
                return f"{name}:{iri[len(ns):]}"
        return iri


def _term(term: ox.NamedNode | ox.BlankNode, c: _Compactor) -> str:
    return f"_:{term.value}" if isinstance(term, ox.BlankNode) else c(term.value)


def _value(obj: Any, c: _Compactor) -> Any:
    if isinstance(obj, ox.NamedNode | ox.BlankNode):
        return {"@id": _term(obj, c)}
    if obj.language:
        return {"@value": obj.value, "@language": obj.language}
    datatype = obj.datatype.value
    if datatype == _XSD + "string":
        return obj.value
    if datatype == _XSD + "integer" and obj.value.lstrip("-").isdigit() and str(int(obj.value)) == obj.value:
        return int(obj.value)
    if datatype == _XSD + "boolean" and obj.value in ("true", "false"):
        return obj.value == "true"
    return {"@value": obj.value, "@type": c(datatype)}


def node_objects(triples: Iterable[ox.Triple], prefixes: dict[str, str]) -> Iterator[dict[str, Any]]:
    """One node object per run of triples with the same subject (a subject seen again later gets a
    second object with the same @id, which JSON-LD merges)."""
    c = _Compactor(prefixes)
    for subject, group in groupby(triples, key=lambda t: t.subject):
        node: dict[str, Any] = {"@id": _term(subject, c)}
        for t in group:
            if t.predicate.value == _RDF_TYPE and isinstance(t.object, ox.NamedNode):
                node.setdefault("@type", []).append(c(t.object.value))
            else:
                node.setdefault(c(t.predicate.value), []).append(_value(t.object, c))
        for key, values in node.items():
            if isinstance(values, list) and len(values) == 1:
                node[key] = values[0]
        yield node


def write_jsonld(triples: Iterable[ox.Triple], fh: IO[bytes], prefixes: dict[str, str]) -> None:
    """{"@context": {prefix: namespace…}, "@graph": [node objects…]}, one node object per line."""
    context = json.dumps(dict(sorted(prefixes.items())), ensure_ascii=False)
    fh.write(f'{{"@context": {context},\n "@graph": [\n'.encode())
    first = True
    for node in node_objects(triples, prefixes):
        fh.write(b"" if first else b",\n")
        fh.write(json.dumps(node, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        first = False
    fh.write(b"\n]}\n")
