"""The HTML frame every view shares: one template, a strict Content-Security-Policy, safe embedding.

Report text is data: it is HTML-escaped where it becomes markup and embedded in scripts only as
JSON with `<`, `>` and `&` escaped. The policy allows no remote load, no inline event handler and
only the page's own scripts (by hash), so even a missed escape could not run or fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

escape = html.escape
_SLOT = re.compile(r"__([A-Z]+(?:_[A-Z]+)*)__")


@cache
def template(name: str) -> str:
    return files("kg.templates").joinpath(name).read_text(encoding="utf-8")


def json_for_script(data: Any) -> str:
    """JSON that can sit inside a <script> element whatever strings it holds."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c").replace(">", "\\u003e") \
        .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def script_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def csp(scripts: tuple[str, ...] = (), images: str = "data:") -> str:
    """The Content-Security-Policy of a page whose inline scripts are `scripts`."""
    script_src = " ".join(script_hash(s) for s in scripts) or "'none'"
    return (f"default-src 'none'; script-src {script_src}; style-src 'unsafe-inline'; img-src {images}; "
            "base-uri 'none'; form-action 'none'")


def page(title: str, body: str, scripts: tuple[str, ...] = ()) -> str:
    """A whole page: the shared template with the title, the body and the given inline scripts."""
    tags = "".join(f"<script>{s}</script>\n" for s in scripts)
    return fill(template("page.html"), CSP=escape(csp(scripts)), TITLE=escape(title), BODY=body + "\n" + tags)


def fill(text: str, **slots: str) -> str:
    """A template with each `__NAME__` slot replaced in one pass (a value holding a slot name stays as it is)."""
    return _SLOT.sub(lambda m: slots[m.group(1)] if m.group(1) in slots else m.group(0), text)
