"""What the corpus says, with networkx: rankings, communities, trends, recurring problems,
shared text — as `analysis.json` and an offline `analysis.html`.

The networkx view has programs, units, problems and measures as nodes. Edges: two
entities named in one statement (weight = number of such statements), a statement and
the programs/units it names (invokes/involves), measure → problem (addresses) and
cause → problem (explains). PageRank is weighted; communities are Louvain with a fixed
seed on the programs' co-occurrence graph, each named by its most central member.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib.resources import files
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from .namespaces import PREFIXES
from .store import atomic_write

SEED = 7
SIMILAR = 0.5  # Dice of character bigrams above which two problems of one theme say the same thing


@dataclass
class Corpus:
    """The parts of the graph the analysis reads, fetched once."""

    labels: dict[str, str]
    kinds: dict[str, str]  # node → Program | Unit | Problem | Measure | Cause
    statement_report: dict[str, str]
    report_year: dict[str, str]
    report_title: dict[str, str]
    invokes: list[tuple[str, str]]  # statement → program
    involves: list[tuple[str, str]]  # statement → unit
    addresses: list[tuple[str, str]]
    explains: list[tuple[str, str]]
    themes: dict[str, list[str]]  # problem → themes
    report_count: dict[str, int]
    shares: list[tuple[str, str, float]]


def _rows(store: ox.Store, text: str):
    """Query answers as tuples of plain strings, streamed."""
    result = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    variables = result.variables
    for row in result:
        yield tuple(row[v].value if row[v] is not None else "" for v in variables)


def _report_of(iri: str) -> str:
    """A statement's report, from its IRI (dj:report/<id>/item/<n>)."""
    return iri.split("/item/", 1)[0]


def load(store: ox.Store) -> Corpus:
    """Read what the analysis needs with a few index scans; strings are shared, not copied per row."""
    intern: dict[str, str] = {}

    def i(x: str) -> str:
        return intern.setdefault(x, x)

    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for e, c, label in _rows(store, "SELECT ?e ?c ?l WHERE { VALUES ?c { djo:Program djo:Unit } ?e a ?c ; rdfs:label ?l }"):
        labels[i(e)], kinds[i(e)] = label, c.split("#")[1]
    statement_report: dict[str, str] = {}
    for s, c, label in _rows(store, """SELECT ?s ?c ?l WHERE { VALUES ?c { djo:Problem djo:Measure djo:Cause }
                                        ?s a ?c ; rdfs:label ?l }"""):
        s = i(s)
        statement_report[s] = i(_report_of(s))
        labels[s], kinds[s] = label, c.split("#")[1]
    reports = list(_rows(store, "SELECT ?r ?t ?y WHERE { ?r a djo:Report ; rdfs:label ?t . OPTIONAL { ?r djo:year ?y } }"))

    def pairs(q: str) -> list[tuple[str, str]]:
        out = []
        for a, b in _rows(store, q):
            a = i(a)
            statement_report.setdefault(a, i(_report_of(a)))
            out.append((a, i(b)))
        return out

    themes: dict[str, list[str]] = defaultdict(list)
    for p, t in _rows(store, """SELECT ?p ?t WHERE { ?p djo:theme ?x . ?x rdfs:label ?t . FILTER(LANG(?t) = "zh") }"""):
        themes[i(p)].append(i(t))
    counts = {i(e): int(n) for e, n in _rows(store, "SELECT ?e ?n WHERE { ?e djo:reportCount ?n }")}
    shares = [(a, b, float(x)) for a, b, x in _rows(store, """SELECT ?a ?b ?s WHERE {
        ?a djo:sharedTextEvidence ?e . ?e djo:otherReport ?b ; djo:textShare ?s . FILTER(STR(?a) < STR(?b)) }""")]
    return Corpus(labels, kinds, statement_report, {r: y for r, _, y in reports}, {r: t for r, t, _ in reports},
                  pairs("SELECT ?a ?b WHERE { ?a djo:invokes ?b }"), pairs("SELECT ?a ?b WHERE { ?a djo:involves ?b }"),
                  pairs("SELECT ?a ?b WHERE { ?a djo:addresses ?b }"), pairs("SELECT ?a ?b WHERE { ?a djo:explains ?b }"),
                  {k: sorted(v) for k, v in themes.items()}, counts, sorted(shares))


