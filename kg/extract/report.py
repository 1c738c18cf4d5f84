"""What a report is and whose: genre, reporting unit, reporter's role, level, year, place.

Read from the title lines (and an author line under them), the opening, the signature and
the body, each answer with the span of text that gave it:

* genre — cue words of the title, then of the opening (lexicons/report_genres.tsv): 述职报告,
  述职评议讲话, 工作总结, 整改报告 (对照检查材料 included), else 其他 (news items, surveys …);
* reporter's role and reporting unit — a role word (lexicons/report_roles.txt) in the title,
  the author line or the opening (`我代表…`, `作为…书记`); the unit right before the role is the
  reporting unit (`柳河镇党委书记` → 柳河镇党委), the role keeps the unit's type word and drops its
  proper names (`镇党委书记`); a title that names only a kind (`党支部书记述职报告`) gives way to the
  organisation of that kind the opening names (`现任石桥村党支部书记`); else the organisation that opens a news item (`某镇召开…`), the
  signature's unit, or the named unit that opens the body;
* level — from the reporting unit's type word nearest its end (lexicons/report_levels.tsv:
  `区人民医院` is 医院), else from first-person and scope words of the body (`我镇`, `全县`), else from
  the kind of institution the body keeps naming (企业, 医院, 学校 …), else the named organisation the
  title is about (`城北区机关党支部建设情况调研报告` → 机关部门);
* year — `2021年度` in the title or opening, any year in the title, a year opening the body, a year
  the opening gives the work (`从2017年党建工作成效…述职`), else the document's own date (a page's
  header `日期：2023-05-04`, the date under the signature);
* place — the reporting unit's territory chain, masks kept as written (`××县柳河镇`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from ..lexicons import lexicon_lines, lexicon_table
from ..numerals import parse_number
from .context import Context
from .units import UnitHit

_YEAR_OF_REPORT = re.compile(r"((?:19|20)\d{2})\s*(?:年度|学年|[-—~至]\s*(?:19|20)\d{2}\s*学年|年以来)")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_OPENING_YEAR = re.compile(r"\s*(?:在|回顾|过去的|过去)?((?:19|20)\d{2})\s*年(?!\d)")
_BARE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=年|抓|度|\s*年度|[^\d\-/.:])")
_CN_YEAR = re.compile(r"([一二三四五六七八九〇零]{4})年")
# a year the opening says the work was done in (`各书记分别从2017年党支部党建工作成效…作了述职`)
_WORK_YEAR = re.compile(r"((?:19|20)\d{2})\s*年(?:的)?(?:全年|各项|基层|党支部|党组织|党建|抓党建|工作|履职)")
# the document's own date, in a page's header or under the signature (`日期：2023-05-04`, `2022年12月20日`)
_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2}(?!\d))")
# the author's own role: `我代表…`, `本人是…`, or `作为…，我…` (a bare `作为村书记要…` speaks to an audience)
_INTRO = re.compile(r"(?:我代表|本人代表|我是|本人是|我作为|本人作为)([^，。；：\n]{2,30})"
                    r"|(?:作为|代表)([^，。；：\n]{2,30}?)(?=[，,]\s*(?:我|本人))")
_BODY_ROLE = re.compile(r"(?:(?:我|本人)[^，。；]{0,8}?担任|履行|作为|身为|我是)(?:本[^，。]{0,4})?")  # (担任 only of oneself)
_NEWS_SUBJECT = re.compile(r"(?=[^。]{0,40}?(?:\d{1,2}月\d{1,2}日|近日|日前|近期|[上下]午))"  # a news item's time
                           r"(?:[^，。]{0,24}?[，,]\s*){1,2}?([^，。；\s]{2,24}?)(?:在[^，。]{0,20})?"
                           r"(?:召开|举行|组织召开|组织开展|开展|举办)(?!情况)")
_PRONOUN_LEVEL: dict[str, str] = {row[0]: row[1] for row in lexicon_table("report_pronouns.tsv")}  # 镇 → 乡镇街道
_PRONOUN = re.compile("(?:我|全|本)(" + "|".join(sorted(_PRONOUN_LEVEL, key=len, reverse=True)) + ")")


@dataclass(frozen=True)
class Evidence:
    """The text that gave one field of the metadata: original [start, end)."""

    field: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class ReportMeta:
    genre: str
    reporting_unit: str | None  # the unit's identity, as in the report's units (its canonical name)
    reporter_role: str | None
    level: str | None
    year: int | None
    place: str | None
    evidence: tuple[Evidence, ...] = ()
    unit_label: str | None = None  # the reporting unit as written
    unit_hit: UnitHit | None = None  # where the reporting unit stands (it may not be among the report's units)


@cache
def _genres() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple((g, where, re.compile(p)) for g, where, p in lexicon_table("report_genres.tsv"))


@cache
def _levels() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((lvl, re.compile(f"(?:{p})")) for lvl, p in lexicon_table("report_levels.tsv"))


@cache
def _role_regex() -> re.Pattern[str]:
    roles = sorted(lexicon_lines("report_roles.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, roles)))


class _Reader:
    """Collects the answers and their evidence while reading one report."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.evidence: list[Evidence] = []

    def note(self, field: str, start: int, end: int) -> None:
        s, e = self.ctx.norm.span(start, end)
        self.evidence.append(Evidence(field, s, e, self.ctx.original[s:e]))


