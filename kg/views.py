"""HTML views written by `kg build` and `kg viz`: the corpus overview (pyvis, offline),
one page per report, and an index. All report text is HTML-escaped or set as text.

The overview shows reports, programs, units, documents and problem themes. When the
corpus has more than `max_nodes` of them, it keeps the most-reported entities and says
so on the page. Positions are laid out in Python (networkx, fixed seed) so vis-network
only needs a short stabilisation, after which physics is switched off.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .namespaces import DJO_IRI, PREFIXES
from .store import atomic_write

MAX_NODES = 400
CLASSES = {
    "Report": {"zh": "报告", "color": "#5d6d7e", "shape": "box"},
    "Program": {"zh": "提法", "color": "#c0392b", "shape": "dot"},
    "Unit": {"zh": "单位", "color": "#2471a3", "shape": "diamond"},
    "Document": {"zh": "文件", "color": "#7d3c98", "shape": "square"},
    "Theme": {"zh": "问题主题", "color": "#d68910", "shape": "triangle"},
}
RELATIONS = {"mentions": "提及", "cooccurs": "同条共现", "raises": "提出问题", "hasComponent": "组成部分"}
KIND_ZH = {"Practice": "做法", "Problem": "问题", "Cause": "原因", "Measure": "措施"}


def _q(store: ox.Store, text: str) -> list[dict[str, str]]:
    result = store.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
    variables = [v.value for v in result.variables]
    return [{v: (row[v].value if row[v] is not None else "") for v in variables} for row in result]


@dataclass
class Overview:
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    details: dict[str, dict[str, Any]]
    total: int
    shown: int
    reports: list[dict[str, str]] = field(default_factory=list)


def overview_data(store: ox.Store, max_nodes: int = MAX_NODES) -> Overview:
    """Nodes, edges and side-panel details of the corpus overview, from the store."""
    reports = _q(store, """SELECT ?r ?label ?year ?rid WHERE { ?r a djo:Report ; rdfs:label ?label .
        OPTIONAL { ?r djo:year ?year } OPTIONAL { ?r dcterms:identifier ?rid } } ORDER BY ?label""")
    entities = _q(store, """SELECT ?e ?c ?label ?n ?m WHERE {
        VALUES ?c { djo:Program djo:Unit djo:Document }
        ?e a ?c ; rdfs:label ?label ; djo:reportCount ?n ; djo:mentionCount ?m . FILTER(?n > 0) }""")
    themes = _q(store, """SELECT ?t ?label (COUNT(DISTINCT STRBEFORE(STR(?p), "/item/")) AS ?n) (COUNT(?p) AS ?m)
        WHERE { ?p djo:theme ?t . ?t rdfs:label ?label . FILTER(LANG(?label) = "zh") } GROUP BY ?t ?label""")
    candidates = [(e["e"], e["c"].split("#")[1], e["label"], int(e["n"]), int(e["m"])) for e in entities]
    candidates += [(t["t"], "Theme", t["label"], int(t["n"]), int(t["m"])) for t in themes]
    candidates.sort(key=lambda c: (-c[3], -c[4], c[2]))
    show_reports = len(reports) <= 60
    budget = max_nodes - (len(reports) if show_reports else 0)
    kept = candidates[:max(budget, 0)]
    total = len(candidates) + len(reports)
    kept_ids = {c[0] for c in kept}

    nodes: list[dict[str, Any]] = []
    details: dict[str, dict[str, Any]] = {}
    max_n = max([c[3] for c in kept] + [1])
    for iri, cls, label, n, m in kept:
        size = 12 + 26 * math.sqrt(n / max_n)
        nodes.append({"id": iri, "label": label, "group": cls, "value": n, "mass": round(1 + 4 * n / max_n, 2),
                      "title": f"{CLASSES[cls]['zh']}：{label}（{n} 份报告）", "size": size,
                      "font": {"size": int(10 + 14 * math.sqrt(n / max_n))}})
        details[iri] = {"label": label, "kind": CLASSES[cls]["zh"], "reports": n, "mentions": m}
    if show_reports:
        for r in reports:
            nodes.append({"id": r["r"], "label": _short(r["label"], 14), "group": "Report", "value": max_n,
                          "title": f"报告：{r['label']}", "font": {"size": 16, "color": "#ffffff"}})
            details[r["r"]] = {"label": r["label"], "kind": "报告", "year": r["year"],
                               "page": f"reports/{r['r'].rsplit('/', 1)[1]}.html"}
    node_ids = {n["id"] for n in nodes}

    edges: list[dict[str, Any]] = []
    if show_reports:
        for row in _q(store, """SELECT ?r ?e WHERE { ?r a djo:Report ; djo:mentions ?e .
                VALUES ?c { djo:Program djo:Unit djo:Document } ?e a ?c }"""):
            if row["e"] in kept_ids:
                edges.append({"from": row["r"], "to": row["e"], "label": RELATIONS["mentions"], "value": 1})
        for row in _q(store, """SELECT DISTINCT ?r ?t WHERE { ?p djo:theme ?t ; djo:inReport ?r }"""):
            if row["t"] in kept_ids:
                edges.append({"from": row["r"], "to": row["t"], "label": RELATIONS["raises"], "value": 1})
    # co-occurrence of the kept programs with the kept units: one indexed lookup per program
    for iri, cls, *_ in kept:
        if cls != "Program":
            continue
        for row in _q(store, f"""SELECT ?u (COUNT(?s) AS ?n) WHERE {{ ?s djo:invokes <{iri}> ; djo:involves ?u }}
                                 GROUP BY ?u"""):
            if row["u"] in kept_ids:
                edges.append({"from": iri, "to": row["u"], "label": RELATIONS["cooccurs"], "value": int(row["n"])})
    for row in _q(store, "SELECT ?a ?b WHERE { ?a djo:hasComponent ?b }"):
        if row["a"] in kept_ids and row["b"] in kept_ids:
            edges.append({"from": row["a"], "to": row["b"], "label": RELATIONS["hasComponent"], "value": 1})
    edges.sort(key=lambda e: (e["from"], e["to"], e["label"]))

    # side-panel details: definitions, mentioning reports, up to five sentences
    report_label = {r["r"]: r["label"] for r in reports}
    for row in _q(store, "SELECT ?e ?d WHERE { ?e skos:definition ?d }"):
        if row["e"] in details:
            details[row["e"]].setdefault("definitions", []).append(row["d"])
    for row in _q(store, "SELECT ?e ?d WHERE { ?e skos:scopeNote ?d }"):
        if row["e"] in details:
            details[row["e"]]["official"] = row["d"]
    sentences: dict[str, list[tuple[str, str]]] = defaultdict(list)
    mentioned_in: dict[str, set[str]] = defaultdict(set)
    for iri in sorted(kept_ids):
        if not iri.startswith(PREFIXES["dj"]) or "/theme/" in iri:
            continue
        rows = _q(store, f"""SELECT ?r ?s WHERE {{ ?m djo:refersTo <{iri}> ; djo:inReport ?r ; djo:sentence ?s }}
                               LIMIT 200""")
        for row in rows:
            mentioned_in[iri].add(row["r"])
            if len(sentences[iri]) < 5 and all(row["s"] != s for _, s in sentences[iri]):
                sentences[iri].append((row["r"], row["s"]))
    for iri, found in sentences.items():
        details[iri]["sentences"] = [{"report": report_label.get(r, r), "text": s} for r, s in found]
        details[iri]["in_reports"] = sorted(report_label.get(r, r) for r in mentioned_in[iri])[:20]
    _layout(nodes, edges)
    return Overview(nodes, [e for e in edges if e["from"] in node_ids and e["to"] in node_ids], details, total,
                    len(nodes), reports)


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _layout(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> None:
    """Fixed positions from a seeded spring layout, so the browser only fine-tunes."""
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(n["id"] for n in nodes)
    g.add_edges_from((e["from"], e["to"]) for e in edges)
    if not nodes:
        return
    if len(nodes) <= 300:
        start = nx.spring_layout(g, seed=7, k=3.2 / math.sqrt(max(len(nodes), 1)), iterations=50)
        pos = nx.kamada_kawai_layout(g, pos=start)
    else:
        pos = nx.spring_layout(g, seed=7, k=3.2 / math.sqrt(max(len(nodes), 1)), iterations=50)
    scale = 55 * math.sqrt(len(nodes))
    for n in nodes:
        x, y = pos[n["id"]]
        n["x"], n["y"] = round(float(x) * scale, 1), round(float(y) * scale, 1)


def _template(name: str) -> str:
    return files("kg.templates").joinpath(name).read_text(encoding="utf-8")


def _json_for_script(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")


_CDN_TAG = re.compile(r'<(?:link|script)[^>]+(?:href|src)="https?://[^"]*"[^>]*>(?:</script>)?\s*')


def graph_html(data: Overview) -> str:
    """The overview page: pyvis (vis-network inline) plus our own controls, no CDN."""
    from pyvis.network import Network

    net = Network(height="100vh", width="100%", cdn_resources="in_line", directed=False, bgcolor="#ffffff")
    net.nodes = [dict(n, color=CLASSES[n["group"]]["color"], shape=CLASSES[n["group"]]["shape"]) for n in data.nodes]
    net.edges = [dict(e, title=e["label"]) for e in data.edges]
    net.node_ids = [n["id"] for n in data.nodes]
    net.set_options(json.dumps(_options(len(data.nodes))))
    page = net.generate_html(notebook=False)
    page = _CDN_TAG.sub("", page)
    controls = _template("graph_controls.html")
    payload = {"details": data.details, "classes": CLASSES, "relations": RELATIONS, "total": data.total,
               "shown": data.shown,
               "reports": [{"id": r["r"], "label": r["label"], "year": r["year"]} for r in data.reports],
               "membership": _membership(data)}
    controls = controls.replace("__KG_DATA__", _json_for_script(payload))
    page = page.replace("<body>", "<body>\n" + controls, 1)
    page = page.replace("<head>", '<head>\n<meta charset="utf-8"><title>dangjian-kg · 图谱总览</title>', 1)
    return page


def _membership(data: Overview) -> dict[str, list[str]]:
    """Report → the node ids linked to it (for the report / year filter)."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in data.edges:
        if e["label"] in (RELATIONS["mentions"], RELATIONS["raises"]):
            out[e["from"]].add(e["to"])
    return {k: sorted(v) for k, v in sorted(out.items())}


