"""Blocks → scopes (sections and kind switches) and candidate items with their nesting.

A scope is a part of the report with one job: a section under a top heading, a part under
a cue sub-heading (`（一）存在的问题`), or the rest of a section after a lead paragraph that
switches the kind (`分析问题原因，主要是…`). Its kind is explicit when a cue says it, else
None (decided later from position and wording, see kinds.py).

Items nest by style: a style met for the first time under an item is its child; a style
already open closes everything opened after it (`（一）… 一是… 二是… （二）…`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .blocks import Block
from .cues import (
    Hit,
    enumerator_kind,
    heading_kinds,
    hits,
    intro_kind,
    introduces_only,
    is_cue_heading,
    lead_kind,
    outlines,
    reports_meeting,
)
from .front import Front
from .markers import INLINE_STYLES, Marker, inline_markers, line_marker, you_markers

_CLAUSE_END = re.compile(r"[。！？；;]")
_SPEAKER = re.compile(r"^[^，。；]{1,16}?(?:强调|要求|指出|提出|希望)$")  # the clause `王某强调` that opens a sentence
_RUN_STYLES = frozenset(INLINE_STYLES) | {"LINE", "BUL", "ADV", "YOU"}
_SHORT_LINE = 40


@dataclass
class Scope:
    kind: str | None
    evidence: str
    title: str
    start: int
    level: int  # 0 top section, 1 cue sub-heading, 2 lead switch
    kinds: tuple[str, ...] = ()  # every kind a combined heading names


@dataclass
class Node:
    marker: Marker
    scope: int
    parent: int | None
    intro: Hit | None
    end: int = 0
    block_end: int = 0  # end of the paragraph the enumerator opens or stands in
    block_lines: int = 1
    children: list[int] = field(default_factory=list)


@dataclass
class Tree:
    scopes: list[Scope]
    nodes: list[Node]
    boundaries: list[int]  # positions where an item's text must stop (headings, switches, slogans)


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.scopes: list[Scope] = [Scope(None, "", "", 0, 0)]
        self.nodes: list[Node] = []
        self.stack: list[tuple[str, int]] = []  # (style, node index)
        self.boundaries: list[int] = []
        self.short: list[Block] = []  # consecutive short unnumbered lines

    # scopes -----------------------------------------------------------------------------
    def section(self, heading: str, pos: int, level: int) -> None:
        kinds = heading_kinds(heading)
        cue = next((h.words for h in hits("heading", heading) if kinds and h.kind == kinds[0]), "")
        self.scopes.append(Scope(kinds[0] if kinds else None, f"heading:{cue}" if kinds else "", heading.strip(),
                                 pos, level, tuple(kinds)))
        self.stack = []
        self.boundaries.append(pos)

    def switch(self, hit: Hit, pos: int, title: str = "") -> None:
        if self.scopes[-1].kind == hit.kind:
            return
        self.scopes.append(Scope(hit.kind, f"lead:{hit.words}", title, pos, 2))
        self.stack = []
        self.boundaries.append(pos)

    # items ------------------------------------------------------------------------------
    def add(self, marker: Marker, intro: Hit | None, block: Block) -> None:
        if marker.style == "DI" and marker.number >= 3 and self.stack and self.stack[-1][0] == "ADV":
            marker = replace(marker, style="ADV")  # 首先，… 其次，… 第三，… 第四，…: one list
        while self.stack and self.stack[-1][0] != marker.style and any(s == marker.style for s, _ in self.stack):
            self.stack.pop()
        if self.stack and self.stack[-1][0] == marker.style:
            self.stack.pop()
        parent = self.stack[-1][1] if self.stack else None
        index = len(self.nodes)
        self.nodes.append(Node(marker, len(self.scopes) - 1, parent, intro, block_end=block.end,
                               block_lines=block.lines))
        if parent is not None:
            self.nodes[parent].children.append(index)
        self.stack.append((marker.style, index))


def build_tree(text: str, bl: list[Block], fm: Front) -> Tree:
    """Scan the blocks of a report in order."""
    t = _Builder(text)
    markers = _adverb_runs([None if i in fm.skipped else line_marker(text, b.start) for i, b in enumerate(bl)])
    markers = _outlined_runs(bl, markers)
    markers = _narrated_meeting(bl, markers, fm)
    for i, b in enumerate(bl):
        if i in fm.skipped:
            continue
        marker = markers[i]
        if marker is None and _is_short_line(b) and not is_cue_heading(b.stripped):
            t.short.append(b)
            continue
        _flush_short(t)
        if marker and marker.style == "H1":
            _top_heading(t, b, marker)
        elif marker is None and _is_heading_line(b):
            _heading_line(t, b)
        elif marker is not None:
            _marker_block(t, b, marker)
        else:
            _plain_block(t, b)
    _flush_short(t)
    return Tree(t.scopes, t.nodes, sorted(t.boundaries))


def _adverb_runs(markers: list[Marker | None]) -> list[Marker | None]:
    """Paragraphs opened by ordinal adverbs are a list only when a section has two or more of them and
    one counts (首先/其次/再次): a lone `最后，` or `首先，` of a news item's narrative is no enumerator."""
    out = list(markers)
    group: list[int] = []
    for i, m in enumerate([*markers, Marker(0, 0, "H1", 0, "", True)]):
        if m is not None and m.style == "H1":
            if len(group) < 2 or all(markers[j].number == 0 for j in group):  # type: ignore[union-attr]
                for j in group:
                    out[j] = None
            group = []
        elif m is not None and m.style == "ADV":
            group.append(i)
    return out