def genre_of(title: str, opening: str) -> tuple[str, str | None]:
    """The genre, and the cue that decided it (None for the fallback)."""
    for where, text in (("title", title), ("opening", opening)):
        for genre, at, pattern in _genres():
            m = pattern.search(text) if at == where else None
            if m:
                return genre, m.group(0)
    return "其他", None


def level_of(name: str) -> str | None:
    """The level a unit's name says: the type word nearest its end (`区人民医院党委` → 医院)."""
    body = re.sub(r"(?:党委|党总支|党支部|党组织|党组|党工委|委员会|支部|总支)$", "", name)
    if not body:
        return None  # a bare Party organ (党支部) says no level
    best: tuple[int, int, str] | None = None
    for rank, (level, pattern) in enumerate(_levels()):
        for m in pattern.finditer(body):
            key = (m.end(), -rank, level)
            if best is None or key > best:
                best = key
    return best[2] if best else None


def _year(r: _Reader, title_spans: list[tuple[int, int]], opening: tuple[int, int]) -> int | None:
    """The year reported on: `2021年度` (or a school year, or `2021年以来`) in the title or opening, any year
    of the title, a year that opens the body (`2020年，我…`)."""
    text = r.ctx.text
    candidates = [(_YEAR_OF_REPORT, title_spans + [opening]), (_YEAR, title_spans), (_BARE_YEAR, title_spans)]
    for pattern, zones in candidates:
        for s, e in zones:
            m = pattern.search(text, s, e)
            if m:
                r.note("year", m.start(1), m.end(1))
                return int(m.group(1))
    m = _OPENING_YEAR.match(text, opening[0], opening[1])
    if m:
        r.note("year", m.start(1), m.end(1))
        return int(m.group(1))
    for s, e in title_spans:
        cn = _CN_YEAR.search(text, s, e)
        if cn:
            r.note("year", cn.start(1), cn.end(1))
            return int("".join("0" if ch in "〇零" else str(parse_number(ch)) for ch in cn.group(1)))
    m = _WORK_YEAR.search(text, opening[0], opening[1])
    if m:
        r.note("year", m.start(1), m.end(1))
        return int(m.group(1))
    return _dated(r)


def _dated(r: _Reader) -> int | None:
    """The year of the document's own date: in the original's first lines (a page's header, which the
    normalised text drops) or its last ones (under the signature)."""
    original = r.ctx.original
    head = _DATE.search(original, 0, min(len(original), 300))
    tail = None if head else _DATE.search(original, max(0, len(original) - 120))
    m = head or tail
    if m is None:
        return None
    r.evidence.append(Evidence("year", m.start(1), m.end(1), m.group(1)))
    return int(m.group(1))


def _role_and_unit(r: _Reader, zones: list[tuple[int, int]], units: list[UnitHit]
                   ) -> tuple[str | None, UnitHit | None]:
    text = r.ctx.text
    for s, e in zones:
        for m in _role_regex().finditer(text, s, e):
            unit = next((u for u in units if u.start >= s and u.start <= m.start() and m.start() <= u.end <= m.end()
                         and u.end > u.start), None)
            if unit is None:
                unit = _committee_of(r.ctx, s, m.start())
            role = (unit.generic if unit else "") + text[unit.end if unit else m.start():m.end()]
            r.note("reporter_role", unit.start if unit else m.start(), m.end())
            if unit:
                r.note("reporting_unit", unit.start, unit.end)
            return role, unit
    return None, None


