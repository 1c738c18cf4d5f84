"""The corpus graph of a build: entities merged from every live report's cached facts, the tallies the
analyst queries group by, and the shared-text links found from the cached MinHash signatures."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyoxigraph as ox

from ..graph import EntityFact, concept_iri, corpus_triples, shared_text_triples
from ..graph.tallies import TallyCounter
from ..graph.terms import djo, integer
from ..shared_text import similar_pairs
from .state import State


def corpus_graph(state: State, ids: list[str], digests: dict[str, dict[str, Any]]) -> list[ox.Triple]:
    """The corpus graph's triples; `digests` is filled with each report's cached digest on the way (one
    read of each cache entry)."""
    signatures: dict[str, list[int]] = {}
    tallies = TallyCounter()

    def counted() -> Iterator[dict[str, EntityFact]]:
        for rid, facts in zip(ids, state.facts(ids, signatures, digests)):
            d = digests[rid]
            named = {key: f.mentions for key, f in facts.items() if f.category == "program" and f.mentions > 0}
            documents = [key for key, f in facts.items() if f.category == "document" and f.mentions > 0]
            tallies.add_report(d, named, concept_iri("level", d["level"]) if d["level"] else "", documents)
            yield facts

    triples = corpus_triples(counted())
    return triples + tallies.triples(triples) + shared_text_triples(similar_pairs(signatures)) + title_ranks(digests)


def title_ranks(digests: dict[str, dict[str, Any]]) -> list[ox.Triple]:
    """Each report's place in the order of titles (then IRIs): queries that list many reports' rows sort on
    this number, which Oxigraph compares inline, instead of on long title strings it must fetch for every
    comparison (a third of `entity_provenance`'s time at 2,000 reports)."""
    order = sorted((d["title"], d["r"]) for d in digests.values())
    rank = djo("titleRank")
    return [ox.Triple(ox.NamedNode(r), rank, integer(i)) for i, (_, r) in enumerate(order)]
