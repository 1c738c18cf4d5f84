"""Documents: every title inside 《》 (regulations, opinions, newspapers, short titles)."""

from __future__ import annotations

from dataclasses import dataclass

from .context import Context


@dataclass(frozen=True)
class DocumentHit:
    label: str
    start: int  # normalised offsets of the title without the brackets
    end: int


def document_hits(ctx: Context) -> list[DocumentHit]:
    return [DocumentHit(content.strip(), s + 1, e - 1) for s, e, content in ctx.titles if content.strip()]
