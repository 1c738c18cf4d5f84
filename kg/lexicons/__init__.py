"""Packaged lexicons (plain text, `#` comments): loaded lazily and cached."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def lexicon_lines(name: str) -> tuple[str, ...]:
    """The non-empty, non-comment lines of a lexicon file, stripped."""
    text = files(__package__).joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(line.strip())
    return tuple(out)


@cache
def lexicon_table(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of a lexicon file."""
    return tuple(tuple(col.strip() for col in line.split("\t")) for line in lexicon_lines(name))


@cache
def lexicon_set(name: str) -> frozenset[str]:
    """The first column of each line, as a set."""
    return frozenset(row[0] for row in lexicon_table(name))


@cache
def words(name: str) -> tuple[str, ...]:
    """One closed word list of word_lists.tsv (`name<TAB>a|b|c`), longest words first."""
    for row in lexicon_table("word_lists.tsv"):
        if row[0] == name:
            return tuple(sorted(row[1].split("|"), key=lambda w: (-len(w), w)))
    raise KeyError(name)


def alternation(name: str) -> str:
    """A word list as a regular-expression alternation (words escaped, longest first)."""
    import re

    return "|".join(re.escape(w) for w in words(name))
