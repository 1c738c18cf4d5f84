"""graph.html: vis-network (the copy pyvis ships, inlined: no CDN, works from file://), the overview's own
script and its data, under a Content-Security-Policy that admits exactly those two scripts."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

from .html import csp, escape, fill, json_for_script, template
from .layout import LABEL_CHARS
from .overview import CLASSES, COMMUNITY_COLOURS, RELATIONS, Overview

VIS_NETWORK = "lib/vis-9.1.2/vis-network.min.js"


@cache
def vis_network() -> str:
    return files("pyvis").joinpath(VIS_NETWORK).read_text(encoding="utf-8")


def payload(data: Overview) -> dict[str, Any]:
    return {"entities": data.entities, "drawn": data.drawn, "toggled": data.toggled,
            "positions": data.positions, "edges": data.edges, "details": data.details, "years": data.years,
            "levels": data.levels, "themes": data.themes, "total": data.total, "notes": data.notes,
            "report_of": data.report_of, "membership": data.membership, "entity_themes": data.entity_themes,
            "reports_drawn": bool(data.report_of), "classes": CLASSES, "palette": COMMUNITY_COLOURS,
            "relations": RELATIONS, "label_chars": LABEL_CHARS,
            "all_years": sorted({y for ys in data.years.values() for y in ys}),
            "all_levels": sorted({v for vs in data.levels.values() for v in vs})}


def graph_html(data: Overview) -> str:
    scripts = (vis_network(), template("overview.js"))
    tags = "\n".join(f"<script>{s}</script>" for s in scripts)
    return fill(template("overview.html"), CSP=escape(csp(scripts, images="data: blob:")),
                DATA=json_for_script(payload(data)), SCRIPTS=tags)
