"""Trends by year: programs and problem themes per year, programs that appear and vanish."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from .rankings import Ranked


def trends(r: Ranked, top: int) -> dict[str, Any]:
    c = r.corpus
    years = sorted({y for y in c.report_year.values() if y})
    program_years: dict[str, Counter[str]] = defaultdict(Counter)
    for p, named_in in r.program_reports.items():
        for rep in named_in:
            if c.report_year.get(rep):
                program_years[c.labels[p]][c.report_year[rep]] += 1
    theme_reports: dict[tuple[str, str], set[str]] = defaultdict(set)
    for p, ts in c.themes.items():
        rep = r.report_of(p)
        for t in ts:
            theme_reports[(t, c.report_year.get(rep, ""))].add(rep)
    theme_years: dict[str, Counter[str]] = defaultdict(Counter)
    for (t, y), rs in theme_reports.items():
        if y:
            theme_years[t][y] = len(rs)
    changes = []
    for prev, cur in zip(years, years[1:]):
        before = {p for p, ys in program_years.items() if ys.get(prev)}
        after = {p for p, ys in program_years.items() if ys.get(cur)}
        changes.append({"from": prev, "to": cur, "appear": sorted(after - before)[:top],
                        "vanish": sorted(before - after)[:top]})
    ranked_programs = sorted(program_years.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:top]
    return {"years": years,
            "programs": {p: dict(sorted(ys.items())) for p, ys in ranked_programs},
            "themes": {t: dict(sorted(ys.items())) for t, ys in sorted(theme_years.items())},
            "changes": changes}
