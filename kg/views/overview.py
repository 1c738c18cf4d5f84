"""The corpus overview's data, from the store: the most-reported programs, units, documents and
problem themes (up to `max_nodes`, the rest said on the page), reports when there are few, the
edges between them and each node's side-panel details. Positions come from a seeded networkx
layout so the browser only fine-tunes."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from ..namespaces import DJ_IRI
from ..query import select

MAX_NODES = 400
REPORTS_DRAWN_UP_TO = 60
CLASSES = {
    "Report": {"zh": "报告", "color": "#5d6d7e", "shape": "box"},
    "Program": {"zh": "提法", "color": "#c0392b", "shape": "dot"},
    "Unit": {"zh": "单位", "color": "#2471a3", "shape": "diamond"},
    "Document": {"zh": "文件", "color": "#7d3c98", "shape": "square"},
    "Theme": {"zh": "问题主题", "color": "#d68910", "shape": "triangle"},
}
RELATIONS = {"mentions": "提及", "cooccurs": "同条共现", "raises": "提出问题", "hasComponent": "组成部分"}


@dataclass
class Candidate:
    iri: str
    cls: str
    label: str
    reports: int
    mentions: int


@dataclass
class Overview:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    details: dict[str, dict[str, Any]]
    total: int
    shown: int
    reports: list[dict[str, str]] = field(default_factory=list)


def candidates(store: ox.Store) -> list[Candidate]:
    """Every entity and theme the overview could draw, most-reported first."""
    out = [Candidate(r["e"], r["c"].split("#")[1], r["label"], int(r["n"]), int(r["m"]))
           for r in select(store, "entities_ranked")]
    out += [Candidate(r["t"], "Theme", r["label"], int(r["n"]), int(r["m"])) for r in select(store, "themes_counted")]
    out.sort(key=lambda c: (-c.reports, -c.mentions, c.label, c.iri))
    return out


def overview_data(store: ox.Store, max_nodes: int = MAX_NODES) -> Overview:
    """Nodes, edges and side-panel details of the corpus overview, from the store."""
    reports = select(store, "reports")
    pool = candidates(store)
    show_reports = len(reports) <= REPORTS_DRAWN_UP_TO
    kept = pool[:max(max_nodes - (len(reports) if show_reports else 0), 0)]
    nodes, details = _nodes(kept, reports if show_reports else [])
    edges = _edges(store, kept, show_reports)
    _details(store, kept, details, {r["r"]: r["label"] for r in reports})
    _layout(nodes, edges)
    node_ids = {n["id"] for n in nodes}
    return Overview(nodes, [e for e in edges if e["from"] in node_ids and e["to"] in node_ids], details,
                    len(pool) + len(reports), len(nodes), reports)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _nodes(kept: list[Candidate], reports: list[dict[str, str]]) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    nodes: list[dict[str, Any]] = []
    details: dict[str, dict[str, Any]] = {}
    max_n = max([c.reports for c in kept] + [1])
    for c in kept:
        scale = math.sqrt(c.reports / max_n)
        nodes.append({"id": c.iri, "label": c.label, "group": c.cls, "value": c.reports,
                      "mass": round(1 + 4 * c.reports / max_n, 2), "size": 12 + 26 * scale,
                      "font": {"size": int(10 + 14 * scale)}})
        details[c.iri] = {"label": c.label, "kind": CLASSES[c.cls]["zh"], "reports": c.reports, "mentions": c.mentions}
    for r in reports:
        nodes.append({"id": r["r"], "label": _short(r["label"], 14), "group": "Report", "value": max_n,
                      "font": {"size": 16, "color": "#ffffff"}})
        details[r["r"]] = {"label": r["label"], "kind": "报告", "year": r["year"],
                           "page": f"reports/{r['r'].rsplit('/', 1)[1]}.html"}
    return nodes, details


def _edges(store: ox.Store, kept: list[Candidate], show_reports: bool) -> list[dict[str, Any]]:
    kept_ids = {c.iri for c in kept}
    edges: list[dict[str, Any]] = []
    if show_reports:
        edges += [{"from": row["r"], "to": row["e"], "label": RELATIONS["mentions"], "value": 1}
                  for row in select(store, "report_entities") if row["e"] in kept_ids]
        edges += [{"from": row["r"], "to": row["t"], "label": RELATIONS["raises"], "value": 1}
                  for row in select(store, "report_themes") if row["t"] in kept_ids]
    for c in kept:  # programs with the kept units named in the same statements: one indexed lookup per program
        if c.cls == "Program":
            edges += [{"from": c.iri, "to": row["u"], "label": RELATIONS["cooccurs"], "value": int(row["n"])}
                      for row in select(store, "program_unit_cooccurrence", program=c.iri) if row["u"] in kept_ids]
    edges += [{"from": row["a"], "to": row["b"], "label": RELATIONS["hasComponent"], "value": 1}
              for row in select(store, "components") if row["a"] in kept_ids and row["b"] in kept_ids]
    edges.sort(key=lambda e: (e["from"], e["to"], e["label"]))
    return edges


def _sentence(text: str, at: int) -> str:
    """The sentence of `text` around offset `at`."""
    stops = "。！？；\n"
    begin = max(text.rfind(ch, 0, at) for ch in stops) + 1
    ends = [i for i in (text.find(ch, at) for ch in stops) if i >= 0]
    return text[begin:(min(ends) + 1 if ends else len(text))].strip()


def _details(store: ox.Store, kept: list[Candidate], details: dict[str, dict[str, Any]],
             report_label: dict[str, str]) -> None:
    """Side-panel details: definitions, official expansions, mentioning reports, up to five sentences."""
    for row in select(store, "definitions"):
        if row["e"] in details:
            details[row["e"]].setdefault("definitions", []).append(row["d"])
    for row in select(store, "official_expansions"):
        if row["e"] in details:
            details[row["e"]]["official"] = row["d"]
    for c in kept:
        if c.cls == "Theme" or not c.iri.startswith(DJ_IRI):
            continue
        sentences: list[tuple[str, str]] = []
        mentioned_in: set[str] = set()
        rows = sorted(select(store, "entity_sentences", entity=c.iri), key=lambda r: (r["r"], int(r["start"])))
        for row in rows:
            mentioned_in.add(row["r"])
            s = _sentence(row["ctext"], int(row["start"]) - int(row["cstart"]))
            if len(sentences) < 5 and all(s != known for _, known in sentences):
                sentences.append((row["r"], s))
        details[c.iri]["sentences"] = [{"report": report_label.get(r, r), "text": s} for r, s in sentences]
        details[c.iri]["in_reports"] = sorted(report_label.get(r, r) for r in mentioned_in)[:20]


def _layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Fixed positions from a seeded spring layout, so the browser only fine-tunes."""
    import networkx as nx

    if not nodes:
        return
    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in nodes)
    g.add_edges_from((e["from"], e["to"]) for e in edges if e["from"] in g and e["to"] in g)
    k = 3.2 / math.sqrt(len(nodes))
    pos = nx.spring_layout(g, seed=7, k=k, iterations=50)
    if len(nodes) <= 300:
        pos = nx.kamada_kawai_layout(g, pos=pos)
    scale = 55 * math.sqrt(len(nodes))
    for n in nodes:
        x, y = pos[n["id"]]
        n["x"], n["y"] = round(float(x) * scale, 1), round(float(y) * scale, 1)


def membership(data: Overview) -> dict[str, list[str]]:
    """Report → the node ids linked to it (for the report / year filter)."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in data.edges:
        if e["label"] in (RELATIONS["mentions"], RELATIONS["raises"]):
            out[e["from"]].add(e["to"])
    return {k: sorted(v) for k, v in sorted(out.items())}