_TERRITORY_BEFORE = re.compile(r"((?:[X×xＸ*＊]{1,4}|某|[\u4e00-\u9fff]{2,4}?)?)([省市县区州盟旗])$")


def _committee_of(ctx: Context, zone_start: int, role_start: int) -> UnitHit | None:
    """`X区书记`: a territory right before a secretary's role stands for its Party committee (X区委)."""
    m = _TERRITORY_BEFORE.search(ctx.text[zone_start:role_start])
    if not m or not ctx.text.startswith("书记", role_start):
        return None
    start = zone_start + m.start()
    label = m.group(0) + "委"
    masked = bool(re.fullmatch(r"[X×xＸ*＊]{1,4}|某", m.group(1) or ""))
    return UnitHit(label, label, start, role_start, m.group(2) + "委", "地方党委", bool(m.group(1)),
                   m.group(0) if m.group(1) else "", masked or not m.group(1), m.group(2) + "委")


def read_metadata(ctx: Context, title_spans: tuple[tuple[int, int], ...], body_start: int,
                  units: list[UnitHit]) -> ReportMeta:
    """The metadata of one report (see the module docstring)."""
    r = _Reader(ctx)
    text = ctx.text
    title = "".join(re.sub(r"\s*\n\s*", "", text[s:e]) for s, e in title_spans)  # a title wrapped inside a word
    body_start = title_spans[-1][1] if title_spans else 0
    while body_start < len(text) and text[body_start] in " \u3000\n":
        body_start += 1
    opening_zone = (body_start, min(len(text), body_start + 300))
    genre, cue = genre_of(title, text[opening_zone[0]:opening_zone[1]])
    if cue:
        at = text.find(cue, title_spans[0][0] if title_spans else 0)
        if at >= 0:
            r.note("genre", at, at + len(cue))
    intro = [m.span(1) if m.group(1) else m.span(2) for m in _INTRO.finditer(text, *opening_zone)][:1]
    # a news item about a 述职 meeting names in its headline the secretaries who report there, not its author
    news_of_meeting = genre == "其他" and "述职" in title
    zones = [] if news_of_meeting else [_speaker_zone(text, s, e) for s, e in title_spans]
    role, unit = _role_and_unit(r, zones + intro, units)
    if unit is not None and role is not None and not unit.named:
        role, unit = _named_in_opening(r, role, unit, opening_zone, units)
    if unit is None:
        unit = _title_unit(r, title_spans, units, audience=news_of_meeting)
    if unit is None:  # a news item's subject before any role in its body (`他强调，作为村支部书记要…` is the audience's)
        unit = _news_subject(r, opening_zone, units)
    if role is None and unit is None:
        role, unit = _role_and_unit(r, [(m.end(), m.end() + 16) for m in
                                        _BODY_ROLE.finditer(text, body_start, min(len(text), body_start + 800))][:1],
                                    units)
    if role is None and unit is None:  # the signature: `述职人：城北区民政局党组书记 王某` on one of the last lines
        role, unit = _role_and_unit(r, _signature_zones(text), units)
    if unit is None:
        unit = _signature_unit(r, units) or _opening_unit(r, opening_zone, units)
    if unit is None and role:
        unit = _unit_of_role(r, role, body_start, units)
    level = level_of(unit.label) if unit else None
    if level is None and role:
        level = level_of(role.removesuffix("书记"))
    if level is None:  # from the title on: a speech's `在全县…会议上的讲话` says the speaker's level
        level = _pronoun_level(r, title_spans[0][0] if title_spans else body_start)
    if level is None:
        level = _institution_level(r, units)
    if level is None:  # a title whose organisation is its topic (`城北区机关党支部建设情况调研报告`) still says the level
        level = _topic_level(r, title_spans, units)
    year = _year(r, list(title_spans), opening_zone)
    place = unit.place if unit and unit.place else None
    return ReportMeta(genre, unit.canonical if unit else None, role, level, year, place, tuple(r.evidence),
                      unit.label if unit else None, unit)


