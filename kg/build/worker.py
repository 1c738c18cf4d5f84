"""One file → `ReportArtifacts`: everything the build keeps of a report, made in a worker process.

The worker reads and extracts the file, makes the report's triples once as a Turtle chunk (for the
store, loaded as TriG, and for graph.ttl), renders its page from those triples, and
returns its entity facts, MinHash signature and counts. A failure is returned as a sentence for
that file, never raised: one bad file must not sink the others.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..digest import report_digest
from ..errors import KgError
from ..graph import EntityFact, entity_facts, iter_report_triples
from ..namespaces import PREFIXES
from ..readers import read
from ..records import Source
from ..shared_text import signature
from ..store import turtle_header

STREAM_FROM = 300_000  # characters from which a report's triples are streamed, not listed


@dataclass
class ReportArtifacts:
    """What a worker sends back for one file."""

    path: str
    rel: str
    sha256: str = ""
    report_id: str = ""
    stem: str = ""
    turtle: bytes = b""
    page: bytes = b""
    minhash: list[int] = field(default_factory=list)
    digest: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, EntityFact] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    chars: int = 0
    error: str = ""
    seconds: float = 0.0


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


def process(job: tuple[str, str, bool]) -> ReportArtifacts:
    """Read, extract and serialise one file (path, corpus path, whether to render its page)."""
    path_s, rel, with_page = job
    started = time.perf_counter()
    out = ReportArtifacts(path_s, rel)
    try:
        source = read(Path(path_s), rel)
    except KgError as err:
        out.error = str(err)
    else:
        out.sha256 = source.sha256
        try:
            _extract(source, out, with_page)
        except Exception as err:  # a bug must not sink the other reports; it is reported per file
            out.error = f"{path_s}: extraction failed ({type(err).__name__}: {err})."
            out.report_id = ""
    out.seconds = time.perf_counter() - started
    return out


def _extract(source: Source, out: ReportArtifacts, with_page: bool) -> None:
    from ..pipeline import extract

    x = extract(source)
    out.report_id, out.stem, out.chars = x.id, x.stem, len(source.text)
    out.minhash = signature(x.norm_text)
    out.facts = entity_facts(x)
    counts: dict[str, int] = {}
    for e in x.entities:
        counts[e.category + "s"] = counts.get(e.category + "s", 0) + 1
    for item in x.items:
        counts[item.kind] = counts.get(item.kind, 0) + 1
    counts["metrics"], counts["links"] = len(x.metrics), len(x.links)
    out.counts = counts
    # the triples are made once, streamed into Turtle (never all in memory), and the page is read back
    # from that Turtle: the same triples `kg viz` reads from the store
    if len(source.text) < STREAM_FROM:
        triples: Iterable[ox.Triple] = list(iter_report_triples(x, source.rel or None))
        out.turtle = turtle_body(triples)
        out.digest = report_digest(out.report_id, triples)
    else:  # a long report: its triples never all sit in memory; digest and page read them back from the Turtle
        out.turtle = turtle_body(iter_report_triples(x, source.rel or None))
        out.digest = report_digest(out.report_id, parse_chunk(out.turtle))
        triples = parse_chunk(out.turtle)
    del x
    if with_page:
        from ..views import report_page

        out.page = report_page(out.report_id, triples)


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
