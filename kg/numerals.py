"""Numbers written in Chinese or Arabic numerals: the one place that reads them.

The numeral characters and their values are data (`lexicons/numerals.tsv`); this module
turns them into values (`parse_number`) and regular-expression classes for the grammars
that need them (enumerators, formulas, metrics).
"""

from __future__ import annotations

import re
from functools import cache

from .lexicons import lexicon_table


@cache
def _table() -> dict[str, tuple[int, str]]:
    return {row[0]: (int(row[1]), row[2]) for row in lexicon_table("numerals.tsv")}


@cache
def chars(role: str) -> str:
    """The numeral characters of one role (`digit`, `unit`, `circled`), as one string."""
    return "".join(ch for ch, (_, r) in _table().items() if r == role)


@cache
def small_numerals() -> str:
    """Characters that write the numbers of enumerators and formulas (一 … 十, 两)."""
    return "".join(ch for ch in chars("digit") + chars("unit") if 0 < _table()[ch][0] <= 10)


@cache
def _formula_digits() -> dict[str, str]:
    return {str(int(row[1])): row[0] for row in lexicon_table("numerals.tsv") if len(row) > 3 and row[3] == "formula"}


def formula_digits(text: str) -> str:
    """A formula's Arabic digits as the Chinese numerals it is read with (`3个代表` → `三个代表`)."""
    table = _formula_digits()
    return "".join(table.get(ch, ch) for ch in text)


def value_of(ch: str) -> int:
    """The value of one numeral character (十 = 10, 万 = 10000), -1 for any other character."""
    return _table().get(ch, (-1, ""))[0]


def circled_value(ch: str) -> int:
    """Value of a circled enumerator (① = 1), 0 for any other character."""
    value, role = _table().get(ch, (0, ""))
    return value if role == "circled" else 0


_ARABIC = re.compile(r"\d+(?:\.\d+)?")


def parse_number(text: str) -> float | int | None:
    """Arabic digits (`3000`, `2.5`) or a Chinese numeral up to 万 (`三`, `十二`, `两千五百`) as a number;
    None when the text is not a numeral."""
    text = text.strip()
    if not text:
        return None
    if _ARABIC.fullmatch(text):
        return float(text) if "." in text else int(text)
    table = _table()
    total = section = current = 0
    for ch in text:
        value, role = table.get(ch, (-1, ""))
        if role == "digit":
            current = value
        elif role == "unit" and value == 10000:
            total += (section + current) * value
            section = current = 0
        elif role == "unit":
            section += (current or 1) * value
            current = 0
        else:
            return None
    return total + section + current


def ordinal(text: str) -> int:
    """Value of an enumerator's number (`三`, `十二`, `3`, `③`); 0 when unreadable."""
    if len(text) == 1 and circled_value(text):
        return circled_value(text)
    value = parse_number(text)
    return int(value) if isinstance(value, int) else 0
