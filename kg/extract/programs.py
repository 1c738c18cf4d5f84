"""Programs and slogans (提法、口号、工程、制度、活动).

A program is (1) a quoted name, minus the guideline's exclusions, or (2) an
unquoted numeric formula: a run of at least two numeral + part groups whose
numerals count named parts (三会一课, 四议两公开, 一征三议两公开, 3会1课), or an
entry of the packaged lexicon of established formulas (四个意识, 两个覆盖 …).

Exclusions, each a general rule rather than a list of strings (the patterns are data:
lexicons/quote_rules.tsv):
* markup debris (`alt=`, `href`, `http`) in quotes;
* quoted whole sentences (a policy citation ending in `。`, clauses with full stops inside), and
  quoted findings that state a shortcoming: 14 characters or more, or framed as a finding
  (`关于“…不够到位”问题的整改`, `在“…不规范”方面`);
* questions (a question word: `“靠什么”`, `“抓什么、怎么抓”`) and reported speech (a verb of saying
  right before the quote: `群众说“现在办事方便多了”`), and, for short spans without a
  head noun or numeral after them: a verb with a directional complement (`“动起来”`), a
  predicate after `让`/`更加` … (`让支部“冒热气”`), a role metaphor after `当好`/`成为` … or
  before `作用`/`角色` (`当好“排头兵”`, `发挥“指挥棒”作用`). A head noun after the quote keeps a
  name a name (`“钉钉子”精神`), and so does a numeral (`“三个一”`);
* emphasis and metaphor: a quoted span of at most three Han characters with no
  numeral and no program head noun after it that is either a common dictionary
  word (jieba frequency ≥ 100) or stands in attributive/copular position
  (after 的/为/成/色: `成为…的“大熔炉”`, `红色“党味”`);
* quoted organisation names are units (they end in a unit head or are listed in
  lexicons/quoted_units.txt), unless a mechanism head follows the quote
  (`“区域化党建联盟”工作机制`), when they are both;
* in the formula grammar: distributive rhythms whose numerals are all 一
  (一月一调度, 一级抓一级) and groups whose part is a classifier (四项战略,
  十九届四中全会, 两大产业 …) are counts, not formulas.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lexicons import lexicon_lines, lexicon_set, lexicon_table
from ..numerals import formula_digits
from ..segment import word_freq
from .context import Context
from .quotes import QuoteSpan, strip_leading_verbs

NUMERALS = "一二两三四五六七八九十双"
_NUM_ANY = "一二两三四五六七八九十双百千万零0123456789"
CLASSIFIERS = set("届年月日号次个名人项条件期场批天季周级家位岁元倍亩篇份轮户些支类大种点段套座所间台部本册张份道层")
_PART = rf"(?:(?![{_NUM_ANY}])[\u4e00-\u9fff])"
_FORMULA = re.compile(rf"(?<![{_NUM_ANY}第])((?:(?:[{NUMERALS}]|\d{{1,2}}){_PART}{{1,2}}){{2,4}})")
_WEIYITI = re.compile(rf"(?<![{_NUM_ANY}])[{NUMERALS}]位一体")
_NOT_PART = set("是的了在和与及或般样致起切并定直再旦同向线些")  # 一是/一样/一致/一起 … are words, not parts
_HONOUR = re.compile(r"先进|优秀|模范|标兵|红旗|示范|五好|星级")
_MASK = re.compile(r"[X×xＸ*＊]")


@dataclass(frozen=True)
class ProgramHit:
    """One place where a program name was recognised (quoted or by the grammar)."""

    label: str
    start: int  # normalised offsets of the name itself
    end: int
    kind: str  # head noun after the quote, or ""
    how: str  # quoted | formula | lexicon | defined


@lru_cache(maxsize=1)
def program_heads() -> tuple[str, ...]:
    return tuple(sorted(set(lexicon_lines("program_heads.txt")), key=len, reverse=True))


@lru_cache(maxsize=1)
def formula_lexicon() -> dict[str, tuple[str, list[str]]]:
    """variant or name → (name, official expansion parts)."""
    table: dict[str, tuple[str, list[str]]] = {}
    for row in lexicon_table("formulas.tsv"):
        name = row[0]
        parts = [p for p in (row[1].split("、") if len(row) > 1 and row[1] else []) if p]
        table[name] = (name, parts)
        if len(row) > 2:
            for variant in row[2].split("|"):
                if variant:
                    table[variant] = (name, parts)
    return table


@lru_cache(maxsize=1)
def _lexicon_regex() -> re.Pattern[str]:
    names = sorted(formula_lexicon(), key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names))


@lru_cache(maxsize=1)
def _heads_regex() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(h) for h in program_heads()))


def head_after(text: str, pos: int) -> str:
    """The generic program head noun starting at pos, or ''."""
    m = _heads_regex().match(text, pos)
    return m.group(0) if m else ""


def program_key(label: str) -> str:
    """Identity of a program across variants: digits of a formula as Chinese numerals."""
    label = label.strip()
    if re.fullmatch(r"(?:\d{1,2}[\u4e00-\u9fff]{1,2}){2,4}", label):
        label = formula_digits(label)
    return formula_lexicon().get(label, (label, []))[0]


def _groups(name: str) -> list[tuple[str, str]]:
    return re.findall(rf"([{NUMERALS}]|\d{{1,2}})({_PART}{{1,2}})", name)


def _formula_ok(name: str) -> bool:
    groups = _groups(name)
    if len(groups) < 2:
        return False
    numerals = [n for n, _ in groups]
    if all(n in ("一", "1") for n in numerals):
        return False  # distributive rhythm: 一月一调度, 一级抓一级
    return not any(part[0] in CLASSIFIERS or part[0] in _NOT_PART for _, part in groups)


def classify_quote(ctx: Context, span: QuoteSpan, units: frozenset[str]) -> tuple[bool, bool]:
    """(is_program, is_unit) for a quoted span, by the module's rules."""
    text = ctx.text
    content = span.content(text).strip()
    if not content or len(content) > 60 or content.startswith("《"):
        return False, False
    after = head_after(text, span.end)
    han = re.sub(r"[^\u4e00-\u9fff]", "", content)
    has_num = bool(re.search(rf"[{_NUM_ANY}]|\d", content)) or bool(_MASK.search(content))
    unit_like = (content in lexicon_set("quoted_units.txt") or content in units) and not _HONOUR.search(content)
    if unit_like:
        mechanism = after in ("工作机制", "机制", "制度", "模式", "会议", "工作法") or text.startswith("建设经验", span.end)
        return mechanism, True
    if len(content) == 1 or _names_nothing(text, span, content, after, has_num):
        return False, False
    if not has_num and len(han) == len(content) and len(content) <= 3 and not after:
        before = text[span.start - 1] if span.start > 0 else ""
        if word_freq().get(content, 0) >= 100 or before in "的为成色":
            return False, False
    return True, False


