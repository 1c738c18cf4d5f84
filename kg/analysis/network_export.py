"""The corpus as a directed network for graph tools (Gephi, networkx, Cytoscape): every node kind —
reports, programs, units, documents, themes and the statements (problems, measures, causes,
practices) — with the relations between them, coloured and sized for Gephi.

Colours come from `kg/templates/styles.json` (the overview's palette); a node's size grows with the
number of reports that name it (reports and statements have the base size). GraphML carries the
colour as Gephi's GraphML importer reads it (`r`, `g`, `b` integers, `size`); GEXF as `viz:color` and
`viz:size`.
"""

from __future__ import annotations

import math

import networkx as nx
import pyoxigraph as ox

from ..namespaces import DJO_IRI
from ..query import select
from ..styles import class_styles

BASE_SIZE = 10.0
RELATIONS = ("invokes", "involves", "addresses", "explains")


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def network_graph(store: ox.Store) -> nx.DiGraph:
    """Nodes with `label`, `kind`, `kind_zh`, `reports`, `iri`; edges with `relation` and `weight`."""
    g = nx.DiGraph()
    styles = class_styles()

    def node(iri: str, label: str, kind: str, reports: int = 0) -> None:
        g.add_node(iri, label=label, kind=kind, kind_zh=styles[kind]["zh"], reports=reports, iri=iri)

    for r in select(store, "network_reports"):
        node(r["r"], r["title"], "Report", 1)
        if r["year"]:
            g.nodes[r["r"]]["year"] = r["year"]
        if r["level"]:
            g.nodes[r["r"]]["level"] = r["level"]
    for e in select(store, "network_entities"):
        node(e["e"], e["label"], e["c"].rsplit("#", 1)[1], int(e["n"] or 0))
    for s in select(store, "network_statements"):
        node(s["s"], s["label"], s["c"].rsplit("#", 1)[1])
        g.add_edge(s["s"], s["r"], relation="inReport", weight=1.0)
    for row in select(store, "network_mentions"):
        if row["r"] in g and row["e"] in g:
            g.add_edge(row["r"], row["e"], relation="mentions", weight=float(row["n"]))
    for relation in RELATIONS:
        for row in select(store, "statement_edges", relation=DJO_IRI + relation):
            if row["a"] in g and row["b"] in g:
                g.add_edge(row["a"], row["b"], relation=relation, weight=1.0)
    for row in select(store, "statement_theme_links"):
        if row["p"] in g and row["t"] in g:
            g.add_edge(row["p"], row["t"], relation="theme", weight=1.0)
    for row in select(store, "components"):
        if row["a"] in g and row["b"] in g:
            g.add_edge(row["a"], row["b"], relation="hasComponent", weight=1.0)
    for row in select(store, "text_shares"):
        if row["a"] in g and row["b"] in g:
            share = float(row["s"])
            g.add_edge(row["a"], row["b"], relation="sharesTextWith", weight=share)
            g.add_edge(row["b"], row["a"], relation="sharesTextWith", weight=share)
    for _, d in g.nodes(data=True):
        red, green, blue = _rgb(styles[d["kind"]]["color"])
        grows = d["kind"] in ("Program", "Unit", "Document", "Theme")
        d.update(r=red, g=green, b=blue, color=styles[d["kind"]]["color"],
                 size=round(BASE_SIZE + 4 * math.log2(1 + d["reports"]), 2) if grows else BASE_SIZE)
    return g


def for_gexf(g: nx.DiGraph) -> nx.DiGraph:
    """A copy with Gephi's `viz` attributes (colour, size) that networkx's GEXF writer understands."""
    out = g.copy()
    for _, d in out.nodes(data=True):
        d["viz"] = {"color": {"r": d.pop("r"), "g": d.pop("g"), "b": d.pop("b"), "a": 1.0}, "size": d["size"]}
    return out
