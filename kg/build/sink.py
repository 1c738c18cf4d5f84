"""Where a build's triples go: the store, loaded in large batches at the store's own speed — N-Quads
from the workers (each report in its named graph), or a cached report's Turtle chunk as TriG when the
store is repaired from the cache."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from ..graph import CORPUS_GRAPH, report_graph
from ..namespaces import DJ_IRI
from ..store import turtle_header

BATCH_BYTES = 16 * 1024 * 1024  # Turtle buffered before one bulk load
NQUADS_BATCH_BYTES = 48 * 1024 * 1024  # N-Quads (about three times the bytes of the same Turtle)
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
        self.quads: list[bytes] = []
        self.quad_bytes = 0

    def report_ids(self) -> set[str]:
        """The reports whose named graphs the store holds."""
        return {g.value[len(_REPORT_GRAPHS):] for g in self.store.named_graphs() if g.value.startswith(_REPORT_GRAPHS)}

    def _replace(self, report_id: str) -> None:
        """Drop what the store holds of a report before its new triples are queued."""
        graph = report_graph(report_id)
        if self.store.contains_named_graph(graph):
            self.flush()
            self.store.remove_graph(graph)

    def add(self, report_id: str, nquads: bytes) -> None:
        """Queue a report's N-Quads (all in its named graph, as a worker makes them)."""
        self._replace(report_id)
        self.quads.append(nquads)
        self.quad_bytes += len(nquads)
        if self.quad_bytes > NQUADS_BATCH_BYTES:
            self.flush()

    def add_file(self, report_id: str, path: Path) -> None:
        """Queue a report's cached Turtle chunk (no prefix lines) as its named graph (TriG)."""
        self._replace(report_id)
        graph = report_graph(report_id)
        for piece in _pieces(path.read_bytes()):
            self.pending += [f"<{graph.value}> {{\n".encode(), piece, b"\n}\n"]
            self.size += len(piece)
            if self.size > BATCH_BYTES:
                self.flush()

    def flush(self) -> None:
        if self.quads:
            self.store.bulk_load(b"".join(self.quads), format=ox.RdfFormat.N_QUADS)
            self.quads.clear()
            self.quad_bytes = 0
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
