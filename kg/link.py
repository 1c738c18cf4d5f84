"""measure → problem (djo:addresses) and cause → problem (djo:explains), within a report.

Method (explainable on purpose): each statement becomes a bag of content words —
jieba tokens of its text minus stop words (lexicons/stopwords.txt), with the field's
synonyms folded to one word (lexicons/synonyms.tsv: 党务工作者队伍 → 党务力量) — plus
the programs and units mentioned in it. Each word weighs its rarity, log(N/f) from
jieba's dictionary frequency. The score of a pair is the weight of the shared words
over the geometric mean of the two bags' weights (a weighted cosine of sets).
A measure is linked to its best problem when the score reaches LINK_THRESHOLD, and to
any other problem scoring at least RUNNER_UP of the best; every problem is linked to
its best-scoring measure when that reaches FLOOR, so no problem with an answering
measure is left unlinked. Causes are linked the same way. Each link keeps its score
and the shared words that made it.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

from .lexicons import lexicon_lines, lexicon_table
from .records import Entity, Item, Link
from .segment import lcut, word_freq

LINK_THRESHOLD = 0.16
FLOOR = 0.10
RUNNER_UP = 0.85
_HAN = re.compile(r"[\u4e00-\u9fff]")


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return frozenset(lexicon_lines("stopwords.txt"))


@lru_cache(maxsize=1)
def _synonyms() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in lexicon_table("synonyms.tsv"):
        canonical = row[0]
        table[canonical] = canonical
        for variant in row[1].split("|") if len(row) > 1 else []:
            table[variant] = canonical
    return table


@lru_cache(maxsize=1)
def _total() -> float:
    return float(sum(word_freq().values()) or 1)


def weight(word: str) -> float:
    """Rarity of a word: log(N / f) by jieba's dictionary, capped for unknown words."""
    freq = word_freq().get(word, 0)
    return math.log(_total() / (freq + 50))


def bag(text: str, names: list[str] = ()) -> dict[str, float]:  # type: ignore[assignment]
    """Content words of a statement with their weights (synonyms folded)."""
    syn = _synonyms()
    words: dict[str, float] = {}
    for phrase, canonical in syn.items():
        if len(phrase) >= 3 and phrase in text:
            words[canonical] = weight(canonical) + 2
    for token in lcut(text):
        token = token.strip()
        if len(token) < 2 or not _HAN.search(token) or token in _stop():
            continue
        canonical = syn.get(token, token)
        words[canonical] = max(words.get(canonical, 0), weight(canonical))
    for name in names:
        words[syn.get(name, name)] = weight(name) + 3
    return words


def score(a: dict[str, float], b: dict[str, float]) -> tuple[float, tuple[str, ...]]:
    shared = set(a) & set(b)
    if not shared:
        return 0.0, ()
    num = sum(min(a[w], b[w]) for w in shared)
    den = math.sqrt(sum(a.values()) * sum(b.values()))
    words = tuple(sorted(shared, key=lambda w: (-min(a[w], b[w]), w))[:6])
    return num / den if den else 0.0, words


def _names_in(item: Item, entities: list[Entity]) -> list[str]:
    return sorted({e.label for e in entities if e.category in ("program", "unit")
                   for m in e.mentions if item.start <= m.start and m.end <= item.end})


def link_items(items: list[Item], entities: list[Entity]) -> list[Link]:
    problems = [i for i in items if i.kind == "problems"]
    if not problems:
        return []
    bags = {i.position: bag(i.text, _names_in(i, entities)) for i in items
            if i.kind in ("problems", "measures", "causes")}
    links: list[Link] = []
    for relation, kind in (("addresses", "measures"), ("explains", "causes")):
        sources = [i for i in items if i.kind == kind]
        scores = {(s.position, p.position): score(bags[s.position], bags[p.position])
                  for s in sources for p in problems}
        chosen: dict[tuple[int, int], tuple[float, tuple[str, ...]]] = {}
        for s in sources:
            ranked = sorted(((scores[(s.position, p.position)][0], p.position) for p in problems), reverse=True)
            best = ranked[0][0]
            for value, pos in ranked:
                if value >= LINK_THRESHOLD and value >= RUNNER_UP * best:
                    chosen[(s.position, pos)] = scores[(s.position, pos)]
        for p in problems:
            if any(t == p.position for _, t in chosen) or not sources:
                continue
            value, spos = max((scores[(s.position, p.position)][0], s.position) for s in sources)
            if value >= FLOOR:
                chosen[(spos, p.position)] = scores[(spos, p.position)]
        for (spos, ppos), (value, words) in sorted(chosen.items()):
            links.append(Link(relation, spos, ppos, round(value, 3), words))
    return links
