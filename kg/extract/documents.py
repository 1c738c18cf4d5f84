"""Documents: every title inside 《》 (regulations, opinions, newspapers, short titles), also when a hard
line break falls inside it, and titles marked 〈…〉 where a text uses those marks instead."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .context import Context


@dataclass(frozen=True)
class DocumentHit:
    label: str
    start: int  # normalised offsets of the title without the brackets
    end: int


def document_hits(ctx: Context) -> list[DocumentHit]:
    return [DocumentHit(re.sub(r"\s*\n\s*", "", content).strip(), s + 1, e - 1) for s, e, content in ctx.titles
            if content.strip()]