def network(c: Corpus) -> nx.Graph:
    """The networkx view: programs, units, problems and measures, with weighted edges."""
    g = nx.Graph()
    per_statement: dict[str, set[str]] = defaultdict(set)
    for s, e in c.invokes + c.involves:
        per_statement[s].add(e)
    for node in sorted({e for es in per_statement.values() for e in es}):
        g.add_node(node, label=c.labels.get(node, node), kind=c.kinds.get(node, ""))
    for s in sorted(per_statement):
        for a, b in combinations(sorted(per_statement[s]), 2):
            w = g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1
            g.add_edge(a, b, weight=w, relation="cooccurs")
        if c.kinds.get(s) in ("Problem", "Measure"):
            g.add_node(s, label=c.labels[s], kind=c.kinds[s])
            for e in sorted(per_statement[s]):
                g.add_edge(s, e, weight=1, relation="invokes" if c.kinds.get(e) == "Program" else "involves")
    for rel, edges in (("addresses", c.addresses), ("explains", c.explains)):
        for a, b in edges:
            if c.kinds.get(a) in ("Measure", "Problem") and c.kinds.get(b) == "Problem":
                g.add_node(a, label=c.labels[a], kind=c.kinds[a])
                g.add_node(b, label=c.labels[b], kind=c.kinds[b])
                g.add_edge(a, b, weight=2, relation=rel)
    return g


def _dice(a: str, b: str) -> float:
    x = {a[i:i + 2] for i in range(len(a) - 1)} or {a}
    y = {b[i:i + 2] for i in range(len(b) - 1)} or {b}
    return 2 * len(x & y) / (len(x) + len(y))


