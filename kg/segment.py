"""jieba, loaded once per process on first use, with the field's user dictionary."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files


@lru_cache(maxsize=1)
def _jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    with files("kg.lexicons").joinpath("userdict.txt").open("rb") as fh:
        tokenizer.load_userdict(fh)
    return tokenizer


def tokenize(text: str) -> list[tuple[str, int, int]]:
    """(word, start, end) for every jieba token of text (precise mode, HMM on)."""
    return list(_jieba().tokenize(text, HMM=False))


def lcut(text: str) -> list[str]:
    return _jieba().lcut(text)


@lru_cache(maxsize=1)
def _tags() -> dict[str, str]:
    tags: dict[str, str] = {}
    with _jieba().get_dict_file() as fh:
        for raw in fh:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3 and 2 <= len(parts[0]) <= 4:
                tags[parts[0]] = parts[2]
    return tags


def word_tag(word: str) -> str | None:
    """jieba's dictionary part-of-speech tag of a word of two to four characters (v, n, ns …), or None."""
    return _tags().get(word)


@lru_cache(maxsize=1)
def word_freq() -> dict[str, int]:
    """jieba's dictionary frequencies (to tell common words from coined names)."""
    return _jieba().FREQ


def warm() -> None:
    """Load jieba now (a build's worker does this once, before its first file)."""
    _jieba()
