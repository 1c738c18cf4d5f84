"""Report digests: the few facts of a report that the overview, the index and the analysis add up over
the corpus — its title, year, level, genre and reporting unit; its statements (kind, label, offset);
the statement edges (invokes, involves, addresses, explains, theme); its counts.

A digest is read from the report's own triples, in one pass, so it says what the store says. The
build makes it in the worker from the triples it has just made and caches it; `kg viz` and
`kg analyze` on a store without that cache read it from each report's named graph. Adding up 10,000
digests takes a second; the same joins as SPARQL over the union of 10,000 named graphs take minutes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from sys import intern
from typing import Any

import pyoxigraph as ox

from .namespaces import DJ_IRI, DJO_IRI

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_REPORT_GRAPHS = DJ_IRI + "graph/report/"
_REPORTS = DJ_IRI + "report/"
STATEMENT_KINDS = ("Practice", "Problem", "Cause", "Measure")
EDGES = ("invokes", "involves", "addresses", "explains", "theme")
_IDENTIFIER = "http://purl.org/dc/terms/identifier"
_META = {"year": "year", "level": "level", "genre": "genre", "reportingUnit": "unit", "programCount": "programs",
         "unitCount": "units"}

Digest = dict[str, Any]


def report_digest(report_id: str, triples: Iterable[ox.Triple]) -> Digest:
    """{"r", "title", "stem", "year", "level", "genre", "unit", "programs", "units", "links",
    "statements": [[iri, kind, label, start]…], "edges": [[relation, a, b]…]} — lists sorted."""
    report = f"{DJ_IRI}report/{report_id}"
    out: Digest = {"r": report, "title": "", "stem": "", "year": "", "level": "", "genre": "", "unit": "", "programs": 0,
                   "units": 0, "links": 0}
    kinds: dict[str, str] = {}
    labels: dict[str, str] = {}
    starts: dict[str, int] = {}
    edges: list[list[str]] = []
    for t in triples:
        if isinstance(t.subject, ox.Triple) or isinstance(t.object, ox.Triple):
            continue  # no RDF-star in a report graph
        s, p, o = t.subject.value, t.predicate.value, t.object
        if p == _TYPE:
            kind = o.value[len(DJO_IRI):] if o.value.startswith(DJO_IRI) else ""
            if kind in STATEMENT_KINDS:
                kinds[s] = kind
            elif kind == "LinkEvidence":
                out["links"] += 1
        elif p == _IDENTIFIER and s == report:
            out["stem"] = o.value
        elif p == _LABEL:
            if s == report:
                out["title"] = o.value
            else:
                labels[s] = o.value
        elif p.startswith(DJO_IRI):
            name = p[len(DJO_IRI):]
            if name == "start":
                starts[s] = int(o.value)
            elif name in EDGES and isinstance(o, ox.NamedNode):
                edges.append([name, s, o.value])
            elif s == report and name in _META:
                key = _META[name]
                out[key] = int(o.value) if key in ("programs", "units") else _last(o.value) if key in (
                    "level", "genre") else o.value
    out["statements"] = sorted([iri, kind, labels.get(iri, ""), starts.get(iri, 0)] for iri, kind in kinds.items())
    out["edges"] = sorted(e for e in edges if e[1] in kinds)
    return out


def compact(digest: Digest) -> Digest:
    """The same digest with its rows as tuples and its repeated strings shared (`sys.intern`): a build holds
    every report's digest at once for the views, and 10,000 read from JSON took 600 MB, a third of that so."""
    out = dict(digest)
    out["statements"] = [(intern(iri), intern(kind), label, start) for iri, kind, label, start in digest["statements"]]
    out["edges"] = [(intern(relation), intern(a), intern(b)) for relation, a, b in digest["edges"]]
    for key in ("level", "genre", "year", "unit"):
        if isinstance(out.get(key), str):
            out[key] = intern(out[key])
    return out


def edges_by_relation(digest: Digest) -> dict[str, dict[str, list[str]]]:
    """A digest's statement edges grouped: relation → statement → targets (in the digest's sorted order)."""
    out: dict[str, dict[str, list[str]]] = {name: defaultdict(list) for name in EDGES}
    for relation, a, b in digest["edges"]:
        out[relation][a].append(b)
    return out


def _last(iri: str) -> str:
    """A packaged concept's label (its IRI's last segment): `…/level/乡镇街道` → 乡镇街道."""
    from urllib.parse import unquote

    return unquote(iri.rsplit("/", 1)[-1])


def report_graph_triples(store: ox.Store) -> Iterator[tuple[str, list[ox.Triple]]]:
    """(report id, its own triples) for every report of a store (its named graph) or of a graph file
    loaded without graph names (the triples whose subject is the report or one of its parts)."""
    graphs = sorted((g for g in store.named_graphs() if g.value.startswith(_REPORT_GRAPHS)), key=lambda g: g.value)
    if graphs:
        for g in graphs:
            yield g.value[len(_REPORT_GRAPHS):], [q.triple for q in store.quads_for_pattern(None, None, None, g)]
        return
    grouped: dict[str, list[ox.Triple]] = defaultdict(list)
    for q in store.quads_for_pattern(None, None, None, None):
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(_REPORTS):
            grouped[q.subject.value[len(_REPORTS):].split("/", 1)[0]].append(q.triple)
    yield from sorted(grouped.items())


def store_digests(store: ox.Store) -> list[Digest]:
    """Every report's digest, read from the store's report graphs (when no build cache has them)."""
    return [report_digest(rid, triples) for rid, triples in report_graph_triples(store)]