def _named_in_opening(r: _Reader, role: str, unit: UnitHit, zone: tuple[int, int], units: list[UnitHit]
                      ) -> tuple[str, UnitHit]:
    """A title that names only a kind (`党支部书记述职报告`) with the opening naming the organisation of that
    kind (`现任***村党支部书记`, `城北社区党总支在街道党工委领导下…`): the named one reports."""
    named = next((u for u in units if zone[0] <= u.start < zone[1] and u.named and u.label != unit.label
                  and u.label.endswith(unit.label)), None)
    if named is None:
        return role, unit
    r.note("reporting_unit", named.start, named.end)
    if role.startswith(unit.generic):  # 党支部书记 → 村党支部书记: the role takes the named unit's type word
        role = (named.generic or unit.generic) + role[len(unit.generic):]
    return role, named


_SPEECH = re.compile(r"在[^，。]{2,60}?(?:上|会|会议)的?(?:讲话|发言|点评|致辞)")


def _speaker_zone(text: str, start: int, end: int) -> tuple[int, int]:
    """In `县委书记在…会议上的讲话` only the words before 在 are the speaker's; the rest names the audience."""
    m = _SPEECH.search(text, start, end)
    return (start, m.start()) if m else (start, end)


_TOPIC = re.compile(r"建设|标准化|规范化|整顿|组织力")


def _title_unit(r: _Reader, title_spans: tuple[tuple[int, int], ...], units: list[UnitHit],
                audience: bool = False) -> UnitHit | None:
    """The first organisation the title names outside a speech's audience (`柳河镇2022年党建工作总结`); in a
    news item's headline about a 述职 meeting (`audience`), the organs whose secretaries report are none."""
    for s, e in title_spans:
        s, e = _speaker_zone(r.ctx.text, s, e)
        found = [u for u in units if s <= u.start and u.end <= e and (u.named or u.generic != u.head
                                                                        or (u.start == s and len(u.head) >= 2))
                 and not _TOPIC.match(r.ctx.text, u.end)  # (a bare organ that opens the title: 社会工作部…总结)
                 and not (audience and r.ctx.text.startswith("书记", u.end))]
        unit = next((u for u in found if u.named), None) or next(iter(found), None)
        if unit:
            r.note("reporting_unit", unit.start, unit.end)
            return unit
    return None


def _unit_of_role(r: _Reader, role: str, body_start: int, units: list[UnitHit]) -> UnitHit | None:
    """`党委书记` with `全镇` in the body: the generic unit the pronoun and the role's organ make (镇党委), when
    the report names it."""
    organ = re.match(r"(党委|党总支|党支部|党工委|党组)", role)
    found = _PRONOUN.search(r.ctx.text, body_start)
    if not organ or not found:
        return None
    label = found.group(1) + organ.group(1)
    unit = next((u for u in units if u.label == label), None)
    if unit:
        r.note("reporting_unit", unit.start, unit.end)
    return unit


def _news_subject(r: _Reader, zone: tuple[int, int], units: list[UnitHit]) -> UnitHit | None:
    """`3月9日，某镇召开…`: the organisation that holds the meeting a news item reports."""
    m = _NEWS_SUBJECT.match(r.ctx.text, zone[0], zone[1])
    if not m:
        return None
    unit = next((u for u in units if m.start(1) <= u.start and u.end <= m.end(1)), None)
    if unit is not None and not unit.named and unit.end == m.end(1) and unit.start > m.start(1):
        unit = None  # the subject names more than the unit grammar read (三里河街道, where it saw 街道)
    if unit is None:
        subject = m.group(1)
        place = re.search(r"[\u4e00-\u9fff]{2,6}?(?:街道|街|镇|乡|县|区|市|村|社区)$", subject)
        if place is None:
            return None
        start = m.start(1) + place.start()
        unit = UnitHit(place.group(0), place.group(0), start, m.end(1), "", "", True, place.group(0))
    r.note("reporting_unit", unit.start, unit.end)
    return unit


_SIGNER = re.compile(r"^[ \t\u3000]*(?:述职人|汇报人|报告人|发言人|作者)[ \t\u3000]*[:：][ \t\u3000]*")
# an author line: an organisation and a role at its end, a name of a few characters after it at most
_AUTHOR_LINE = re.compile(r"[ \t\u3000]*(?![一二三四五六七八九十]{1,3}[、是要]|\d{1,2}[、.．]|第[一二三四五六七八九十]{1,3})"
                          r"[^\s、，,：:（(]{2,30}?(?:书记|主任|部长|局长|校长|院长|经理|董事长|负责人)"
                          r"(?:[ \t\u3000]+[^\s]{1,4})?[ \t\u3000]*$")