def _options(n: int) -> dict[str, Any]:
    return {
        "nodes": {"borderWidth": 1, "font": {"face": "Noto Sans CJK SC, WenQuanYi Micro Hei, PingFang SC, Microsoft YaHei, sans-serif"},
                  "scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 8, "max": 34,
                                                               "drawThreshold": 7, "maxVisible": 34}}},
        "edges": {"smooth": False, "color": {"color": "#c8c8c8", "highlight": "#555"}, "width": 1,
                  "font": {"size": 9, "color": "#888", "strokeWidth": 0, "align": "middle"},
                  "scaling": {"min": 1, "max": 5, "label": {"enabled": True, "min": 8, "max": 11, "drawThreshold": 12}}},
        "physics": {"enabled": True, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -3000, "centralGravity": 0.05, "springLength": 200,
                                  "springConstant": 0.005, "damping": 0.6, "avoidOverlap": 1.0},
                    "stabilization": {"enabled": True, "iterations": 150 if n <= 500 else 40, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True, "navigationButtons": False},
        "layout": {"improvedLayout": False},
    }


# --- report pages ---------------------------------------------------------------------

@dataclass
class ReportPage:
    report_id: str
    title: str
    year: str
    source: str
    statements: list[dict[str, Any]]
    programs: list[tuple[str, int]]
    units: list[tuple[str, int]]
    documents: list[str]
    links: list[dict[str, Any]]
    metrics: list[dict[str, Any]]


