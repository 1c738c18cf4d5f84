"""Reports that share long passages: shingling + MinHash + LSH banding, then the estimated share.

Each report's normalised text (whitespace dropped) is cut into 12-character shingles; a
MinHash signature of 128 values summarises the set. Pairs that agree on all rows of at
least one of 128 bands (one row each) are candidates; their share is the fraction of equal
signature values, an estimate of the shingles' Jaccard similarity. Pairs at or above
THRESHOLD (reports that copy whole paragraphs from each other reach 0.1–0.5; unrelated
reports stay near 0.01) are recorded (`djo:sharesTextWith`, with the share), at most
MAX_PARTNERS per report. Deterministic: shingles are hashed with CRC-32 and the
permutations use fixed seeds.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from functools import lru_cache

import numpy as np

SHINGLE = 12
PERMUTATIONS = 128
BANDS = 128
THRESHOLD = 0.08
MAX_PARTNERS = 5  # per report, the most similar ones
_PRIME = (1 << 61) - 1
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20240601)
    a = rng.integers(1, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
    b = rng.integers(0, _PRIME, size=PERMUTATIONS, dtype=np.uint64)
    return a, b


def signature(text: str) -> list[int]:
    """The MinHash signature of a text's shingles (empty for texts shorter than one shingle)."""
    text = _SPACE.sub("", text)
    if len(text) < SHINGLE:
        return []
    hashes = np.fromiter({zlib.crc32(text[i:i + SHINGLE].encode("utf-8")) for i in range(len(text) - SHINGLE + 1)},
                         dtype=np.uint64)
    a, b = _coefficients()
    # (a*x + b) mod 2^61-1 with 32-bit x keeps the products below 2^64 only for a < 2^32: fold a first
    a32 = a & np.uint64(0xFFFFFFFF)
    values = (np.outer(hashes, a32) + b) % np.uint64(_PRIME)
    return values.min(axis=0).astype(np.uint64).tolist()


def similar_pairs(signatures: dict[str, list[int]], threshold: float = THRESHOLD) -> list[tuple[str, str, float]]:
    """(report a, report b, estimated share) for every pair at or above threshold, a < b."""
    rows = PERMUTATIONS // BANDS
    buckets: dict[tuple[int, tuple[int, ...]], list[str]] = defaultdict(list)
    for rid, sig in sorted(signatures.items()):
        if len(sig) != PERMUTATIONS:
            continue
        for band in range(BANDS):
            buckets[(band, tuple(sig[band * rows:(band + 1) * rows]))].append(rid)
    candidates: set[tuple[str, str]] = set()
    for members in buckets.values():
        if 1 < len(members) <= 200:
            for i, a in enumerate(members):
                for b in members[i + 1:]:
                    candidates.add((a, b) if a < b else (b, a))
    scored = []
    for a, b in sorted(candidates):
        sa, sb = signatures[a], signatures[b]
        share = sum(x == y for x, y in zip(sa, sb)) / PERMUTATIONS
        if share >= threshold:
            scored.append((a, b, round(share, 3)))
    partners: dict[str, int] = defaultdict(int)
    out = []
    for a, b, share in sorted(scored, key=lambda t: (-t[2], t[0], t[1])):
        if partners[a] < MAX_PARTNERS and partners[b] < MAX_PARTNERS:
            partners[a] += 1
            partners[b] += 1
            out.append((a, b, share))
    return sorted(out)
