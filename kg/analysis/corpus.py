"""What the analysis reads from the graph, fetched once with a few internal queries (strings shared)."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

from ..digest import Digest, store_digests
from ..query import select
from ..views.report_view import label_of


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


def load(store: ox.Store, digests: list[Digest] | None = None) -> Corpus:
    """Read what the analysis needs: statements, their edges and the reports from the report digests
    (the build's cache, or read from the store), labels, counts and shared text from the corpus graph.
    Strings are shared, not copied per row."""
    if digests is None:
        digests = store_digests(store)
    i = sys.intern  # one copy of each IRI (the build's digests are interned already: no second table)

    labels: dict[str, str] = {}
    kinds: dict[str, str] = {}
    for e, c, label in _rows(store, "analysis_entities"):
        labels[i(e)], kinds[i(e)] = label, c.split("#")[1]
    statement_report: dict[str, str] = {}
    pairs: dict[str, list[tuple[str, str]]] = {name: [] for name in ("invokes", "involves", "addresses", "explains")}
    themes: dict[str, list[str]] = defaultdict(list)
    report_year: dict[str, str] = {}
    report_title: dict[str, str] = {}
    for d in digests:
        r = i(d["r"])
        report_year[r], report_title[r] = d["year"], d["title"]
        for iri, kind, label, _ in d["statements"]:
            if kind in ("Problem", "Measure", "Cause"):
                s = i(iri)
                statement_report[s] = r
                labels[s], kinds[s] = label, kind
        for relation, a, b in d["edges"]:
            if relation == "theme":
                themes[i(a)].append(label_of(b))
            else:
                statement_report.setdefault(i(a), r)
                pairs[relation].append((i(a), i(b)))
    counts = {i(e): int(n) for e, n in _rows(store, "report_counts")}
    shares = [(a, b, float(x)) for a, b, x in _rows(store, "text_shares")]
    return Corpus(labels, kinds, statement_report, report_year, report_title,
                  pairs["invokes"], pairs["involves"], pairs["addresses"], pairs["explains"],
                  {k: sorted(v) for k, v in themes.items()}, counts, sorted(shares))