def page_from_extraction(x: Any) -> ReportPage:
    """A report page's data straight from an Extraction (used by the build's workers)."""
    from collections import Counter

    by_pos = {i.position: i for i in x.items}
    kinds = {"practices": "Practice", "problems": "Problem", "causes": "Cause", "measures": "Measure"}
    statements = [{"position": i.position, "kind": kinds[i.kind], "label": i.label,
                   "text": x.source.text[i.start:i.end], "level": i.level,
                   "parent": str(i.parent) if i.parent else "", "themes": x.themes.get(i.position, [])} for i in x.items]
    counts: dict[str, Counter[str]] = {"program": Counter(), "unit": Counter(), "document": Counter()}
    for e in x.entities:
        if e.category in counts:
            counts[e.category][e.label] += len(e.mentions)
    links = sorted(({"relation": "措施→问题" if link.relation == "addresses" else "原因→问题",
                     "source": by_pos[link.source].label, "target": by_pos[link.target].label,
                     "score": f"{link.score:g}", "words": "、".join(link.words)} for link in x.links),
                   key=lambda d: (d["relation"], d["target"], d["source"]))
    metrics = [{"text": m.text, "what": m.what, "value": "" if m.value is None else f"{m.value:g}", "unit": m.unit,
                "masked": "true" if m.masked else "false", "approx": "true" if m.approx else "false"}
               for m in sorted(x.metrics, key=lambda m: m.start)]
    return ReportPage(x.id, x.title, str(x.year or ""), x.source.path, statements,
                      sorted(counts["program"].items(), key=lambda t: (-t[1], t[0])),
                      sorted(counts["unit"].items(), key=lambda t: (-t[1], t[0])), sorted(counts["document"]),
                      links, metrics)


