"""Units: organisations and kinds of organisation, by a suffix grammar.

A unit ends in a head (lexicons/unit_heads.txt: 党委, 党支部, 社区, 国有企业 …) or is a
regional Party committee (`市委`, `县（市、区）委`, `省、市、县委`). Before the head stand
kind-defining modifiers (lexicons/unit_modifiers.txt: 基层, 临时, 区属, “两新” …); scope
words are not modifiers and so fall away (`全区各级党组织` → `党组织`). The organisation
inside a role phrase is found too (`乡镇党委书记` → `乡镇党委`).

A *named* organisation has more before its head: a chain of components, each a proper name
(or a mask: `X`, `××`, `某`) followed by a territory or institution word
(lexicons/unit_suffixes.tsv): `青石县柳河镇党委`, `东城区人民医院党委`, `红星小学党支部`,
`××社区第三网格党支部`, `中共青石县红星小学委员会`, `区委教育工委`. A name starts where
jieba starts a word, holds no stop word (lexicons/unit_name_stops.txt) and has two to four
characters; a level word alone (`区`) may stand before an institution (`区人民医院`).
Everything else is a generic mention of a kind (`村党支部`, `乡镇党委`, `党组织`).

Identity: a named unit is keyed by its innermost proper name and head (`青石县柳河镇党委`,
`柳河镇党委` and `中共柳河镇委员会` are one organisation, key `柳河镇党委`); masked names are
never merged across reports (graph.py adds the report to their key).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from .context import Context
from .unit_names import (
    MASKED_END,
    SCOPE_CHARS,
    Component,
    extend_left,
    head_regex,
    identity_key,
    is_named,
    is_proper,
    modifier_bounds,
    named_chain,
    needs_modifier,
    types_in,
    unit_aliases,
    unit_heads,
    unit_kind,
)


@dataclass(frozen=True)
class UnitHit:
    label: str  # the surface form, normalised
    canonical: str  # the unit's identity: aliases resolved, a named unit's key
    start: int
    end: int
    head: str
    kind: str = ""  # the kind of unit (乡镇党委, 医院党委, 村党支部 …)
    named: bool = False  # a specific organisation, not a kind
    place: str = ""  # the territory chain of a named unit (青石县柳河镇)
    local: bool = False  # named only by masks or level words (××社区, 区人民医院): never one node across reports
    generic: str = ""  # the unit without its proper names: its innermost type word and head (镇党委, 小学党支部)


class _Cover:
    """Whether some span of a fixed set holds [s, e): spans sorted by start, with the furthest end so far."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [a for a, _ in spans]
        self.reach: list[int] = []
        furthest = -1
        for _, b in spans:
            furthest = max(furthest, b)
            self.reach.append(furthest)

    def holds(self, s: int, e: int) -> bool:
        k = bisect_right(self.starts, s)
        return k > 0 and self.reach[k - 1] >= e


def unit_hits(ctx: Context, quoted_units: list[tuple[int, int, str]],
              program_spans: Sequence[tuple[int, int]] = ()) -> list[UnitHit]:
    """Every unit occurrence, left to right. A named unit or a one-character place word inside a quoted
    program name (`“富民强村服务型”`, `“十乡百村”`) is a word of the slogan, no organisation."""
    names = _Cover(list(program_spans))
    hits = [h for m in head_regex().finditer(ctx.text) if (h := _hit(ctx, m.start(), m.end(), m.group(0)))
            and not ((h.named or len(h.head) == 1) and names.holds(h.start, h.end))]
    covered = _Cover([(h.start, h.end) for h in hits])
    for s, e, content in quoted_units:
        if not covered.holds(s, e):
            label = f"“{content}”" if content in ("两新", "两委") else content
            hits.append(UnitHit(label, canonical(label), s, e, content, kind=unit_kind([], content, label)))
    hits.sort(key=lambda h: (h.start, -h.end))
    # a head inside a longer unit of the same place (乡镇 in 乡镇党委) is not a mention of its own;
    # hits are sorted by start (longest first), so a sweep of the furthest end seen so far finds them
    kept: list[UnitHit] = []
    furthest = -1
    last_span = (-1, -1)
    for hit in hits:
        inside = hit.end <= furthest and (hit.start, hit.end) != last_span
        if hit.end > furthest:
            furthest, last_span = hit.end, (hit.start, hit.end)
        if not inside:
            kept.append(hit)
    return kept


