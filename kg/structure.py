"""Normalised text → title, year, sections (with what they do) and enumerated items.

Method, in brief:
* Headings: `一、` / `第一部分` / a short unnumbered line with a section cue are section
  titles (level 0, never items); `（一）`, `1.`/`1、`, `（1）`, `一是`/`第一，` are items
  at levels 1–4; `一是` runs are also found inline (after `。；：，`) when they count on.
* A section's kind comes from cue words of its heading (`存在问题`, `下一步`, `主要做法` …;
  see lexicons/section_cues.tsv). A combined heading (`存在的问题及原因分析`) starts with
  the first kind; the sentence that opens a paragraph before enumerated items
  (`产生以上问题的原因：一是…`) switches kind. A section without any cue is practices
  before the report's problems and measures after them (reports end with plans).
* An item's label is its lead clause: the text after the enumerator up to the first
  `。`, `；`, `！`, `？` or the next enumerator; a `heading：explanation` item ends at the colon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import lexicon_table
from .normalize import NormText
from .records import Item, Section

CN_DIGITS = "一二三四五六七八九十"
_CN_VALUE = {ch: i + 1 for i, ch in enumerate(CN_DIGITS)} | {"两": 2, "双": 2}

H1 = re.compile(rf"^[ \u3000]*(?:([{CN_DIGITS}]{{1,3}})[、．.]|第([{CN_DIGITS}]{{1,3}})(?:部分|章|篇)[、：\s]*|#{{1,3}}\s+)")
H2 = re.compile(rf"^[ \u3000]*（([{CN_DIGITS}]{{1,3}})）\s*")
N3 = re.compile(r"^[ \u3000]*(\d{1,2})(?:[、]|[.．](?!\d))\s*")
N4 = re.compile(r"^[ \u3000]*（(\d{1,2})）\s*")
SHI = re.compile(rf"([{CN_DIGITS}]{{1,3}})是(?=[^，。；、的])")
DI = re.compile(rf"第([{CN_DIGITS}]{{1,3}})[，、：]")
_LABEL_END = re.compile(r"[。；！？;]")
_SENTENCE_END = re.compile(r"[。！？；]")
LEVEL_H2, LEVEL_N3, LEVEL_N4, LEVEL_SHI = 1, 2, 3, 4


def cn_number(text: str) -> int:
    """Value of a small Chinese numeral (一 … 九十九)."""
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_VALUE.get(tens, 1) if tens else 1) * 10 + (_CN_VALUE.get(ones, 0) if ones else 0)
    return _CN_VALUE.get(text, 0)


@lru_cache(maxsize=1)
def _cues() -> dict[tuple[str, str], re.Pattern[str]]:
    return {(where, kind): re.compile(pattern) for where, kind, pattern in lexicon_table("section_cues.tsv")}


_PRECEDENCE = ("causes", "measures", "problems", "practices")


def heading_kinds(text: str) -> list[str]:
    """Kinds named by a heading, in the order they appear in it (combined headings name several)."""
    found = []
    for kind in _PRECEDENCE:
        m = _cues()[("heading", kind)].search(text)
        if m:
            found.append((m.start(), kind))
    kinds = [k for _, k in sorted(found)]
    if "practices" in kinds and len(kinds) > 1:
        kinds.remove("practices")  # "问题" beats "情况", "成绩" in a problems heading
    if "causes" in kinds and "problems" in kinds and (
        kinds.index("causes") < kinds.index("problems") or re.search(r"问题(?:的|产生的)?原因", text)
    ):
        kinds.remove("problems")  # 原因分析 / 产生问题的原因 is a causes heading; 问题及原因 names both
    return kinds


def lead_kind(text: str) -> str | None:
    """The kind a paragraph's opening sentence announces, or None."""
    for kind in _PRECEDENCE:
        if _cues()[("lead", kind)].search(text):
            return kind
    return None


@dataclass
class _Line:
    start: int
    end: int
    text: str


