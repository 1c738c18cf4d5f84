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
def word_freq() -> dict[str, int]:
    """jieba's dictionary frequencies (to tell common words from coined names)."""
    return _jieba().FREQ
