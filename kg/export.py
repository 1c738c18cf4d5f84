"""`kg export`: the whole graph, one report's part, or a CONSTRUCT result, as Turtle, N-Triples,
JSON-LD or GraphML (the networkx view, for Gephi)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import E, GraphError, KgError, QueryError
from .graph import CORPUS_GRAPH, report_graph
from .namespaces import PREFIXES
from .query import refuse, resolve, run_oxigraph, select
from .store import atomic_write, load_graph, triples

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}


def _report_id(store: ox.Store, report: str) -> str:
    for row in select(store, "report_lookup"):
        rid = row["r"].rsplit("/", 1)[1]
        if report in (rid, row["t"], row["stem"] or None):
            return rid
    raise GraphError(E.NO_REPORT, report=report)


def _report_triples(store: ox.Store, rid: str) -> list[ox.Triple]:
    """A report's own triples plus the entity nodes it names (their labels, types and definitions)."""
    own = [q.triple for q in store.quads_for_pattern(None, None, None, report_graph(rid))]
    if not own:
        raise GraphError(E.NO_REPORT_GRAPH, report=rid)
    named = {t.object for t in own if isinstance(t.object, ox.NamedNode)} | {t.subject for t in own}
    extra = [q.triple for q in store.quads_for_pattern(None, None, None, CORPUS_GRAPH) if q.subject in named]
    return own + extra


def _construct(store: ox.Store, spec: str) -> list[ox.Triple]:
    q = resolve(spec)
    refuse(q.text)
    result = run_oxigraph(store, q.text, {})
    if result.kind != "graph":
        raise QueryError(E.CONSTRUCT_NEEDED)
    return result.triples


def export(graph: Path, fmt: str, out: Path, report: str | None = None, construct: str | None = None) -> int:
    """Write the export; return the number of triples (or GraphML nodes)."""
    store = load_graph(graph)
    if fmt == "graphml":
        import networkx as nx

        from .analysis import graphml_graph

        if report or construct:
            raise KgError(E.EXPORT_GRAPHML_ONLY_WHOLE)
        g = graphml_graph(store)
        atomic_write(out, lambda fh: nx.write_graphml(g, fh, encoding="utf-8"))
        return g.number_of_nodes()
    if report and construct:
        raise KgError(E.EXPORT_ONE_OF)
    if report:
        data = _report_triples(store, _report_id(store, report))
    elif construct:
        data = _construct(store, construct)
    else:
        data = list(triples(store))
    atomic_write(out, lambda fh: ox.serialize(data, fh, FORMATS[fmt], prefixes=PREFIXES if fmt == "ttl" else None))
    return len(data)
