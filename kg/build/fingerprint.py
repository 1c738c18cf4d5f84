"""What a cached result depends on: a hash of the code and data behind it, so a cache made by other
code is not reused. Extraction and views have separate fingerprints: editing a template re-renders
the pages from the cached triples without extracting a single report again."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from .. import __version__

_ROOT = Path(__file__).resolve().parent.parent
# what a report's triples, facts and MinHash depend on (analysis, CLI, server … may change freely)
EXTRACTION_PARTS = ("extract", "lexicons", "normalize", "structure", "graph", "pipeline.py", "relations.py",
                    "themes.py", "records.py", "segment.py", "readers.py", "namespaces.py", "numerals.py",
                    "shared_text.py", "errors.py", "digest.py", "build/worker.py")
VIEW_PARTS = ("views", "templates")
_DATA = {".py", ".txt", ".tsv", ".html", ".rq", ".js", ".css"}


def _hash(parts: tuple[str, ...]) -> str:
    h = hashlib.sha256(__version__.encode())
    for part in parts:
        root = _ROOT / part
        paths = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in paths:
            if path.is_file() and path.suffix in _DATA:
                h.update(path.relative_to(_ROOT).as_posix().encode())
                h.update(path.read_bytes())
    return h.hexdigest()[:16]


@cache
def extraction() -> str:
    return _hash(EXTRACTION_PARTS)


@cache
def views() -> str:
    return _hash(VIEW_PARTS)
