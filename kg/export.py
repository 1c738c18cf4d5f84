"""`kg export`: the whole graph, one report's part, or a CONSTRUCT result, as Turtle, N-Triples,
JSON-LD or GraphML (the networkx view, for Gephi)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from .errors import KgError
from .graph import CORPUS_GRAPH, report_graph
from .namespaces import PREFIXES
from .store import atomic_write, load_graph, triples

FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}


def _report_id(store: ox.Store, report: str) -> str:
    rows = store.query("""PREFIX djo: <https://w3id.org/dangjian-kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT ?r ?t ?stem WHERE { ?r a djo:Report ; rdfs:label ?t . OPTIONAL { ?r dcterms:identifier ?stem } }""",
                       use_default_graph_as_union=True)
    for row in rows:
        rid = row["r"].value.rsplit("/", 1)[1]
        if report in (rid, row["t"].value, row["stem"].value if row["stem"] else None):
            return rid
    raise KgError(f"no report `{report}` in the graph (give its id, file stem or title).")


def _report_triples(store: ox.Store, rid: str) -> list[ox.Triple]:
    """A report's own triples plus the entity nodes it names (their labels, types and definitions)."""
    own = [q.triple for q in store.quads_for_pattern(None, None, None, report_graph(rid))]
    if not own:
        raise KgError(f"report {rid} has no triples in this graph (export --report needs a store built by kg build).")
    named = {t.object for t in own if isinstance(t.object, ox.NamedNode)} | {t.subject for t in own}
    extra = [q.triple for q in store.quads_for_pattern(None, None, None, CORPUS_GRAPH) if q.subject in named]
    return own + extra


def _construct(store: ox.Store, spec: str) -> list[ox.Triple]:
    from .query import resolve

    q = resolve(spec)
    try:
        answer = store.query(q.text, prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise KgError(f"SPARQL syntax error: {err}.") from None
    if not isinstance(answer, ox.QueryTriples):
        raise KgError("--construct needs a CONSTRUCT or DESCRIBE query.")
    return list(answer)


def export(graph: Path, fmt: str, out: Path, report: str | None = None, construct: str | None = None) -> int:
    """Write the export; return the number of triples (or GraphML nodes)."""
    store = load_graph(graph)
    if fmt == "graphml":
        import networkx as nx

        from .analysis import graphml_graph

        if report or construct:
            raise KgError("GraphML exports the whole networkx view; --report and --construct work with ttl, nt, jsonld.")
        g = graphml_graph(store)
        atomic_write(out, lambda fh: nx.write_graphml(g, fh, encoding="utf-8"))
        return g.number_of_nodes()
    if report and construct:
        raise KgError("use either --report or --construct, not both.")
    if report:
        data = _report_triples(store, _report_id(store, report))
    elif construct:
        data = _construct(store, construct)
    else:
        data = list(triples(store))
    atomic_write(out, lambda fh: ox.serialize(data, fh, FORMATS[fmt], prefixes=PREFIXES if fmt == "ttl" else None))
    return len(data)
