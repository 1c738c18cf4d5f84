"""One-for-one folding: widths and punctuation (lexicons/fold.tsv), straight quotes paired into
curly ones, traditional characters to simplified. Every step keeps the text's length."""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import lexicon_table


def _unescape(cell: str) -> str:
    if cell == "\\t":
        return "\t"
    if re.fullmatch(r"\\u[0-9a-fA-F]{4}", cell):
        return chr(int(cell[2:], 16))
    return cell


@cache
def _table() -> dict[int, str]:
    table: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF10, 0xFF1A)}  # digits
    table.update({code: chr(code - 0xFEE0) for code in list(range(0xFF21, 0xFF3B)) + list(range(0xFF41, 0xFF5B))})
    for row in lexicon_table("fold.tsv"):
        src, dst = _unescape(row[0]), (_unescape(row[1]) if len(row) > 1 and row[1] else " ")
        if len(src) == 1 and len(dst) == 1:
            table[ord(src)] = dst
    return table


_COMMA = re.compile(r"(?<!\d),|,(?!\d)")
_COLON = re.compile(r"(?<!\d):|:(?!\d)")
_SINGLE_PAIR = re.compile(r"'([^'\n]{1,40})'")


def fold_width(text: str) -> str:
    """Full-width ASCII to half-width, ASCII punctuation to Chinese full-width; same length."""
    text = text.translate(_table())
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


@cache
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