@lru_cache(maxsize=1)
def _quote_rules() -> dict[str, re.Pattern[str]]:
    return {rule: re.compile(pattern) for rule, pattern in lexicon_table("quote_rules.tsv")}


def _names_nothing(text: str, span: QuoteSpan, content: str, after: str, has_num: bool) -> bool:
    """A quoted span that asks, states, describes or is markup names nothing (see the module docstring)."""
    rules = _quote_rules()
    before = text[max(0, span.start - 10):span.start]
    if rules["debris"].search(content):
        return True
    if rules["finding"].search(content) and (len(content) >= 14 or (
            before.endswith(("关于", "在")) and re.match(r"的?(?:问题|方面)", text[span.end:span.end + 3]))):
        return True
    if after or has_num:
        return False  # a head noun (“钉钉子”精神) or a numeral (“三个一”) makes a name
    short, word = len(content) <= 5, len(content) <= 3
    return bool(rules["sentence"].search(content) or rules["interrogative"].search(content)
                or rules["speech"].search(before)
                or (short and rules["complement"].search(content))
                or (short and rules["predicate"].search(before))
                or (word and rules["role_before"].search(before))
                or (word and rules["role_after"].match(text, span.end)))


def formula_hits(ctx: Context) -> list[ProgramHit]:
    """Unquoted numeric formulas: the grammar and the lexicon."""
    text = ctx.text
    hits: list[ProgramHit] = []
    taken: set[int] = set()
    for m in _lexicon_regex().finditer(text):
        name = formula_lexicon()[m.group(0)][0]
        hits.append(ProgramHit(name, m.start(), m.end(), head_after(text, m.end()), "lexicon"))
        taken.update(range(m.start(), m.end()))
    for m in _FORMULA.finditer(text):
        start, end = m.span(1)
        name = m.group(1)
        name, end = _trim_last_part(ctx, name, start, end)
        if start in taken or not _formula_ok(name):
            continue
        hits.append(ProgramHit(program_key(name), start, end, head_after(text, end), "formula"))
    for m in _WEIYITI.finditer(text):
        if m.start() not in taken:
            hits.append(ProgramHit(m.group(0), m.start(), m.end(), head_after(text, m.end()), "formula"))
    return hits


def _trim_last_part(ctx: Context, name: str, start: int, end: int) -> tuple[str, int]:
    """Prefer a one-character last part when the second character starts a head noun or breaks a word."""
    groups = _groups(name)
    if not groups or len(groups[-1][1]) < 2:
        return name, end
    shorter = name[:-1]
    if shorter in formula_lexicon() or head_after(ctx.text, end - 1) or (
        ctx.is_token_end(end - 1) and not ctx.is_token_end(end)
    ):
        return shorter, end - 1
    return name, end


def defined_name_hits(ctx: Context) -> list[ProgramHit]:
    """An unquoted name made a program by an expansion `（即…）` right after it (X党建工程（即…）)."""
    text = ctx.text
    hits = []
    for m in re.finditer(r"（即", text):
        j = m.start()
        k = j
        while k > 0 and text[k - 1] not in "，。；：、（）“”\n" and j - k < 20:
            k -= 1
        name = strip_leading_verbs(text[k:j].lstrip("以把将对在"))
        name = strip_leading_verbs(name)
        if 2 <= len(name) <= 15 and (head_after(name, len(name) - 2) or re.search(rf"[{_NUM_ANY}X×*]", name)):
            start = j - len(name)
            hits.append(ProgramHit(name, start, j, "", "defined"))
    return hits


def quoted_hits(ctx: Context, units: frozenset[str]) -> tuple[list[ProgramHit], list[tuple[int, int, str]]]:
    """Programs from quoted spans, and quoted organisation names (for the unit extractor)."""
    programs: list[ProgramHit] = []
    quoted_units: list[tuple[int, int, str]] = []
    for span in ctx.quotes:
        is_program, is_unit = classify_quote(ctx, span, units)
        content = span.content(ctx.text).strip()
        if is_unit:
            whole = content in ("两新", "两委")  # 村“两委”: the quotes are part of the name as written
            quoted_units.append((span.start if whole else span.inner_start, span.end if whole else span.inner_end,
                                 content))
        if is_program:
            programs.append(ProgramHit(program_key(content), span.inner_start, span.inner_end,
                                       head_after(ctx.text, span.end), "quoted"))
    return programs, quoted_units
