"""Normalise report text for matching while keeping a map back to the original.

Steps (each keeps every offset mappable to the original text):
1. delete site boilerplate lines, page-chunk markers and pinyin-in-parentheses noise;
2. fold widths: full-width letters and digits to ASCII, ASCII punctuation to the
   full-width forms Chinese text uses, straight quotes to curly ones;
3. traditional → simplified characters (OpenCC t2s), character for character.

Steps 2 and 3 never change the length, so the map is a list of kept segments.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .lexicons import lexicon_lines

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])[(（](?=[a-z{_TONE}]*[{_TONE}])[a-z{_TONE}]{{1,7}}[)）]")
_PAGE = re.compile(r"^\s*(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|[-—－]+\s*\d+\s*[-—－]+|\d+\s*/\s*\d+|page\s*\d+)\s*$", re.I)
_KEEP_LINE = re.compile(r"报告|讲话|总结|述职|发言")
_SENTENCE_PUNCT = re.compile(r"[。；，,;]")


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


@lru_cache(maxsize=1)
def _boilerplate() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{line})" for line in lexicon_lines("boilerplate.txt")), re.I)


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    """Original ranges that are site boilerplate, page markers or pinyin noise."""
    ranges: list[tuple[int, int]] = []
    lines: list[tuple[int, int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    pattern = _boilerplate()
    flagged = [False] * len(lines)
    for i, (_, _, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if _PAGE.match(stripped):
            flagged[i] = True
        elif len(stripped) < 120 and pattern.search(stripped) and not (
            _KEEP_LINE.search(stripped) and not pattern.search(stripped[:30])
        ):
            flagged[i] = True
    nonempty = [i for i, (_, _, line) in enumerate(lines) if line.strip()]
    # short unpunctuated lines next to boilerplate (a site's name) are boilerplate too
    for n, i in enumerate(nonempty):
        stripped = lines[i][2].strip()
        if flagged[i] or len(stripped) > 12 or _SENTENCE_PUNCT.search(stripped) or _KEEP_LINE.search(stripped):
            continue
        neighbours = [nonempty[m] for m in (n - 1, n + 1) if 0 <= m < len(nonempty)]
        if any(flagged[j] and not _PAGE.match(lines[j][2].strip()) for j in neighbours):
            flagged[i] = True
    # a tail after the last boilerplate line made of short lines without a full stop is the site's footer
    tail = nonempty[-15:] if len(nonempty) > 20 else []
    for k, i in enumerate(tail):
        if flagged[i] and all(len(lines[j][2].strip()) < 40 and "。" not in lines[j][2] for j in tail[k:]):
            for j in tail[k:]:
                flagged[j] = True
            break
    for i, (s, e, _) in enumerate(lines):
        if flagged[i]:
            ranges.append((s, e))
    for m in _PINYIN.finditer(text):
        ranges.append((m.start(), m.end()))
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for s, e in ranges:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xFF10, 0xFF1A):  # digits
        table[code] = chr(code - 0xFEE0)
    for code in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B)):  # letters
        table[code] = chr(code - 0xFEE0)
    for full in "＋％．－＊／＝＜＞＃＆＠＿｜＼＾｀":
        table[ord(full)] = chr(ord(full) - 0xFEE0)
    for half, full in {"(": "（", ")": "）", ";": "；", "!": "！", "?": "？", "〔": "（", "〕": "）"}.items():
        table[ord(half)] = full
    table[0x3000] = " "
    table[0x00A0] = " "
    table[ord("＂")] = '"'
    table[ord("＇")] = "'"
    table[ord("\t")] = " "
    return table


_FOLD = _fold_table()
_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_COLON = re.compile(r"(?<!\d):|:(?!\d)")
_STRAIGHT = re.compile(r'"')
_SINGLE_PAIR = re.compile(r"'([^'\n]{1,40})'")


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width, ASCII punctuation to Chinese full-width; same length."""
    text = text.translate(_FOLD)
    text = _COMMA.sub("，", text)
    text = _COLON.sub("：", text)
    if '"' in text:
        text = _curl_quotes(text)
    if "'" in text:
        text = _SINGLE_PAIR.sub(lambda m: "‘" + m.group(1) + "’", text)
    return text


def _curl_quotes(text: str) -> str:
    """Straight double quotes to curly ones, pairing within a line; a quote whose partner would lie
    beyond a sentence end is an orphan closing quote (`一票定档"等措施。…`)."""
    out = []
    for line in text.split("\n"):
        parts = line.split('"')
        rebuilt = [parts[0]]
        is_open = False
        for k, part in enumerate(parts[1:], 1):
            if is_open:
                rebuilt.append("”")
                is_open = False
            else:
                closes_later = k < len(parts) - 1 and len(part) <= 60 and not re.search(r"[。；！？]", part)
                rebuilt.append("“" if closes_later else "”")
                is_open = closes_later
            rebuilt.append(part)
        out.append("".join(rebuilt))
    return "\n".join(out)


@lru_cache(maxsize=1)
def _t2s():
    import opencc

    return opencc.OpenCC("t2s").convert


def to_simplified(text: str) -> str:
    """Traditional → simplified, keeping the length (per character where a phrase rule would not)."""
    if not text or text.isascii():
        return text
    convert = _t2s()
    out = []
    for line in text.split("\n"):
        conv = convert(line)
        if len(conv) != len(line):
            conv = "".join(c if len(c := convert(ch)) == 1 else ch for ch in line)
        out.append(conv)
    return "\n".join(out)


def normalize(text: str) -> NormText:
    """Normalise the original text; see the module docstring for the steps."""
    deleted = boilerplate_ranges(text)
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    pos = 0
    norm_len = 0
    for s, e in deleted + [(len(text), len(text))]:
        if s > pos:
            starts.append(norm_len)
            origins.append(pos)
            pieces.append(text[pos:s])
            norm_len += s - pos
        pos = max(pos, e)
    kept = "".join(pieces)
    folded = to_simplified(fold_width(kept))
    assert len(folded) == len(kept)
    return NormText(folded, tuple(starts), tuple(origins), len(text))
