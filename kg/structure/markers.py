"""The enumeration grammar: where items start and how they are numbered.

Styles (a style nests where it first appears, so `（1）` under `二是…：` is a child):

* `H1`  `一、` `第一部分` `#` — top headings (sections, never items);
* `PCN` `（一）` `(一)` `【一】`;  `NUM` `1.` `1、` `1．`;  `PAR` `（1）` `(1)` `1）`;  `CIR` `①`;
* `SHI` `一是` (`首先是…二是…` counts 首先是 as 一是);  `YAO` `一要`;  `DI` `第一，`;  `ADV` `首先，` `其次，` … `最后，`;  `BUL` `-` `•` …;
* `LAB` `问题1：`, `整改措施二：` — a labelled number, whose word says the item's kind;
* `YOU` `有的…；有的…；还有的…` — the clauses of a finding listed by 有的 inside one paragraph
  (numbered here 1, 2, …); a list only where the clause before it announces problems (tree.py).

Line styles open a block (paragraph). `SHI`, `YAO`, `DI`, `PAR` and `CIR` also run inline
inside a paragraph after `。；：，` while their numbers count on (`一是…；二是…`), and so does `NUM`
after `：；。` or right after its cue (`主要问题：1、…；2、…`, `存在问题1、…；2、…`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import alternation, lexicon_table
from ..numerals import chars, circled_value, ordinal, small_numerals

INLINE_STYLES = ("SHI", "YAO", "DI", "PAR", "CIR")
_BEFORE_INLINE = "。；：，！？;:,、"
_BEFORE_NUM = "。；：;:"
_SECOND_YAO = re.compile(r"[^。]{2,80}?[；;，,]\s*二要")


@dataclass(frozen=True)
class Marker:
    """One enumerator: where it is, what follows it, its style and number."""

    pos: int  # start of the enumerator (normalised text)
    body: int  # first character after it (and its spaces)
    style: str
    number: int  # 0 = unnumbered (bullets, 最后)
    text: str  # the enumerator as written
    line_start: bool  # opens its paragraph


@cache
def _words(role: str) -> dict[str, int]:
    return {row[0]: int(row[2]) for row in lexicon_table("enumerators.tsv") if row[1] == role}


@cache
def _line_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    cn = small_numerals()
    adverbs = "|".join(sorted(map(re.escape, _words("adverb")), key=len, reverse=True))
    bullets = "".join(re.escape(b) for b in _words("bullet"))
    return (
        ("H1", re.compile(rf"[ \u3000]*(?:([{cn}]{{1,3}})\s*[、．.](?![\d])\s*|第([{cn}]{{1,3}})(?:部分|章|篇)[、：\s]*|#{{1,3}}\s+)")),
        ("PCN", re.compile(rf"[ \u3000]*[（【]([{cn}]{{1,3}})[）】][、．.]?\s*")),
        ("PAR", re.compile(r"[ \u3000]*(?:（(\d{1,2})）|(\d{1,2})）)[、．.]?\s*")),
        ("NUM", re.compile(r"[ \u3000]*(\d{1,2})\s*(?:、|[.．](?!\d))\s*")),
        ("CIR", re.compile(rf"[ \u3000]*([{chars('circled')}])\s*")),
        ("DI", re.compile(rf"[ \u3000]*第([{cn}]{{1,3}})[，、：:,]\s*")),
        ("SHI", re.compile(rf"[ \u3000]*([{cn}]{{1,3}}|首先)是(?=[^，。；、的])")),
        ("YAO", re.compile(rf"[ \u3000]*([{cn}]{{1,3}})要(?=[^，。；、的求素点])")),
        ("ADV", re.compile(rf"[ \u3000]*({adverbs})[，,：:]\s*")),
        ("BUL", re.compile(rf"[ \u3000]*([{bullets}])(?![{bullets}\d])\s*(?=[\u4e00-\u9fff“])")),
        ("LAB", re.compile(rf"[ \u3000]*(?:整改)?(?:{alternation('labelled_heads')})\s*([{cn}]{{1,3}}|\d{{1,2}})\s*[：:.．、]\s*")),
    )


def _number(style: str, token: str) -> int:
    if style == "CIR":
        return circled_value(token)
    if style == "ADV":
        return _words("adverb").get(token, 0)
    if style == "SHI" and token == "首先":
        return 1
    if style in ("H1",) and token == "":
        return 0
    return ordinal(token) if style != "BUL" else 0


def line_marker(text: str, start: int) -> Marker | None:
    """The enumerator opening the paragraph text[start:…], if any."""
    for style, pattern in _line_patterns():
        m = pattern.match(text, start)
        if m:
            token = next((g for g in m.groups() if g), "")
            return Marker(m.start() + len(m.group(0)) - len(m.group(0).lstrip(" \u3000")), m.end(), style,
                          _number(style, token), m.group(0).strip(), True)
    return None


@cache
def _inline_patterns() -> dict[str, re.Pattern[str]]:
    cn = small_numerals()
    return {
        "SHI": re.compile(rf"([{cn}]{{1,3}}|首先)是(?=[^，。；、的])"),  # 首先是…二是…: the first is 一是
        "YAO": re.compile(rf"([{cn}]{{1,3}})要(?=[^，。；、的求素点])"),
        "DI": re.compile(rf"第([{cn}]{{1,3}})[，、：:,]"),
        "PAR": re.compile(r"[（(](\d{1,2})[）)]"),
        "CIR": re.compile(rf"([{chars('circled')}])"),
        "NUM": re.compile(r"(?<!\d)(\d{1,2})、(?![\d、])"),  # `主要问题：1、…；2、…`
    }


def inline_markers(text: str, start: int, end: int, first_style: str | None = None, late: bool = False) -> list[Marker]:
    """Runs of inline enumerators in text[start:end], kept while their numbers count on.

    A run opens with 1 (or with any number when the text starts with it: an excerpt may begin
    inside a list) right after punctuation or at the start; each next member is the previous
    number plus one (plus two where a member was lost), again right after punctuation.
    With `late`, a run may also open with a higher number after a full stop (an excerpt that
    begins inside a list), when its next member follows.
    """
    found: list[tuple[int, int, str, int, str]] = []
    for style, pattern in _inline_patterns().items():
        for m in pattern.finditer(text, start, end):
            before = text[start:m.start()].rstrip(" \u3000\n")
            number = _number(style, m.group(1))
            if not _may_open(style, number, before, text, m.end(), end):
                continue
            found.append((m.start(), m.end(), style, number, m.group(0)))
    found.sort()
    out: list[Marker] = []
    last: dict[str, int] = {}
    for pos, body, style, number, token in found:
        at_start = not text[start:pos].strip()
        prev = last.get(style, 0)
        before = text[start:pos].rstrip(" \u3000\n")
        opens = (number == 1 or (late and not out)) and (at_start or before.endswith(("：", ":", "。", "；", "，"))
                                                         or (style == "YAO" and number == 1)
                                                         or (style == "NUM" and _glued_to_cue(before)))
        counts_on = prev and prev < number <= prev + 2
        if opens or counts_on or (at_start and not prev and style == (first_style or style)):
            out.append(Marker(pos, body, style, number, token, at_start))
            last[style] = number
    return _single_style_runs(out)


def _glued_to_cue(before: str) -> bool:
    """`存在问题1、…；2、…`: a numbered run glued to its cue word (lexicons/enumerators.tsv `num_cue`)."""
    return before.endswith(tuple(_words("num_cue")))


def _may_open(style: str, number: int, before: str, text: str, body: int, end: int) -> bool:
    """Whether an inline enumerator may stand where it does: after punctuation (for `NUM` only `：；。`: a
    figure list `1、2月份` or `第1、3名` is no run), right after its subject for a run of requirements
    (`他要求各支部一要…；二要…`), or glued to its cue for a numbered run."""
    if not before:
        return True
    if style == "NUM":
        return before[-1] in _BEFORE_NUM or (number == 1 and _glued_to_cue(before))
    return before[-1] in _BEFORE_INLINE or (style == "YAO" and number == 1 and bool(_SECOND_YAO.match(text, body, end)))


def opens_item(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds a `一是`/`一要`/`第一，` enumerator where an item may open (even a lone one)."""
    for style in ("SHI", "YAO", "DI"):
        for m in _inline_patterns()[style].finditer(text, start, end):
            if _may_open(style, _number(style, m.group(1)), text[start:m.start()].rstrip(" \u3000\n"), text, m.end(), end):
                return True
    return False


_YOU = re.compile(r"(?:还|也)?有的(?=[^，。；、的])")


def you_markers(text: str, start: int, end: int) -> list[Marker]:
    """The `有的…；有的…` clauses of one paragraph, two or more, each right after punctuation."""
    out: list[Marker] = []
    for m in _YOU.finditer(text, start, end):
        before = text[start:m.start()].rstrip(" \u3000\n")
        if before and before[-1] in "。；：，;:,":
            out.append(Marker(m.start(), m.end(), "YOU", len(out) + 1, m.group(0), False))
    return out if len(out) >= 2 else []


def _single_style_runs(markers: list[Marker]) -> list[Marker]:
    """Drop lone members: a run needs two markers unless it opens its paragraph."""
    out: list[Marker] = []
    for style in {m.style for m in markers}:
        same = [m for m in markers if m.style == style]
        if len(same) >= 2 or (same and same[0].line_start):
            out += same
    return sorted(out, key=lambda m: m.pos)
