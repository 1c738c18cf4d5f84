"""The index page: counts by class (the ontology's Chinese labels) and every report with its counts."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..digest import Digest
from ..namespaces import DJO_IRI
from ..query import select
from .html import escape as e
from .html import page

if TYPE_CHECKING:
    from .overview import Overview



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


COMPONENTS_ONLY = "ProgramComponentOnly"


def class_counts(store: ox.Store) -> dict[str, int]:
    """Nodes per class of the ontology (mentions by their djo:refersTo), by class name. Programs are
    those named by at least one report — the count the overview and the analysis give too; the programs
    that occur only as parts of a definition are counted apart, as `ProgramComponentOnly`."""
    counts = {r["c"].split("#")[1]: int(r["n"]) for r in select(store, "class_counts")}
    for row in select(store, "program_counts"):
        if "Program" in counts:
            counts["Program"] = int(row["named"] or 0)
            counts[COMPONENTS_ONLY] = int(row["components_only"] or 0)
    return counts


def report_summaries(digests: list[Digest]) -> list[dict[str, str]]:
    """Title, year, file stem and counts of every report, from the reports' digests, by title."""
    out = [{"r": d["r"], "label": d["title"], "year": d["year"], "rid": d.get("stem", ""),
            "statements": str(len(d["statements"])), "programs": str(d["programs"]), "units": str(d["units"]),
            "links": str(d["links"])} for d in digests]
    return sorted(out, key=lambda r: (r["label"], r["r"]))


def index_html(counts: dict[str, int], reports: list[dict[str, str]], overview: Overview, has_analysis: bool) -> str:
    labels = class_labels()
    parts = ["<h1>dangjian-kg · 基层党建知识图谱</h1>",
             "<p><a href='graph.html'>图谱总览</a>"
             + (" · <a href='analysis.html'>语料分析</a>" if has_analysis else "")
             + " · <code>graph.ttl</code> · <code>build.json</code></p>",
             "<h2>数量</h2><table><tr><th>类</th><th>数量</th></tr>"]
    parts += [f"<tr><td>{e(labels.get(cls, cls))}</td><td>{n:,}"
              + (f"（另有 {counts[COMPONENTS_ONLY]:,} 个只作为定义的组成部分出现）" if cls == "Program"
                 and counts.get(COMPONENTS_ONLY) else "") + "</td></tr>"
              for cls, n in counts.items() if cls != COMPONENTS_ONLY]
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
