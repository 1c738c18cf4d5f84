"""The index page: counts by class (the ontology's Chinese labels) and every report with its counts."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..namespaces import DJO_IRI
from ..query import select
from .html import escape as e
from .html import page

if TYPE_CHECKING:
    from .overview import Overview

_COUNTS = ("statements", "programs", "units", "links")


@cache
def class_labels() -> dict[str, str]:
    """Class name → its Chinese label in the packaged ontology."""
    from ..ontology import path

    out = {}
    for t in ox.parse(path=str(path("dangjian.ttl")), format=ox.RdfFormat.TURTLE):
        if (t.predicate.value == "http://www.w3.org/2000/01/rdf-schema#label" and t.subject.value.startswith(DJO_IRI)
                and isinstance(t.object, ox.Literal) and t.object.language == "zh"):
            out[t.subject.value[len(DJO_IRI):]] = t.object.value
    return out


def class_counts(store: ox.Store) -> dict[str, int]:
    """Nodes per class of the ontology (mentions by their djo:refersTo), by class name."""
    return {r["c"].split("#")[1]: int(r["n"]) for r in select(store, "class_counts")}


def report_summaries(store: ox.Store) -> list[dict[str, str]]:
    """Title, year and counts of every report (one query per count, not per report)."""
    reports = {r["r"]: {**r, **dict.fromkeys(_COUNTS, "0")} for r in select(store, "reports")}
    counted = [("statements", select(store, "report_statement_counts")), ("links", select(store, "report_link_counts"))]
    for key, rows in counted:
        for row in rows:
            if row["r"] in reports:
                reports[row["r"]][key] = row["n"]
    for row in select(store, "report_entity_counts"):
        if row["r"] in reports:
            reports[row["r"]].update(programs=row["programs"], units=row["units"])
    return sorted(reports.values(), key=lambda r: (r["label"], r["r"]))


def index_html(counts: dict[str, int], reports: list[dict[str, str]], overview: Overview, has_analysis: bool) -> str:
    labels = class_labels()
    parts = ["<h1>dangjian-kg · 基层党建知识图谱</h1>",
             "<p><a href='graph.html'>图谱总览</a>"
             + (" · <a href='analysis.html'>语料分析</a>" if has_analysis else "")
             + " · <code>graph.ttl</code> · <code>build.json</code></p>",
             "<h2>数量</h2><table><tr><th>类</th><th>数量</th></tr>"]
    parts += [f"<tr><td>{e(labels.get(cls, cls))}</td><td>{n:,}</td></tr>" for cls, n in counts.items()]
    parts.append("</table>")
    parts.append(f"<p>总览显示 {overview.shown} 个节点（共 {overview.total} 个）。</p>")
    parts.append(f"<h2>报告（{len(reports)}）</h2><table><tr><th>标题</th><th>年度</th><th>条目</th><th>提法</th>"
                 "<th>单位</th><th>关联</th></tr>")
    for r in reports:
        rid = r["r"].rsplit("/", 1)[1]
        parts.append(f"<tr><td><a href='reports/{e(rid)}.html'>{e(r['label'])}</a></td><td>{e(r['year'])}</td>"
                     f"<td>{r['statements']}</td><td>{r['programs']}</td><td>{r['units']}</td><td>{r['links']}</td></tr>")
    parts.append("</table>")
    return page("dangjian-kg", "\n".join(parts))
