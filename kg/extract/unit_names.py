"""The grammar of unit names: heads, modifiers, territory and institution chains, proper names.

The lexicons (unit_heads.txt, unit_modifiers.txt, unit_suffixes.tsv, unit_name_stops.txt …)
and the rules that read a name backwards from its head into components; kg.extract.units
turns what they find into hits. See that module for the grammar in words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import lexicon_lines, lexicon_table, words
from ..segment import word_freq, word_tag
from .context import Context

_REGION_COMMITTEE = r"(?:[省市县区州盟旗](?:（[市县区、]+）)?(?:、[省市县区])*委)(?![员会])"
_MASK = r"(?:[X×xＸ*＊]{1,4}|某{1,2})"
MASKED_END = re.compile(_MASK + "$")
SCOPE_CHARS = "各每该本全"
_ORDINAL = re.compile(r"第[一二三四五六七八九十\d]{1,3}$")
_PARTY_HEAD = re.compile(r"(党委|党总支|党支部|党组|党工委|工委|委员会|党组织|支部|总支)$")


@cache
def unit_heads() -> tuple[list[str], set[str]]:
    rows = lexicon_table("unit_heads.txt")
    heads = sorted({r[0] for r in rows} | needs_modifier(), key=len, reverse=True)
    solo = {r[0] for r in rows if len(r) > 1 and r[1] == "solo"}
    return heads, solo


@cache
def _region_heads() -> frozenset[str]:
    return frozenset(r[0] for r in lexicon_table("unit_region_heads.txt") if r[1] == "region")


@cache
def needs_modifier() -> frozenset[str]:
    return frozenset(r[0] for r in lexicon_table("unit_region_heads.txt") if r[1] == "needs_modifier")


@cache
def unit_aliases() -> dict[str, str]:
    return {r[0]: r[1] for r in lexicon_table("unit_aliases.tsv")}


@cache
def head_regex() -> re.Pattern[str]:
    heads, _ = unit_heads()
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


def extend_left(text: str, start: int, head: str) -> int:
    """Stack kind-defining modifiers before a head; return the unit's new start."""
    return modifier_bounds(text, start, head)[0]


def modifier_bounds(text: str, start: int, head: str) -> list[int]:
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
        masked = MASKED_END.search(window)
        if masked:
            pos -= len(masked.group(0))
            break
        ordinal = _ORDINAL.search(window) if _PARTY_HEAD.search(head) else None
        if ordinal:  # 机关第三党支部, 第一党总支: an ordinal numbers branches of one kind
            pos -= len(ordinal.group(0))
            bounds.insert(0, pos)
            continue
        m = _modifier_regex().search(window)
        if not m:
            break
        pos -= len(m.group(0))
        bounds.insert(0, pos)
    if pos != bounds[0]:
        bounds.insert(0, pos)
    return bounds


@dataclass(frozen=True)
class Component:
    start: int
    name: str  # the proper name before the suffix ("" for a bare level word)
    suffix: str
    type: str
    role: str


_JOINED = "和"  # 住房和城乡建设局, 文化和旅游局: an office's name may join two fields


def _name_before(ctx: Context, end: int, longest: int = 4, joined: bool = False, suffix: str = ""
                 ) -> tuple[int, str] | None:
    """The proper name (or mask) that ends at `end`: characters opening a jieba word, with no stop word
    in them; a territory's name is the shortest such run of two or more characters, an institution's
    (longest > 4) the longest, and never takes in the territory word before it (`城关镇中心小学`).
    `joined`: a government office's name, where 和 may join two fields inside it; `suffix`: the institution
    word that follows (a word of the text made of the name's end and that suffix joins them, 工程|学院)."""
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
        if not re.fullmatch(r"[\u4e00-\u9fff]+", name) or (longest <= 4 and _modifier_regex().fullmatch(name)) \
                or _is_suffix_word(name):
            break
        if joined:
            if _office_name_ends(ctx, s, end, singles, multi):
                break
            if _not_a_name(name) or name[0] == _JOINED:
                continue  # (the name goes on before 和)
        elif any(ch in singles for ch in name) or multi.search(name) or _not_a_name(name) \
                or any(_not_a_name(w) for w, ts, te in ctx.tokens_between(s, end) if te - ts >= 2):
            break
        if longest > 4 and _territory_char_before(text, s + 1) and not any(
                ts <= s < te and te - ts >= 2 and word_freq().get(w, 0) >= CROSSING_FREQ
                for w, ts, te in ctx.tokens_between(max(0, s - 4), s + 4)):
            break  # (乡 or 城 inside the common words 城乡, 城市 is no territory's suffix: 城乡建设局, 城市管理局)
        if _crosses_suffix(ctx, s, end, end + len(suffix) if suffix else None):
            continue
        if s == 0 or ctx.is_token_start(s) or not re.match(r"[\u4e00-\u9fff]", text[s - 1]):
            best = (s, name)
            if longest <= 4:
                break
    return best


def _office_name_ends(ctx: Context, start: int, end: int, singles: frozenset[str], multi: re.Pattern[str]) -> bool:
    """Whether text[start:end] runs past the name of a government office: its fields are nouns and verbs
    (城乡建设, 社会保障, 行政审批服务, joined by 和), so only a stop word standing as a word of its own ends
    it — a single one (各, 的), or a verb of the stop list (推进|城市管理局, 联合)."""
    for w, ts, te in ctx.tokens_between(start, end):
        if (len(w) == 1 and w in singles and w != _JOINED) or (te - ts >= 2 and multi.fullmatch(w) and _not_a_name(w)):
            return True
    return False


CROSSING_FREQ = 1000  # jieba frequency from which a word across name and suffix is a word of its own


