"""Normalise report text for matching while keeping a map back to the original.

Steps (each keeps every offset mappable to the original text):
1. remove what is not report text (`noise`): site boilerplate, page markers, document-site
   chunk numbers, HTML, pinyin noise, emoji and invisible characters; line breaks restored
   in flattened text, a converter's doubled punctuation, a forum's anti-copy jammer;
2. fold widths and punctuation, straight quotes to curly ones (`fold`);
3. traditional → simplified characters (OpenCC t2s), character for character.

Steps 2 and 3 never change the length, so the map is a list of kept segments (`offsets`).
"""

from __future__ import annotations

from .fold import fold_width, to_simplified
from .noise import boilerplate_ranges, noise_edits
from .offsets import Edit, NormText, apply_edits

__all__ = ["Edit", "NormText", "boilerplate_ranges", "fold_width", "normalize", "to_simplified"]


def normalize(text: str) -> NormText:
    """Normalise the original text; see the module docstring for the steps."""
    kept, starts, origins = apply_edits(text, noise_edits(text))
    folded = to_simplified(fold_width(kept))
    assert len(folded) == len(kept)
    return NormText(folded, starts, origins, len(text))
