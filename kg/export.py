"""`kg export`: the whole graph, one report's part, or a CONSTRUCT result, as Turtle, N-Triples or
compacted JSON-LD; or the corpus network (every node kind, directed, coloured and sized for Gephi) as
GraphML or GEXF. `-o -` writes to standard output."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from .errors import E, GraphError, KgError, QueryError
from .graph import CORPUS_GRAPH, report_graph
from .jsonld import write_jsonld
from .namespaces import PREFIXES
from .query import refuse, resolve, run_oxigraph, select
from .store import atomic_write, load_graph, triples

RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = (*RDF_FORMATS, "jsonld", *NETWORK_FORMATS)


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
    return sorted(result.triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))


def _write(out: Path, write: Callable[[IO[bytes]], object]) -> None:
    """To the file, atomically; or to standard output for `-`."""
    if str(out) == "-":
        write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        atomic_write(out, write)


def _network(store: ox.Store, fmt: str, out: Path) -> int:
    import networkx as nx

    from .analysis.network_export import for_gexf, network_graph

    g = network_graph(store)
    if fmt == "graphml":
        _write(out, lambda fh: nx.write_graphml(g, fh, encoding="utf-8"))
    else:
        _write(out, lambda fh: nx.write_gexf(for_gexf(g), fh, encoding="utf-8"))
    return int(g.number_of_nodes())


def export(graph: Path, fmt: str, out: Path, report: str | None = None, construct: str | None = None) -> int:
    """Write the export; return the number of triples (or of network nodes)."""
    if fmt not in FORMATS:
        raise KgError(E.BAD_OPTION, option="--format", problem="must be one of " + ", ".join(FORMATS))
    store = load_graph(graph)
    if fmt in NETWORK_FORMATS:
        if report or construct:
            raise KgError(E.EXPORT_GRAPHML_ONLY_WHOLE)
        return _network(store, fmt, out)
    if report and construct:
        raise KgError(E.EXPORT_ONE_OF)
    if report:
        data: list[ox.Triple] = _report_triples(store, _report_id(store, report))
    elif construct:
        data = _construct(store, construct)
    else:
        data = list(triples(store))
    if fmt == "jsonld":
        _write(out, lambda fh: write_jsonld(data, fh, PREFIXES))
    else:
        _write(out, lambda fh: ox.serialize(data, fh, RDF_FORMATS[fmt], prefixes=PREFIXES if fmt == "ttl" else None))
    return len(data)
