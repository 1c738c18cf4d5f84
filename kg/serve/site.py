"""The files of the output folder the endpoint serves: the HTML views and the analysis, nothing else.

Never the store, `.kg/`, build.json or any file a build did not write as a view; a path that
leaves the folder, names a hidden part or holds a control character is not found.
"""

from __future__ import annotations

import re
from pathlib import Path

SERVED = re.compile(r"^(?:index\.html|graph\.html|analysis\.html|analysis\.json|reports/[0-9a-f]{16}\.html)$")
CTYPES = {".html": "text/html; charset=utf-8", ".json": "application/json"}
_CSP = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)"')


def find(site: Path | None, url_path: str) -> Path | None:
    """The view file a URL path names, or None."""
    if site is None or any(ord(ch) < 32 or ch == "\\" for ch in url_path):
        return None
    rel = url_path.lstrip("/") or "index.html"
    if not SERVED.match(rel):
        return None
    target = site / rel
    try:
        resolved, root = target.resolve(), site.resolve()
    except (OSError, ValueError):
        return None
    if root not in resolved.parents or not resolved.is_file():
        return None
    return resolved


def page_policy(body: bytes) -> str | None:
    """The Content-Security-Policy an HTML view declares in its <meta>, sent as a header too."""
    m = _CSP.search(body[:4096].decode("utf-8", errors="replace"))
    return m.group(1).replace("&#x27;", "'").replace("&quot;", '"').replace("&amp;", "&") if m else None