def report_pages(store: ox.Store) -> list[ReportPage]:
    """Every report's page data, from the store."""
    pages = []
    for r in _q(store, """SELECT ?r ?label ?year ?path WHERE { ?r a djo:Report ; rdfs:label ?label ; djo:sourcePath ?path .
                           OPTIONAL { ?r djo:year ?year } } ORDER BY ?label"""):
        iri = r["r"]
        statements = _q(store, f"""SELECT ?s ?pos ?k ?label ?text ?level ?parent WHERE {{
            ?s djo:inReport <{iri}> ; djo:position ?pos ; rdfs:label ?label ; djo:text ?text ; djo:depth ?level ; a ?k .
            VALUES ?k {{ djo:Practice djo:Problem djo:Cause djo:Measure }}
            OPTIONAL {{ ?s djo:parentStatement/djo:position ?parent }} }}""")
        statements.sort(key=lambda s: int(s["pos"]))
        themes = defaultdict(list)
        for row in _q(store, f"""SELECT ?pos ?t WHERE {{ ?s djo:inReport <{iri}> ; djo:position ?pos ; djo:theme ?x .
                                 ?x rdfs:label ?t . FILTER(LANG(?t) = "zh") }}"""):
            themes[row["pos"]].append(row["t"])
        counts = _q(store, f"""SELECT ?c ?label (COUNT(?m) AS ?n) WHERE {{ ?m djo:inReport <{iri}> ; djo:refersTo ?e .
            ?e a ?c ; rdfs:label ?label . VALUES ?c {{ djo:Program djo:Unit djo:Document }} }} GROUP BY ?c ?label""")
        by = defaultdict(list)
        for row in counts:
            by[row["c"].split("#")[1]].append((row["label"], int(row["n"])))
        links = _q(store, f"""SELECT ?rel ?a ?b ?score (GROUP_CONCAT(?w; separator="、") AS ?words) WHERE {{
            ?e djo:evidenceFor ?s ; djo:evidenceTarget ?t ; djo:relation ?rel ; djo:score ?score .
            ?s djo:inReport <{iri}> ; rdfs:label ?a . ?t rdfs:label ?b . OPTIONAL {{ ?e djo:sharedWord ?w }} }}
            GROUP BY ?rel ?a ?b ?score""")
        metrics = _q(store, f"""SELECT ?text ?what ?value ?unit ?masked ?approx ?start WHERE {{
            ?m a djo:Metric ; djo:inReport <{iri}> ; djo:text ?text ; djo:countedThing ?what ; djo:unitOfMeasure ?unit ;
               djo:masked ?masked ; djo:approximate ?approx ; djo:start ?start . OPTIONAL {{ ?m djo:value ?value }} }}""")
        metrics.sort(key=lambda m: int(m["start"]))
        pages.append(ReportPage(
            iri.rsplit("/", 1)[1], r["label"], r["year"], r["path"],
            [{"position": int(s["pos"]), "kind": s["k"].split("#")[1], "label": s["label"], "text": s["text"],
              "level": int(s["level"]), "parent": s["parent"], "themes": themes.get(s["pos"], [])} for s in statements],
            sorted(by["Program"], key=lambda t: (-t[1], t[0])), sorted(by["Unit"], key=lambda t: (-t[1], t[0])),
            sorted(label for label, _ in by["Document"]),
            sorted(({"relation": "措施→问题" if row["rel"].endswith("addresses") else "原因→问题", "source": row["a"],
                     "target": row["b"], "score": row["score"], "words": row["words"]} for row in links),
                   key=lambda x: (x["relation"], x["target"], x["source"])),
            metrics))
    return pages


