"""Recurring problems: the same theme and a similar wording in different reports.

Distinct (theme, wording) pairs are grouped first; similar wordings are found through shared rare
character bigrams (blocking), so the work grows with the number of distinct wordings, not with
their square. Two wordings are similar when the Dice coefficient of their bigrams reaches SIMILAR.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations
from typing import Any

from .rankings import Ranked

SIMILAR = 0.5
BLOCK_LIMIT = 200  # a bigram shared by more wordings than this is too common to block on


def _dice(a: str, b: str) -> float:
    x = {a[i:i + 2] for i in range(len(a) - 1)} or {a}
    y = {b[i:i + 2] for i in range(len(b) - 1)} or {b}
    return 2 * len(x & y) / (len(x) + len(y))


class _Groups:
    """Union-find over problem statements."""

    def __init__(self, items: list[str]) -> None:
        self.parent = {p: p for p in items}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        self.parent[self.find(a)] = self.find(b)


def _similar_pairs(labels: list[str]) -> list[tuple[int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, label in enumerate(labels):
        for gram in {label[k:k + 2] for k in range(len(label) - 1)}:
            postings[gram].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for ids in postings.values():
        if len(ids) <= BLOCK_LIMIT:
            for a, b in combinations(ids, 2):
                shared[(a, b)] += 1
    return [(a, b) for (a, b), n in shared.items() if n >= 2 and _dice(labels[a], labels[b]) >= SIMILAR]


def recurring_problems(r: Ranked, top: int) -> list[dict[str, Any]]:
    c = r.corpus
    problems = sorted((p for p in c.kinds if c.kinds[p] == "Problem"), key=lambda p: (c.labels[p], p))
    groups = _Groups(problems)
    wordings: dict[tuple[str, str], list[str]] = defaultdict(list)
    for p in problems:
        for t in c.themes.get(p, []):
            wordings[(t, c.labels[p])].append(p)
    for members in wordings.values():
        for other in members[1:]:
            groups.join(other, members[0])
    by_theme: dict[str, list[str]] = defaultdict(list)
    for t, label in sorted(wordings):
        by_theme[t].append(label)
    for t, labels in by_theme.items():
        for a, b in _similar_pairs(labels):
            groups.join(wordings[(t, labels[a])][0], wordings[(t, labels[b])][0])
    grouped: dict[str, list[str]] = defaultdict(list)
    for p in problems:
        grouped[groups.find(p)].append(p)
    answered = {b for _, b in c.addresses}
    out: list[dict[str, Any]] = []
    for members in grouped.values():
        raised_in = {r.report_of(p) for p in members}
        if len(raised_in) < 2:
            continue
        out.append({"problem": Counter(c.labels[p] for p in members).most_common(1)[0][0],
                    "wordings": sorted({c.labels[p] for p in members}),
                    "themes": sorted({t for p in members for t in c.themes.get(p, [])}),
                    "reports": len(raised_in),
                    "reports_with_measure": len({r.report_of(p) for p in members if p in answered})})
    out.sort(key=lambda row: (-row["reports"], row["problem"]))
    return out[: top * 3]
