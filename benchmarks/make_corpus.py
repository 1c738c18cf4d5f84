"""Generate N realistic reports by recombining the sample reports' items.

    python benchmarks/make_corpus.py -n 1000 -o /tmp/corpus [--seed 1]

Each report gets a reporting unit and year, an opening paragraph, and practices,
problems, causes and measures drawn from the items of the bundled samples, with
numbers, units and years varied, figures sometimes masked (X, ××), and a heading and
enumerator style picked from those real reports use. Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from kg.build import sample_dir
from kg.normalize import normalize
from kg.readers import read
from kg.structure import analyse

UNITS = ["市委", "县委", "区委", "镇党委", "街道党工委", "市直机关工委", "市国资委党委", "县教育工委", "乡党委", "开发区党工委"]
PLACES = ["东城", "西山", "南湖", "北岭", "青河", "临江", "安平", "长宁", "平阳", "清源", "永丰", "新华"]
ROLES = ["书记"]
HEADINGS = {
    "practices": ["主要做法及成效", "履职工作情况", "主要工作", "履职工作特色和亮点", "工作开展情况"],
    "problems": ["存在问题", "存在的主要问题", "问题和不足", "存在的短板和薄弱环节"],
    "causes": ["原因分析", "产生问题的原因"],
    "measures": ["下一步工作打算", "下步工作思路及措施", "今后努力方向", "{year}年重点工作安排"],
}
CN = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五", "十六", "十七",
      "十八", "十九", "二十"]
_NUM = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?:19|20)\d{2}(?=年)")


def item_pools() -> dict[str, list[tuple[str, list[str]]]]:
    """Items of the samples by kind: (label sentence, body) from the original text."""
    pools: dict[str, list[tuple[str, list[str]]]] = {k: [] for k in HEADINGS}
    for path in sorted(sample_dir().glob("*.txt")):
        source = read(path)
        for item in analyse(normalize(source.text), source.text).items:
            body = source.text[item.start:item.end]
            body = re.sub(r"^\s*(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|\(?\d+[.、)]|第[一二三四五六七八九十]+，)",
                          "", body).strip()
            if len(body) > 8:
                pools[item.kind].append((item.label, [s for s in re.split(r"(?<=[。；])", body) if s]))
    return pools


def vary(text: str, rng: random.Random, year: int) -> str:
    def number(m: re.Match[str]) -> str:
        value = m.group(0)
        if rng.random() < 0.12:
            return rng.choice(["X", "XX", "××", "*"])
        if "." in value:
            return f"{float(value) * rng.uniform(0.8, 1.2):.1f}"
        n = int(value)
        return str(max(1, int(n * rng.uniform(0.6, 1.5)))) if n < 1900 or n > 2100 else value

    text = _YEAR.sub(lambda m: str(year + int(m.group(0)) - 2020 if 2015 < int(m.group(0)) < 2025 else m.group(0)), text)
    return _NUM.sub(number, text)


def make_report(k: int, rng: random.Random, pools: dict[str, list[tuple[str, list[str]]]]) -> str:
    year = rng.randint(2017, 2024)
    unit = rng.choice(PLACES) + rng.choice(UNITS)
    title = f"{unit}{rng.choice(ROLES)}{year}年抓基层党建工作述职报告"
    style = rng.choice(["h1_shi", "h1_paren", "h1_num", "plain"])
    lines = [title, "", f"{year}年，{unit}深入学习贯彻党的路线方针政策，认真履行抓基层党建第一责任人职责，"
                        f"全面推进基层党组织建设。现将有关情况报告如下："]
    plan = [("practices", rng.randint(10, 18)), ("problems", rng.randint(3, 5)), ("causes", rng.choice([0, 2, 3])),
            ("measures", rng.randint(6, 10))]
    section = 0
    for kind, count in plan:
        if not count:
            continue
        heading = rng.choice(HEADINGS[kind]).format(year=year + 1)
        lines.append(f"{CN[section]}、{heading}" if style != "plain" else heading)
        section += 1
        chosen = rng.sample(pools[kind], min(count, len(pools[kind])))
        for n, (_, sentences) in enumerate(chosen):
            keep = len(sentences) if rng.random() < 0.75 else rng.randint(1, max(1, len(sentences)))
            body = "".join(sentences[:keep])
            body = vary(body, rng, year)
            marker = {"h1_shi": f"{CN[n]}是", "h1_paren": f"（{CN[n]}）", "h1_num": f"{n + 1}.", "plain": f"{CN[n]}是"}[style]
            lines.append(marker + body)
    lines.append("")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, required=True, help="number of reports")
    ap.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    pools = item_pools()
    args.out.mkdir(parents=True, exist_ok=True)
    chars = 0
    for k in range(args.n):
        rng = random.Random(args.seed * 1_000_003 + k)
        text = make_report(k, rng, pools)
        chars += len(text)
        (args.out / f"report_{k:06d}.txt").write_text(text, encoding="utf-8")
    print(f"wrote {args.n} reports, {chars:,} characters, to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
