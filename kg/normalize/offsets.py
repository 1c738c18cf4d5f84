"""The normalised text and its map back to the original: kept segments.

Normalisation edits the original in two ways only, so that every normalised character
maps to one original position: an `Edit` deletes a range or replaces it by one character
(an HTML `<p>` becomes a line break), or inserts one character before a position (a line
break where a flattened page glued a heading to its first item; it maps to the character
after it), and the later folding steps replace characters one for one. The map is the list
of kept segments.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass


@dataclass(frozen=True)
class Edit:
    """Delete original [start, end), or replace it by `insert` (one character); with start == end, insert
    the character before `start`."""

    start: int
    end: int
    insert: str = ""


@dataclass(frozen=True)
class NormText:
    """Normalised text plus the segments that map it back to the original."""

    text: str
    seg_starts: tuple[int, ...]  # positions in `text` where a kept segment begins
    seg_origins: tuple[int, ...]  # the original position of each segment's first character
    original_length: int

    def to_orig(self, i: int) -> int:
        """Original offset of normalised position i (i may equal len(text))."""
        if i >= len(self.text):
            return self.original_length if not self.seg_starts else self._end()
        k = bisect_right(self.seg_starts, i) - 1
        return self.seg_origins[k] + (i - self.seg_starts[k])

    def _end(self) -> int:
        k = len(self.seg_starts) - 1
        return self.seg_origins[k] + (len(self.text) - self.seg_starts[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the normalised range [start, end)."""
        if end <= start:
            o = self.to_orig(start)
            return o, o
        return self.to_orig(start), self.to_orig(end - 1) + 1


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The text with the edits applied (overlapping ones merged, the first insert kept), and its segments."""
    merged: list[Edit] = []
    for e in sorted(edits, key=lambda x: (x.start, -x.end)):
        if merged and e.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Edit(last.start, max(last.end, e.end), last.insert or e.insert)
        elif e.end > e.start or e.insert:
            merged.append(e)
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    pos = length = 0
    for e in merged + [Edit(len(text), len(text))]:
        if e.start > pos:
            starts.append(length)
            origins.append(pos)
            pieces.append(text[pos:e.start])
            length += e.start - pos
        if e.insert:
            starts.append(length)
            origins.append(e.start)
            pieces.append(e.insert[0])
            length += 1
        pos = max(pos, e.end)
    return "".join(pieces), tuple(starts), tuple(origins)
