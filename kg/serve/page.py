"""The endpoint's query page: a form per named query (answered by GET /query/NAME, parameters bound on
the server as the right RDF terms) and a box for any SPARQL (POST /sparql); its one script is
allowed by hash in the page's Content-Security-Policy."""

from __future__ import annotations

import json
import re
from functools import cache

from ..query import named_queries
from ..views.html import csp, escape, fill, template

_SCRIPT = re.compile(r"<script>([\s\S]*?)</script>")


def catalogue() -> list[dict[str, object]]:
    """The named queries as the page and /queries.json list them."""
    return [{"name": q.name, "title": q.title, "question": q.question, "columns": list(q.columns),
             "params": [{"name": p.name, "type": p.type, "default": p.default, "description": p.description}
                        for p in q.params], "text": q.text} for q in named_queries().values()]


@cache
def query_page() -> tuple[bytes, str]:
    """The page and its Content-Security-Policy."""
    data = json.dumps(catalogue(), ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026")
    html = fill(template("query.html"), NAMED_QUERIES=data)
    scripts = tuple(_SCRIPT.findall(html))
    policy = csp(scripts) + "; connect-src 'self'"
    html = fill(html, CSP=escape(policy))
    return html.encode("utf-8"), policy
