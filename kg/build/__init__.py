"""`kg build`: report files → extraction (parallel) → the Oxigraph store, graph.ttl and the views.

The stages, each in its own module: `plan` (scan the paths, compare with the manifest), `worker`
(one file → `ReportArtifacts`), `state` (the manifest and the per-report cache), `sink` (the store),
`corpus` (the corpus graph from cached facts), `outputs` (graph.ttl, pages, views) and `summary`
(build.json, the terminal). A rebuild extracts only new or changed files and equals a clean build.
The store, graph.ttl and the manifest are committed together: the manifest says "dirty" while the
store changes, so a build that dies midway is repaired by the next from the cache.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..store import STORE_DIR, open_store
from . import fingerprint
from .corpus import corpus_graph
from .outputs import rerender_pages, write_turtle, write_views
from .plan import Plan, make_plan, scan
from .sink import StoreSink
from .state import Entry, Manifest, State
from .summary import BuildResult, Progress, summary, write_build_json
from .worker import Job, ReportArtifacts, init_worker, process, turtle_body

OPTIMIZE_UP_TO = 5_000_000  # compact the store after a build up to this size (≈ 1.5 s per million triples)

__all__ = ["BuildResult", "build", "sample_dir", "summary"]


def sample_dir() -> Path:
    """The bundled sample reports (package data)."""
    with as_file(files("kg.samples")) as path:
        return Path(path)


@dataclass
class _Run:
    """What one build has gathered so far."""

    out_dir: Path
    state: State
    manifest: Manifest
    plan: Plan
    views: bool
    timings: dict[str, float] = field(default_factory=dict)
    entries: dict[str, Entry] = field(default_factory=dict)
    failed: list[tuple[str, str]] = field(default_factory=list)
    chars: int = 0
    repaired: bool = False
    triples: int = 0
    counts: dict[str, int] = field(default_factory=dict)  # nodes per class


def build(paths: list[Path] | None = None, out_dir: Path = Path("output"), jobs: int | None = None,
          progress: bool | None = None, views: bool = True, optimize: bool | None = None) -> BuildResult:
    """Build (or update) the graph of the reports at paths (default: the bundled samples) into out_dir."""
    t0 = time.perf_counter()
    found = scan(paths or [sample_dir()])
    out_dir.mkdir(parents=True, exist_ok=True)
    state = State(out_dir)
    state.prepare()
    manifest = state.load()
    run = _Run(out_dir, state, manifest, make_plan(found, manifest, state), views)
    run.failed = list(found.failed)
    run.timings["scan"] = time.perf_counter() - t0
    store = open_store(out_dir / STORE_DIR)
    sink = StoreSink(store)
    if _unchanged(run, sink):
        return _finish(run, t0, _last_counts(out_dir))
    # a store that does not hold what the manifest says (an interrupted build) is reloaded from the cache
    repair = manifest.usable and (manifest.store != "clean" or sink.report_ids() != manifest.ids())
    state.save(Manifest(manifest.files, manifest.views, "dirty", True))
    _extract_all(run, sink, jobs, progress)
    if not run.entries and not run.plan.keep:  # nothing could be built: the last build's outputs stand
        state.save(manifest)
        run.timings["total"] = time.perf_counter() - t0
        return _result(run, *_last_counts(out_dir))
    if repair:
        run.repaired = True
        for entry in run.plan.keep.values():
            sink.add_file(entry.id, state.turtle(entry.id))
    _commit(run, sink, optimize)
    return _finish(run, t0, (run.counts, run.triples))


def _unchanged(run: _Run, sink: StoreSink) -> bool:
    """Nothing new, changed or gone, the store what the manifest says, and every output in place."""
    outputs = [run.out_dir / "graph.ttl", run.out_dir / "build.json"]
    if run.views:
        outputs += [run.out_dir / "index.html", run.out_dir / "graph.html"]
    m = run.manifest
    return (not run.plan.todo and not run.plan.gone and m.usable and m.store == "clean"
            and (m.views == fingerprint.views() or not run.views) and all(p.exists() for p in outputs)
            and sink.report_ids() == run.plan.live)


def _jobs(todo: list[tuple[str, str]], out_dir: Path, pages: bool) -> Iterator[Job]:
    for path, rel in todo:
        yield Job(path, rel, str(out_dir), pages)


def _extract_all(run: _Run, sink: StoreSink, jobs: int | None, progress: bool | None) -> None:
    """Extract every file of the plan in worker processes and take in each result as it comes."""
    t = time.perf_counter()
    todo = run.plan.todo
    workers = max(1, jobs if jobs else (os.cpu_count() or 1))
    bar = Progress(len(todo), "extracting", sys.stderr.isatty() if progress is None else progress)
    seconds = {"extract": 0.0, "store": 0.0}
    if workers > 1 and len(todo) > 2:
        chunk = max(1, min(16, len(todo) // (workers * 4) or 1))
        with ProcessPoolExecutor(max_workers=min(workers, len(todo)), initializer=init_worker) as pool:
            for artifacts in pool.map(process, _jobs(todo, run.out_dir, run.views), chunksize=chunk):
                _take(run, sink, artifacts, seconds)
                bar.step()
    else:
        for job in _jobs(todo, run.out_dir, run.views):
            _take(run, sink, process(job), seconds)
            bar.step()
    run.timings.update(seconds)
    run.timings["extract_wall"] = time.perf_counter() - t


def _take(run: _Run, sink: StoreSink, a: ReportArtifacts, seconds: dict[str, float]) -> None:
    seconds["extract"] += a.seconds
    if a.error or not a.report_id:
        run.failed.append((a.path, a.error or f"{a.path}: unknown error."))
        return
    t = time.perf_counter()
    sink.add(a.report_id, a.nquads)  # the worker has written the report's cache entry and page
    run.entries[a.rel] = Entry(a.sha256, a.report_id, a.stem)
    run.chars += a.chars
    seconds["store"] += time.perf_counter() - t


def _commit(run: _Run, sink: StoreSink, optimize: bool | None) -> None:
    """The corpus graph, graph.ttl, the views, then the manifest marked clean: store and files agree.

    The store is compacted, and its quads and nodes per class are counted, in threads (Oxigraph releases
    the GIL) while graph.ttl and the views are written: the views read the store during compaction, which
    RocksDB allows."""
    entries = {**run.plan.keep, **run.entries}
    ids = sorted({e.id for e in entries.values()})
    t = time.perf_counter()
    sink.drop_except(set(ids))
    digests: dict[str, dict[str, Any]] = {}
    corpus = corpus_graph(run.state, ids, digests)
    sink.replace_corpus(corpus)
    run.state.prune(set(ids))
    run.timings["corpus"] = time.perf_counter() - t
    store = sink.store
    from ..views import class_counts

    background = ThreadPoolExecutor(max_workers=2, thread_name_prefix="kg-store")
    sizes = background.submit(_count_and_compact, store, optimize, run.timings)
    counts = background.submit(class_counts, store)
    background.shutdown(wait=False)
    try:
        t = time.perf_counter()
        write_turtle(run.out_dir / "graph.ttl", [run.state.turtle(rid) for rid in ids], turtle_body(corpus))
        del corpus  # the store and graph.ttl hold it now; the views must not hold it too
        run.timings["turtle"] = time.perf_counter() - t
        if run.views:
            stale_pages = [e.id for e in run.plan.keep.values()] if run.manifest.views != fingerprint.views() else []
            stale_pages += [e.id for e in run.plan.keep.values()
                            if not (run.out_dir / "reports" / f"{e.id}.html").exists() and e.id not in stale_pages]
            rerender_pages(run.out_dir, run.state, sorted(stale_pages))
            write_views(store, run.out_dir, run.timings, [digests[rid] for rid in ids], counts)
    finally:
        run.triples, run.counts = sizes.result(), counts.result()
    run.state.save(Manifest(entries, fingerprint.views() if run.views else run.manifest.views, "clean", True))


def _count_and_compact(store: ox.Store, optimize: bool | None, timings: dict[str, float]) -> int:
    """The store's quads; then, for a store up to OPTIMIZE_UP_TO (or when asked), its bulk-loaded files
    compacted: queries read a third faster."""
    triples = len(store)
    if optimize or (optimize is None and triples <= OPTIMIZE_UP_TO):
        t = time.perf_counter()
        store.optimize()
        timings["optimize"] = time.perf_counter() - t
    return triples


def _last_counts(out_dir: Path) -> tuple[dict[str, int], int]:
    """The class counts and triple count the last build.json recorded (the store is as it left it)."""
    try:
        last = json.loads((out_dir / "build.json").read_text(encoding="utf-8"))
        return dict(last.get("counts", {})), int(last.get("triples", 0))
    except (OSError, ValueError):
        return {}, 0


def _result(run: _Run, counts: dict[str, int], triples: int) -> BuildResult:
    return BuildResult(run.out_dir, len(run.plan.found.files), len(run.entries), len(run.plan.keep),
                       len(run.plan.gone), run.failed, counts, triples,
                       {k: round(v, 3) for k, v in run.timings.items()}, run.chars, run.plan.found.skipped,
                       run.repaired)


def _finish(run: _Run, t0: float, counted: tuple[dict[str, int], int]) -> BuildResult:
    run.timings["total"] = time.perf_counter() - t0
    result = _result(run, *counted)
    write_build_json(result)
    return result
