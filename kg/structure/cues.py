"""What a heading, an intro clause or an item's own wording says a part of a report does.

The cue words are data (`lexicons/section_cues.tsv`, `lexicons/heading_filler.txt`). Kinds:
practices (done work), problems, causes, measures (planned work).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import lexicon_lines, lexicon_table
from .labels import is_intro_only

KINDS = ("practices", "problems", "causes", "measures")
PRECEDENCE = ("causes", "measures", "problems", "practices")  # for equal weights
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CAUSE_PHRASE = re.compile(r"问题(?:的|产生的|存在的)?(?:原因|根源|症结)|产生问题")  # 问题的原因 names causes
_NOISE = re.compile(r"[\d０-９]+年?|[\s“”‘’\"'（）()《》、，,：:？?！!。.；;·—-]")


@dataclass(frozen=True)
class Cue:
    kind: str
    weight: int
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Hit:
    """A cue found in a text: its kind, weight and the words that matched."""

    kind: str
    weight: int
    start: int
    end: int
    words: str


@cache
def _cues() -> dict[str, tuple[Cue, ...]]:
    out: dict[str, list[Cue]] = {}
    for where, kind, weight, pattern in lexicon_table("section_cues.tsv"):
        out.setdefault(where, []).append(Cue(kind, int(weight), re.compile(pattern)))
    return {k: tuple(v) for k, v in out.items()}


def hits(where: str, text: str) -> list[Hit]:
    """Every cue of one table (`heading`, `intro`, `lead`, `item`, `enum`) found in text, in order."""
    found = [Hit(c.kind, c.weight, m.start(), m.end(), m.group(0))
             for c in _cues().get(where, ()) for m in c.pattern.finditer(text) if m.group(0)]
    return sorted(found, key=lambda h: (h.start, -h.weight, h.kind))


def heading_kinds(text: str) -> list[str]:
    """Kinds a heading names, in the order they appear (a combined heading names several)."""
    found = hits("heading", text)
    if not found:
        return []
    best: dict[str, Hit] = {}
    for h in found:
        if h.kind not in best or h.weight > best[h.kind].weight:
            best[h.kind] = h
    if "causes" in best and "problems" in best and _CAUSE_PHRASE.search(text) \
            and not any(h.kind == "problems" for h in hits("heading", _CAUSE_PHRASE.sub("", text))):
        del best["problems"]  # 问题产生的原因 is a causes heading; 问题及原因, 存在的问题和产生问题的原因 name both
    top = max(h.weight for h in best.values())
    keep = {k: h for k, h in best.items() if h.weight == top or (h.weight >= 3 and top >= 3 and k != "practices")}
    if len(keep) > 1 and "practices" in keep:
        del keep["practices"]  # 问题 beats 情况 in 存在问题的情况
    first = {k: min(h.start for h in found if h.kind == k) for k in keep}
    return sorted(keep, key=lambda k: (first[k], PRECEDENCE.index(k)))


@cache
def _filler() -> re.Pattern[str]:
    words = sorted(set(lexicon_lines("heading_filler.txt")), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def is_cue_heading(text: str) -> bool:
    """Whether a short text is all cue and filler (`存在的主要问题`, `下一步工作打算`): a heading that
    switches the kind, not an item that states something (`党务力量配备不足`)."""
    text = text.strip()
    han = _HAN.findall(text)
    if not han or len(han) > 24 or re.search(r"[。；;]", text[:-1]):
        return False
    found = hits("heading", text)
    if not found:
        return False
    rest = list(text)
    for h in found:
        rest[h.start:h.end] = [" "] * (h.end - h.start)
    remainder = _filler().sub(" ", _NOISE.sub(" ", "".join(rest)))
    return len(_HAN.findall(remainder)) <= 1


def intro_kind(clause: str) -> Hit | None:
    """The kind the clause opening a run announces (the cue nearest its end), or None."""
    found = hits("intro", clause)
    if not found:
        return None
    return max(found, key=lambda h: (h.end, h.weight, -PRECEDENCE.index(h.kind)))


def introduces_only(own: str) -> bool:
    """An item whose own text only introduces its sub-items: `主要表现在以下几个方面：`, or a short clause
    ending in a colon whose last words are a run's cue (`二是目前存在的突出问题：（1）…`)."""
    own = own.strip()
    if is_intro_only(own):
        return True
    if len(own) > 30 or not own.endswith(("：", ":")) or "\n" in own:
        return False  # (a heading line above the clause states something: `（一）关于“…”的问题` / `整改情况：`)
    clause = own.rstrip("：:")
    hit = intro_kind(clause)
    return hit is not None and hit.end >= len(clause) - 1


_OVERVIEW = re.compile(r"等[两二三四五六几多]个?(?:主要)?方面")


def lead_kind(paragraph: str) -> Hit | None:
    """The kind a paragraph without items switches its section to (`下一步，我们将…`), or None."""
    found = hits("lead", paragraph)
    if len({h.kind for h in found}) >= 3 or _OVERVIEW.search(paragraph):
        return None  # `从履职情况、存在问题及原因、下一步思路等三个方面述职` describes a report's parts
    return found[0] if found else None


def reports_meeting(opening: str) -> bool:
    """Whether a text's first sentence opens a news item about a meeting (its 首先/其次/最后 narrate)."""
    return bool(hits("news", opening))


def outlines(clause: str) -> bool:
    """Whether the clause before a run lists a meeting's agenda or a report's parts (its items are none)."""
    return bool(hits("outline", clause))


def frame_kind(own: str) -> Hit | None:
    """The kind an item's own text gives its sub-items (`关于“…”问题的整改` → practices: how it was
    fixed), or None when they take the item's own kind."""
    found = hits("frame", own.strip())
    return found[-1] if found else None


def enumerator_kind(marker: str) -> str | None:
    """A kind the enumerator itself says (`一要` → measures), or None."""
    found = hits("enum", marker)
    return found[0].kind if found else None


def language_scores(text: str) -> dict[str, float]:
    """Per kind, the weight of the item-wording cues in text (problems, measures, practices)."""
    scores = dict.fromkeys(("practices", "problems", "measures"), 0.0)
    for h in hits("item", text):
        scores[h.kind] += h.weight
    return scores
