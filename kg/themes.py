"""Themes of problems from a small packaged taxonomy (lexicons/themes.tsv)."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicons import lexicon_table
from .records import Item

OTHER = "其他"


@lru_cache(maxsize=1)
def taxonomy() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple((row[0], row[1], re.compile(row[2])) for row in lexicon_table("themes.tsv"))


def themes_of(label: str, text: str) -> list[str]:
    scored = []
    for name, _, pattern in taxonomy():
        n = 2 * len(pattern.findall(label)) + len(pattern.findall(text))
        if n:
            scored.append((-n, name))
    scored.sort()
    return [name for _, name in scored[:3]] or [OTHER]


def assign_themes(items: list[Item]) -> dict[int, list[str]]:
    """Problem position → its themes (one or more)."""
    return {i.position: themes_of(i.label, i.text) for i in items if i.kind == "problems"}
