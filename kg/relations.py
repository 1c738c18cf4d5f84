"""measure → problem (djo:addresses) and cause → problem (djo:explains), within a report.

Method (explainable on purpose): each statement becomes a bag of content words —
jieba tokens of its text minus stop words (lexicons/stopwords.txt), with the field's
synonyms folded to one word (lexicons/synonyms.tsv: 党务工作者队伍 → 党务力量) — plus
the programs and units mentioned in it. Each word weighs its rarity, log(N/f) from
jieba's dictionary frequency; words of the statement's label count LABEL_BOOST times.

The score of (source, problem) is the share of the problem's word weight that the
source's text covers, plus LABEL_WEIGHT times the share of the problem's label words
that the source's label repeats. Linking is problem-centred: each problem is linked
to its best-scoring measure when the score reaches FLOOR, and to any other measure
scoring at least max(ALSO, RELATIVE × best). Causes are linked the same way. Each
link keeps its score and the shared words that made it.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import lexicon_lines, lexicon_table
from .records import Entity, Item, Link
from .segment import lcut, word_freq

FLOOR = 0.03  # the best source of a problem is linked from this score
ALSO = 0.11  # further sources need this score …
MAX_SOURCES = 5  # at most this many measures (causes) per problem: more says the words are too common
RELATIVE = 0.3  # … and this share of the best one's
LABEL_BOOST = 2.5  # a word of the statement's label counts this much more than one of its body
LABEL_WEIGHT = 0.5  # weight of the share of the problem's label words that the source's label repeats
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
def _phrase_regex() -> re.Pattern[str]:
    """The synonym table's phrases of three or more characters, longest first (found inside longer words)."""
    phrases = sorted((p for p in _synonyms() if len(p) >= 3), key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in phrases))


@lru_cache(maxsize=1)
def _total() -> float:
    return float(sum(word_freq().values()) or 1)


@lru_cache(maxsize=200_000)
def weight(word: str) -> float:
    """Rarity of a word: log(N / f) by jieba's dictionary, capped for unknown words."""
    freq = word_freq().get(word, 0)
    return math.log(_total() / (freq + 50))


def bag(text: str, names: list[str] = (), tokens: list[str] | None = None) -> dict[str, float]:  # type: ignore[assignment]
    """Content words of a statement with their weights (synonyms folded); `tokens` saves a re-segmentation."""
    syn = _synonyms()
    words: dict[str, float] = {}
    for phrase in set(_phrase_regex().findall(text)):
        canonical = syn[phrase]
        words[canonical] = weight(canonical) + 2
    for token in tokens if tokens is not None else lcut(text):
        token = token.strip()
        if len(token) < 2 or not _HAN.search(token) or token in _stop():
            continue
        canonical = syn.get(token, token)
        words[canonical] = max(words.get(canonical, 0), weight(canonical))
    for name in names:
        words[syn.get(name, name)] = weight(name) + 3
    return words


def score(a: dict[str, float], b: dict[str, float]) -> tuple[float, tuple[str, ...]]:
    """Weighted cosine of two word sets, and the shared words, heaviest first."""
    shared = set(a) & set(b)
    if not shared:
        return 0.0, ()
    num = sum(min(a[w], b[w]) for w in shared)
    den = math.sqrt(sum(a.values()) * sum(b.values()))
    words = tuple(sorted(shared, key=lambda w: (-min(a[w], b[w]), w))[:6])
    return num / den if den else 0.0, words


@dataclass(frozen=True)
class Profile:
    """A statement as the linker sees it: the words of its label and of its whole text."""

    label: dict[str, float]
    text: dict[str, float]


def profile(item: Item, names: list[str], tokens_between=None, norm_text: str = "") -> Profile:
    """A statement's words; `tokens_between(start, end)` gives the report's jieba tokens of a span."""
    if tokens_between is None:
        label, text = bag(item.label), bag(item.text, names)
    else:
        inside = tokens_between(item.nstart, item.nend)
        at = norm_text.find(item.label, item.nstart, item.nend)
        label_tokens = [w for w, s, e in inside if at >= 0 and at <= s and e <= at + len(item.label)]
        label = bag(item.label, [], label_tokens)
        text = bag(item.text, names, [w for w, _, _ in inside])
    return Profile(label, {w: v * (LABEL_BOOST if w in label else 1.0) for w, v in text.items()})