def analyse(store: ox.Store, top: int = 30) -> dict[str, Any]:
    """Every analysis, as JSON-able data with a deterministic order."""
    c = load(store)
    g = network(c)
    rank = nx.pagerank(g, weight="weight") if g.number_of_nodes() else {}
    programs = [n for n, d in g.nodes(data=True) if d["kind"] == "Program"]

    def report_of(s: str) -> str:
        return c.statement_report.get(s, "")

    program_reports: dict[str, set[str]] = defaultdict(set)
    for s, p in c.invokes:
        program_reports[p].add(report_of(s))
    unit_programs: dict[str, set[str]] = defaultdict(set)
    by_statement_programs: dict[str, set[str]] = defaultdict(set)
    for s, p in c.invokes:
        by_statement_programs[s].add(p)
    for s, u in c.involves:
        unit_programs[u] |= by_statement_programs.get(s, set())

    rankings = {
        "programs_by_reports": [
            {"program": c.labels[p], "reports": c.report_count.get(p, 0), "pagerank": round(rank.get(p, 0.0), 5)}
            for p in sorted((p for p in c.labels if c.kinds[p] == "Program" and c.report_count.get(p, 0) > 0),
                            key=lambda p: (-c.report_count.get(p, 0), -rank.get(p, 0.0), c.labels[p]))[:top]],
        "programs_by_pagerank": [
            {"program": c.labels[p], "pagerank": round(rank[p], 5), "reports": c.report_count.get(p, 0)}
            for p in sorted(programs, key=lambda p: (-rank[p], c.labels[p]))[:top]],
        "units_by_programs": [
            {"unit": c.labels[u], "programs": len(ps), "examples": sorted(c.labels[p] for p in ps)[:5]}
            for u, ps in sorted(unit_programs.items(), key=lambda kv: (-len(kv[1]), c.labels[kv[0]]))[:top] if ps],
    }

    # communities of programs: Louvain on program–program co-occurrence
    pg = nx.Graph()
    pg.add_nodes_from(sorted(programs))
    for a, b, d in g.edges(data=True):
        if a in pg and b in pg and d["relation"] == "cooccurs":
            pg.add_edge(a, b, weight=d["weight"])
    communities = []
    if pg.number_of_edges():
        found = nx.community.louvain_communities(pg, weight="weight", seed=SEED)
        for members in sorted(found, key=lambda m: (-len(m), sorted(c.labels[x] for x in m))):
            if len(members) < 2:
                continue
            ordered = sorted(members, key=lambda p: (-rank.get(p, 0.0), c.labels[p]))
            units = Counter(u for s, u in c.involves if by_statement_programs.get(s, set()) & members)
            reports = sorted({c.report_title.get(r, r) for p in members for r in program_reports[p]})
            communities.append({"name": c.labels[ordered[0]], "size": len(members),
                                "programs": [c.labels[p] for p in ordered[:15]],
                                "units": [c.labels[u] for u, _ in sorted(units.items(), key=lambda kv: (-kv[1], c.labels[kv[0]]))[:8]],
                                "reports": reports[:10], "report_count": len(reports)})

    # trends by year
    years = sorted({y for y in c.report_year.values() if y})
    program_years: dict[str, Counter[str]] = defaultdict(Counter)
    for p, reports in program_reports.items():
        for r in reports:
            if c.report_year.get(r):
                program_years[c.labels[p]][c.report_year[r]] += 1
    theme_years: dict[str, Counter[str]] = defaultdict(Counter)
    theme_reports: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p, ts in c.themes.items():
        r = report_of(p)
        for t in ts:
            theme_reports[(t, c.report_year.get(r, ""))].add(r)
    for (t, y), rs in theme_reports.items():
        if y:
            theme_years[t][y] = len(rs)
    changes = []
    for prev, cur in zip(years, years[1:]):
        before = {p for p, ys in program_years.items() if ys.get(prev)}
        after = {p for p, ys in program_years.items() if ys.get(cur)}
        changes.append({"from": prev, "to": cur, "appear": sorted(after - before)[:top],
                        "vanish": sorted(before - after)[:top]})
    trends = {"years": years,
              "programs": {p: dict(sorted(ys.items())) for p, ys in sorted(program_years.items(),
                                                                          key=lambda kv: (-sum(kv[1].values()), kv[0]))[:top]},
              "themes": {t: dict(sorted(ys.items())) for t, ys in sorted(theme_years.items())},
              "changes": changes}

    # recurring problems: same theme, similar wording, different reports
    problems = sorted((p for p in c.kinds if c.kinds[p] == "Problem"), key=lambda p: (c.labels[p], p))
    parent = {p: p for p in problems}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # distinct (theme, wording) first; similar wordings are found through shared rare bigrams (blocking),
    # so the work grows with the number of distinct wordings, not with their square
    wordings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in problems:
        for t in c.themes.get(p, []):
            wordings[(t, c.labels[p])].append(p)
    for members in wordings.values():
        for other in members[1:]:
            parent[find(other)] = find(members[0])
    by_theme: dict[str, list[str]] = defaultdict(list)
    for t, label in sorted(wordings):
        by_theme[t].append(label)
    for t, labels in by_theme.items():
        postings: dict[str, list[int]] = defaultdict(list)
        for i, label in enumerate(labels):
            for gram in {label[k:k + 2] for k in range(len(label) - 1)}:
                postings[gram].append(i)
        shared: Counter[tuple[int, int]] = Counter()
        for ids in postings.values():
            if len(ids) <= 200:
                for a, b in combinations(ids, 2):
                    shared[(a, b)] += 1
        for (a, b), n in shared.items():
            if n >= 2 and _dice(labels[a], labels[b]) >= SIMILAR:
                parent[find(wordings[(t, labels[a])][0])] = find(wordings[(t, labels[b])][0])
    groups: dict[str, list[str]] = defaultdict(list)
    for p in problems:
        groups[find(p)].append(p)
    answered = {b for _, b in c.addresses}
    recurring = []
    for members in groups.values():
        reports = {report_of(p) for p in members}
        if len(reports) < 2:
            continue
        recurring.append({"problem": Counter(c.labels[p] for p in members).most_common(1)[0][0],
                          "wordings": sorted({c.labels[p] for p in members}),
                          "themes": sorted({t for p in members for t in c.themes.get(p, [])}),
                          "reports": len(reports),
                          "reports_with_measure": len({report_of(p) for p in members if p in answered})})
    recurring.sort(key=lambda r: (-r["reports"], r["problem"]))

    shared = [{"report_a": c.report_title.get(a, a), "report_b": c.report_title.get(b, b), "share": s}
              for a, b, s in sorted(c.shares, key=lambda t: (-t[2], t[0], t[1]))]
    return {"summary": {"reports": len(c.report_title), "programs": len(programs), "nodes": g.number_of_nodes(),
                        "edges": g.number_of_edges()},
            "rankings": rankings, "communities": communities[:top], "trends": trends,
            "recurring_problems": recurring[:top * 3], "shared_text": shared[: top * 5]}


def _bar(value: float, maximum: float) -> str:
    width = 0 if maximum <= 0 else max(1, round(160 * value / maximum))
    return f"<svg width='164' height='12'><rect width='{width}' height='10' y='1' fill='#c0392b'/></svg>"


