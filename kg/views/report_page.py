"""A report's page: its statements with their kinds and themes, links, programs, units, documents
and metrics — rendered from a `ReportView`, every string escaped."""

from __future__ import annotations

from .html import escape as e
from .html import page, template
from .report_view import ReportView

KIND_ZH = {"Practice": "做法", "Problem": "问题", "Cause": "原因", "Measure": "措施"}


def report_html(view: ReportView) -> str:
    meta = [f"年度：{e(view.year or '未注明')}"]
    meta += [f"{name}：{e(value)}" for name, value in (("体裁", view.genre), ("层级", view.level),
                                                       ("述职单位", view.reporting_unit)) if value]
    meta.append(f"来源：{e(view.source)}")
    parts = [f"<h1>{e(view.title)}</h1>",
             f"<p class='meta'>{' · '.join(meta)} · <a href='../index.html'>返回索引</a> · "
             "<a href='../graph.html'>图谱总览</a></p>"]
    parts += _statements(view) + _sentences(view) + _links(view) + _entities(view) + _metrics(view)
    return page(view.title, "\n".join(parts), (template("highlight.js"),))


def _statements(view: ReportView) -> list[str]:
    out = ["<h2>条目（做法、问题、原因、措施）</h2><ol class='items'>"]
    for s in view.statements:
        themes = f" <span class='theme'>{e('、'.join(s.themes))}</span>" if s.themes else ""
        indent = (s.depth - 1) * 18
        out.append(f"<li id='s{s.start}' style='margin-left:{indent}px'><span class='kind {s.kind}'>{KIND_ZH[s.kind]}"
                   f"</span> <strong>{e(s.label)}</strong>{themes}<details><summary>原文</summary>"
                   f"<p class='passage' data-start='{s.start}'>{e(s.text)}</p>"
                   "</details></li>")
    out.append("</ol>")
    return out


def _sentences(view: ReportView) -> list[str]:
    """The sentences outside every statement that name an entity (where the overview's sources point)."""
    starts = {s.start for s in view.statements}
    others = [p for p in view.passages if p.start not in starts]
    if not others:
        return []
    out = [f"<h2>其他提及所在的句子（{len(others)}）</h2><details><summary>展开</summary>"]
    out += [f"<p class='passage' data-start='{p.start}'>{e(p.text)}</p>" for p in others]
    return out + ["</details>"]


def _links(view: ReportView) -> list[str]:
    out = ["<h2>措施→问题、原因→问题</h2>"]
    if not view.links:
        return out + ["<p>（无）</p>"]
    out.append("<table><tr><th>关系</th><th>措施 / 原因</th><th>问题</th><th>得分</th><th>共有词</th></tr>")
    out += [f"<tr><td>{e(link['relation'])}</td><td>{e(link['source'])}</td><td>{e(link['target'])}</td>"
            f"<td>{e(link['score'])}</td><td>{e(link['words'])}</td></tr>" for link in view.links]
    return out + ["</table>"]


def _entities(view: ReportView) -> list[str]:
    out = []
    for title, rows in (("提法", view.programs), ("单位", view.units)):
        out.append(f"<h2>{title}（{len(rows)}）</h2><p class='tags'>")
        out += [f"<span class='tag'>{e(label)} <small>×{n}</small></span>" for label, n in rows]
        out.append("</p>")
    out.append(f"<h2>文件（{len(view.documents)}）</h2><p class='tags'>")
    out += [f"<span class='tag'>《{e(d)}》</span>" for d in view.documents]
    return out + ["</p>"]


def _metrics(view: ReportView) -> list[str]:
    out = [f"<h2>数据（{len(view.metrics)}）</h2><table><tr><th>原文</th><th>计数对象</th><th>数值</th><th>单位</th>"
           "<th>脱敏</th><th>约数</th></tr>"]
    out += [f"<tr><td>{e(m['text'])}</td><td>{e(m['what'])}</td><td>{e(m['value'] or '—')}</td>"
            f"<td>{e(m['unit'])}</td><td>{'是' if m['masked'] == 'true' else ''}</td>"
            f"<td>{'是' if m['approx'] == 'true' else ''}</td></tr>" for m in view.metrics]
    return out + ["</table>"]