def _outlined_runs(bl: list[Block], markers: list[Marker | None]) -> list[Marker | None]:
    """Paragraphs of ordinal adverbs right after a paragraph that announces a meeting's steps or agenda
    (`会议分为四个环节：` / `首先，…` `其次，…`) narrate the meeting: no list."""
    out = list(markers)
    i = 1
    while i < len(bl):
        m = out[i]
        before = bl[i - 1].stripped
        if m is not None and m.style in ("ADV", "DI") and out[i - 1] is None \
                and outlines(_last_sentence(before)):
            while i < len(bl) and (n := out[i]) is not None and n.style == m.style:
                out[i] = None
                i += 1
            continue
        i += 1
    return out


def _narrated_meeting(bl: list[Block], markers: list[Marker | None], fm: Front) -> list[Marker | None]:
    """In a news item about a meeting (`1月15日，…召开…述职评议大会`), paragraphs opened by ordinal
    adverbs (`首先，各村书记逐一述职…` `最后，书记提出几点希望…`) narrate its steps: no list."""
    body = next((b for i, b in enumerate(bl) if i not in fm.skipped), None)
    if body is None or not reports_meeting(body.stripped.split("。", 1)[0]):
        return markers
    return [None if m is not None and m.style == "ADV" else m for m in markers]


def _flush_short(t: _Builder) -> None:
    """Consecutive short lines: an unnumbered list under a cue (two or more), else headings."""
    lines, t.short = t.short, []
    if len(lines) >= 2 and t.scopes[-1].kind is not None:
        for b in lines:
            t.add(Marker(b.start, b.start, "LINE", 0, "", True), None, b)
        return
    for b in lines:
        if _is_heading_line(b):
            _heading_line(t, b)
        else:
            _plain_block(t, b)


def _is_short_line(b: Block) -> bool:
    s = b.stripped
    return b.lines == 1 and 4 <= len(s) <= _SHORT_LINE and not _CLAUSE_END.search(s[:-1]) and not s.endswith(("：", ":"))


def _is_heading_line(b: Block) -> bool:
    """A line of its own, short, with no sentence inside: a heading (cue or slogan)."""
    s = b.stripped
    return b.lines == 1 and len(s) <= 30 and not _CLAUSE_END.search(s.rstrip("？?")) and not s.endswith(("：", ":"))


def _top_heading(t: _Builder, b: Block, marker: Marker) -> None:
    """A top heading `一、…`; items run on in the same paragraph when its text was flattened."""
    text = t.text
    inline = inline_markers(text, marker.body, b.end, late=True)
    stop = _CLAUSE_END.search(text, marker.body, b.end)
    head_end = min([m.pos for m in inline] + [stop.start() if stop else b.end, b.end])
    t.section(text[marker.body:head_end].split("\n", 1)[0], b.start, 0)
    for m in inline:
        t.add(m, None, b)


def _heading_line(t: _Builder, b: Block) -> None:
    if is_cue_heading(b.stripped):
        t.section(b.stripped, b.start, 1)
    else:  # a slogan heading: it closes the items before it, the kind stays
        t.stack = []
        t.boundaries.append(b.start)


def _marker_block(t: _Builder, b: Block, marker: Marker) -> None:
    text = t.text
    inline = inline_markers(text, marker.body, b.end) if marker.style not in INLINE_STYLES else \
        [m for m in inline_markers(text, b.start, b.end, marker.style) if m.pos > marker.pos]
    own_end = inline[0].pos if inline else b.end
    own = text[marker.body:own_end]
    head = own.split("\n", 1)[0]
    if marker.style != "BUL" and is_cue_heading(head.rstrip("：:")) and len(head) <= 30:
        t.section(head, b.start, 1)
        intro = intro_kind(head)
    else:
        kind = enumerator_kind(marker.text) if marker.style == "LAB" else None
        intro = Hit(kind, 3, 0, len(marker.text), marker.text) if kind else None
        t.add(marker, intro, b)
        intro = intro_kind(own) if introduces_only(own) else None
        if intro is None and marker.style == "ADV" and inline:
            # a paragraph of a sequence (`最后，书记提出几点希望，一是…`): its run is what its last clause announces
            intro = _clause_cue(t, marker.body, inline[0].pos)
    for m in inline:
        t.add(m, intro, b)


