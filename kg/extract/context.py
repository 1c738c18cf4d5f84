"""The shared view of one report that every extractor reads: normalised text,
sentence bounds, jieba tokens and the spans of quotes and titles."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from ..normalize import NormText
from ..records import Mention
from ..segment import tokenize
from .quotes import QuoteSpan, quoted_spans

_SENT = re.compile(r"[。！？；\n]")
_TITLE = re.compile(r"《([^《》\n]{1,120}(?:\n[^《》\n]{1,60})?)》|(?<![《〈])〈([^〈〉《》\n]{4,80})〉(?![》〉])")


@dataclass
class Context:
    """One report's normalised text with lazily computed helpers."""

    norm: NormText
    original: str
    _sentences: dict[int, tuple[int, str]] = field(default_factory=dict)
    # per sentence start: its end and its tokens' starts and ends (arrays: a long report has millions)
    _segments: dict[int, tuple[int, array[int], array[int]]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.norm.text

    @cached_property
    def sentence_ends(self) -> list[int]:
        return [m.end() for m in _SENT.finditer(self.text)]

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """Normalised [start, end) of the sentence holding position pos."""
        ends = self.sentence_ends
        k = bisect_right(ends, pos)
        start = ends[k - 1] if k > 0 else 0
        end = ends[k] if k < len(ends) else len(self.text)
        return start, end

    def sentence_at(self, pos: int) -> tuple[int, str]:
        """Where the sentence holding normalised position pos begins in the original, and its original text,
        trimmed (cached per sentence)."""
        s, e = self.sentence_bounds(pos)
        cached = self._sentences.get(s)
        if cached is None:
            os_, oe = self.norm.span(s, e)
            raw = self.original[os_:oe]
            cached = self._sentences[s] = (os_ + len(raw) - len(raw.lstrip()), raw.strip())
        return cached

    def mention(self, start: int, end: int) -> Mention:
        """A mention of normalised [start, end), with original offsets and text."""
        os_, oe = self.norm.span(start, end)
        sentence_start, sentence = self.sentence_at(start)
        return Mention(os_, oe, self.original[os_:oe], sentence, sentence_start)

    # jieba runs only on the sentences that need it (those holding a candidate that depends on
    # word boundaries, and the statements being linked), each once; jieba splits at punctuation
    # anyway, so a sentence's tokens are the same as in the whole text.
    def _sentence(self, pos: int) -> tuple[int, array[int], array[int]]:
        s, e = self.sentence_bounds(pos)
        cached = self._segments.get(s)
        if cached is None:
            toks = tokenize(self.text[s:e])
            cached = self._segments[s] = (e, array("l", (a + s for _, a, _ in toks)), array("l", (b + s for _, _, b in toks)))
        return cached

    def is_token_start(self, pos: int) -> bool:
        starts = self._sentence(pos)[1]
        k = bisect_left(starts, pos)
        return k < len(starts) and starts[k] == pos

    def is_token_end(self, pos: int) -> bool:
        if pos <= 0:
            return False
        ends = self._sentence(pos - 1)[2]
        k = bisect_left(ends, pos)
        return k < len(ends) and ends[k] == pos

    def tokens_between(self, start: int, end: int) -> list[tuple[str, int, int]]:
        """jieba tokens (word, start, end) lying within [start, end)."""
        out: list[tuple[str, int, int]] = []
        pos = start
        text = self.text
        while pos < end:
            sent_end, starts, ends = self._sentence(pos)
            out.extend((text[a:b], a, b) for a, b in zip(starts, ends) if start <= a and b <= end)
            pos = max(sent_end, pos + 1)
        return out

    @cached_property
    def titles(self) -> list[tuple[int, int, str]]:
        """《…》 spans: (start, end) of the whole bracketed title and its content."""
        return [(m.start(), m.end(), m.group(1) or m.group(2)) for m in _TITLE.finditer(self.text)]

    @cached_property
    def quotes(self) -> list[QuoteSpan]:
        return quoted_spans(self.text)

    @cached_property
    def _title_starts(self) -> list[int]:
        return [s for s, _, _ in self.titles]

    def in_title(self, start: int, end: int) -> bool:
        k = bisect_right(self._title_starts, start) - 1
        return k >= 0 and end <= self.titles[k][1]