def report_html(page: ReportPage) -> str:
    e = html.escape
    parts = [f"<h1>{e(page.title)}</h1>",
             f"<p class='meta'>年度：{e(page.year or '未注明')} · 来源：{e(page.source)} · "
             f"<a href='../index.html'>返回索引</a> · <a href='../graph.html'>图谱总览</a></p>"]
    parts.append("<h2>条目（做法、问题、原因、措施）</h2><ol class='items'>")
    for s in page.statements:
        themes = f" <span class='theme'>{e('、'.join(s['themes']))}</span>" if s["themes"] else ""
        indent = max(0, s["level"] - 1) * 18 if s["parent"] else 0
        parts.append(f"<li style='margin-left:{indent}px'><span class='kind {e(s['kind'])}'>{KIND_ZH[s['kind']]}</span> "
                     f"<strong>{e(s['label'])}</strong>{themes}<details><summary>原文</summary><p>{e(s['text'])}</p>"
                     f"</details></li>")
    parts.append("</ol>")
    parts.append("<h2>措施→问题、原因→问题</h2>")
    if page.links:
        parts.append("<table><tr><th>关系</th><th>措施 / 原因</th><th>问题</th><th>得分</th><th>共有词</th></tr>")
        for link in page.links:
            parts.append(f"<tr><td>{e(link['relation'])}</td><td>{e(link['source'])}</td><td>{e(link['target'])}</td>"
                         f"<td>{e(link['score'])}</td><td>{e(link['words'])}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>（无）</p>")
    for title, rows in (("提法", page.programs), ("单位", page.units)):
        parts.append(f"<h2>{title}（{len(rows)}）</h2><p class='tags'>")
        parts += [f"<span class='tag'>{e(label)} <small>×{n}</small></span>" for label, n in rows]
        parts.append("</p>")
    parts.append(f"<h2>文件（{len(page.documents)}）</h2><p class='tags'>")
    parts += [f"<span class='tag'>《{e(d)}》</span>" for d in page.documents]
    parts.append("</p>")
    parts.append(f"<h2>数据（{len(page.metrics)}）</h2><table><tr><th>原文</th><th>计数对象</th><th>数值</th><th>单位</th>"
                 "<th>脱敏</th><th>约数</th></tr>")
    for m in page.metrics:
        parts.append(f"<tr><td>{e(m['text'])}</td><td>{e(m['what'])}</td><td>{e(m['value'] or '—')}</td>"
                     f"<td>{e(m['unit'])}</td><td>{'是' if m['masked'] == 'true' else ''}</td>"
                     f"<td>{'是' if m['approx'] == 'true' else ''}</td></tr>")
    parts.append("</table>")
    return _template("page.html").replace("__TITLE__", e(page.title)).replace("__BODY__", "\n".join(parts))