def _plain_block(t: _Builder, b: Block) -> None:
    text = t.text
    inline = inline_markers(text, b.start, b.end, late=not t.nodes)
    if inline:
        _close_runs(t)  # a new paragraph opens a new run
        parent_depth = len(t.stack)
        for run in _runs(t.text, inline):
            del t.stack[parent_depth:]
            if outlines(_last_sentence(t.text[b.start:run[0].pos])):
                continue  # an agenda or a report's outline, not statements
            intro = _clause_cue(t, b.start, run[0].pos)
            if intro is None and run[0].number > 1:
                # the run's first member went unmarked (`…突出问题。比如：有的…；二是…`): the paragraph before
                # the run says what it lists
                before = t.text[b.start:run[0].pos]
                intro = lead_kind(before) or intro_kind(before)
            if intro and not t.stack:
                t.switch(intro, run[0].pos)
            for m in run:
                t.add(m, intro, b)
        return
    if _finding_clauses(t, b):
        return
    s = b.stripped
    if s.endswith(("：", ":")):
        cue = _clause_cue(t, b.start, b.end)  # the sentence that ends in the colon
        if cue:
            t.switch(cue, b.start)
        return
    lead = lead_kind(s)
    if lead and (len(s) <= 80 or (len(s) <= 200 and lead.start <= 40)):
        t.switch(lead, b.start)


def _close_runs(t: _Builder) -> None:
    """Close the runs a paragraph left open (its parents, heading items, stay)."""
    while t.stack and t.stack[-1][0] in _RUN_STYLES:
        t.stack.pop()


def _finding_clauses(t: _Builder, b: Block) -> bool:
    """A paragraph that lists a finding's clauses by 有的 (`…也发现了一些问题，有的…；有的…`): items,
    when the clause before the first announces problems."""
    run = you_markers(t.text, b.start, b.end)
    intro = _clause_cue(t, b.start, run[0].pos) if run else None
    if intro is None or intro.kind != "problems":
        return False
    _close_runs(t)
    if not t.stack:
        t.switch(intro, run[0].pos)
    for m in run:
        t.add(m, intro, b)
    return True


def _runs(text: str, markers: list[Marker]) -> list[list[Marker]]:
    """Split a paragraph's enumerators where the numbering of the first style starts again, or where another
    style opens at 1 in a new sentence that announces it (`…三是推进有力。他要求一要…；二要…` is a second
    run; `二是建强队伍。（1）…（2）…` keeps its sub-items)."""
    runs: list[list[Marker]] = []
    for m in markers:
        first = runs[-1][0] if runs else None
        last_same = next((x for x in reversed(runs[-1]) if x.style == m.style), None) if runs else None
        between = text[runs[-1][-1].pos:m.pos] if runs else ""
        new_sentence = bool(runs) and m.number == 1 and m.style not in {x.style for x in runs[-1]} \
            and "。" in between and intro_kind(between[between.rfind("。") + 1:]) is not None
        if first is None or new_sentence or (m.style == first.style and last_same is not None
                                             and m.number <= last_same.number):
            runs.append([m])
        else:
            runs[-1].append(m)
    return runs


def _last_sentence(text: str) -> str:
    """What follows the last full stop or semicolon of a text (the clause that announces a run)."""
    return text[max(text.rfind("。"), text.rfind("；")) + 1:]


def _clause_cue(t: _Builder, block_start: int, pos: int) -> Hit | None:
    """The cue of the clause that opens a run (`…提出三点要求：一是`). A run after a colon is introduced
    by the whole sentence before it; a run after a full stop only by that sentence's last clause."""
    before = t.text[block_start:pos].rstrip(" \u3000\n")
    colon = before.endswith(("：", ":"))
    body = before.rstrip("。；; ：:，,")
    ends = [m.end() for m in _CLAUSE_END.finditer(body)]
    clause = body[ends[-1]:] if ends else body
    if colon:
        return intro_kind(clause) if clause.strip() else None
    parts = re.split(r"[，,]", clause)
    cue = intro_kind(parts[-1]) if parts[-1].strip() else None
    if cue is None and len(parts) > 1 and _SPEAKER.search(parts[0]):
        cue = intro_kind(parts[0])  # `书记强调，要…抓好基层党建工作。一是要…`: the speaker's verb announces the run
    return cue
