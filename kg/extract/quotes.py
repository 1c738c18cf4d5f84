"""Quoted spans as they occur in real text: “…”, 「…」, 『…』, straight quotes (already
curled by normalisation), ‘…’ nested inside, and broken quotes: an opening quote
written as a closing one (`推动”不忘初心、牢记使命”`), a pair written the wrong way round
(`”两代表一委员“`), or a missing opening quote (`落实挂账督办、约谈提醒、一票定档”等措施`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import lexicon_lines

_PAIRS = {"“": "”", "「": "」", "『": "』"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}
_QUOTE_CHARS = re.compile("[“”「」『』]")
_BOUNDARY = "，。；：！？\n（）《》“”"
_MAX = 60


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # position of the opening quote (or of the recovered name)
    end: int  # position after the closing quote
    inner_start: int
    inner_end: int
    nested: bool  # a ‘…’ inside a “…”
    recovered: bool  # the opening quote was missing

    def content(self, text: str) -> str:
        return text[self.inner_start:self.inner_end]


@lru_cache(maxsize=1)
def _verbs() -> tuple[str, ...]:
    return tuple(sorted(lexicon_lines("verbs.txt"), key=len, reverse=True))


def strip_leading_verbs(text: str) -> str:
    """Remove clause-opening verbs (落实, 健全完善 …) from the front of a phrase."""
    changed = True
    while changed:
        changed = False
        for verb in _verbs():
            if text.startswith(verb) and len(text) > len(verb) + 1:
                text = text[len(verb):]
                changed = True
                break
    return text


def quoted_spans(text: str) -> list[QuoteSpan]:
    """All quoted spans in document order, including nested ‘…’ and repaired broken quotes."""
    spans: list[QuoteSpan] = []
    positions = [m.start() for m in _QUOTE_CHARS.finditer(text)]
    open_at: dict[str, int] = {}
    k = 0
    while k < len(positions):
        i = positions[k]
        ch = text[i]
        if ch in _PAIRS:
            open_at[ch] = i
        else:
            opener = _CLOSERS[ch]
            if opener in open_at:
                start = open_at.pop(opener)
                if "\n" not in text[start:i] and 0 < i - start - 1 <= _MAX:
                    spans.append(QuoteSpan(start, i + 1, start + 1, i, False, False))
            elif ch == "”":
                # an opening quote written as a closing one: ”name”
                nxt = positions[k + 1] if k + 1 < len(positions) else None
                between = text[i + 1:nxt] if nxt is not None else ""
                # or a pair written the wrong way round: ”name“
                if nxt is not None and text[nxt] in "”“" and 0 < len(between) <= 30 \
                        and not re.search(r"[。；，、\n]" if text[nxt] == "“" else r"[。；\n]", between):
                    spans.append(QuoteSpan(i, nxt + 1, i + 1, nxt, False, False))
                    k += 2
                    continue
                recovered = _recover(text, i)
                if recovered:
                    spans.append(recovered)
        k += 1
    spans.extend(_nested(text, spans))
    spans.sort(key=lambda s: (s.start, -s.end))
    return spans


def _recover(text: str, close: int) -> QuoteSpan | None:
    """A closing quote with no opening one: take the clause before it, without its verb."""
    j = close
    while j > 0 and text[j - 1] not in _BOUNDARY and close - j < 40:
        j -= 1
    if j > 0 and text[j - 1] not in _BOUNDARY:
        return None
    clause = text[j:close]
    name = strip_leading_verbs(clause)
    if not (2 <= len(name) <= 25):
        return None
    start = close - len(name)
    return QuoteSpan(start, close + 1, start, close, False, True)


def _nested(text: str, outer: list[QuoteSpan]) -> list[QuoteSpan]:
    out = []
    for span in outer:
        inner = text[span.inner_start:span.inner_end]
        for m in re.finditer(r"‘([^‘’]{1,40})’", inner):
            s = span.inner_start + m.start()
            out.append(QuoteSpan(s, s + len(m.group(0)), s + 1, s + 1 + len(m.group(1)), True, False))
    return out
