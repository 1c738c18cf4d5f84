"""The overview page: vis-network (inline, from pyvis) plus the project's own controls, no CDN."""

from __future__ import annotations

import json
import re
from typing import Any

from .html import csp, escape, json_for_script, template
from .overview import CLASSES, RELATIONS, Overview, membership

_EXTERNAL = re.compile(r'<(?:link|script)[^>]+(?:href|src)="[^"]*"[^>]*>(?:</script>)?\s*')  # CDN or ../node_modules
_INLINE = re.compile(r'<script(?: type="text/javascript")?>([\s\S]*?)</script>')


def graph_html(data: Overview) -> str:
    from pyvis.network import Network

    net = Network(height="100vh", width="100%", cdn_resources="in_line", directed=False, bgcolor="#ffffff")
    net.nodes = [dict(n, color=CLASSES[n["group"]]["color"], shape=CLASSES[n["group"]]["shape"]) for n in data.nodes]
    net.edges = [dict(e) for e in data.edges]
    net.node_ids = [n["id"] for n in data.nodes]
    net.set_options(json.dumps(_options(len(data.nodes))))
    page = _EXTERNAL.sub("", net.generate_html(notebook=False))
    payload = {"details": data.details, "classes": CLASSES, "relations": RELATIONS, "total": data.total,
               "shown": data.shown,
               "reports": [{"id": r["r"], "label": r["label"], "year": r["year"]} for r in data.reports],
               "membership": membership(data)}
    controls = template("graph_controls.html").replace("__KG_DATA__", json_for_script(payload))
    page = page.replace("<body>", "<body>\n" + controls, 1)
    policy = csp(tuple(_INLINE.findall(page)))  # only these scripts may run: no handler, no remote load
    head = (f'<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">\n'
            "<title>dangjian-kg · 图谱总览</title>")
    return page.replace("<head>", head, 1)


def _options(n: int) -> dict[str, Any]:
    return {
        "nodes": {"borderWidth": 1, "font": {"face": "Noto Sans CJK SC, WenQuanYi Micro Hei, PingFang SC, "
                                                     "Microsoft YaHei, sans-serif"},
                  "scaling": {"min": 8, "max": 40, "label": {"enabled": True, "min": 8, "max": 34,
                                                               "drawThreshold": 7, "maxVisible": 34}}},
        "edges": {"smooth": False, "color": {"color": "#c8c8c8", "highlight": "#555"}, "width": 1,
                  "font": {"size": 9, "color": "#888", "strokeWidth": 0, "align": "middle"},
                  "scaling": {"min": 1, "max": 5, "label": {"enabled": True, "min": 8, "max": 11,
                                                              "drawThreshold": 12}}},
        "physics": {"enabled": True, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -3000, "centralGravity": 0.05, "springLength": 200,
                                  "springConstant": 0.005, "damping": 0.6, "avoidOverlap": 1.0},
                    "stabilization": {"enabled": True, "iterations": 150 if n <= 500 else 40, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": True, "navigationButtons": False},
        "layout": {"improvedLayout": False},
    }
