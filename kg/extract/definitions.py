"""Definitions of programs: the parts a report spells out for a name.

Four patterns: an expansion in parentheses right after the name
(`“四零服务”（服务受理零推诿、…）`, `X党建工程（即…；…）`), an expansion after `即`
(`“两个覆盖”，即…`), a list right before a count-name (`党组织书记、党务工作者、党员“三支队伍”`)
and `以“A、B、C”为主要内容的“X”`. Parts are split on `；` when present, else on `、`,
`，` and a final 和/及/与.
"""

from __future__ import annotations

import re

from ..numerals import ordinal as cn_number
from .context import Context
from .programs import NUMERALS, ProgramHit
from .quotes import strip_leading_verbs

_PARTS_STRONG = re.compile(r"；")
_PARTS = re.compile(r"[、，]|(?<=[\u4e00-\u9fff]{2})(?:和|及|与)(?=[\u4e00-\u9fff“]{2})")
_COUNT_NAME = re.compile(rf"([{NUMERALS}])[个支大位项单类种条张级]")
_PREPOSITIONS = ("在", "对", "把", "将", "以", "为", "按照", "通过")


def _split_outside_quotes(content: str, pattern: re.Pattern[str]) -> list[str]:
    """Split on a pattern, but never inside “…” or ‘…’."""
    depth = 0
    inside = []
    for ch in content:
        if ch in "“‘":
            depth += 1
        elif ch in "”’":
            depth = max(0, depth - 1)
        inside.append(depth > 0)
    pieces, last = [], 0
    for m in pattern.finditer(content):
        if not inside[m.start()]:
            pieces.append(content[last:m.start()])
            last = m.end()
    pieces.append(content[last:])
    return pieces


def split_parts(content: str) -> list[str]:
    content = content.strip().removeprefix("即").strip()
    pattern = _PARTS_STRONG if "；" in content else _PARTS
    return [p.strip(" 。：") for p in _split_outside_quotes(content, pattern) if p.strip(" 。：")]


def _closing(text: str, pos: int) -> int:
    """Index of the parenthesis closing the one opened at pos, or -1."""
    depth = 0
    for i in range(pos, min(len(text), pos + 400)):
        if text[i] == "（":
            depth += 1
        elif text[i] == "）":
            depth -= 1
            if depth == 0:
                return i
        elif text[i] == "\n":
            return -1
    return -1


def definitions(ctx: Context, hits: list[ProgramHit]) -> dict[str, list[str]]:
    text = ctx.text
    found: dict[str, list[str]] = {}
    for hit in hits:
        if hit.label in found:
            continue
        after = hit.end + (1 if hit.how == "quoted" else 0)
        parts: list[str] = []
        if text.startswith("（", after):
            close = _closing(text, after)
            if close > 0:
                parts = split_parts(text[after + 1:close])
        elif text.startswith(("，即", "即"), after):
            start = after + (2 if text.startswith("，即", after) else 1)
            stop = re.search(r"[。；\n]", text[start:])
            parts = split_parts(text[start:start + (stop.start() if stop else 80)])
        elif hit.how == "quoted" and (count := _COUNT_NAME.match(hit.label)) and hit.start >= 2 \
                and text[hit.start - 2] not in "，。；：、（\n":
            parts = _list_before(text, hit.start - 1)
            if abs(len(parts) - cn_number(count.group(1))) > 1:
                parts = []
        if len(parts) >= 2 and all(len(p) <= 60 for p in parts):
            found[hit.label] = parts
    for m in re.finditer(r"以“([^“”]{4,120})”为(?:主要)?内容的“([^“”]{2,20})”", text):
        parts = split_parts(m.group(1))
        if len(parts) >= 2:
            found[m.group(2)] = parts
    return found


def _list_before(text: str, quote_start: int) -> list[str]:
    j = quote_start
    while j > 0 and text[j - 1] not in "，。；：（\n" and quote_start - j < 80:
        j -= 1
    clause = text[j:quote_start]
    if clause.count("“") != clause.count("”") or clause.count("‘") != clause.count("’"):
        return []  # the list would start inside a quotation
    for prep in _PREPOSITIONS:
        if clause.startswith(prep):
            clause = clause[len(prep):]
    clause = strip_leading_verbs(clause)
    if clause.endswith("内容的"):
        return []
    parts = split_parts(clause)
    if len(parts) >= 2:
        parts[0] = strip_leading_verbs(parts[0])
    return parts if len(parts) >= 2 else []
