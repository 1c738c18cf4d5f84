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
from dataclasses import dataclass
from functools import cache

from ..lexicons import lexicon_lines, lexicon_table
from ..segment import word_tag
from .context import Context

_REGION_COMMITTEE = r"(?:[省市县区州盟旗](?:（[市县区、]+）)?(?:、[省市县区])*委)(?![员会])"
_MASK = r"(?:[X×xＸ*＊]{1,4}|某{1,2})"
_MASKED_END = re.compile(_MASK + "$")
_SCOPE_CHARS = "各每该本全"
_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]{1,3}$")
_PARTY_HEAD = re.compile(r"(党委|党总支|党支部|党组|党工委|工委|委员会|党组织|支部|总支)$")


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


@cache
def _heads() -> tuple[list[str], set[str]]:
    rows = lexicon_table("unit_heads.txt")
    heads = sorted({r[0] for r in rows} | _needs_modifier(), key=len, reverse=True)
    solo = {r[0] for r in rows if len(r) > 1 and r[1] == "solo"}
    return heads, solo


@cache
def _region_heads() -> frozenset[str]:
    return frozenset(r[0] for r in lexicon_table("unit_region_heads.txt") if r[1] == "region")


@cache
def _needs_modifier() -> frozenset[str]:
    return frozenset(r[0] for r in lexicon_table("unit_region_heads.txt") if r[1] == "needs_modifier")


@cache
def _aliases() -> dict[str, str]:
    return {r[0]: r[1] for r in lexicon_table("unit_aliases.tsv")}


@cache
def _head_regex() -> re.Pattern[str]:
    heads, _ = _heads()
    alternatives = [_REGION_COMMITTEE] + [re.escape(h) for h in heads]
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


@cache
def _modifier_regex() -> re.Pattern[str]:
    mods = sorted({r[0] for r in lexicon_table("unit_modifiers.txt")}, key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(m) for m in mods) + ")$")


@cache
def _suffixes() -> tuple[tuple[str, str, str], ...]:
    rows = [(r[0], r[1], r[2]) for r in lexicon_table("unit_suffixes.tsv")]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@cache
def _stops() -> tuple[frozenset[str], re.Pattern[str]]:
    words = set(lexicon_lines("unit_name_stops.txt"))
    multi = sorted((w for w in words if len(w) > 1), key=len, reverse=True)
    return frozenset(w for w in words if len(w) == 1), re.compile("|".join(map(re.escape, multi)))


_REGION_PREFIX = re.compile(_REGION_COMMITTEE + r"$")


def _extend_left(text: str, start: int, head: str) -> int:
    """Stack kind-defining modifiers before a head; return the unit's new start."""
    return _modifier_bounds(text, start, head)[0]


def _modifier_bounds(text: str, start: int, head: str) -> list[int]:
    """Where each stacked modifier begins, leftmost first, ending with the head's start."""
    bounds = [start]
    pos = start
    for _ in range(4):
        window = text[max(0, pos - 12):pos]
        if not window:
            break
        if head in _region_heads():
            m = _REGION_PREFIX.search(window)
            if m:
                pos -= len(m.group(0))
                bounds.insert(0, pos)
                continue
        masked = _MASKED_END.search(window)
        if masked:
            pos -= len(masked.group(0))
            break
        m = _modifier_regex().search(window)
        if not m:
            break
        pos -= len(m.group(0))
        bounds.insert(0, pos)
    if pos != bounds[0]:
        bounds.insert(0, pos)
    return bounds


@dataclass(frozen=True)
class _Component:
    start: int
    name: str  # the proper name before the suffix ("" for a bare level word)
    suffix: str
    type: str
    role: str


def _name_before(ctx: Context, end: int, longest: int = 4) -> tuple[int, str] | None:
    """The proper name (or mask) that ends at `end`: characters opening a jieba word, with no stop word
    in them; a territory's name is the shortest such run of two or more characters, an institution's
    (longest > 4) the longest, and never takes in the territory word before it (`城关镇中心小学`)."""
    text = ctx.text
    m = re.search(_MASK + "$", text[max(0, end - 4):end])
    if m:
        return end - len(m.group(0)), m.group(0)
    singles, multi = _stops()
    best: tuple[int, str] | None = None
    for size in range(2, longest + 1):
        s = end - size
        if s < 0:
            break
        name = text[s:end]
        if not re.fullmatch(r"[\u4e00-\u9fff]+", name) or any(ch in singles for ch in name) or multi.search(name) \
                or (longest <= 4 and _modifier_regex().fullmatch(name)) or _is_suffix_word(name) or _not_a_name(name) \
                or any(_not_a_name(w) for w, ts, te in ctx.tokens_between(s, end) if te - ts >= 2):
            break
        if longest > 4 and _territory_char_before(text, s + 1):
            break
        if _crosses_suffix(ctx, s, end):
            continue
        if s == 0 or ctx.is_token_start(s) or not re.match(r"[\u4e00-\u9fff]", text[s - 1]):
            best = (s, name)
            if longest <= 4:
                break
    return best


