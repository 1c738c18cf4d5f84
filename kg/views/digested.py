"""What the overview adds up from the reports' digests (kg.digest), in one pass: co-occurrence of
programs and units, each unit's and each theme's problems, the reports raising each theme, the themes
around each entity, each report's problems with the measures that address them."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ..digest import Digest, edges_by_relation
from .index import report_summaries
from .report_view import label_of


class Digested:
    """What the overview adds up from the reports' digests, in one pass."""

    def __init__(self, digests: list[Digest]) -> None:
        self.reports: list[dict[str, Any]] = []
        self.programs_with: Counter[tuple[str, str]] = Counter()  # (program, unit) → statements naming both
        self.program_pairs: Counter[tuple[str, str]] = Counter()  # (a, b), a < b → statements naming both
        self.unit_problems: dict[str, list[tuple[str, int, str]]] = defaultdict(list)  # unit → (report, start, label)
        self.theme_problems: dict[str, list[tuple[str, int, str, str]]] = defaultdict(list)
        self.theme_reports: dict[str, set[str]] = defaultdict(set)
        self.entity_themes: dict[str, set[str]] = defaultdict(set)
        self.report_problems: dict[str, list[dict[str, Any]]] = {}
        self.report_year: dict[str, str] = {}
        self.report_level: dict[str, str] = {}
        self.mentions: list[tuple[str, str]] = []
        summaries = {s["r"]: s for s in report_summaries(digests)}
        for d in digests:
            self._add(d, summaries[d["r"]])
        self.reports.sort(key=lambda r: (r["title"], r["iri"]))

    def _add(self, d: Digest, s: dict[str, str]) -> None:
        r = d["r"]
        rid = r.rsplit("/", 1)[1]
        self.report_year[r], self.report_level[r] = d["year"], d["level"]
        self.reports.append({"iri": r, "id": rid, "title": d["title"], "year": d["year"], "level": d["level"],
                             "genre": d["genre"], "unit": label_of(d["unit"]) if d["unit"] else "",
                             "page": f"reports/{rid}.html",
                             "counts": {k: int(s[k]) for k in ("statements", "programs", "units", "links")}})
        stmt = {iri: (kind, label, start) for iri, kind, label, start in d["statements"]}
        edges = edges_by_relation(d)
        invokes, involves, themes = edges["invokes"], edges["involves"], edges["theme"]
        addressed: dict[str, list[str]] = defaultdict(list)  # problem → labels of the measures addressing it
        for measure, targets in edges["addresses"].items():
            for problem in targets:
                if measure in stmt:
                    addressed[problem].append(stmt[measure][1])
        for a in set(invokes) | set(involves):
            programs, units = sorted(set(invokes[a])), sorted(set(involves[a]))
            for p in programs:
                for u in units:
                    self.programs_with[(p, u)] += 1
            for x, p in enumerate(programs):
                for q in programs[x + 1:]:
                    self.program_pairs[(p, q)] += 1
        problems = []
        for iri, (kind, label, start) in stmt.items():
            if kind != "Problem":
                continue
            for u in set(involves[iri]):
                self.unit_problems[u].append((r, start, label))
            for t in themes[iri]:
                self.theme_problems[t].append((r, start, iri, label))
                self.theme_reports[t].add(r)
                for e in set(invokes[iri]) | set(involves[iri]):
                    self.entity_themes[e].add(label_of(t))
            problems.append({"label": label, "at": start, "measures": sorted(set(addressed[iri]))})
        self.report_problems[r] = sorted(problems, key=lambda p: (p["at"], p["label"]))