@dataclass
class _Marker:
    pos: int  # position of the enumerator in the normalised text
    body: int  # position after the enumerator
    level: int
    number: int
    marker: str
    line_start: bool


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append(_Line(pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def find_title(text: str) -> str:
    """The report's heading line(s): short lines before the first sentence of the body."""
    parts: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            if parts:
                break
            continue
        if "。" in stripped or stripped.endswith("：") or len(stripped) > 60 or H1.match(stripped) or (
            "，" in stripped and len(stripped) > 30
        ):
            break
        parts.append(stripped)
        if len(parts) == 3:
            break
    return " ".join(parts)


_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def find_year(title: str, text: str) -> int | None:
    """The year reported on: the first year in the title, else in the opening lines."""
    for chunk in (title, text[:300]):
        m = _YEAR.search(chunk)
        if m:
            return int(m.group(1))
    return None


def _is_unnumbered_heading(stripped: str) -> bool:
    if not stripped or len(stripped) > 25 or _SENTENCE_END.search(stripped) or "，" in stripped:
        return False
    return bool(heading_kinds(stripped)) and not SHI.match(stripped)


def _heading(line: _Line) -> tuple[int, int, str] | None:
    """(level, body offset, number) when a line is a heading or a numbered item."""
    for level, pattern in ((0, H1), (LEVEL_H2, H2), (LEVEL_N4, N4), (LEVEL_N3, N3)):
        m = pattern.match(line.text)
        if m:
            num = next((g for g in m.groups() if g), "")
            return level, m.end(), num
    return None


def _shi_markers(text: str, base: int, line_start: bool, last: int) -> list[_Marker]:
    """`一是 … 二是 …` and `第一，` markers inside one stretch of text, kept while they count on."""
    found = []
    for pattern in (SHI, DI):
        for m in pattern.finditer(text):
            at_start = m.start() == 0 or not text[: m.start()].strip()
            before = text[: m.start()].rstrip()
            if not at_start and (not before or before[-1] not in "。；：，！？;:,"):
                continue
            found.append((m.start(), m.end(), cn_number(m.group(1)), m.group(0), at_start and line_start))
    found.sort()
    out: list[_Marker] = []
    for start, end, number, marker, at_line_start in found:
        before = text[:start].rstrip()
        opens_run = number == 1 and (at_line_start or before.endswith(("：", ":", "。", "；")) or not before)
        if number == last + 1 or opens_run or (at_line_start and last == 0):
            out.append(_Marker(base + start, base + end, LEVEL_SHI, number, marker, at_line_start))
            last = number
    return out


@dataclass
class Structure:
    title: str
    year: int | None
    sections: list[Section]
    items: list[Item]


def analyse(norm: NormText) -> Structure:
    """Find the title, year, sections and items of a normalised report."""
    text = norm.text
    title = find_title(text)
    year = find_year(title, text)
    lines = _lines(text)

    # Pass 1: headings and markers, and kind switches, in document order.
    events: list[tuple[int, str, object]] = []  # (pos, type, payload)
    shi_last = 0
    title_done = False
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            continue
        if not title_done and title and stripped in title:
            continue
        title_done = True
        head = _heading(line)
        if head and head[0] == 0:
            events.append((line.start, "section", (line.text[head[1]:].strip(), line)))
            shi_last = 0
            continue
        if not head and _is_unnumbered_heading(stripped):
            events.append((line.start, "section", (stripped, line)))
            shi_last = 0
            continue
        body_from = line.start
        if head:
            level, body, number = head
            events.append((line.start, "marker", _Marker(line.start, line.start + body, level, cn_number(number),
                                                         line.text[:body].strip(), True)))
            body_from = line.start + body
            shi_last = 0
        rest = text[body_from:line.end]
        markers = _shi_markers(rest, body_from, not head, shi_last)
        # the sentence before the first marker can switch the section's kind
        lead_end = markers[0].pos if markers else line.end
        lead = text[body_from:lead_end]
        if not head and lead.strip() and (markers or stripped.endswith(("：", ":"))) and len(lead) <= 160:
            kind = lead_kind(lead)
            if kind:
                events.append((line.start, "switch", kind))
                if not markers or markers[0].number != shi_last + 1:
                    shi_last = 0
                    markers = _shi_markers(rest, body_from, not head, 0)
        elif not head and not markers and len(lead) <= 160:
            kind = lead_kind(lead)
            if kind in ("causes", "measures", "problems"):
                events.append((line.start, "switch", kind))
                shi_last = 0
        for mk in markers:
            events.append((mk.pos, "marker", mk))
            shi_last = mk.number
        events.append((line.end, "para_end", None))

    # Pass 2: sections and their kinds.
    section_bounds: list[tuple[int, str, list[str]]] = []
    for pos, typ, payload in events:
        if typ == "section":
            heading_text, _ = payload  # type: ignore[misc]
            section_bounds.append((pos, heading_text, heading_kinds(heading_text)))
    seen_problem_side = False
    section_kinds: list[str] = []
    for _, _, kinds in section_bounds:
        if kinds:
            kind = kinds[0]
        else:
            kind = "measures" if seen_problem_side else "practices"
        if kind in ("problems", "causes"):
            seen_problem_side = True
        section_kinds.append(kind)

    items: list[Item] = []
    sections: list[Section] = []
    current_kind = "practices"
    section_index = -1
    kind_from = 0
    open_stack: list[tuple[int, int]] = []  # (level, item index)

    def close_section(end: int) -> None:
        if section_index >= 0 or kind_from < end:
            title_text = section_bounds[section_index][1] if section_index >= 0 else ""
            level = 0 if section_index >= 0 else -1
            if end > kind_from:
                s, e = norm.span(kind_from, end)
                sections.append(Section(current_kind, title_text, s, e, level))

    boundaries = [pos for pos, typ, _ in events if typ in ("marker", "section", "switch")]
    boundaries.append(len(text))
    para_ends = [pos for pos, typ, _ in events if typ == "para_end"]

    def item_end(mk: _Marker) -> int:
        nxt = next((b for b in boundaries if b > mk.pos), len(text))
        if mk.level == LEVEL_SHI or mk.level == LEVEL_N3 or mk.level == LEVEL_N4:
            para = next((p for p in para_ends if p >= mk.body), len(text))
            nxt = min(nxt, para)
        return nxt

    for pos, typ, payload in events:
        if typ == "section":
            close_section(pos)
            section_index += 1
            current_kind = section_kinds[section_index]
            kind_from = pos
            open_stack = []
        elif typ == "switch":
            if payload != current_kind:
                close_section(pos)
                current_kind = str(payload)
                kind_from = pos
                open_stack = []
        elif typ == "marker":
            mk: _Marker = payload  # type: ignore[assignment]
            end = item_end(mk)
            own = text[mk.body:end]
            label = make_label(own)
            if not label:
                continue
            while open_stack and open_stack[-1][0] >= mk.level:
                open_stack.pop()
            parent = items[open_stack[-1][1]].position if open_stack else None
            end = _rstrip_pos(text, mk.pos, end)
            s, e = norm.span(mk.pos, end)
            items.append(Item(kind=current_kind, label=label, text=text[mk.body:end].strip(),
                              start=s, end=e, position=len(items) + 1, level=mk.level, marker=mk.marker,
                              parent=parent, nstart=mk.pos, nend=end))
            open_stack.append((mk.level, len(items) - 1))
    close_section(len(text))
    return Structure(title=title, year=year, sections=sections, items=items)


def _rstrip_pos(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in " \n\u3000":
        end -= 1
    return end


def make_label(own: str) -> str:
    """Lead clause of an item: up to the first 。；！？ (or the colon of `heading：explanation`)."""
    own = own.strip().lstrip("，、：: ")
    m = _LABEL_END.search(own)
    label = own[: m.start()] if m else own
    colon = label.find("：")
    if 0 < colon and colon < len(label) - 1 and colon <= 30:
        label = label[:colon]
    label = label.strip().rstrip("，、：: 。")
    return label
