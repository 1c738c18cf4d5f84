"""Reports that share long passages: shingling + MinHash + LSH banding, then the estimated share.

Each report's normalised text (whitespace dropped) is cut into 12-character shingles; a
MinHash signature of 128 values summarises the set. Pairs that agree on all rows of at
least one of 128 bands (one row each) are candidates; their share is the fraction of equal
signature values, an estimate of the shingles' Jaccard similarity. Pairs at or above
THRESHOLD (reports that copy whole paragraphs from each other reach 0.1–0.5; unrelated
reports stay near 0.01) are recorded (`djo:sharesTextWith`, with the share), at most
MAX_PARTNERS per report. Deterministic: shingles get a 32-bit polynomial hash (vectorised) and the
permutations are multiply-shift hashes ((a·x + b) mod 2^64, its high 32 bits; a odd) with fixed seeds:
a universal family like (a·x + b) mod p, without the modulo that cost a build half its MinHash time.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache

import numpy as np

SHINGLE = 12
PERMUTATIONS = 128
BANDS = 128
THRESHOLD = 0.08
MAX_PARTNERS = 5  # per report, the most similar ones
MAX_BUCKET = 40  # a signature value shared by more reports than this is boilerplate, not a shared passage
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1)
def _coefficients() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(20240601)
    a = rng.integers(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 1 << 63, size=PERMUTATIONS, dtype=np.uint64)
    return a, b


def _shingle_hashes(text: str) -> np.ndarray:
    """A 32-bit polynomial hash of every SHINGLE-character window, computed for all windows at once."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(codes) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        h = (h * np.uint64(1_000_003) + codes[k:k + n]) & np.uint64(0xFFFFFFFF)
    return h


def signature(text: str) -> list[int]:
    """The MinHash signature of a text's shingles (empty for texts shorter than one shingle)."""
    text = _SPACE.sub("", text)
    if len(text) < SHINGLE:
        return []
    hashes = np.unique(_shingle_hashes(text))
    a, b = _coefficients()
    with np.errstate(over="ignore"):  # the products wrap modulo 2^64 by design
        values = (np.multiply.outer(hashes, a) + b) >> np.uint64(32)
    return values.min(axis=0).tolist()


def similar_pairs(signatures: dict[str, list[int]], threshold: float = THRESHOLD) -> list[tuple[str, str, float]]:
    """(report a, report b, estimated share) for every pair at or above threshold, a < b.

    Each signature position is a band of one row: reports with equal values there collide.
    Collisions are counted with numpy over all positions (values shared by more than
    MAX_BUCKET reports are boilerplate and skipped); the count over PERMUTATIONS is the share.
    """
    ids = sorted(rid for rid, sig in signatures.items() if len(sig) == PERMUTATIONS)
    if len(ids) < 2:
        return []
    matrix = np.array([signatures[rid] for rid in ids], dtype=np.uint64)
    n = len(ids)
    keys: list[np.ndarray] = []
    for col in range(PERMUTATIONS):
        order = np.argsort(matrix[:, col], kind="stable")
        values = matrix[order, col]
        starts = np.flatnonzero(np.r_[True, values[1:] != values[:-1]])
        sizes = np.diff(np.r_[starts, n])
        for start, size in zip(starts[(sizes > 1) & (sizes <= MAX_BUCKET)], sizes[(sizes > 1) & (sizes <= MAX_BUCKET)]):
            members = np.sort(order[start:start + size]).astype(np.int64)
            i, j = np.triu_indices(size, 1)
            keys.append(members[i] * n + members[j])
    if not keys:
        return []
    pair_keys, counts = np.unique(np.concatenate(keys), return_counts=True)
    need = int(np.ceil(threshold * PERMUTATIONS))
    scored = [(ids[int(k // n)], ids[int(k % n)], round(int(c) / PERMUTATIONS, 3))
              for k, c in zip(pair_keys[counts >= need], counts[counts >= need])]
    partners: dict[str, int] = defaultdict(int)
    out = []
    for a, b, share in sorted(scored, key=lambda t: (-t[2], t[0], t[1])):
        if partners[a] < MAX_PARTNERS and partners[b] < MAX_PARTNERS:
            partners[a] += 1
            partners[b] += 1
            out.append((a, b, share))
    return sorted(out)
