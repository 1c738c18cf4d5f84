"""Metrics: a figure with its classifier or measure word and the thing it counts.

`市级命名挂牌党建示范点200个` → (党建示范点, 200, 个); `3000多万元` → (3000, 万元, approx);
`X个老旧小区` → masked; `3～7人` → 3 with value_max 7. Years, ordinals (第…, 十九届),
numerals inside program names and indefinite 一 (一批, 一个新水平) are not metrics.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicons import alternation
from ..numerals import chars, parse_number, value_of
from ..records import Metric
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
        what = _counted(text, e, s)
        clause_s, clause_e = _clause(text, s, e)
        os_, oe = ctx.norm.span(clause_s, clause_e)
        out.append(Metric(what=what, value=value, unit=unit, masked=masked, approx=approx,
                          text=ctx.original[os_:oe], start=os_, end=oe, value_max=value_max))
    return out


def _counted(text: str, end: int, start: int) -> str:
    after = text[end:end + 12]
    stop = _STOP.search(after)
    thing = after[: stop.start()] if stop else after
    if len(thing) >= 2:
        return thing[:10]
    before = text[max(0, start - 12):start]
    cut = max(before.rfind(ch) for ch in "，。；、：（“\n")
    thing = before[cut + 1:] if cut >= 0 else before
    return thing[-10:] or text[start:end]


def _clause(text: str, s: int, e: int) -> tuple[int, int]:
    a = s
    while a > 0 and text[a - 1] not in "，。；：！？\n" and s - a < 30:
        a -= 1
    b = e
    while b < len(text) and text[b] not in "，。；：！？\n" and b - e < 30:
        b += 1
    return a, b