def report_summaries(store: ox.Store) -> list[dict[str, str]]:
    """Title, year and counts of every report, for the index (one query per count, not per report)."""
    reports = {r["r"]: {**r, "statements": "0", "programs": "0", "units": "0", "links": "0"} for r in _q(store, """
        SELECT ?r ?label ?year WHERE { ?r a djo:Report ; rdfs:label ?label . OPTIONAL { ?r djo:year ?year } }""")}
    # statement and link IRIs start with their report's IRI, so one index scan counts them
    for key, query in (
        ("statements", 'SELECT ?r (COUNT(?s) AS ?n) WHERE { ?s djo:position ?p BIND(IRI(STRBEFORE(STR(?s), "/item/")) AS ?r) } GROUP BY ?r'),
        ("programs", "SELECT ?r (COUNT(?e) AS ?n) WHERE { ?r djo:mentions ?e . ?e a djo:Program } GROUP BY ?r"),
        ("units", "SELECT ?r (COUNT(?e) AS ?n) WHERE { ?r djo:mentions ?e . ?e a djo:Unit } GROUP BY ?r"),
        ("links", 'SELECT ?r (COUNT(?e) AS ?n) WHERE { ?e djo:evidenceFor ?s BIND(IRI(STRBEFORE(STR(?e), "/link/")) AS ?r) } GROUP BY ?r'),
    ):
        for row in _q(store, query):
            if row["r"] in reports:
                reports[row["r"]][key] = row["n"]
    return sorted(reports.values(), key=lambda r: (r["label"], r["r"]))


def index_html(counts: dict[str, int], reports: list[dict[str, str]], overview: Overview, has_analysis: bool) -> str:
    e = html.escape
    parts = ["<h1>dangjian-kg · 基层党建知识图谱</h1>",
             "<p><a href='graph.html'>图谱总览</a>"
             + (" · <a href='analysis.html'>语料分析</a>" if has_analysis else "")
             + " · <code>graph.ttl</code> · <code>build.json</code></p>",
             "<h2>数量</h2><table><tr><th>类</th><th>数量</th></tr>"]
    for cls, n in counts.items():
        parts.append(f"<tr><td>{e(cls)}</td><td>{n:,}</td></tr>")
    parts.append("</table>")
    parts.append(f"<p>总览显示 {overview.shown} 个节点（共 {overview.total} 个）。</p>")
    parts.append(f"<h2>报告（{len(reports)}）</h2><table><tr><th>标题</th><th>年度</th><th>条目</th><th>提法</th>"
                 "<th>单位</th><th>关联</th></tr>")
    for r in reports:
        rid = r["r"].rsplit("/", 1)[1]
        parts.append(f"<tr><td><a href='reports/{e(rid)}.html'>{e(r['label'])}</a></td><td>{e(r['year'])}</td>"
                     f"<td>{r['statements']}</td><td>{r['programs']}</td><td>{r['units']}</td><td>{r['links']}</td></tr>")
    parts.append("</table>")
    return _template("page.html").replace("__TITLE__", "dangjian-kg").replace("__BODY__", "\n".join(parts))


def class_counts(store: ox.Store) -> dict[str, int]:
    rows = _q(store, f"""SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c . FILTER(STRSTARTS(STR(?c), "{DJO_IRI}")) }}
                        GROUP BY ?c ORDER BY ?c""")
    return {r["c"].split("#")[1]: int(r["n"]) for r in rows}


def write_views(store: ox.Store, out_dir: Path, max_nodes: int = MAX_NODES, pages: bool = True,
                counts: dict[str, int] | None = None) -> dict[str, Any]:
    """Write graph.html, index.html and (unless the build's workers already did) reports/<id>.html."""
    data = overview_data(store, max_nodes)
    atomic_write(out_dir / "graph.html", lambda fh: fh.write(graph_html(data).encode("utf-8")))
    reports = report_summaries(store)
    reports_dir = out_dir / "reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    if pages:
        for page in report_pages(store):
            atomic_write(reports_dir / f"{page.report_id}.html",
                         lambda fh, p=page: fh.write(report_html(p).encode("utf-8")))
    wanted = {f"{r['r'].rsplit('/', 1)[1]}.html" for r in reports}
    for stale in reports_dir.glob("*.html"):
        if stale.name not in wanted:
            stale.unlink()
    has_analysis = (out_dir / "analysis.html").exists()
    atomic_write(out_dir / "index.html", lambda fh: fh.write(
        index_html(counts if counts is not None else class_counts(store), reports, data, has_analysis).encode("utf-8")))
    return {"nodes": data.shown, "total": data.total, "reports": len(reports)}