def analysis_html(data: dict[str, Any]) -> str:
    e = html.escape
    parts = ["<h1>语料分析</h1>",
             f"<p class='meta'>{data['summary']['reports']} 份报告 · {data['summary']['programs']} 个提法 · "
             f"网络 {data['summary']['nodes']} 个节点、{data['summary']['edges']} 条边 · "
             "<a href='index.html'>返回索引</a> · <a href='analysis.json'>analysis.json</a></p>"]
    rows = data["rankings"]["programs_by_reports"]
    top = max([r["reports"] for r in rows] + [1])
    parts.append("<h2>提法：按报告数排序</h2><table><tr><th>提法</th><th>报告数</th><th></th><th>PageRank</th></tr>")
    parts += [f"<tr><td>{e(r['program'])}</td><td>{r['reports']}</td><td>{_bar(r['reports'], top)}</td>"
              f"<td>{r['pagerank']}</td></tr>" for r in rows]
    parts.append("</table>")
    rows = data["rankings"]["programs_by_pagerank"]
    top = max([r["pagerank"] for r in rows] + [1e-9])
    parts.append("<h2>提法：按加权 PageRank 排序</h2><table><tr><th>提法</th><th>PageRank</th><th></th><th>报告数</th></tr>")
    parts += [f"<tr><td>{e(r['program'])}</td><td>{r['pagerank']}</td><td>{_bar(r['pagerank'], top)}</td>"
              f"<td>{r['reports']}</td></tr>" for r in rows]
    parts.append("</table><h2>单位：按运用的提法数排序</h2><table><tr><th>单位</th><th>提法数</th><th>例</th></tr>")
    parts += [f"<tr><td>{e(r['unit'])}</td><td>{r['programs']}</td><td>{e('、'.join(r['examples']))}</td></tr>"
              for r in data["rankings"]["units_by_programs"]]
    parts.append("</table><h2>提法社群（Louvain）</h2><table><tr><th>社群（最核心的提法）</th><th>提法</th><th>单位</th>"
                 "<th>报告</th></tr>")
    parts += [f"<tr><td>{e(cm['name'])}（{cm['size']}）</td><td>{e('、'.join(cm['programs']))}</td>"
              f"<td>{e('、'.join(cm['units']))}</td><td>{cm['report_count']}</td></tr>" for cm in data["communities"]]
    parts.append("</table><h2>趋势：各年份的报告数</h2>")
    years = data["trends"]["years"]
    if years:
        head = "".join(f"<th>{e(y)}</th>" for y in years)
        for title, key in (("提法", "programs"), ("问题主题", "themes")):
            parts.append(f"<h3>{title}</h3><table><tr><th>{title}</th>{head}</tr>")
            for name, ys in data["trends"][key].items():
                parts.append(f"<tr><td>{e(name)}</td>" + "".join(f"<td>{ys.get(y, '')}</td>" for y in years) + "</tr>")
            parts.append("</table>")
        parts.append("<h3>出现与消失的提法</h3><table><tr><th>年份</th><th>新出现</th><th>不再出现</th></tr>")
        parts += [f"<tr><td>{e(ch['from'])}→{e(ch['to'])}</td><td>{e('、'.join(ch['appear']))}</td>"
                  f"<td>{e('、'.join(ch['vanish']))}</td></tr>" for ch in data["trends"]["changes"]]
        parts.append("</table>")
    else:
        parts.append("<p>（报告未注明年度）</p>")
    parts.append("<h2>反复出现的问题</h2><table><tr><th>问题</th><th>主题</th><th>报告数</th><th>其中有对应措施</th>"
                 "<th>各报告的说法</th></tr>")
    parts += [f"<tr><td>{e(r['problem'])}</td><td>{e('、'.join(r['themes']))}</td><td>{r['reports']}</td>"
              f"<td>{r['reports_with_measure']}</td><td>{e(' | '.join(r['wordings']))}</td></tr>"
              for r in data["recurring_problems"]]
    parts.append("</table><h2>文本雷同的报告</h2><table><tr><th>报告</th><th>报告</th><th>雷同比例（估计）</th></tr>")
    parts += [f"<tr><td>{e(s['report_a'])}</td><td>{e(s['report_b'])}</td><td>{s['share']:.2f}</td></tr>"
              for s in data["shared_text"]]
    parts.append("</table>")
    page = files("kg.templates").joinpath("page.html").read_text(encoding="utf-8")
    return page.replace("__TITLE__", "语料分析").replace("__BODY__", "\n".join(parts))


def write_analysis(store: ox.Store, out_dir: Path) -> dict[str, Any]:
    data = analyse(store)
    atomic_write(out_dir / "analysis.json",
                 lambda fh: fh.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")))
    atomic_write(out_dir / "analysis.html", lambda fh: fh.write(analysis_html(data).encode("utf-8")))
    return data


def graphml_graph(store: ox.Store) -> nx.Graph:
    """The networkx view with plain attributes, ready for write_graphml (Gephi, networkx.read_graphml)."""
    g = network(load(store))
    for _, _, d in g.edges(data=True):
        d["weight"] = float(d["weight"])
    for n, d in g.nodes(data=True):
        d["iri"] = n
    return g