def pair_score(source: Profile, problem: Profile) -> tuple[float, tuple[str, ...]]:
    """How much of the problem the source covers, plus a bonus for repeating the problem's label words."""
    shared = set(source.text) & set(problem.text)
    if not shared or not problem.text:
        return 0.0, ()
    value = sum(problem.text[w] for w in shared) / sum(problem.text.values())
    label_shared = set(source.label) & set(problem.label)
    if label_shared:
        value += LABEL_WEIGHT * sum(problem.label[w] for w in label_shared) / sum(problem.label.values())
    words = tuple(sorted(label_shared)) + tuple(
        sorted(shared - label_shared, key=lambda w: (-problem.text[w], w)))
    return value, words[:6]


class _Names:
    """The program and unit names mentioned inside a span, by binary search over sorted mentions."""

    def __init__(self, entities: list[Entity]) -> None:
        self.mentions = sorted((m.start, m.end, e.label) for e in entities if e.category in ("program", "unit")
                               for m in e.mentions)
        self.starts = [m[0] for m in self.mentions]

    def within(self, item: Item) -> list[str]:
        lo, hi = bisect_left(self.starts, item.start), bisect_right(self.starts, item.end)
        return sorted({label for _, end, label in self.mentions[lo:hi] if end <= item.end})


BLOCK_LIMIT = 200  # with more sources than this, a word shared by more than this many of them finds no candidates


def _candidates(problem: Profile, sources: list[Item], profiles: dict[int, Profile],
                postings: dict[str, list[int]] | None) -> list[Item]:
    """The sources that can score above zero for a problem: those sharing a word with it (blocking)."""
    if postings is None:
        return sources
    found: set[int] = set()
    for w in problem.text:
        hits = postings.get(w, [])
        if len(hits) <= BLOCK_LIMIT:
            found.update(hits)
    return [s for s in sources if s.position in found]


def _postings(sources: list[Item], profiles: dict[int, Profile]) -> dict[str, list[int]] | None:
    if len(sources) <= BLOCK_LIMIT:
        return None  # every pair is scored: exact, and cheap at this size
    out: dict[str, list[int]] = defaultdict(list)
    for s in sources:
        for w in profiles[s.position].text:
            out[w].append(s.position)
    return out


def link_items(items: list[Item], entities: list[Entity], tokens_between=None, norm_text: str = "") -> list[Link]:
    """All addresses/explains links of one report (`tokens_between` reuses the report's segmentation).

    Pairs are scored only where a source shares a word with the problem; in a report with more than
    BLOCK_LIMIT sources, words as common as that are not used to find candidates, so the work grows
    with the number of items, not with their product."""
    problems = [i for i in items if i.kind == "problems"]
    if not problems:
        return []
    stop = _stop()
    names = _Names(entities)
    profiles = {i.position: profile(i, [n for n in names.within(i) if n not in stop], tokens_between, norm_text)
                for i in items if i.kind in ("problems", "measures", "causes")}
    links: list[Link] = []
    for relation, kind in (("addresses", "measures"), ("explains", "causes")):
        sources = [i for i in items if i.kind == kind]
        if not sources:
            continue
        postings = _postings(sources, profiles)
        chosen: dict[tuple[int, int], tuple[float, tuple[str, ...]]] = {}
        for p in problems:
            pool = _candidates(profiles[p.position], sources, profiles, postings)
            if not pool:
                continue
            ranked = sorted(((pair_score(profiles[s.position], profiles[p.position]), s.position) for s in pool),
                            key=lambda t: (-t[0][0], t[1]))
            best = ranked[0][0][0]
            for rank, ((value, words), spos) in enumerate(ranked[:MAX_SOURCES]):
                if (rank == 0 and value >= FLOOR) or (rank > 0 and value >= max(ALSO, RELATIVE * best)):
                    chosen[(spos, p.position)] = (value, words)
        for (spos, ppos), (value, words) in sorted(chosen.items()):
            links.append(Link(relation, spos, ppos, round(value, 3), words))
    return links
