"""Writing the views: the overview, the index and the report pages, for `kg build` and `kg viz` alike.

Report pages are rendered from a report's own triples (`report_view`): the build's workers render
them from the triples they make, `kg viz` from the triples it reads back from the store (a report's
named graph) or a graph file (the triples whose subject is the report or one of its parts).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from concurrent.futures import Future
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


def write_views(store: ox.Store, out_dir: Path, max_nodes: int = MAX_NODES, pages: bool = True,
                analysis: bool = True, digests: list[Digest] | None = None,
                counts: Future[dict[str, int]] | None = None) -> dict[str, Any]:
    """Write graph.html, analysis.json/.html, index.html and (unless the build's workers already did)
    reports/<id>.html. `digests`: the reports' digests (the build has them cached); without them they are
    read from the store, in the same pass as the pages; `counts`: the nodes per class, being counted (the
    build counts them beside the views). The analysis runs after the overview, not beside
    it: both are mostly Python, so a thread gained little time (17 s either way at 10,000 reports) and held
    the two's working sets at once (a third more memory)."""
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
    data = overview_data(store, max_nodes, digests)
    atomic_write(out_dir / "graph.html", lambda fh: fh.write(graph_html(data).encode("utf-8")))
    if analysis:
        from ..analysis import write_analysis

        write_analysis(store, out_dir, digests)
    reports = report_summaries(digests)
    wanted = {f"{r['r'].rsplit('/', 1)[1]}.html" for r in reports}
    for stale in reports_dir.glob("*.html"):
        if stale.name not in wanted:
            stale.unlink()
    has_analysis = (out_dir / "analysis.html").exists()
    page = index_html(counts.result() if counts is not None else class_counts(store), reports, data, has_analysis)
    atomic_write(out_dir / "index.html", lambda fh: fh.write(page.encode("utf-8")))
    return {"nodes": data.shown, "total": data.total, "reports": len(reports)}
