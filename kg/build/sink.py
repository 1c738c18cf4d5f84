"""Where a build's triples go: the store, loaded in large TriG batches (each report's Turtle chunk as its
named graph) at the store's own speed."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..graph import CORPUS_GRAPH, report_graph
from ..namespaces import DJ_IRI
from ..store import turtle_header

BATCH_BYTES = 16 * 1024 * 1024  # Turtle buffered before one bulk load
PIECE_BYTES = 4 * 1024 * 1024
_REPORT_GRAPHS = DJ_IRI + "graph/report/"


def _pieces(turtle: bytes) -> list[bytes]:
    """A Turtle chunk cut into pieces of about PIECE_BYTES at the ends of subject blocks (a line ending in
    ` .`: literals never hold a raw line break in Oxigraph's Turtle), so one long report never makes one
    huge bulk load (the loader holds a whole load in memory)."""
    if len(turtle) <= PIECE_BYTES:
        return [turtle]
    out, start = [], 0
    while len(turtle) - start > PIECE_BYTES:
        cut = turtle.find(b" .\n", start + PIECE_BYTES)
        if cut < 0:
            break
        out.append(turtle[start:cut + 3])
        start = cut + 3
    out.append(turtle[start:])
    return out


class StoreSink:
    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.pending: list[bytes] = []
        self.size = 0

    def report_ids(self) -> set[str]:
        """The reports whose named graphs the store holds."""
        return {g.value[len(_REPORT_GRAPHS):] for g in self.store.named_graphs() if g.value.startswith(_REPORT_GRAPHS)}

    def add(self, report_id: str, turtle: bytes) -> None:
        """Queue a report's Turtle chunk (no prefix lines) as its named graph, replacing what the store held."""
        graph = report_graph(report_id)
        if self.store.contains_named_graph(graph):
            self.flush()
            self.store.remove_graph(graph)
        for piece in _pieces(turtle):
            self.pending += [f"<{graph.value}> {{\n".encode(), piece, b"\n}\n"]
            self.size += len(piece)
            if self.size > BATCH_BYTES:
                self.flush()

    def add_file(self, report_id: str, path: Path) -> None:
        self.add(report_id, path.read_bytes())

    def flush(self) -> None:
        if self.pending:
            self.store.bulk_load(turtle_header() + b"".join(self.pending), format=ox.RdfFormat.TRIG)
            self.pending.clear()
            self.size = 0

    def drop_except(self, live: set[str]) -> None:
        """Remove the named graphs of every report not in live."""
        self.flush()
        for rid in self.report_ids() - live:
            self.store.remove_graph(report_graph(rid))

    def replace_corpus(self, triples: list[ox.Triple]) -> None:
        self.flush()
        if self.store.contains_named_graph(CORPUS_GRAPH):
            self.store.remove_graph(CORPUS_GRAPH)
        self.store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, CORPUS_GRAPH) for t in triples)
        self.store.flush()