def _signature_zones(text: str) -> list[tuple[int, int]]:
    """Author lines among the last three lines, when those are short and no sentences: an organisation and a
    role at the line's end, a short name after it at most (`述职人：` dropped); an item (`三是配强支部书记`) is
    none."""
    zones: list[tuple[int, int]] = []
    end = len(text.rstrip())
    for _ in range(3):
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip() and (len(line.strip()) > 40 or re.search(r"[。；！？]", line)):
            break
        m = _SIGNER.match(line)
        if _AUTHOR_LINE.match(line, m.end() if m else 0):
            zones.append((start + (m.end() if m else 0), end))
        if start == 0:
            break
        end = start - 1
    return zones


def _signature_unit(r: _Reader, units: list[UnitHit]) -> UnitHit | None:
    """A unit standing alone on one of the last lines (the signature)."""
    text = r.ctx.text.rstrip()
    tail_start = max(0, text.rfind("\n", 0, max(0, text.rfind("\n") - 1)))
    for u in units:
        if u.start >= tail_start and u.named:
            line = text[text.rfind("\n", 0, u.start) + 1:text.find("\n", u.end) if "\n" in text[u.end:] else len(text)]
            if len(line.strip()) <= len(u.label) + 2:
                r.note("reporting_unit", u.start, u.end)
                return u
    return None


def _opening_unit(r: _Reader, zone: tuple[int, int], units: list[UnitHit]) -> UnitHit | None:
    """A named unit in the body's first sentence (`2020年度，某小学党支部根据…`), or the unit the author
    calls their own there (`今年以来，我村党支部坚持…`)."""
    text = r.ctx.text
    first = re.search(r"[。！？]", text[zone[0]:zone[1]])
    end = zone[0] + (first.end() if first else 80)
    unit = next((u for u in units if zone[0] <= u.start < end and (
        u.named or (text[u.start - 1:u.start] in ("我", "本") and len(u.label) >= 3))), None)
    if unit:
        r.note("reporting_unit", unit.start, unit.end)
    return unit


_INSTITUTION_LEVELS = frozenset({"医院", "学校", "国企", "两新", "村社区"})
_VAGUE = frozenset({"企业", "公司"})  # a state firm's or a private one's alike


def _institution_level(r: _Reader, units: list[UnitHit]) -> str | None:
    """With no reporting unit and no `我镇`/`全县`: the institution the report keeps naming (a state firm's
    committee speaks of 企业 and 公司, a hospital's of 医院) — three mentions or more, twice any other."""
    counts: Counter[str] = Counter()
    first: dict[str, UnitHit] = {}
    vague = [u for u in units if u.label in _VAGUE]
    for u in units:
        level = level_of(u.label) if u.label not in _VAGUE else None
        if level in _INSTITUTION_LEVELS:
            counts[level] += 1
            first.setdefault(level, u)
    if vague:  # plain 企业 are the firms the text names more specifically: non-public ones or state ones
        firm = "两新" if counts["两新"] > counts["国企"] else "国企"
        counts[firm] += len(vague)
        first.setdefault(firm, vague[0])
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 3 or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
        return None
    level = ranked[0][0]
    r.note("level", first[level].start, first[level].end)
    return level


def _topic_level(r: _Reader, title_spans: tuple[tuple[int, int], ...], units: list[UnitHit]) -> str | None:
    """The level of the first named organisation in the title, even one that is the report's topic."""
    for s, e in title_spans:
        for u in units:
            if s <= u.start and u.end <= e and u.named and (level := level_of(u.label)):
                r.note("level", u.start, u.end)
                return level
    return None


def _pronoun_level(r: _Reader, start: int) -> str | None:
    """The level of `我镇`, `全县` …, by the most frequent such word from `start` on."""
    counts: Counter[str] = Counter()
    first: dict[str, tuple[int, int]] = {}
    text = r.ctx.text
    college = text.count("学院") + text.count("高校") > text.count("医院")  # 我院, 全院 of a college
    for m in _PRONOUN.finditer(text, start):
        level = "学校" if m.group(1) == "院" and college else _PRONOUN_LEVEL[m.group(1)]
        counts[level] += 1
        first.setdefault(level, m.span())
    if not counts:
        return None
    level = max(counts, key=lambda k: (counts[k], -first[k][0]))
    r.note("level", *first[level])
    return level