def _crosses_suffix(ctx: Context, start: int, end: int) -> bool:
    """A word that begins inside the name and runs into the suffix (发展|农村) splits no name from its suffix."""
    return not ctx.is_token_start(end) and any(ts > start and ts < end < te for _, ts, te in ctx.tokens_between(start, end + 4))


@cache
def _suffix_words() -> frozenset[str]:
    return frozenset(s for s, _, role in _suffixes() if role == "territory") | {"乡镇", "城乡", "街道社区"}


def _is_suffix_word(name: str) -> bool:
    """A territory word is no proper name (`街道社区党组织` names no street)."""
    return name in _suffix_words() or any(name.endswith(s) and len(s) >= 2 for s in _suffix_words())


_NOT_NAME_TAGS = ("v", "p", "d", "c", "u", "r", "m", "q", "f", "t")


def _not_a_name(name: str) -> bool:
    """A verb, preposition, adverb … of jieba's dictionary is no proper name (`举办村党组织`)."""
    tag = word_tag(name)
    return tag is not None and tag.startswith(_NOT_NAME_TAGS) and tag != "vn"


def _territory_char_before(text: str, end: int) -> bool:
    return end > 0 and any(text.endswith(suffix, 0, end) for suffix, _, role in _suffixes()
                           if role == "territory" and len(suffix) == 1)


def _component_before(ctx: Context, end: int, institution_seen: bool) -> _Component | None:
    text = ctx.text
    matched = ""
    for suffix, type_, role in _suffixes():
        if not text.endswith(suffix, 0, end) or (matched and matched.endswith(suffix)):
            continue
        matched = suffix
        s = end - len(suffix)
        ordinal = re.search(r"第[一二三四五六七八九十\d]{1,3}$", text[max(0, s - 4):s])
        if role == "institution" and ordinal:
            return _Component(s - len(ordinal.group(0)), ordinal.group(0), suffix, type_, role)
        if role == "institution" and len(suffix) >= 2 and _territory_char_before(text, s):
            return _Component(s, "", suffix, type_, role)  # 区人民医院: the district's own hospital
        found = _name_before(ctx, s, 10 if role == "institution" else 4)
        if found is not None:
            return _Component(found[0], found[1], suffix, type_, role)
        if role == "territory" and len(suffix) == 1 and institution_seen:
            return _Component(s, "", suffix, type_, role)
    return None


def _named_chain(ctx: Context, start: int, head: str = "") -> tuple[int, list[_Component]]:
    """Components of a named organisation ending at `start` (outermost first), and where it begins. A head
    that is itself a territory or institution word (`镇`, `社区`, `医院`) has its name right before it."""
    text = ctx.text
    chain: list[_Component] = []
    pos = start
    own = next(((s, ty, ro) for s, ty, ro in _suffixes() if s == head), None)
    if own and text.startswith(head, start):
        found = _name_before(ctx, start, 10 if own[2] == "institution" else 4)
        if found:
            chain.append(_Component(found[0], found[1], head, own[1], own[2]))
            pos = found[0]
    region = re.match(r"[省市县区州盟旗](?=委)", text[start:start + 2])
    if region:  # 青石县委组织部: the county's name before its committee
        found = _name_before(ctx, start)
        if found:
            chain.append(_Component(found[0], found[1], region.group(0), "", "territory"))
            pos = found[0]
    for _ in range(5):
        comp = _component_before(ctx, pos, any(c.role == "institution" for c in chain))
        if comp is None:
            break
        chain.insert(0, comp)
        pos = comp.start
    if chain and text.endswith("中共", 0, pos):
        pos -= 2
    return pos, chain


@cache
def _generic_names() -> frozenset[str]:
    return frozenset(lexicon_lines("unit_generic_names.txt"))


def _proper(name: str) -> bool:
    """A proper name tells one organisation from another (not a mask, an ordinal or `实验`)."""
    return bool(name) and not _ORDINAL.fullmatch(name) and not _MASKED_END.fullmatch(name) \
        and name not in _generic_names()


def _types_in(label: str, head: str) -> list[_Component]:
    """The territory or institution words inside a generic unit (`镇党委` → 乡镇), as name-less components."""
    body = label[: len(label) - len(head)] if label.endswith(head) else label
    for suffix, type_, role in _suffixes():
        if body.endswith(suffix) or (role == "territory" and body.endswith("乡镇") and type_ == "乡镇"):
            return [_Component(0, "", suffix, type_, role)]
    return []


