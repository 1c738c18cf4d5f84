"""The corpus graph of a build: entities merged from every live report's cached facts, and the
shared-text links found from their cached MinHash signatures."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from ..graph import corpus_triples, shared_text_triples
from ..shared_text import similar_pairs
from .state import State


def corpus_graph(state: State, ids: list[str], digests: dict[str, dict[str, Any]]) -> list[ox.Triple]:
    """The corpus graph's triples; `digests` is filled with each report's cached digest on the way (one
    read of each cache entry)."""
    signatures: dict[str, list[int]] = {}
    triples = corpus_triples(state.facts(ids, signatures, digests))
    return triples + shared_text_triples(similar_pairs(signatures))
