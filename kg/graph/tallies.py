"""Tallies: the groups and counts of the analyst queries that would otherwise join every statement of the
corpus (co-occurring programs, programs by unit kind, units by programs, programs by level, a program's
use by year and its units, problem themes ranked, by level and by unit and year, documents cited),
computed at build time from the reports' digests and entity facts and written as `djo:Tally` nodes of
the corpus graph.

Each tally is keyed exactly as its query groups (labels where the query groups by label), so the query
reads the tallies and gives the rows it gave when it joined the statements (a test compares them).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

import pyoxigraph as ox

from ..digest import edges_by_relation
from ..namespaces import DJ_IRI, DJO_IRI
from .terms import RDF_TYPE, djo, integer

T = ox.Triple

_SKOS_PREF = "http://www.w3.org/2004/02/skos/core#prefLabel"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
UNSTATED = "（未注明）"  # problems_by_theme's unit for a problem that involves none


class TallyCounter:
    """Adds up one report at a time: its digest and the programs its facts name (with the report's level)."""

    def __init__(self) -> None:
        self.pairs: dict[tuple[str, str], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
        self.unit_program: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # unit → program → reports
        self.unit_reports: dict[str, set[str]] = defaultdict(set)
        self.unit_statements: list[tuple[str, str, str, str]] = []  # (unit, program, statement, report)
        self.level_program: dict[tuple[str, str], int] = defaultdict(int)
        # (program, year) → reports, mentions, statements, statement kinds
        self.program_year: dict[tuple[str, str], tuple[set[str], list[int], set[str], set[str]]] = defaultdict(
            lambda: (set(), [0], set(), set()))
        self.problems: list[tuple[str, tuple[str, ...], str, str, str, str]] = []  # theme, units, year, level, s, r
        self.citations: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # document → (report, unit, title)

    def add_report(self, digest: dict[str, Any], programs_named: dict[str, int], level: str,
                   documents: Iterable[str] = ()) -> None:
        """One report: its digest, the programs its facts name with their mention counts, its level's IRI, the
        documents it cites."""
        r = digest["r"]
        for d in documents:
            self.citations[d].append((r, digest["unit"], digest["title"]))
        edges = edges_by_relation(digest)
        invokes, involves = edges["invokes"], edges["involves"]
        kinds = {iri: kind for iri, kind, _, _ in digest["statements"]}
        year = digest["year"]
        if year:
            for p, mentions in programs_named.items():
                reports, count, _, _ = self.program_year[(p, year)]
                reports.add(r)
                count[0] += mentions
            for st, programs in invokes.items():
                for p in set(programs):
                    if p in programs_named:
                        _, _, stmts, stmt_kinds = self.program_year[(p, year)]
                        stmts.add(st)
                        stmt_kinds.add(kinds.get(st, ""))
        for st, themes in edges["theme"].items():
            if kinds.get(st) == "Problem":
                for theme in themes:
                    self.problems.append((theme, tuple(involves.get(st, ())), year, level, st, r))
        for s, programs in invokes.items():
            ordered = sorted(set(programs))
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    stmts, reports = self.pairs[(a, b)]
                    stmts.add(s)
                    reports.add(r)
            for u in involves.get(s, ()):
                for p in programs:
                    self.unit_statements.append((u, p, s, r))
        if level:
            for p in set(programs_named):
                self.level_program[(level, p)] += 1

    def triples(self, corpus: list[ox.Triple]) -> list[ox.Triple]:
        """The tally nodes, given the corpus graph (for labels, kinds and levels)."""
        pref: dict[str, ox.Literal] = {}
        label: dict[str, ox.Literal] = {}
        label_zh: dict[str, ox.Literal] = {}
        kind_of: dict[str, str] = {}
        for t in corpus:
            if not isinstance(t.subject, ox.NamedNode):
                continue
            p = t.predicate.value
            if p == _SKOS_PREF and isinstance(t.object, ox.Literal):
                pref.setdefault(t.subject.value, t.object)
            elif p == _RDFS_LABEL and isinstance(t.object, ox.Literal):
                label.setdefault(t.subject.value, t.object)
                if t.object.language == "zh":
                    label_zh.setdefault(t.subject.value, t.object)
            elif p == DJO_IRI + "unitKind" and isinstance(t.object, ox.NamedNode):
                kind_of[t.subject.value] = t.object.value
        out: list[ox.Triple] = []
        # cooccurring_programs: pairs of programs (by label) in one statement
        by_label: dict[tuple[str, str], tuple[set[str], set[str], str, str]] = {}
        for (a, b), (stmts, reports) in self.pairs.items():
            if a not in pref or b not in pref:
                continue
            if pref[a].value > pref[b].value:
                a, b = b, a
            if pref[a].value == pref[b].value:
                continue
            entry = by_label.setdefault((pref[a].value, pref[b].value), (set(), set(), a, b))
            entry[0].update(stmts)
            entry[1].update(reports)
        for key, (stmts, reports, first, second) in sorted(by_label.items()):
            node = _node("program_pair", key)
            out += [T(node, djo("programA"), ox.NamedNode(first)), T(node, djo("programB"), ox.NamedNode(second)),
                    T(node, djo("statementCount"), integer(len(stmts))), T(node, djo("reportCount"), integer(len(reports)))]
            out += _head(node, "program_pair")
        # programs_by_unit_kind and units_by_programs, grouped by labels as the queries group
        kind_program: dict[tuple[str, str], tuple[set[str], set[str], ox.Literal, str]] = {}
        unit_group: dict[tuple[str, str], tuple[set[str], set[str], ox.Literal, ox.Literal | None]] = {}
        for u, p, s, r in self.unit_statements:
            kind = kind_of.get(u)
            kind_label = pref.get(kind) if kind else None
            if kind_label is not None and p in pref:
                kp = kind_program.setdefault((kind_label.value, pref[p].value), (set(), set(), kind_label, p))
                kp[0].add(s)
                kp[1].add(r)
            if u in label:
                group = unit_group.setdefault((label[u].value, kind_label.value if kind_label else ""),
                                              (set(), set(), label[u], kind_label))
                group[0].add(p)
                group[1].add(r)
        for key, (stmts, reports, kind_label, p) in sorted(kind_program.items()):
            node = _node("kind_program", key)
            out += [T(node, djo("unitKindLabel"), kind_label), T(node, djo("tallyProgram"), ox.NamedNode(p)),
                    T(node, djo("statementCount"), integer(len(stmts))), T(node, djo("reportCount"), integer(len(reports)))]
            out += _head(node, "kind_program")
        for key, (programs, reports, unit_label, kind_label) in sorted(unit_group.items()):
            node = _node("unit_programs", key)
            out += [T(node, djo("unitLabel"), unit_label), T(node, djo("distinctPrograms"), integer(len(programs))),
                    T(node, djo("reportCount"), integer(len(reports)))]
            if kind_label is not None:
                out.append(T(node, djo("unitKindLabel"), kind_label))
            out += _head(node, "unit_programs")
        del kind_program, unit_group  # one grouping's sets at a time: the main process's peak
        # program_units: units in the statements invoking a program, by program name, unit label and kind
        program_unit: dict[tuple[str, str, str], tuple[set[str], set[str], ox.Literal, ox.Literal, ox.Literal | None]] = {}
        for u, p, s, r in self.unit_statements:
            if p in pref and u in label:
                kind = kind_of.get(u)
                kind_label = pref.get(kind) if kind else None
                pu = program_unit.setdefault((pref[p].value, label[u].value, kind_label.value if kind_label else ""),
                                             (set(), set(), pref[p], label[u], kind_label))
                pu[0].add(s)
                pu[1].add(r)
        for pu_key, (stmts, reports, program, unit_label, kind_label) in sorted(program_unit.items()):
            node = _node("program_unit", pu_key)
            out += [T(node, djo("tallyProgramLabel"), program), T(node, djo("unitLabel"), unit_label),
                    T(node, djo("statementCount"), integer(len(stmts))), T(node, djo("reportCount"), integer(len(reports)))]
            if kind_label is not None:
                out.append(T(node, djo("unitKindLabel"), kind_label))
            out += _head(node, "program_unit")
        del program_unit
        # programs_by_level: reports of each level naming each program
        for (level, p), n in sorted(self.level_program.items()):
            node = _node("level_program", (level, p))
            out += [T(node, djo("tallyLevel"), ox.NamedNode(level)), T(node, djo("tallyProgram"), ox.NamedNode(p)),
                    T(node, djo("reportCount"), integer(n))]
            out += _head(node, "level_program")
        out += self._program_years(pref)
        out += self._problem_themes(pref, label, label_zh)
        out += self._citations(label)
        return out

    def _citations(self, label: dict[str, ox.Literal]) -> list[ox.Triple]:
        """documents_cited: per document label, the reports citing it and who they are (the reporting unit's
        label, else the report's title)."""
        grouped: dict[str, tuple[set[str], set[str], ox.Literal]] = {}
        for d, cites in self.citations.items():
            if d not in label:
                continue
            entry = grouped.setdefault(label[d].value, (set(), set(), label[d]))
            for r, unit, title in cites:
                entry[0].add(r)
                entry[1].add(label[unit].value if unit in label else title)
        out: list[ox.Triple] = []
        for key, (reports, who, name) in sorted(grouped.items()):
            node = _node("document", (key,))
            out += [T(node, djo("documentLabel"), name), T(node, djo("reportCount"), integer(len(reports))),
                    T(node, djo("citedBy"), ox.Literal(" | ".join(sorted(who))))]
            out += _head(node, "document")
        return out

    def _program_years(self, pref: dict[str, ox.Literal]) -> list[ox.Triple]:
        """program_by_year: by the program's name and the report's year (as the query groups)."""
        grouped: dict[tuple[str, str], tuple[set[str], list[int], set[str], set[str], ox.Literal]] = {}
        for (p, year), (reports, count, stmts, kinds) in self.program_year.items():
            if p not in pref:
                continue
            entry = grouped.setdefault((pref[p].value, year), (set(), [0], set(), set(), pref[p]))
            entry[0].update(reports)
            entry[1][0] += count[0]
            entry[2].update(stmts)
            entry[3].update(kinds)
        out: list[ox.Triple] = []
        for key, (reports, count, stmts, kinds, name) in sorted(grouped.items()):
            node = _node("program_year", key)
            out += [T(node, djo("tallyProgramLabel"), name), T(node, djo("tallyYear"), ox.Literal(key[1])),
                    T(node, djo("reportCount"), integer(len(reports))), T(node, djo("mentionCount"), integer(count[0])),
                    T(node, djo("statementCount"), integer(len(stmts))),
                    T(node, djo("statementKinds"), ox.Literal(" | ".join(sorted(k for k in kinds if k))))]
            out += _head(node, "program_year")
        return out

    def _problem_themes(self, pref: dict[str, ox.Literal], label: dict[str, ox.Literal],
                        label_zh: dict[str, ox.Literal]) -> list[ox.Triple]:
        """themes_ranked, problems_by_level and problems_by_theme: problems (and their reports) by theme, by
        level and theme, and by theme, unit and year — grouped by labels, as the queries group."""
        ranked: dict[str, tuple[set[str], set[str], ox.Literal]] = {}
        by_level: dict[tuple[str, str], tuple[set[str], set[str], ox.Literal, ox.Literal]] = {}
        by_unit: dict[tuple[str, str, str], tuple[set[str], set[str], ox.Literal, ox.Literal]] = {}
        for theme, units, year, level, st, r in self.problems:
            name = label_zh.get(theme)
            if name is None:
                continue
            entry = ranked.setdefault(name.value, (set(), set(), name))
            entry[0].add(st)
            entry[1].add(r)
            if level in pref:
                lv = by_level.setdefault((pref[level].value, name.value), (set(), set(), pref[level], name))
                lv[0].add(st)
                lv[1].add(r)
            for unit in [label[u] for u in units if u in label] or [ox.Literal(UNSTATED)]:
                un = by_unit.setdefault((name.value, unit.value, year), (set(), set(), name, unit))
                un[0].add(st)
                un[1].add(r)
        out: list[ox.Triple] = []
        for theme_key, (stmts, reports, theme_lit) in sorted(ranked.items()):
            node = _node("theme", (theme_key,))
            out += [T(node, djo("themeLabel"), theme_lit), T(node, djo("problemCount"), integer(len(stmts))),
                    T(node, djo("reportCount"), integer(len(reports)))]
            out += _head(node, "theme")
        for (level_name, theme_name), (stmts, reports, level_lit, theme_lit) in sorted(by_level.items()):
            node = _node("level_theme", (level_name, theme_name))
            out += [T(node, djo("levelLabel"), level_lit), T(node, djo("themeLabel"), theme_lit),
                    T(node, djo("problemCount"), integer(len(stmts))), T(node, djo("reportCount"), integer(len(reports)))]
            out += _head(node, "level_theme")
        for group_key, (stmts, reports, theme_lit, unit) in sorted(by_unit.items()):
            node = _node("theme_unit_year", group_key)
            out += [T(node, djo("themeLabel"), theme_lit), T(node, djo("unitLabel"), unit),
                    T(node, djo("tallyYear"), ox.Literal(group_key[2])), T(node, djo("problemCount"), integer(len(stmts))),
                    T(node, djo("reportCount"), integer(len(reports)))]
            out += _head(node, "theme_unit_year")
        return out


def _head(node: ox.NamedNode, kind: str) -> list[ox.Triple]:
    return [T(node, RDF_TYPE, djo("Tally")), T(node, djo("tallyKind"), ox.Literal(kind))]


def _node(kind: str, key: tuple[str, ...]) -> ox.NamedNode:
    digest = hashlib.sha256("\x1f".join((kind, *key)).encode("utf-8")).hexdigest()[:16]
    return ox.NamedNode(f"{DJ_IRI}tally/{kind}/{digest}")
