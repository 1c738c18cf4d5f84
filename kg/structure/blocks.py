"""Paragraphs of a report, with hard-wrapped lines joined again.

Text copied from PDF or Word is often broken at a fixed width, inside sentences: such a
line break is no paragraph end. A document is hard-wrapped when many of its long lines
have the same length (± 2); then a line at that width continues into the next one unless
the next opens with an enumerator. In any text, a long line that ends inside a sentence
(after a comma or a character) continues into the next line that does not open with an
enumerator — unless it ends as a title does (`…会上的讲话`, `…述职报告`) or the next line is a
salutation (`同志们：`). A paragraph with an item open goes on past a line that ends in `；`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .markers import line_marker, opens_item

_ENDS_SENTENCE = "。！？；：:;!?…”」』）)"
_OPEN_CONTINUES = re.compile(r"[，、\u4e00-\u9fff“‘（]$")
_SALUTATION = re.compile(r"(?:尊敬的|各位|亲爱的)?[^。，]{0,16}?同志们[：:]$|尊敬的[^。]{0,18}[：:]$")
_TITLE_END = re.compile(r"(?:的讲话|的发言|的点评|述职报告|工作总结|情况报告|情况的报告|对照检查材料|剖析材料|汇报)$")  # a long title


@dataclass(frozen=True)
class Block:
    """One paragraph: normalised [start, end) and its text (joined lines keep their line breaks)."""

    start: int
    end: int
    text: str
    lines: int  # how many source lines it joins

    @property
    def stripped(self) -> str:
        return self.text.strip()


def _wrap_width(lengths: list[int]) -> int | None:
    long_lines = [n for n in lengths if n >= 20]
    if len(long_lines) < 5:
        return None
    counts = Counter(long_lines)
    width, _ = max(counts.items(), key=lambda kv: (sum(counts.get(kv[0] - d, 0) for d in range(3)), kv[0]))
    near = sum(counts.get(width - d, 0) for d in range(3))
    return width if near >= max(4, 0.3 * len(long_lines)) else None


def blocks(text: str) -> list[Block]:
    """The paragraphs of a normalised text, in order (empty lines dropped)."""
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    width = _wrap_width([len(t.strip()) for _, _, t in lines])
    out: list[Block] = []
    current: list[tuple[int, int, str]] = []
    for i, (s, e, t) in enumerate(lines):
        if not t.strip():
            if current:
                out.append(_block(text, current))
                current = []
            continue
        current.append((s, e, t))
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if nxt is None or not (_continues(t, nxt[2], text, nxt[0], width) or _item_goes_on(current, nxt, text)):
            out.append(_block(text, current))
            current = []
    if current:
        out.append(_block(text, current))
    return out


def _continues(line: str, nxt: str, text: str, nxt_start: int, width: int | None) -> bool:
    stripped, following = line.strip(), nxt.strip()
    if not following or line_marker(text, nxt_start) is not None or _SALUTATION.match(following):
        return False
    if width and len(stripped) >= width - 2 and not stripped.endswith(("。", "！", "？", "：")):
        return True
    return len(stripped) >= 30 and stripped[-1] not in _ENDS_SENTENCE and bool(_OPEN_CONTINUES.search(stripped)) \
        and bool(re.match(r"[\u4e00-\u9fff“‘（，、]", following)) and not _TITLE_END.search(stripped)


def _item_goes_on(current: list[tuple[int, int, str]], nxt: tuple[int, int, str], text: str) -> bool:
    """A paragraph with an item open (`…：一是…；`) goes on past a line that ends in a semicolon, into the
    next line that opens no item: a list of clauses broken after each `；`. (A paragraph with no item, such
    as the short lines of an unnumbered list, keeps its lines.)"""
    last = current[-1][2].rstrip()
    if not last.endswith(("；", ";")) or not nxt[2].strip() or line_marker(text, nxt[0]) is not None:
        return False
    return line_marker(text, current[0][0]) is not None or opens_item(text, current[0][0], current[-1][1])


def _block(text: str, lines: list[tuple[int, int, str]]) -> Block:
    start = lines[0][0] + len(lines[0][2]) - len(lines[0][2].lstrip())
    last = lines[-1]
    end = last[0] + len(last[2].rstrip())
    return Block(start, end, text[start:end], len(lines))
