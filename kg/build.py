"""`kg build`: files → extraction (parallel) → Oxigraph store → graph.ttl and views.

Incremental: output/.kg/manifest.json remembers each file's sha256 and report id,
output/.kg/facts/<id>.json what the report says about entities. A rebuild extracts
only new or changed files, drops the named graphs of changed or deleted ones and
recomputes the corpus graph from the cached facts, so it equals a clean build.
Memory stays bounded: workers send back each report's triples as N-Triples bytes,
which go straight into the store; graph.ttl is streamed out of the store.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib.resources import as_file, files
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from . import __version__
from .errors import InputError, KgError
from .graph import (
    CORPUS_GRAPH,
    corpus_triples,
    entity_facts,
    report_graph,
    report_triples,
    shared_text_triples,
)
from .namespaces import PREFIXES
from .readers import find_files, read
from .shared_text import signature, similar_pairs
from .store import STORE_DIR, atomic_write, open_store, turtle_header

STATE_DIR = ".kg"
STATE_VERSION = 1
# the code and data a cached extraction depends on (views, analysis, CLI … may change freely)
EXTRACTION_PARTS = {"extract", "lexicons", "pipeline.py", "normalize.py", "structure.py", "link.py", "themes.py",
                    "graph.py", "records.py", "segment.py", "readers.py", "namespaces.py", "shared_text.py",
                    "__init__.py", "views.py", "templates"}
MINHASH_KEY = "__minhash__"  # a report's MinHash signature, cached with its entity facts
OPTIMIZE_UP_TO = 5_000_000  # compact the store after a build up to this size (≈ 1.5 s per million triples)
BATCH_BYTES = 48 * 1024 * 1024  # N-Quads buffered before one bulk load into the store


@dataclass
class ReportResult:
    """What a worker sends back for one file."""

    path: str
    rel: str
    sha256: str
    report_id: str | None = None
    stem: str = ""
    nquads: bytes = b""
    turtle: bytes = b""
    page: bytes = b""
    minhash: list[int] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    chars: int = 0
    error: str | None = None
    seconds: float = 0.0


@dataclass
class BuildResult:
    out_dir: Path
    files: int
    built: int
    reused: int
    removed: int
    failed: list[tuple[str, str]]
    counts: dict[str, int]
    triples: int
    seconds: dict[str, float]
    chars: int

    @property
    def exit_code(self) -> int:
        if self.failed and not (self.built or self.reused):
            return 2
        return 1 if self.failed else 0


def _process(args: tuple[str, str]) -> ReportResult:
    """Worker: read and extract one file, returning its triples and facts."""
    path_s, rel = args
    started = time.perf_counter()
    path = Path(path_s)
    try:
        source = read(path)
    except InputError as err:
        return ReportResult(path_s, rel, "", error=str(err), seconds=time.perf_counter() - started)
    try:
        from .pipeline import extract
        from .views import page_from_extraction, report_html

        x = extract(source)
        graph = report_graph(x.id)
        triples = report_triples(x, rel)
        data = ox.serialize((ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples),
                            format=ox.RdfFormat.N_QUADS)
        turtle = turtle_body(triples)
        page = report_html(page_from_extraction(x)).encode("utf-8")
        minhash = signature(x.norm_text)
        counts: dict[str, int] = {}
        for e in x.entities:
            counts[e.category + "s"] = counts.get(e.category + "s", 0) + 1
        for item in x.items:
            counts[item.kind] = counts.get(item.kind, 0) + 1
        counts["metrics"] = len(x.metrics)
        counts["links"] = len(x.links)
        return ReportResult(path_s, rel, source.sha256, x.id, x.stem, data, turtle, page, minhash, entity_facts(x),
                            counts, len(source.text), seconds=time.perf_counter() - started)
    except Exception as err:  # a bug must not sink the other reports; it is reported per file
        return ReportResult(path_s, rel, source.sha256, error=f"{path}: extraction failed ({type(err).__name__}: {err}).",
                            seconds=time.perf_counter() - started)


def fingerprint() -> str:
    """A hash of the extractor's code and lexicons: cached extractions from another version are not reused."""
    h = hashlib.sha256(__version__.encode())
    root = Path(__file__).parent
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if path.suffix in {".py", ".txt", ".tsv", ".html"} and path.is_file() and (
                rel.parts[0] in EXTRACTION_PARTS or rel.as_posix() in EXTRACTION_PARTS):
            h.update(path.relative_to(root).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def _warm() -> None:
    from .segment import _jieba

    _jieba()


def sample_dir() -> Path:
    """The bundled sample reports (package data)."""
    with as_file(files("kg.samples")) as path:
        return Path(path)


def _sha(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def _rel(path: Path, roots: list[Path]) -> str:
    for root in roots:
        base = root if root.is_dir() else root.parent
        try:
            rel = path.resolve().relative_to(base.resolve())
            return (base.name + "/" + rel.as_posix()) if root.is_dir() else rel.as_posix()
        except ValueError:
            continue
    return path.name


class Progress:
    """A one-line progress bar on standard error (only when it is a terminal, or forced)."""

    def __init__(self, total: int, label: str, enabled: bool) -> None:
        self.total, self.label, self.enabled, self.done = total, label, enabled and total > 3, 0
        self.started = time.perf_counter()

    def step(self) -> None:
        self.done += 1
        if not self.enabled:
            return
        width = 30
        filled = int(width * self.done / self.total)
        rate = self.done / max(time.perf_counter() - self.started, 1e-6)
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
                         f"{rate:.1f}/s")
        if self.done == self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def build(paths: list[Path] | None = None, out_dir: Path = Path("output"), jobs: int | None = None,
          progress: bool | None = None, views: bool = True, optimize: bool | None = None) -> BuildResult:
    """Build (or update) the graph of the reports at paths into out_dir."""
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    roots = paths or [sample_dir()]
    files_found, missing = find_files(roots)
    if missing and not files_found:
        raise InputError(missing[0][1])
    if not files_found and not missing:
        raise InputError(f"{', '.join(map(str, roots))}: no report files (.txt, .md, .docx, .pdf) found.")
    out_dir.mkdir(parents=True, exist_ok=True)
    state_dir = out_dir / STATE_DIR
    facts_dir = state_dir / "facts"
    facts_dir.mkdir(parents=True, exist_ok=True)
    ttl_dir = state_dir / "ttl"
    ttl_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = state_dir / "manifest.json"
    manifest: dict[str, Any] = {}
    stamp = fingerprint()
    if manifest_path.exists():
        try:
            loaded = json.loads(manifest_path.read_text(encoding="utf-8"))
            if loaded.get("version") == STATE_VERSION and loaded.get("extractor") == stamp:
                manifest = loaded.get("files", {})
        except (OSError, ValueError):
            manifest = {}
    timings["scan"] = time.perf_counter() - t0

    # what must be (re)built
    t = time.perf_counter()
    todo: list[tuple[str, str]] = []
    keep: dict[str, dict[str, str]] = {}
    for path in files_found:
        rel = _rel(path, roots)
        entry = manifest.get(rel)
        if entry and entry.get("sha256") == _sha(path) and (facts_dir / f"{entry['id']}.json").exists() and (
                ttl_dir / f"{entry['id']}.ttl").exists():
            keep[rel] = entry
        else:
            todo.append((str(path), rel))
    stale = {rel: e for rel, e in manifest.items() if rel not in keep}
    unchanged = _unchanged_result(out_dir, manifest, todo, stale, missing, views, t0)
    if unchanged is not None:
        return unchanged
    store = open_store(out_dir / STORE_DIR)
    if not manifest:
        store.clear()
    live_ids = {e["id"] for e in keep.values()}
    for entry in stale.values():
        if entry["id"] not in live_ids:
            store.remove_graph(report_graph(entry["id"])) if store.contains_named_graph(
                report_graph(entry["id"])) else None
    timings["diff"] = time.perf_counter() - t

    t = time.perf_counter()
    failed: list[tuple[str, str]] = list(missing)
    counts: dict[str, int] = {}
    new_entries: dict[str, dict[str, str]] = {}
    chars = 0
    workers = max(1, jobs if jobs else (os.cpu_count() or 1))
    bar = Progress(len(todo), "extracting", sys.stderr.isatty() if progress is None else progress)
    extract_seconds = 0.0
    load_seconds = 0.0

    pending: list[bytes] = []
    pending_size = [0]
    reports_dir = out_dir / "reports"
    reports_dir.mkdir(parents=True, exist_ok=True)

    def flush() -> None:
        if pending:
            store.bulk_load(b"".join(pending), format=ox.RdfFormat.N_QUADS)
            pending.clear()
            pending_size[0] = 0

    def consume(result: ReportResult) -> None:
        nonlocal chars, extract_seconds, load_seconds
        bar.step()
        extract_seconds += result.seconds
        if result.error or not result.report_id:
            failed.append((result.path, result.error or "unknown error"))
            return
        tl = time.perf_counter()
        graph = report_graph(result.report_id)
        if store.contains_named_graph(graph):
            store.remove_graph(graph)
        pending.append(result.nquads)
        pending_size[0] += len(result.nquads)
        if pending_size[0] > BATCH_BYTES:
            flush()
        atomic_write(ttl_dir / f"{result.report_id}.ttl", lambda fh: fh.write(result.turtle))
        facts = {**result.facts, MINHASH_KEY: result.minhash}
        atomic_write(facts_dir / f"{result.report_id}.json",
                     lambda fh: fh.write(json.dumps(facts, ensure_ascii=False, sort_keys=True).encode("utf-8")))
        if views:
            atomic_write(reports_dir / f"{result.report_id}.html", lambda fh: fh.write(result.page))
        load_seconds += time.perf_counter() - tl
        new_entries[result.rel] = {"sha256": result.sha256, "id": result.report_id, "stem": result.stem}
        chars += result.chars
        for k, v in result.counts.items():
            counts[k] = counts.get(k, 0) + v

    if workers > 1 and len(todo) > 2:
        with ProcessPoolExecutor(max_workers=min(workers, len(todo)), initializer=_warm) as pool:
            for result in pool.map(_process, todo, chunksize=max(1, min(16, len(todo) // (workers * 4) or 1))):
                consume(result)
    else:
        for item in todo:
            consume(_process(item))
    tl = time.perf_counter()
    flush()
    load_seconds += time.perf_counter() - tl
    timings["extract"] = extract_seconds
    timings["store"] = load_seconds
    timings["extract_wall"] = time.perf_counter() - t

    # the corpus graph, from every live report's facts
    t = time.perf_counter()
    entries = {**keep, **new_entries}
    ids = sorted({e["id"] for e in entries.values()})
    for graph in list(store.named_graphs()):
        if graph.value.startswith(report_graph("").value) and graph.value.rsplit("/", 1)[-1] not in ids:
            store.remove_graph(graph)

    def all_facts():
        for rid in ids:
            yield json.loads((facts_dir / f"{rid}.json").read_text(encoding="utf-8"))

    if store.contains_named_graph(CORPUS_GRAPH):
        store.remove_graph(CORPUS_GRAPH)
    signatures: dict[str, list[int]] = {}

    def facts_and_signatures():
        for rid, facts in zip(ids, all_facts()):
            signatures[rid] = facts.pop(MINHASH_KEY, [])
            yield facts

    corpus = corpus_triples(facts_and_signatures())
    corpus += shared_text_triples(similar_pairs(signatures))
    store.bulk_extend(ox.Quad(tr.subject, tr.predicate, tr.object, CORPUS_GRAPH) for tr in corpus)
    store.flush()
    for stale_ttl in ttl_dir.glob("*.ttl"):
        if stale_ttl.stem not in set(ids):
            stale_ttl.unlink()
    timings["corpus"] = time.perf_counter() - t

    t = time.perf_counter()
    write_turtle(out_dir / "graph.ttl", [ttl_dir / f"{rid}.ttl" for rid in ids], turtle_body(corpus))
    timings["turtle"] = time.perf_counter() - t
    triple_count = len(store)
    if optimize or (optimize is None and triple_count <= OPTIMIZE_UP_TO):
        t = time.perf_counter()
        store.optimize()  # compacts the bulk-loaded files: queries read a third faster
        timings["optimize"] = time.perf_counter() - t

    class_counts = _class_counts(store)
    if views:
        from .analysis import write_analysis
        from .views import write_views

        t = time.perf_counter()
        write_analysis(store, out_dir)
        timings["analysis"] = time.perf_counter() - t
        t = time.perf_counter()
        write_views(store, out_dir, pages=False, counts=class_counts)
        timings["views"] = time.perf_counter() - t

    atomic_write(manifest_path, lambda fh: fh.write(json.dumps(
        {"version": STATE_VERSION, "kg": __version__, "extractor": stamp, "files": dict(sorted(entries.items()))},
        ensure_ascii=False, indent=1).encode("utf-8")))
    timings["total"] = time.perf_counter() - t0
    result = BuildResult(out_dir, len(files_found), len(new_entries), len(keep), len(stale) - len(
        [r for r in stale if r in new_entries]), failed, class_counts, triple_count,
        {k: round(v, 3) for k, v in timings.items()}, chars)
    _write_build_json(result, out_dir)
    return result


def _unchanged_result(out_dir: Path, manifest: dict[str, Any], todo: list, stale: dict, missing: list,
                      views: bool, t0: float) -> BuildResult | None:
    """When no file is new, changed or gone and every output is in place, the last build stands."""
    outputs = [out_dir / "graph.ttl", out_dir / "build.json", out_dir / STORE_DIR]
    if views:
        outputs += [out_dir / "index.html", out_dir / "graph.html"]
    if todo or stale or not manifest or not all(p.exists() for p in outputs):
        return None
    try:
        last = json.loads((out_dir / "build.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    # every file that failed last time is extracted again (it is not in the manifest), so only
    # paths that no longer exist can fail here
    result = BuildResult(out_dir, len(manifest), 0, len(manifest), 0, list(missing), last.get("counts", {}),
                         last.get("triples", 0), {"total": round(time.perf_counter() - t0, 3)}, 0)
    _write_build_json(result, out_dir)
    return result


def turtle_body(triples: list[ox.Triple]) -> bytes:
    """Turtle of some triples without the prefix lines (the file's header declares them once)."""
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    lines = data.split(b"\n")
    skip = 0
    while skip < len(lines) and lines[skip].startswith(b"@prefix "):
        skip += 1
    return b"\n".join(lines[skip:])


def write_turtle(path: Path, chunks: list[Path], corpus: bytes) -> None:
    """graph.ttl: one prefix header, each report's Turtle (as serialised when it was extracted, in report-id
    order), then the corpus graph; streamed and written atomically."""

    def write(fh) -> None:
        fh.write(turtle_header())
        for chunk in chunks:
            with chunk.open("rb") as src:
                shutil.copyfileobj(src, fh, 1 << 20)
        fh.write(corpus)

    atomic_write(path, write)


def _class_counts(store: ox.Store) -> dict[str, int]:
    query = """PREFIX djo: <https://w3id.org/dangjian-kg/ontology#>
SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c . FILTER(STRSTARTS(STR(?c), STR(djo:))) } GROUP BY ?c"""
    out = {}
    for row in store.query(query, use_default_graph_as_union=True):
        out[row["c"].value.split("#")[-1]] = int(row["n"].value)
    return dict(sorted(out.items()))


def _write_build_json(result: BuildResult, out_dir: Path) -> None:
    data = {
        "kg": __version__,
        "files_read": result.files,
        "reports_extracted": result.built,
        "reports_reused": result.reused,
        "files_failed": [{"path": p, "reason": r} for p, r in result.failed],
        "counts": result.counts,
        "triples": result.triples,
        "characters_extracted": result.chars,
        "seconds": result.seconds,
        "outputs": sorted(p.name for p in out_dir.iterdir() if not p.name.startswith(".")),
    }
    atomic_write(out_dir / "build.json",
                 lambda fh: fh.write(json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")))


def summary(result: BuildResult) -> str:
    """A one-screen summary for the terminal."""
    c = result.counts
    lines = [
        f"Built {result.out_dir}/graph.ttl: {result.triples:,} triples from {result.built + result.reused} reports "
        f"({result.built} extracted, {result.reused} unchanged) in {result.seconds.get('total', 0):.1f} s.",
        "  " + ", ".join(f"{c.get(k, 0)} {name}" for k, name in (
            ("Program", "programs"), ("Unit", "units"), ("Document", "documents"), ("Problem", "problems"),
            ("Cause", "causes"), ("Measure", "measures"), ("Practice", "practices"), ("Metric", "metrics"),
            ("Mention", "mentions"))),
        f"  Outputs: {result.out_dir}/graph.ttl, {result.out_dir}/store/, {result.out_dir}/build.json"
        + (f", {result.out_dir}/index.html" if (result.out_dir / "index.html").exists() else ""),
    ]
    if result.failed:
        lines.append(f"  {len(result.failed)} file(s) failed:")
        lines += [f"    {reason}" for _, reason in result.failed[:20]]
        if len(result.failed) > 20:
            lines.append(f"    … and {len(result.failed) - 20} more (see build.json)")
    return "\n".join(lines)


__all__ = ["build", "summary", "BuildResult", "KgError"]
