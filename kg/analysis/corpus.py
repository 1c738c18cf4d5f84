"""What the analysis reads from the graph, fetched once with a few internal queries (strings shared)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from ..namespaces import DJO_IRI
from ..query import select


@dataclass
class Corpus:
    """The parts of the graph the analysis reads, fetched once."""

    labels: dict[str, str]
    kinds: dict[str, str]  # node → Program | Unit | Problem | Measure | Cause
    statement_report: dict[str, str]
    report_year: dict[str, str]
    report_title: dict[str, str]
    invokes: list[tuple[str, str]]  # statement → program
    involves: list[tuple[str, str]]  # statement → unit
    addresses: list[tuple[str, str]]
    explains: list[tuple[str, str]]
    themes: dict[str, list[str]]  # problem → themes
    report_count: dict[str, int]
    shares: list[tuple[str, str, float]]


def _rows(store: ox.Store, name: str, **params: str) -> Iterator[tuple[str, ...]]:
    """An internal query's rows as tuples of plain strings."""
    for row in select(store, name, **params):
        yield tuple(row.values())


def load(store: ox.Store) -> Corpus:
    """Read what the analysis needs with a few index scans; strings are shared, not copied per row."""
    intern: dict[str, str] = {}

    def i(x: str) -> str:
        return intern.setdefault(x, x)

    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for e, c, label in _rows(store, "analysis_entities"):
        labels[i(e)], kinds[i(e)] = label, c.split("#")[1]
    statement_report: dict[str, str] = {}
    for s, c, label, r in _rows(store, "analysis_statements"):
        s = i(s)
        statement_report[s] = i(r)
        labels[s], kinds[s] = label, c.split("#")[1]
    reports = list(_rows(store, "analysis_reports"))

    def pairs(relation: str) -> list[tuple[str, str]]:
        out = []
        for a, b, r in _rows(store, "statement_edges", relation=DJO_IRI + relation):
            a = i(a)
            statement_report.setdefault(a, i(r))
            out.append((a, i(b)))
        return out

    themes: dict[str, list[str]] = defaultdict(list)
    for p, t in _rows(store, "statement_themes"):
        themes[i(p)].append(i(t))
    counts = {i(e): int(n) for e, n in _rows(store, "report_counts")}
    shares = [(a, b, float(x)) for a, b, x in _rows(store, "text_shares")]
    return Corpus(labels, kinds, statement_report, {r: y for r, _, y in reports}, {r: t for r, t, _ in reports},
                  pairs("invokes"), pairs("involves"), pairs("addresses"), pairs("explains"),
                  {k: sorted(v) for k, v in themes.items()}, counts, sorted(shares))