def _hit(ctx: Context, hs: int, he: int, head: str) -> UnitHit | None:
    text = ctx.text
    _, solo = unit_heads()
    if ctx.in_title(hs, he) or (head in ("“两新”", "两新") and text.startswith(("组织", "党组织", "星级"), he)):
        return None
    if head.endswith("部") and text.startswith("长", he):
        return None  # 组织部长 is a role
    if len(head) == 1 and text.startswith("级", he):
        return None  # 村级, 镇级: a level word modifying what follows, not a unit (新建村级服务中心)
    start = extend_left(text, hs, head)
    # a modifier that ends a previous word is no modifier (农村 ≠ 农 + 村 …)
    if start < hs and text[start - 1:start] and not MASKED_END.search(text[start:hs]) and not ctx.is_token_start(start):
        start = _trim_to_token(ctx, start, hs)
    named, chain = False, []
    best: tuple[int, int, list[Component]] | None = None
    for bound in modifier_bounds(text, hs, head) if head != "组织" else []:  # a territory word may also read as a modifier (镇党委)
        named_start, found = named_chain(ctx, bound, head if bound == hs else "")
        if is_named(found) and (best is None or (named_start, -len(found)) < (best[0], best[1])):
            best = (named_start, -len(found), found)
    if best is not None:
        named, start, chain = True, min(start, best[0]), best[2]
    if head in solo and start == hs and not (
        ctx.is_token_end(he) and (ctx.is_token_start(hs) or (text[hs - 1:hs] in SCOPE_CHARS and ctx.is_token_start(hs - 1)))
    ):
        return None
    if head in needs_modifier() and start == hs:
        return None
    end = he + 4 if text.startswith("（社区）", he) and head == "村" else he  # 换届难点村（社区）
    label = text[start:end]
    if not named:
        return UnitHit(label, canonical(label), start, end, head, kind=unit_kind(types_in(label, head), head, label),
                       generic=label)
    place = "".join(c.name + c.suffix for c in chain if c.role == "territory")
    local = not any(is_proper(c.name) for c in chain)
    inner = chain[-1]
    generic = inner.suffix + text[inner.start + len(inner.name) + len(inner.suffix):end] if inner.suffix != head \
        else head
    return UnitHit(label, identity_key(label, chain, head), start, end, head, unit_kind(chain, head, label), True, place, local,
                   generic)


def _trim_to_token(ctx: Context, start: int, head_start: int) -> int:
    for pos in range(start, head_start + 1):
        if pos == head_start or ctx.is_token_start(pos):
            return pos
    return head_start


def canonical(label: str) -> str:
    """Resolve aliases (国企 = 国有企业) and quote two-character collective names."""
    label = label.strip()
    return unit_aliases().get(label.replace("“", "").replace("”", ""), label)


def is_unit_name(name: str) -> bool:
    """Whether a whole string (e.g. a quoted name) is an organisation by the grammar."""
    name = name.strip()
    for m in head_regex().finditer(name):
        if m.end() == len(name):
            start = extend_left(name, m.start(), m.group(0))
            if start == 0 and (m.group(0) not in needs_modifier() or m.start() > 0):
                return True
    return False


_SUB = re.compile(r"^(?:的)?(?:下属|所属|下设|管辖|领导下|指导下|带领下)的?$")
_UNDER = re.compile(r"^(?:隶属于?|归属于?|属于)$")


def sub_organisations(ctx: Context, hits: list[UnitHit]) -> list[tuple[str, str]]:
    """(child, parent) identities where the text puts one unit under another: `甲镇党委下属的乙村党支部`,
    `区委教育工委领导下的区实验中学党委`, `乙村党支部隶属甲镇党委`."""
    out: list[tuple[str, str]] = []
    for a, b in zip(hits, hits[1:]):
        between = ctx.text[a.end:b.start]
        if _SUB.match(between) and a.canonical != b.canonical:
            out.append((b.canonical, a.canonical))
        elif _UNDER.match(between) and a.canonical != b.canonical:
            out.append((a.canonical, b.canonical))
    return out
