"""Units (organisations and kinds of organisation) by a suffix grammar.

A unit is a head noun of lexicons/unit_heads.txt (党委, 党支部, 社区, 国有企业 …) or a
regional Party committee (`市委`, `县（市、区）委`, `省、市、县委`), with the kind-defining
modifiers of lexicons/unit_modifiers.txt stacked before it (基层, 临时, 区属, “两新” …),
other heads used as modifiers (`驻区单位党组织`, `X公司党委`) and masked names
(`X社区`, `XX大学`). Scope words are not modifiers and so fall away (`全区各级党组织`
→ `党组织`). Because the grammar reads every occurrence, the organisation inside a
role phrase is found too (`乡镇党委书记` → `乡镇党委`). One-character heads (村, 镇,
乡) count only as a word of their own in jieba's segmentation or with a modifier
(`后进村`). Organisation words inside 《titles》 are not units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import lexicon_table
from .context import Context

_REGION_COMMITTEE = r"(?:[省市县区州盟旗](?:（[市县区、]+）)?(?:、[省市县区])*委)(?![员会])"
_MASKED = re.compile(r"(?:[X×x*＊]{1,4}|某)$")
_ALIASES = {"国企": "国有企业", "两新组织": "“两新”组织", "非公企业": "非公有制企业", "村两委": "村“两委”"}
REGION_HEADS = {"常委会", "理论学习中心组", "理论中心组", "中心组", "党校", "领导小组", "组织部", "宣传部",
                "统战部", "巡视组", "督察组"}
_SCOPE_CHARS = "各每该本全"
NEEDS_MODIFIER = {"组织", "委员会", "公司", "协会", "商会"}


@dataclass(frozen=True)
class UnitHit:
    label: str  # the surface form, normalised
    canonical: str  # aliases resolved (国企 → 国有企业)
    start: int
    end: int
    head: str


@lru_cache(maxsize=1)
def _heads() -> tuple[list[str], set[str]]:
    rows = lexicon_table("unit_heads.txt")
    heads = sorted({r[0] for r in rows} | NEEDS_MODIFIER, key=len, reverse=True)
    solo = {r[0] for r in rows if len(r) > 1 and r[1] == "solo"}
    return heads, solo


@lru_cache(maxsize=1)
def _head_regex() -> re.Pattern[str]:
    heads, _ = _heads()
    alternatives = [_REGION_COMMITTEE] + [re.escape(h) for h in heads]
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


@lru_cache(maxsize=1)
def _modifiers() -> tuple[str, ...]:
    mods = {r[0] for r in lexicon_table("unit_modifiers.txt")}
    mods |= {"单位", "公司", "协会", "企业", "机关", "学校", "社区", "街道", "指挥部", "国有企业", "事业单位"}
    return tuple(sorted(mods, key=len, reverse=True))


_REGION_PREFIX = re.compile(_REGION_COMMITTEE + r"$")


@lru_cache(maxsize=1)
def _modifier_regex() -> re.Pattern[str]:
    return re.compile("(?:" + "|".join(re.escape(m) for m in _modifiers()) + ")$")


def _extend_left(text: str, start: int, head: str) -> int:
    """Stack kind-defining modifiers before a head; return the unit's new start."""
    pos = start
    for _ in range(4):
        window = text[max(0, pos - 12):pos]
        if not window:
            break
        if head in REGION_HEADS or pos == start and head in ("常委会",):
            m = _REGION_PREFIX.search(window)
            if m and pos == start:
                pos -= len(m.group(0))
                continue
        masked = _MASKED.search(window)
        if masked:
            pos -= len(masked.group(0))
            break
        m = _modifier_regex().search(window)
        if not m:
            break
        pos -= len(m.group(0))
    return pos


def unit_hits(ctx: Context, quoted_units: list[tuple[int, int, str]]) -> list[UnitHit]:
    """Every unit occurrence, left to right."""
    text = ctx.text
    heads, solo = _heads()
    hits: list[UnitHit] = []
    for m in _head_regex().finditer(text):
        hs, he = m.span()
        head = m.group(0)
        if ctx.in_title(hs, he):
            continue
        if head in ("“两新”", "两新") and text.startswith(("组织", "党组织", "星级"), he):
            continue
        start = _extend_left(text, hs, head)
        # a modifier that ends a previous word is no modifier (农村 ≠ 农 + 村 …)
        if start < hs and text[start - 1:start] and not _MASKED.search(text[start:hs]) and not ctx.is_token_start(start):
            start = _trim_to_token(ctx, start, hs)
        if head.endswith("部") and text.startswith("长", he):
            continue  # 组织部长 is a role
        if head in solo and start == hs and not (
            ctx.is_token_end(he) and (ctx.is_token_start(hs) or (text[hs - 1:hs] in _SCOPE_CHARS and ctx.is_token_start(hs - 1)))
        ):
            continue
        if head in NEEDS_MODIFIER and start == hs:
            continue
        # trailing qualifier of a kind: 换届难点村（社区）
        end = he
        if text.startswith("（社区）", end) and head == "村":
            end += 4
        label = text[start:end]
        hits.append(UnitHit(label, canonical(label), start, end, head))
    for s, e, content in quoted_units:
        if not any(h.start <= s and e <= h.end for h in hits):
            label = f"“{content}”" if content in ("两新", "两委") else content
            hits.append(UnitHit(label, canonical(label), s, e, content))
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


def _trim_to_token(ctx: Context, start: int, head_start: int) -> int:
    for pos in range(start, head_start + 1):
        if pos == head_start or ctx.is_token_start(pos):
            return pos
    return head_start


def canonical(label: str) -> str:
    """Resolve aliases (国企 = 国有企业) and quote two-character collective names."""
    label = label.strip()
    plain = label.replace("“", "").replace("”", "")
    if plain in _ALIASES:
        return _ALIASES[plain]
    return label


def is_unit_name(name: str) -> bool:
    """Whether a whole string (e.g. a quoted name) is an organisation by the grammar."""
    name = name.strip()
    for m in _head_regex().finditer(name):
        if m.end() == len(name):
            start = _extend_left(name, m.start(), m.group(0))
            if start == 0 and (m.group(0) not in NEEDS_MODIFIER or m.start() > 0):
                return True
    return False


def unit_kind(head: str) -> str:
    """The kind a head gives a unit: the head itself, 地方党委 for regional committees, quotes dropped."""
    head = head.replace("“", "").replace("”", "")
    if re.fullmatch(_REGION_COMMITTEE, head):
        return "地方党委"
    return {"两委": "村（社区）两委", "国企": "国有企业", "两新": "两新组织"}.get(head, head)
