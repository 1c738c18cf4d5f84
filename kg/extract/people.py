"""Roles held by people (书记, 党务工作者, 第一责任人 …) and places (X市, 湖北武汉, 全镇)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import lexicon_lines
from .context import Context


@dataclass(frozen=True)
class NameHit:
    label: str
    start: int
    end: int


@lru_cache(maxsize=1)
def _role_regex() -> re.Pattern[str]:
    roles = sorted(lexicon_lines("roles.txt"), key=len, reverse=True)
    return re.compile("|".join(re.escape(r) for r in roles))


@lru_cache(maxsize=1)
def _place_regex() -> re.Pattern[str]:
    names = sorted(lexicon_lines("places.txt"), key=len, reverse=True)
    named = "|".join(re.escape(n) for n in names)
    return re.compile(
        rf"(?:(?:{named})(?:省|市|自治区)?){{1,2}}(?![\u4e00-\u9fff]{{0,1}}(?:委|政府|党))"
        r"|(?<![\u4e00-\u9fff])(?:[X×*]{1,4}|某)[省市县区镇乡](?!委|政府|党委|党组|党工委|人大|政协)"
        r"|全[省市县区镇乡](?=[\u4e00-\u9fff])"
    )


def role_hits(ctx: Context) -> list[NameHit]:
    return [NameHit(m.group(0), m.start(), m.end()) for m in _role_regex().finditer(ctx.text)
            if not ctx.in_title(m.start(), m.end())]


def place_hits(ctx: Context) -> list[NameHit]:
    return [NameHit(m.group(0), m.start(), m.end()) for m in _place_regex().finditer(ctx.text)
            if not ctx.in_title(m.start(), m.end())]
