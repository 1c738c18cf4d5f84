"""Writing the views: the overview, the index and the report pages, for `kg build` and `kg viz` alike.

Report pages are rendered from a report's own triples (`report_view`): the build's workers render
them from the triples they make, `kg viz` from the triples it reads back from the store (a report's
named graph) or a graph file (the triples whose subject is the report or one of its parts).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..digest import Digest, report_digest, report_graph_triples
from ..store import atomic_write
from .index import class_counts, index_html, report_summaries
from .overview import MAX_NODES, overview_data
from .overview_page import graph_html
from .report_page import report_html
from .report_view import report_view


def report_page(report_id: str, triples: Iterable[ox.Triple]) -> bytes:
    """One report's page, as bytes."""
    return report_html(report_view(report_id, triples)).encode("utf-8")


def stored_reports(store: ox.Store) -> Iterator[tuple[str, list[ox.Triple]]]:
    """(report id, its own triples) for every report of a store or a graph file."""
    return report_graph_triples(store)


def _start_analysis(store: ox.Store, out_dir: Path, digests: list[Digest]) -> Future[Any]:
    """analysis.json/.html in a thread beside the views: the store's queries release the interpreter lock,
    so the two overlap on two cores. A thread, not a fork: forking a process whose store already runs
    threads can leave the child waiting for a lock no thread will release."""
    from ..analysis import write_analysis

    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-analysis")
    future = pool.submit(write_analysis, store, out_dir, digests)
    pool.shutdown(wait=False)
    return future


def write_views(store: ox.Store, out_dir: Path, max_nodes: int = MAX_NODES, pages: bool = True,
                analysis: bool = True, digests: list[Digest] | None = None) -> dict[str, Any]:
    """Write analysis.json/.html (alongside, in a thread), graph.html, index.html and (unless the build's
    workers already did) reports/<id>.html. `digests`: the reports' digests (the build has them cached);
    without them they are read from the store, in the same pass as the pages."""
    reports_dir = out_dir / "reports"
    reports_dir.mkdir(parents=True, exist_ok=True)
    read: list[Digest] = []
    if digests is None or pages:  # one pass over the report graphs serves both
        for rid, triples in stored_reports(store):
            if digests is None:
                read.append(report_digest(rid, triples))
            if pages:
                atomic_write(reports_dir / f"{rid}.html", lambda fh, r=rid, t=triples: fh.write(report_page(r, t)))
    digests = read if digests is None else digests
    child = _start_analysis(store, out_dir, digests) if analysis else None
    data = overview_data(store, max_nodes, digests)
    atomic_write(out_dir / "graph.html", lambda fh: fh.write(graph_html(data).encode("utf-8")))
    reports = report_summaries(digests)
    wanted = {f"{r['r'].rsplit('/', 1)[1]}.html" for r in reports}
    for stale in reports_dir.glob("*.html"):
        if stale.name not in wanted:
            stale.unlink()
    if child is not None:
        child.result()  # re-raises what the analysis raised
    has_analysis = (out_dir / "analysis.html").exists()
    page = index_html(class_counts(store), reports, data, has_analysis)
    atomic_write(out_dir / "index.html", lambda fh: fh.write(page.encode("utf-8")))
    return {"nodes": data.shown, "total": data.total, "reports": len(reports)}
