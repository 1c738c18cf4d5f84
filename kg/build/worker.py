"""One file → `ReportArtifacts`: everything the build keeps of a report, made in a worker process.

The worker reads and extracts the file, makes the report's triples once, and writes the report's cache
entry itself (its Turtle chunk for graph.ttl, and its entity facts, MinHash signature, counts and digest)
and its page; it sends back only what the main process needs: the same triples as N-Quads in the
report's named graph (the store loads N-Quads about a third faster than TriG, and no prefix is expanded)
and a few counts. The main process, which also loads the store, so does no per-report encoding or file
writing. A failure is returned as a sentence for that file, never raised: one bad file must not sink
the others.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from ..digest import report_digest
from ..errors import KgError
from ..graph import entity_facts, iter_report_triples, report_graph
from ..namespaces import PREFIXES
from ..readers import read
from ..records import Source
from ..shared_text import signature
from ..store import turtle_header
from .outputs import write_page
from .state import State

STREAM_FROM = 300_000  # characters from which a report's triples are streamed, not listed


@dataclass
class ReportArtifacts:
    """What a worker sends back for one file."""

    path: str
    rel: str
    sha256: str = ""
    report_id: str = ""
    stem: str = ""
    nquads: bytes = b""  # the report's triples in its named graph, for the store
    chars: int = 0
    error: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class Job:
    """One file to extract, and where its cache entry and page go."""

    path: str
    rel: str
    out_dir: str
    with_page: bool


def parse_chunk(body: bytes) -> Iterator[ox.Triple]:
    """The triples of a Turtle chunk (turtle_body's output)."""
    return ox.parse(turtle_header() + body, format=ox.RdfFormat.TURTLE)


def turtle_body(triples: Iterable[ox.Triple]) -> bytes:
    """Turtle of some triples without the prefix lines (graph.ttl's header declares them once)."""
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    lines = data.split(b"\n")
    skip = 0
    while skip < len(lines) and lines[skip].startswith(b"@prefix "):
        skip += 1
    return b"\n".join(lines[skip:])


def process(job: Job) -> ReportArtifacts:
    """Read, extract and serialise one file; write its cache entry and page."""
    started = time.perf_counter()
    out = ReportArtifacts(job.path, job.rel)
    try:
        source = read(Path(job.path), job.rel)
    except KgError as err:
        out.error = str(err)
    else:
        out.sha256 = source.sha256
        try:
            _extract(source, out, job)
        except KgError as err:  # a cache folder that cannot be written: the user's to fix, one sentence
            out.error, out.report_id = str(err), ""
        except Exception as err:  # a bug must not sink the other reports; it is reported per file
            out.error = f"{job.path}: extraction failed ({type(err).__name__}: {err})."
            out.report_id = ""
    out.seconds = time.perf_counter() - started
    return out


def _extract(source: Source, out: ReportArtifacts, job: Job) -> None:
    from ..pipeline import extract

    x = extract(source)
    out.report_id, out.stem, out.chars = x.id, x.stem, len(source.text)
    minhash = signature(x.norm_text)
    facts = entity_facts(x)
    counts: dict[str, int] = {}
    for e in x.entities:
        counts[e.category + "s"] = counts.get(e.category + "s", 0) + 1
    for item in x.items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    counts["metrics"], counts["links"] = len(x.metrics), len(x.links)
    # the triples are made once, streamed into Turtle (never all in memory), and the page is read back
    # from that Turtle: the same triples `kg viz` reads from the store
    if len(source.text) < STREAM_FROM:
        triples: Iterable[ox.Triple] = list(iter_report_triples(x, source.rel or None))
        turtle = turtle_body(triples)
        digest = report_digest(out.report_id, triples)
    else:  # a long report: its triples never all sit in memory; digest and page read them back from the Turtle
        turtle = turtle_body(iter_report_triples(x, source.rel or None))
        digest = report_digest(out.report_id, parse_chunk(turtle))
        triples = parse_chunk(turtle)
    del x
    out.nquads = _nquads(out.report_id, triples if isinstance(triples, list) else parse_chunk(turtle))
    state = State(Path(job.out_dir))
    state.keep(out.report_id, turtle, facts, minhash, counts, out.chars, digest)
    if job.with_page:
        from ..views import report_page

        write_page(Path(job.out_dir), out.report_id, report_page(out.report_id, triples))


def _nquads(report_id: str, triples: Iterable[ox.Triple]) -> bytes:
    """The report's triples as N-Quads in its named graph."""
    graph = report_graph(report_id)
    return ox.serialize((ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples),
                        format=ox.RdfFormat.N_QUADS) or b""


def init_worker() -> None:
    """A worker process: dies with its parent (Linux), ignores Ctrl-C (the parent handles it), loads jieba."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
            if os.getppid() == 1:  # the parent died before prctl took effect
                os._exit(1)
        except OSError:
            pass
    from ..segment import warm

    warm()
