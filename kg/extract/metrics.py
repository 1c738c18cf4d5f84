"""Metrics: a figure with its classifier or measure word and the thing it counts.

`市级命名挂牌党建示范点200个` → (党建示范点, 200, 个); `3000多万元` → (3000, 万元, approx);
`X个老旧小区` → masked; `3～7人` → 3 with value_max 7. Years, ordinals (第…, 十九届),
numerals inside program names and indefinite 一 (一批, 一个新水平) are not metrics.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicons import alternation, lexicon_table, words
from ..numerals import chars, parse_number, value_of
from ..records import Metric
from ..segment import tokenize, word_tag
from .context import Context

_UNITS = sorted(
    "万人次 万名 万元 亿元 万人 万件 万亩 万户 万个 个（处） 场次 批次 轮次 车次 人次 大类 小项 个 名 人 项 条 件 期 场 "
    "次 批 轮 家 所 篇 份 天 亩 元 倍 % 位 类 级 岁 户 年 处 支 座".split(),
    key=len,
    reverse=True,
)
# numeral characters of a figure; 万 stays out: it is read with its unit (万元, 万人)
_CN = chars("digit") + "".join(ch for ch in chars("unit") if value_of(ch) < 10_000)
_NUM = rf"(?:\d+(?:\.\d+)?|[{_CN}]{{1,5}}|(?<![A-Za-z])[X×xＸ*]{{1,4}})"
_METRIC = re.compile(
    rf"(?P<pre>近|约|超过|至少)?(?P<num>{_NUM})(?:\s*[～~\-—至到]\s*(?P<num2>{_NUM}))?"
    rf"(?P<more>多|余)?(?P<unit>{'|'.join(re.escape(u) for u in _UNITS)})(?P<post>以上|以下|左右)?"
)
_STOP = re.compile(rf"[，。；、：！？（）“”\n]|{alternation('metric_stops')}")
_MASKED = re.compile(r"^[X×xＸ*]+$")
def cn_to_number(text: str) -> float | None:
    """Chinese numeral or Arabic digits to a number (kg.numerals reads them)."""
    value = parse_number(text)
    return None if value is None else value


def metric_hits(ctx: Context, skip: list[tuple[int, int]]) -> list[Metric]:
    """All metrics of a report; `skip` holds normalised ranges of program names."""
    text = ctx.text
    out: list[Metric] = []
    skip = sorted(skip)
    starts = [a for a, _ in skip]
    for m in _METRIC.finditer(text):
        s, e = m.span()
        num = m.group("num")
        unit = m.group("unit")
        k = bisect_left(starts, e)
        if any(s < b for _, b in skip[max(0, k - 8):k]) or text[s - 1:s] == "第":
            continue
        if unit == "年" and (len(num) == 4 or text.startswith(("度", "底", "初", "来"), e)):
            continue
        if re.fullmatch(r"\d{4}", num) and unit in ("年",):
            continue
        if num in ("一",) and not re.search(r"(每|至少|只有|仅|都有)[^，。；]{0,8}$", text[max(0, s - 12):s]):
            continue
        if unit in ("年", "级", "类", "处", "支", "座", "所") and _MASKED.match(num):
            continue
        if text.startswith(("月", "日", "届", "中全会"), e) or (unit == "个" and text.startswith("方面", e)):
            continue
        masked = bool(_MASKED.match(num))
        value = None if masked else cn_to_number(num)
        if not masked and value is None:
            continue
        num2 = m.group("num2")
        value_max = None
        if num2 and not masked and not _MASKED.match(num2):
            value_max = cn_to_number(num2)
        approx = bool(m.group("pre") in ("近", "约", "超过", "至少") if m.group("pre") else False) or bool(
            m.group("more")) or m.group("post") in ("以上", "以下", "左右")
        what = _counted(ctx, s, e, unit)
        clause_s, clause_e = _clause(text, s, e)
        os_, oe = ctx.norm.span(clause_s, clause_e)
        out.append(Metric(what=what, value=value, unit=unit, masked=masked, approx=approx,
                          text=ctx.original[os_:oe], start=os_, end=oe, value_max=value_max))
    return out


_EVENT_UNITS = frozenset(words("metric_event_units"))
_ACTION = frozenset(words("metric_actions")) | frozenset(words("metric_stops"))
_ACTION_TAGS = words("metric_action_tags")
_ACTION_PREFIXES = sorted((w for w in _ACTION if len(w) == 2), key=lambda w: (-len(w), w))
_FUNCTION_CHARS = frozenset("的了在到对向和与及等共均都已被把将从给由并又或我你他她它其该各每出全")
_MODIFIERS = frozenset(r[0] for r in lexicon_table("unit_modifiers.txt"))  # 非公, 临时 …: part of the thing
_CLAUSE_END = re.compile(r"[，。；、：！？（）()\n]")
_QUOTED = re.compile(r"^“([^“”]{1,20})”")
_WINDOW = 14


def _is_action(word: str) -> bool:
    """A verb, preposition, adverb, function word or figure: no part of the counted thing."""
    if word in _MODIFIERS:
        return False
    if word in _ACTION or (len(word) == 1 and word in _FUNCTION_CHARS):
        return True
    if re.fullmatch(r"[\d.%]+|[X×xＸ*]+", word):
        return True
    tag = word_tag(word)
    return tag is not None and tag != "vn" and tag.startswith(_ACTION_TAGS)


def _after(ctx: Context, end: int) -> tuple[str, str, str]:
    """(noun phrase right after the figure, the same after skipping a leading verb or two, a verb that
    modifies the noun after it: `5项庆祝活动`)."""
    text = ctx.text
    window = text[end:end + _WINDOW]
    quoted = _QUOTED.match(window)
    if quoted:
        return quoted.group(1), "", ""
    stop = _CLAUSE_END.search(window)
    limit = end + (stop.start() if stop else len(window))
    tokens = [w for w, _, _ in tokenize(text[end:limit])]  # the window alone: cheaper than the sentence
    phrase = _noun_run(tokens)
    if phrase:
        return phrase, "", ""
    k = 0
    while k < min(2, len(tokens)) and _is_action(tokens[k]):
        k += 1
    modifier = ""
    rest = "".join(tokens[1:])
    if tokens and tokens[0] not in _ACTION and len(tokens[0]) >= 2 and rest and _noun_run(tokens[1:]) == rest:
        modifier = tokens[0] + rest  # the whole clause is verb + noun: the verb modifies
    return "", _noun_run(tokens[k:]), modifier


def _without_action(word: str) -> str:
    """A token that fuses a verb with its object (`发展党员`) counts the object."""
    for verb in _ACTION_PREFIXES:
        if word.startswith(verb) and len(word) - len(verb) >= 2:
            return word[len(verb):]
    return word


def _noun_run(words_: list[str]) -> str:
    out = ""
    for i, w in enumerate(words_):
        if _is_action(w) or w.startswith(("“", "”")):
            break
        out += _without_action(w) if i == 0 else w
    return out


def _before(ctx: Context, start: int) -> str:
    """The noun phrase that ends right before the figure (`举办专题研修班9期` → 专题研修班), trailing
    verbs such as 达到 or 稳定在 skipped."""
    text = ctx.text
    window = text[max(0, start - _WINDOW):start]
    cut = max((m.end() for m in _CLAUSE_END.finditer(window)), default=0)
    begin = start - len(window) + cut
    tokens = [w for w, _, _ in tokenize(text[begin:start])]
    while tokens and _is_action(tokens[-1]) and len(tokens) > 1:
        tokens.pop()
    out: list[str] = []
    rest = list(tokens)
    while rest:
        w = rest[-1]
        if _is_action(w) or w.endswith(("“", "”")):
            break
        stripped = _without_action(rest.pop())
        out.append(stripped)
        if stripped != w:
            break
    if len("".join(out)) == 1 and rest and not rest[-1].endswith(("“", "”")):
        out.append(rest.pop())  # a one-character head keeps the word before it: 推进会, 办理率
    phrase = "".join(reversed(out))
    head = text.rfind("”", begin, start - len(phrase) + 1)
    if phrase and head == start - len(phrase) - 1:
        opening = text.rfind("“", begin, head)
        if opening >= 0:
            phrase = text[opening:head + 1] + phrase  # “双好双强”型党组织书记
    return phrase


def _counted(ctx: Context, start: int, end: int, unit: str) -> str:
    """What a figure counts, as a noun phrase: the words right after it (`40个棚户区`), else those before
    it (`党建示范点200个`); an event's name after its verb (`2次召开专题会议`); a quoted name unquoted."""
    after, after_verb, modified = _after(ctx, end)
    if len(after) >= 2:
        return after[:12]
    if unit in _EVENT_UNITS and len(after_verb) >= 2:
        return after_verb[:12]
    if unit not in _EVENT_UNITS and modified:
        return modified[:12]
    before = _before(ctx, start)
    if len(before) >= 2:
        return before[-12:]
    if after:
        return after
    if len(after_verb) >= 2:
        return after_verb[:12]
    return before or ctx.text[start:end]


def _clause(text: str, s: int, e: int) -> tuple[int, int]:
    a = s
    while a > 0 and text[a - 1] not in "，。；：！？\n" and s - a < 30:
        a -= 1
    b = e
    while b < len(text) and text[b] not in "，。；：！？\n" and b - e < 30:
        b += 1
    return a, b
