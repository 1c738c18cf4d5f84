"""The corpus overview's data, from the store: what is drawn first, what can be brought in, and what
every panel says.

First view: the most-reported programs and units (up to `max_nodes`), sized by the number of reports
naming them, coloured by class (or by community: Louvain over their co-occurrence, fixed seed), laid out
by a seeded networkx layout whose node-and-label boxes are then pushed apart until none overlaps, so the
browser draws it as it is (physics off). Documents, problem themes and (for up to REPORTS_DRAWN_UP_TO
reports) the reports are one toggle away. A wider pool (POOL_FACTOR × max_nodes) has neighbours and
panels, so a search or a double-click can bring it in; every other entity of the corpus is still
searchable, with its counts.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from ..digest import Digest, store_digests
from ..query import select
from ..styles import class_styles, community_colours, relation_names
from .digested import Digested
from .layout import layout
from .report_view import label_of

MAX_NODES = 400
FIRST_VIEW = 100  # programs and units drawn first (at most max_nodes): enough to read at the fitted zoom
POOL_FACTOR = 5
REPORTS_DRAWN_UP_TO = 200
NEIGHBOURS = 12  # neighbours kept per pool entity
SENTENCES = 5
UNIT_PROBLEMS = 10  # problems a unit's panel lists (the reports with the lowest IRIs first)
THEME_PROBLEMS = 40
CLASSES = {k: v for k, v in class_styles().items() if k in ("Program", "Unit", "Document", "Theme", "Report")}
COMMUNITY_COLOURS = community_colours()
RELATIONS = {k: relation_names()[k] for k in ("cooccurs", "hasComponent", "mentions", "raises")}


@dataclass
class Overview:
    entities: list[list[Any]]  # [iri, label, class, reports, mentions, community] — every entity of the corpus
    drawn: list[int]  # indexes drawn first
    toggled: list[int]  # indexes drawn when their class is switched on (documents, themes, reports)
    positions: dict[int, list[float]]
    edges: list[list[Any]]  # [a, b, weight, relation] among pool entities
    details: dict[int, dict[str, Any]]
    years: dict[int, list[str]]  # index → years of the reports naming it
    levels: dict[int, list[str]]
    reports: list[dict[str, Any]]
    themes: list[str]
    total: int
    notes: list[str] = field(default_factory=list)
    report_of: dict[int, dict[str, Any]] = field(default_factory=dict)  # report node → its metadata
    membership: dict[int, list[int]] = field(default_factory=dict)  # report node → the entities it names
    entity_themes: dict[int, list[str]] = field(default_factory=dict)

    @property
    def shown(self) -> int:
        return len(self.drawn)


def _rank(store: ox.Store, agg: Digested) -> list[list[Any]]:
    rows: list[list[Any]] = [[r["e"], r["label"], r["c"].split("#")[1], int(r["n"]), int(r["m"]), -1]
            for r in select(store, "entities_ranked")]
    rows += [[t, label_of(t), "Theme", len(agg.theme_reports[t]), len(agg.theme_problems[t]), -1]
             for t in sorted(agg.theme_problems)]
    rows.sort(key=lambda e: (-e[3], -e[4], e[1], e[0]))
    return rows


def overview_data(store: ox.Store, max_nodes: int = MAX_NODES, digests: list[Digest] | None = None) -> Overview:
    """Everything graph.html embeds: entity ranks, definitions and examples from the corpus graph, the
    rest added up from the reports' digests (read from the store when not given)."""
    agg = Digested(store_digests(store) if digests is None else digests)
    entities = _rank(store, agg)
    index = {e[0]: i for i, e in enumerate(entities)}
    reports = agg.reports
    first = [i for i, e in enumerate(entities) if e[2] in ("Program", "Unit")][:min(FIRST_VIEW, max_nodes)]
    extra = [i for i, e in enumerate(entities) if e[2] in ("Document", "Theme")][:max_nodes // 2]
    pool_size = max_nodes * POOL_FACTOR
    pool = sorted(set(first) | set(extra) | {i for i, e in enumerate(entities) if e[2] in ("Program", "Unit")}
                  .intersection(range(pool_size)))
    edges = _edges(store, agg, entities, index, pool)
    _communities(entities, first, edges)
    notes = []
    report_nodes: list[int] = []
    report_of: dict[int, dict[str, Any]] = {}
    membership: dict[int, list[int]] = {}
    if len(reports) <= REPORTS_DRAWN_UP_TO:
        for r in reports:
            index[r["iri"]] = len(entities)
            report_of[len(entities)] = r
            report_nodes.append(len(entities))
            entities.append([r["iri"], r["title"], "Report", 1, 0, -1])
        report_edges = _report_edges(store, agg, index, set(range(len(entities))))
        for a, b, _, _ in report_edges:
            membership.setdefault(a, []).append(b)
        edges += [e for e in report_edges if e[1] in set(first) | set(extra)]
    else:
        notes.append(f"报告共 {len(reports)} 份，多于 {REPORTS_DRAWN_UP_TO} 份时不在总览中画出；请从索引打开报告页面。")
    drawn_or_toggled = first + extra + report_nodes
    positions = layout([entities[i] for i in drawn_or_toggled], drawn_or_toggled,
                       [(a, b, w) for a, b, w, _ in edges if a in set(drawn_or_toggled) and b in set(drawn_or_toggled)])
    details = _details(store, agg, entities, index, pool, first + extra, edges, reports)
    years, levels = _years_levels(store, agg, index)
    for i, r in report_of.items():
        years[i], levels[i] = [r["year"]] if r["year"] else [], [r["level"]] if r["level"] else []
    themes_of: dict[int, list[str]] = defaultdict(list)
    for e, found in agg.entity_themes.items():
        if e in index:
            themes_of[index[e]] += sorted(found)
    hidden = len(entities) - len(first)
    if hidden > 0:
        notes.append(f"首屏显示被最多报告提到的 {len(first)} 个提法和单位；其余 {hidden} 个节点可搜索、双击展开或用上方开关显示。")
    return Overview(entities, first, extra + report_nodes, positions, edges, details, years, levels, reports,
                    sorted({e[1] for e in entities if e[2] == "Theme"}), len(entities), notes, report_of,
                    {k: sorted(set(v)) for k, v in membership.items()}, {k: sorted(v) for k, v in themes_of.items()})


def _edges(store: ox.Store, agg: Digested, entities: list[list[Any]], index: dict[str, int],
           pool: list[int]) -> list[list[Any]]:
    """Co-occurrence (program–unit, program–program) and components among pool entities, strongest first."""
    weights: Counter[tuple[int, int, str]] = Counter()
    pool_set = set(pool)
    for pairs in (agg.programs_with, agg.program_pairs):
        for (x, y), n in pairs.items():
            i, j = index.get(x), index.get(y)
            if i is not None and j is not None and i in pool_set and j in pool_set:
                weights[(min(i, j), max(i, j), "cooccurs") if pairs is agg.program_pairs else (i, j, "cooccurs")] += n
    for row in select(store, "components"):
        a, b = index.get(row["a"]), index.get(row["b"])
        if a is not None and b is not None:
            weights[(a, b, "hasComponent")] = max(weights[(a, b, "hasComponent")], 1)
    kept: Counter[int] = Counter()
    out = []
    for (a, b, rel), w in sorted(weights.items(), key=lambda kv: (-kv[1], kv[0])):
        if rel == "hasComponent" or (kept[a] < NEIGHBOURS and kept[b] < NEIGHBOURS):
            out.append([a, b, w, rel])
            kept[a] += 1
            kept[b] += 1
    return out


def _report_edges(store: ox.Store, agg: Digested, index: dict[str, int], shown: set[int]) -> list[list[Any]]:
    out = []
    for row in select(store, "report_entities"):
        r, e = index.get(row["r"]), index.get(row["e"])
        if r is not None and e is not None and e in shown:
            out.append([r, e, 1, "mentions"])
    for t, reports in agg.theme_reports.items():
        for report in reports:
            r, e = index.get(report), index.get(t)
            if r is not None and e is not None and e in shown:
                out.append([r, e, 1, "raises"])
    return sorted(out)


def _communities(entities: list[list[Any]], first: list[int], edges: list[list[Any]]) -> None:
    """Louvain communities of the first view's programs (fixed seed); a unit joins its strongest program's."""
    import networkx as nx

    programs = [i for i in first if entities[i][2] == "Program"]
    g = nx.Graph()
    g.add_nodes_from(programs)
    strongest: dict[int, tuple[int, int]] = {}
    for a, b, w, rel in edges:
        if rel != "cooccurs":
            continue
        if a in g and b in g:
            g.add_edge(a, b, weight=w)
        for p, other in ((a, b), (b, a)):
            if entities[p][2] == "Program" and entities[other][2] == "Unit" and w > strongest.get(other, (-1, 0))[1]:
                strongest[other] = (p, w)
    if g.number_of_edges():
        found = nx.community.louvain_communities(g, weight="weight", seed=7)
        for n, members in enumerate(sorted(found, key=lambda m: (-len(m), min(m)))):
            for p in members:
                entities[p][5] = n
    for unit, (p, _) in strongest.items():
        entities[unit][5] = entities[p][5]


def _sentence(text: str, at: int) -> tuple[int, str]:
    """(offset in text, the sentence) around offset `at`."""
    stops = "。！？；\n"
    begin = max(text.rfind(ch, 0, at) for ch in stops) + 1
    ends = [i for i in (text.find(ch, at) for ch in stops) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    raw = text[begin:end]
    return begin + len(raw) - len(raw.lstrip()), raw.strip()


def _examples(store: ox.Store, entities: list[list[Any]], wanted: set[int],
              pages: dict[str, dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """Up to SENTENCES source sentences per entity, from the example mentions the corpus graph keeps."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    rows = sorted(((entities[i][0], i, r) for i in wanted
                   for r in select(store, "entity_examples", entity=ox.NamedNode(entities[i][0]))),
                  key=lambda t: (t[0], t[2]["m"]))
    for _, i, row in rows:
        start, cstart = int(row["start"]), int(row["cstart"])
        end = int(row["end"]) if row["end"] else start + len(entities[i][1])
        offset, text = _sentence(row["ctext"], start - cstart)
        report = pages.get(row["r"])
        if report is None or any(s["text"] == text for s in out[i]) or len(out[i]) >= SENTENCES:
            continue
        out[i].append({"report": report["title"], "page": report["page"], "at": [start, end], "text": text,
                       "sentence_start": cstart + offset})
    return out


def _details(store: ox.Store, agg: Digested, entities: list[list[Any]], index: dict[str, int], pool: list[int],
             shown: list[int], edges: list[list[Any]], reports: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Panel contents: for every pool entity its neighbours; for drawn ones also definitions, variants,
    sentences, units' problems; themes' problems; reports' problems and measures."""
    pages = {r["iri"]: r for r in reports}
    details: dict[int, dict[str, Any]] = defaultdict(dict)
    for a, b, w, rel in edges:
        if rel in ("cooccurs", "hasComponent"):
            details[a].setdefault(rel, []).append([b, w])
            if rel == "cooccurs":
                details[b].setdefault(rel, []).append([a, w])
    shown_set = set(shown) | {i for i in pool if entities[i][2] in ("Program", "Unit")}
    for row in select(store, "definitions"):
        if index.get(row["e"]) in shown_set:
            details[index[row["e"]]].setdefault("definitions", []).append(row["d"])
    for row in select(store, "official_expansions"):
        if index.get(row["e"]) in shown_set:
            details[index[row["e"]]]["official"] = row["d"]
    for row in select(store, "alt_labels"):
        i = index.get(row["e"])
        if i in shown_set and len(details[i].setdefault("variants", [])) < 12:
            details[i]["variants"].append(row["a"])
    for row in select(store, "unit_info"):
        i = index.get(row["u"])
        if i in shown_set:
            details[i].update({k: v for k, v in (("kind", row["kind"]), ("place", row["place"]),
                                                 ("level", label_of(row["level"]) if row["level"] else "")) if v})
    for i, found in _examples(store, entities, shown_set | set(shown), pages).items():
        details[i]["sentences"] = found
    for i in shown:
        iri, cls = entities[i][0], entities[i][2]
        if cls == "Unit" and iri in agg.unit_problems:
            details[i]["problems"] = [{"label": label, "report": pages[r]["title"], "page": pages[r]["page"], "at": at}
                                      for r, at, label in sorted(agg.unit_problems[iri])[:UNIT_PROBLEMS]]
    _theme_and_report_problems(agg, entities, index, details, pages)
    return dict(details)


def _theme_and_report_problems(agg: Digested, entities: list[list[Any]], index: dict[str, int],
                               details: dict[int, dict[str, Any]], pages: dict[str, dict[str, Any]]) -> None:
    for t, e in enumerate(entities):
        if e[2] != "Theme" or e[0] not in agg.theme_problems:
            continue
        groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for r, at, _, label in sorted(agg.theme_problems[e[0]])[:THEME_PROBLEMS]:
            groups[r].append({"label": label, "at": at})
        details[t]["groups"] = [{"report": pages[r]["title"], "page": pages[r]["page"],
                                 "problems": sorted(ps, key=lambda p: p["at"])} for r, ps in sorted(groups.items())]
    for i, e in enumerate(entities):
        if e[2] == "Report" and agg.report_problems.get(e[0]):
            details[i]["problems"] = agg.report_problems[e[0]]


def _years_levels(store: ox.Store, agg: Digested,
                  index: dict[str, int]) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    years: dict[int, set[str]] = defaultdict(set)
    levels: dict[int, set[str]] = defaultdict(set)
    for row in select(store, "entity_years"):
        if row["e"] in index:
            years[index[row["e"]]].add(row["y"])
    for row in select(store, "entity_levels"):
        if row["e"] in index:
            levels[index[row["e"]]].add(label_of(row["level"]))
    for t, reports in agg.theme_reports.items():
        if t in index:
            years[index[t]] |= {agg.report_year[r] for r in reports if agg.report_year.get(r)}
            levels[index[t]] |= {agg.report_level[r] for r in reports if agg.report_level.get(r)}
    return ({k: sorted(v) for k, v in years.items()}, {k: sorted(v) for k, v in levels.items()})


def node_size(reports: int, most: int) -> float:
    return 10 + 22 * math.sqrt(reports / max(most, 1))
