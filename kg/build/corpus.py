"""The corpus graph of a build: entities merged from every live report's cached facts, and the
shared-text links found from their cached MinHash signatures."""

from __future__ import annotations

import pyoxigraph as ox

from ..graph import corpus_triples, shared_text_triples
from ..shared_text import similar_pairs
from .state import State


def corpus_graph(state: State, ids: list[str]) -> list[ox.Triple]:
    signatures: dict[str, list[int]] = {}
    triples = corpus_triples(state.facts(ids, signatures))
    return triples + shared_text_triples(similar_pairs(signatures))
