"""The front of a report: its title lines, an outline printed before them, the salutation.

None of these is an item. The title is the run of short lines before the first sentence of
the body; an outline (a table of contents) is a run of numbered short lines whose headings
come back later in the text; a salutation is a short line ending in a colon that addresses
people (`同志们：`, `尊敬的各位领导：`, `区委第一巡察组：`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lexicons import alternation
from .blocks import Block
from .cues import is_cue_heading
from .markers import line_marker

_SENTENCE = re.compile(r"[。！？]")
_SALUTATION = re.compile(rf"^(?:{alternation('salutation_start')})|(?:{alternation('salutation_end')})[：:]$")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_GENRE_WORD = re.compile(alternation("genre_words"))
_FILE_EXT = re.compile(r"\.(?:docx?|pdf|pptx?|wps|txt)$", re.I)  # a title line that is the file's name
_PIECE = re.compile(r"^第\s*[\d一二三四五六七八九十]{1,3}\s*篇[\s:：、.．]*(?=\S)")  # an anthology's `第1篇 …`
# a site's decorations of a title: a tag before it (`【调研】`), a note after it (`（完整文档）`, `【精选6篇】`)
_DECORATION = re.compile(r"^【[^】]{1,6}】\s*|\s*[（(【\[](?:完整(?:版|文档)?|精选\s*\d*\s*篇|最新(?:版)?|范文|word版|可编辑(?:版)?"
                         r"|通用版|\d+\s*篇)[）)】\]]\s*$|\s+篇\s*[\d一二三四五六七八九十]{1,3}$", re.I)


@dataclass(frozen=True)
class Front:
    title: str
    title_blocks: tuple[int, ...]  # indices of the title's blocks
    skipped: frozenset[int]  # indices of blocks that are neither body nor items (title, outline, salutation)


def _is_title_line(text: str) -> bool:
    return bool(text) and len(text) <= 60 and not _SENTENCE.search(text) and not text.endswith(("：", ":")) \
        and not ("，" in text and len(text) > 30)


def _wrapped_title(block: str) -> bool:
    """A first paragraph of two lines that is one title broken at the page width (`…对照检` / `查材料`)."""
    first, _, second = block.partition("\n")
    return len(second.strip()) < len(first.strip()) and _is_title_line(first.strip() + second.strip())


def front(text: str, bl: list[Block]) -> Front:
    """Find the title, the outline and the salutation among a report's first blocks."""
    skipped: set[int] = set(_outline(text, bl))
    title_blocks: list[int] = []
    for i, b in enumerate(bl[:12]):
        if i in skipped:
            continue
        line = b.stripped
        marker = line_marker(text, b.start)
        if b.lines == 2 and not title_blocks and _wrapped_title(line):
            line = line.replace("\n", "")
        elif b.lines > 1:
            break
        if not _is_title_line(line) or (marker and marker.style != "BUL") or (is_cue_heading(line) and not _GENRE_WORD.search(line)):
            break
        title_blocks.append(i)
        if len(title_blocks) == 3:
            break
    skipped |= set(title_blocks)
    for i, b in enumerate(bl[:len(title_blocks) + len(skipped) + 3]):
        if i not in skipped and len(b.stripped) <= 30 and _SALUTATION.search(b.stripped):
            skipped.add(i)
    parts: list[str] = []
    for i in title_blocks:  # a file's name loses its extension; a line repeating it is said once
        part = _DECORATION.sub("", _PIECE.sub("", _FILE_EXT.sub("", bl[i].stripped.replace("\n", ""))))
        if part not in parts:
            parts.append(part)
    return Front(" ".join(parts), tuple(title_blocks), frozenset(skipped))


def _outline(text: str, bl: list[Block]) -> list[int]:
    """Blocks of a table of contents: the run of numbered short lines that opens a report, when at
    least three of its headings come back later in the text."""
    run: list[int] = []
    recurring = 0
    for i, b in enumerate(bl):
        marker = line_marker(text, b.start)
        heading = text[marker.body:b.end].strip() if marker else ""
        if marker is None or b.lines > 1 or not 2 <= len(heading) <= 30 or _SENTENCE.search(heading):
            if run and not _is_title_line(b.stripped):
                break
            continue
        run.append(i)
        recurring += _recurs(text, bl, i, marker.text, heading)
    return run if recurring >= 3 else []


def _recurs(text: str, bl: list[Block], index: int, number: str, heading: str) -> bool:
    for b in bl[index + 1:]:
        marker = line_marker(text, b.start)
        if marker and marker.text == number and text.startswith(heading, marker.body):
            return True
    return False


def find_year(title: str, text: str) -> int | None:
    """The year reported on: the first year in the title, else in the opening lines."""
    for chunk in (title, text[:300]):
        m = _YEAR.search(chunk)
        if m:
            return int(m.group(1))
    return None