def _is_named(chain: list[_Component]) -> bool:
    """A chain names an organisation when a component has a name, or an institution sits in a territory."""
    return any(c.name and not _ORDINAL.fullmatch(c.name) for c in chain) or (
        any(c.role == "institution" for c in chain) and any(c.role == "territory" for c in chain))


def _kind(chain: list[_Component], head: str, label: str) -> str:
    """The kind of a unit: its innermost type with its Party head (乡镇党委, 学校党支部 …)."""
    head = head.replace("“", "").replace("”", "")
    party = _PARTY_HEAD.search(head)
    inner = chain[-1].type if chain else ""
    if re.fullmatch(_REGION_COMMITTEE, head):
        return "地方党委"
    special = {"两委": "村（社区）两委", "国企": "国有企业", "两新": "两新组织"}
    if not inner or head in special:
        return special.get(head, head)
    if party:
        organ = {"委员会": "党委", "工委": "党工委", "支部": "党支部", "总支": "党总支"}.get(party.group(1), party.group(1))
        return inner + organ
    return inner


def _key(label: str, chain: list[_Component], head: str) -> str:
    """The identity of a named unit: from its innermost proper name to its head, 中共…委员会 read as …党委."""
    key = label.removeprefix("中共")
    if head == "委员会" and label.startswith("中共"):
        key = key[: -len("委员会")] + "党委"
    for comp in reversed(chain):
        if _proper(comp.name):
            at = key.find(comp.name + comp.suffix)
            return key[at:] if at >= 0 else key
    return key


def unit_hits(ctx: Context, quoted_units: list[tuple[int, int, str]]) -> list[UnitHit]:
    """Every unit occurrence, left to right."""
    hits = [h for m in _head_regex().finditer(ctx.text) if (h := _hit(ctx, m.start(), m.end(), m.group(0)))]
    for s, e, content in quoted_units:
        if not any(h.start <= s and e <= h.end for h in hits):
            label = f"“{content}”" if content in ("两新", "两委") else content
            hits.append(UnitHit(label, canonical(label), s, e, content, kind=_kind([], content, label)))
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
    _, solo = _heads()
    if ctx.in_title(hs, he) or (head in ("“两新”", "两新") and text.startswith(("组织", "党组织", "星级"), he)):
        return None
    if head.endswith("部") and text.startswith("长", he):
        return None  # 组织部长 is a role
    start = _extend_left(text, hs, head)
    # a modifier that ends a previous word is no modifier (农村 ≠ 农 + 村 …)
    if start < hs and text[start - 1:start] and not _MASKED_END.search(text[start:hs]) and not ctx.is_token_start(start):
        start = _trim_to_token(ctx, start, hs)
    named, chain = False, []
    best: tuple[int, int, list[_Component]] | None = None
    for bound in _modifier_bounds(text, hs, head) if head != "组织" else []:  # a territory word may also read as a modifier (镇党委)
        named_start, found = _named_chain(ctx, bound, head if bound == hs else "")
        if _is_named(found) and (best is None or (named_start, -len(found)) < (best[0], best[1])):
            best = (named_start, -len(found), found)
    if best is not None:
        named, start, chain = True, min(start, best[0]), best[2]
    if head in solo and start == hs and not (
        ctx.is_token_end(he) and (ctx.is_token_start(hs) or (text[hs - 1:hs] in _SCOPE_CHARS and ctx.is_token_start(hs - 1)))
    ):
        return None
    if head in _needs_modifier() and start == hs:
        return None
    end = he + 4 if text.startswith("（社区）", he) and head == "村" else he  # 换届难点村（社区）
    label = text[start:end]
    if not named:
        return UnitHit(label, canonical(label), start, end, head, kind=_kind(_types_in(label, head), head, label),
                       generic=label)
    place = "".join(c.name + c.suffix for c in chain if c.role == "territory")
    local = not any(_proper(c.name) for c in chain)
    inner = chain[-1]
    generic = inner.suffix + text[inner.start + len(inner.name) + len(inner.suffix):end] if inner.suffix != head \
        else head
    return UnitHit(label, _key(label, chain, head), start, end, head, _kind(chain, head, label), True, place, local,
                   generic)


def _trim_to_token(ctx: Context, start: int, head_start: int) -> int:
    for pos in range(start, head_start + 1):
        if pos == head_start or ctx.is_token_start(pos):
            return pos
    return head_start


def canonical(label: str) -> str:
    """Resolve aliases (国企 = 国有企业) and quote two-character collective names."""
    label = label.strip()
    return _aliases().get(label.replace("“", "").replace("”", ""), label)


def is_unit_name(name: str) -> bool:
    """Whether a whole string (e.g. a quoted name) is an organisation by the grammar."""
    name = name.strip()
    for m in _head_regex().finditer(name):
        if m.end() == len(name):
            start = _extend_left(name, m.start(), m.group(0))
            if start == 0 and (m.group(0) not in _needs_modifier() or m.start() > 0):
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
