"""The files a build writes besides the store: graph.ttl, the report pages, the analysis and views."""

from __future__ import annotations

import shutil
from concurrent.futures import Future
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from ..store import atomic_write, turtle_header
from .state import State


def write_turtle(path: Path, chunks: list[Path], corpus: bytes) -> None:
    """graph.ttl: one prefix header, each report's cached Turtle chunk (in report-id order), then the corpus
    graph; streamed and written atomically."""

    def write(fh: IO[bytes]) -> None:
        fh.write(turtle_header())
        for chunk in chunks:
            with chunk.open("rb") as src:
                shutil.copyfileobj(src, fh, 1 << 20)
        fh.write(corpus)

    atomic_write(path, write)


def write_page(out_dir: Path, report_id: str, page: bytes) -> None:
    atomic_write(out_dir / "reports" / f"{report_id}.html", lambda fh: fh.write(page))


def rerender_pages(out_dir: Path, state: State, ids: list[str]) -> None:
    """Report pages from the cached Turtle chunks (after the views changed, or when pages are missing)."""
    from ..views import report_page
    from .worker import parse_chunk

    for rid in ids:
        write_page(out_dir, rid, report_page(rid, parse_chunk(state.turtle(rid).read_bytes())))


def write_views(store: ox.Store, out_dir: Path, timings: dict[str, float], digests: list[dict[str, Any]],
                counts: Future[dict[str, int]] | None = None) -> None:
    """analysis.json/.html, graph.html and index.html from the store and the cached report digests (the
    pages are written already); `views` times the overview, the analysis and the index together; `counts`:
    the nodes per class, being counted beside them."""
    import time

    from ..views import write_views as views

    t = time.perf_counter()
    views(store, out_dir, pages=False, digests=digests, counts=counts)
    timings["views"] = time.perf_counter() - t
