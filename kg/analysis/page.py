"""analysis.html: every analysis as tables, offline, every string escaped."""

from __future__ import annotations

import html
from typing import Any

from ..views.html import page


def _bar(value: float, maximum: float) -> str:
    width = 0 if maximum <= 0 else max(1, round(160 * value / maximum))
    return f"<svg width='164' height='12'><rect width='{width}' height='10' y='1' fill='#c0392b'/></svg>"


def analysis_html(data: dict[str, Any]) -> str:
    e = html.escape
    parts = ["<h1>语料分析</h1>",
             f"<p class='meta'>{data['summary']['reports']} 份报告 · {data['summary']['programs']} 个提法"
             f"（其中 {data['summary']['programs_in_statements']} 个出现在条目中，排名与社区据此计算） · "
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
    return page("语料分析", "\n".join(parts))
