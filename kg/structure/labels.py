"""An item's label: its lead clause, as the guideline defines it.

The label is the text after the enumerator up to the first `。`, `；`, `！` or `？` — a colon
inside does not end it (`台账管理不够规范：个别支部…`). A heading line ends its label at the
line's end; an inline item with no full stop ends at the next enumerator (`一是A，二是B`).
Line breaks of hard-wrapped text are not part of a label; nor is a space-separated body
that follows a short heading on the same line (`（一）某某解民忧 从六月开始…`).
"""

from __future__ import annotations

import re

from ..lexicons import alternation

_END = re.compile(r"[。；！？;!?]")
_WRAP = re.compile(r"[ \u3000]*\n[ \u3000]*")
_HEADING_SPACE = re.compile(r"(?<=[\u4e00-\u9fff”）])[ \u3000]+(?=[\u4e00-\u9fff“（])")
_TRIM = " \u3000\n，、：:,。；;"


def make_label(own: str, heading_line: bool = False) -> str:
    """Lead clause of an item's own text (the enumerator already removed). `heading_line`: the item's
    first paragraph is one line and its text goes on below it, so a first line without a full stop
    is a heading."""
    own = own.strip().lstrip("，、：: ")
    first_line = own.split("\n", 1)[0]
    m = _END.search(own)
    label = own[: m.start()] if m else own
    if heading_line and "\n" in label and len(first_line.strip()) <= 30 and _is_heading_line(own):
        label = first_line
    label = _WRAP.sub("", label)
    space = _HEADING_SPACE.search(label)
    if space and len(label) > 25 and space.start() <= 25 and not _inside_quotes(label, space.start()):
        label = label[: space.start()]
    return label.strip(_TRIM)


def _is_heading_line(own: str) -> bool:
    """The first line is a heading of its own when the next line opens a new sentence-bearing body."""
    first, _, rest = own.partition("\n")
    return bool(rest.strip()) and not first.rstrip().endswith(("，", "、"))


def _inside_quotes(text: str, pos: int) -> bool:
    return text.count("“", 0, pos) > text.count("”", 0, pos)


_INTRO_ONLY = re.compile(rf"(?:{alternation('intro_only')}|以下[^，。；]{{0,8}})[：:]?$")


def is_intro_only(own: str) -> bool:
    """An item that only introduces its sub-items (`主要表现在以下几个方面：`) states nothing itself."""
    own = own.strip()
    return len(own) <= 30 and own.endswith(("：", ":")) and bool(_INTRO_ONLY.search(own.rstrip("：:") + "："))