def _crosses_suffix(ctx: Context, start: int, end: int, suffix_end: int | None = None) -> bool:
    """A word that begins inside the name and runs into the suffix (发展|农村, 城镇, 返乡) splits no name from its
    suffix — unless jieba knows it only as a rare place-name fragment (青|山镇: 山镇 tagged ns): that is a
    segmentation accident inside a name, not a word of the text; nor does an institution's word of three or
    more characters that ends where its suffix ends, after words of two or more characters (社会|保障局,
    机械|工程学院; not 格局, and not 送|定点医院, where a one-character verb would open the name)."""
    if ctx.is_token_start(end):
        return False
    freq = word_freq()
    tokens = ctx.tokens_between(start, end + 4)
    return any(ts > start and ts < end < te and (te - ts > 2 or word_tag(w) != "ns" or freq.get(w, 0) >= CROSSING_FREQ)
               and not (suffix_end is not None and te - ts >= 3 and te == suffix_end
                        and all(b - a >= 2 or v == _JOINED for v, a, b in tokens if b <= ts))
               for w, ts, te in tokens)


@cache
def _suffix_words() -> frozenset[str]:
    return frozenset(s for s, _, role in _suffixes() if role == "territory") | {"乡镇", "城乡", "街道社区"}


def _is_suffix_word(name: str) -> bool:
    """A territory word is no proper name (`街道社区党组织` names no street)."""
    return name in _suffix_words() or any(name.endswith(s) and len(s) >= 2 for s in _suffix_words())


_NOT_NAME_TAGS = words("not_name_tags")


def _not_a_name(name: str) -> bool:
    """A verb, preposition, adverb … of jieba's dictionary is no proper name (`举办村党组织`)."""
    tag = word_tag(name)
    return tag is not None and tag.startswith(_NOT_NAME_TAGS) and tag != "vn"


def _territory_char_before(text: str, end: int) -> bool:
    return end > 0 and any(text.endswith(suffix, 0, end) for suffix, _, role in _suffixes()
                           if role == "territory" and len(suffix) == 1)


def _component_before(ctx: Context, end: int, institution_seen: bool) -> Component | None:
    text = ctx.text
    matched = ""
    for suffix, type_, role in _suffixes():
        if not text.endswith(suffix, 0, end) or (matched and matched.endswith(suffix)):
            continue
        matched = suffix
        s = end - len(suffix)
        ordinal = re.search(r"第[一二三四五六七八九十\d]{1,3}$", text[max(0, s - 4):s])
        if role == "institution" and ordinal:
            return Component(s - len(ordinal.group(0)), ordinal.group(0), suffix, type_, role)
        if role == "institution" and len(suffix) >= 2 and _territory_char_before(text, s):
            return Component(s, "", suffix, type_, role)  # 区人民医院: the district's own hospital
        found = _name_before(ctx, s, 10 if role == "institution" else 4, joined=type_ == "机关",
                             suffix=suffix if role == "institution" else "")
        if found is not None:
            return Component(found[0], found[1], suffix, type_, role)
        if role == "territory" and len(suffix) == 1 and institution_seen:
            return Component(s, "", suffix, type_, role)
    return None


def named_chain(ctx: Context, start: int, head: str = "") -> tuple[int, list[Component]]:
    """Components of a named organisation ending at `start` (outermost first), and where it begins. A head
    that is itself a territory or institution word (`镇`, `社区`, `医院`) has its name right before it."""
    text = ctx.text
    chain: list[Component] = []
    pos = start
    own = next(((s, ty, ro) for s, ty, ro in _suffixes() if s == head), None)
    if own and text.startswith(head, start):
        found = _name_before(ctx, start, 10 if own[2] == "institution" else 4,
                             suffix=head if own[2] == "institution" else "")
        if found:
            chain.append(Component(found[0], found[1], head, own[1], own[2]))
            pos = found[0]
    region = re.match(r"[省市县区州盟旗](?=委)", text[start:start + 2])
    if region:  # 青石县委组织部: the county's name before its committee
        found = _name_before(ctx, start)
        if found:
            chain.append(Component(found[0], found[1], region.group(0), "", "territory"))
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


def is_proper(name: str) -> bool:
    """A proper name tells one organisation from another (not a mask, an ordinal or `实验`)."""
    return bool(name) and not _ORDINAL.fullmatch(name) and not MASKED_END.fullmatch(name) \
        and name not in _generic_names()


def types_in(label: str, head: str) -> list[Component]:
    """The territory or institution words inside a generic unit (`镇党委` → 乡镇), as name-less components."""
    body = label[: len(label) - len(head)] if label.endswith(head) else label
    for suffix, type_, role in _suffixes():
        if body.endswith(suffix) or (role == "territory" and body.endswith("乡镇") and type_ == "乡镇"):
            return [Component(0, "", suffix, type_, role)]
    return []


def is_named(chain: list[Component]) -> bool:
    """A chain names an organisation when a component has a name, or an institution sits in a territory."""
    return any(c.name and not _ORDINAL.fullmatch(c.name) for c in chain) or (
        any(c.role == "institution" for c in chain) and any(c.role == "territory" for c in chain))


def unit_kind(chain: list[Component], head: str, label: str) -> str:
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


def identity_key(label: str, chain: list[Component], head: str) -> str:
    """The identity of a named unit: from its innermost proper name to its head, 中共…委员会 read as …党委."""
    key = label.removeprefix("中共")
    if head == "委员会" and label.startswith("中共"):
        key = key[: -len("委员会")] + "党委"
    for comp in reversed(chain):
        if is_proper(comp.name):
            at = key.find(comp.name + comp.suffix)
            return key[at:] if at >= 0 else key
    return key
