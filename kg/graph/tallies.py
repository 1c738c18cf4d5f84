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


class _Group:
    """One tally group: its distinct items (statements, problems or programs) and reports, the terms it is
    written with, and for program_year its mentions and statement kinds."""

    __slots__ = ("items", "reports", "terms", "mentions", "kinds")

    def __init__(self, *terms: Any) -> None:
        self.items: set[str] = set()
        self.reports: set[str] = set()
        self.terms = terms
        self.mentions = 0
        self.kinds: set[str] = set()

    def add(self, item: str, report: str) -> None:
        self.items.add(item)
        self.reports.add(report)

    def merge(self, other: _Group) -> None:
        self.items |= other.items
        self.reports |= other.reports
        self.mentions += other.mentions
        self.kinds |= other.kinds

    def counts(self, node: ox.NamedNode, item_term: str) -> list[ox.Triple]:
        return [T(node, djo(item_term), integer(len(self.items))), T(node, djo("reportCount"), integer(len(self.reports)))]


def _group(groups: dict[Any, _Group], key: Any, *terms: Any) -> _Group:
    found = groups.get(key)
    if found is None:
        found = groups[key] = _Group(*terms)
    return found


class TallyCounter:
    """Adds up one report at a time: its digest and the programs its facts name (with the report's level)."""

    def __init__(self) -> None:
        self.pairs: dict[tuple[str, str], _Group] = {}
        self.unit_statements: list[tuple[str, str, str, str]] = []  # (unit, program, statement, report)
        self.level_program: dict[tuple[str, str], int] = defaultdict(int)
        self.program_year: dict[tuple[str, str], _Group] = {}  # (program, year) → statements, reports, mentions, kinds
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
                group = _group(self.program_year, (p, year))
                group.reports.add(r)
                group.mentions += mentions
            for st, programs in invokes.items():
                for p in set(programs):
                    if p in programs_named:
                        group = self.program_year[(p, year)]
                        group.items.add(st)
                        group.kinds.add(kinds.get(st, ""))
        for st, themes in edges["theme"].items():
            if kinds.get(st) == "Problem":
                for theme in themes:
                    self.problems.append((theme, tuple(involves.get(st, ())), year, level, st, r))
        for s, programs in invokes.items():
            ordered = sorted(set(programs))
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    _group(self.pairs, (a, b)).add(s, r)
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
        kind_label = {u: pref[k] for u, k in kind_of.items() if k in pref}
        out: list[ox.Triple] = []
        # cooccurring_programs: pairs of programs (by label) in one statement
        by_label: dict[tuple[str, str], _Group] = {}
        for (a, b), pair in self.pairs.items():
            if a not in pref or b not in pref:
                continue
            if pref[a].value > pref[b].value:
                a, b = b, a
            if pref[a].value != pref[b].value:
                _group(by_label, (pref[a].value, pref[b].value), a, b).merge(pair)
        for key, group in sorted(by_label.items()):
            node = _node("program_pair", key)
            first, second = group.terms
            out += [T(node, djo("programA"), ox.NamedNode(first)), T(node, djo("programB"), ox.NamedNode(second)),
                    *group.counts(node, "statementCount")]
            out += _head(node, "program_pair")
        # programs_by_unit_kind and units_by_programs, grouped by labels as the queries group
        kind_program: dict[tuple[str, str], _Group] = {}
        unit_group: dict[tuple[str, str], _Group] = {}
        for u, p, s, r in self.unit_statements:
            kind = kind_label.get(u)
            if kind is not None and p in pref:
                _group(kind_program, (kind.value, pref[p].value), kind, p).add(s, r)
            if u in label:
                _group(unit_group, (label[u].value, kind.value if kind else ""), label[u], kind).add(p, r)
        for key, group in sorted(kind_program.items()):
            node = _node("kind_program", key)
            kind, p = group.terms
            out += [T(node, djo("unitKindLabel"), kind), T(node, djo("tallyProgram"), ox.NamedNode(p)),
                    *group.counts(node, "statementCount")]
            out += _head(node, "kind_program")
        for key, group in sorted(unit_group.items()):
            node = _node("unit_programs", key)
            unit_label, kind = group.terms
            out += [T(node, djo("unitLabel"), unit_label), *group.counts(node, "distinctPrograms")]
            if kind is not None:
                out.append(T(node, djo("unitKindLabel"), kind))
            out += _head(node, "unit_programs")
        del kind_program, unit_group  # one grouping's sets at a time: the main process's peak
        # program_units: units in the statements invoking a program, by program name, unit label and kind
        program_unit: dict[tuple[str, str, str], _Group] = {}
        for u, p, s, r in self.unit_statements:
            if p in pref and u in label:
                kind = kind_label.get(u)
                _group(program_unit, (pref[p].value, label[u].value, kind.value if kind else ""),
                       pref[p], label[u], kind).add(s, r)
        for pu_key, group in sorted(program_unit.items()):
            node = _node("program_unit", pu_key)
            program, unit_label, kind = group.terms
            out += [T(node, djo("tallyProgramLabel"), program), T(node, djo("unitLabel"), unit_label),
                    *group.counts(node, "statementCount")]
            if kind is not None:
                out.append(T(node, djo("unitKindLabel"), kind))
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
        grouped: dict[str, _Group] = {}
        for d, cites in self.citations.items():
            if d in label:
                group = _group(grouped, label[d].value, label[d])
                for r, unit, title in cites:
                    group.add(label[unit].value if unit in label else title, r)
        out: list[ox.Triple] = []
        for key, group in sorted(grouped.items()):
            node = _node("document", (key,))
            out += [T(node, djo("documentLabel"), group.terms[0]), T(node, djo("reportCount"), integer(len(group.reports))),
                    T(node, djo("citedBy"), ox.Literal(" | ".join(sorted(group.items))))]
            out += _head(node, "document")
        return out

    def _program_years(self, pref: dict[str, ox.Literal]) -> list[ox.Triple]:
        """program_by_year: by the program's name and the report's year (as the query groups)."""
        grouped: dict[tuple[str, str], _Group] = {}
        for (p, year), group in self.program_year.items():
            if p in pref:
                _group(grouped, (pref[p].value, year), pref[p]).merge(group)
        out: list[ox.Triple] = []
        for key, group in sorted(grouped.items()):
            node = _node("program_year", key)
            out += [T(node, djo("tallyProgramLabel"), group.terms[0]), T(node, djo("tallyYear"), ox.Literal(key[1])),
                    T(node, djo("reportCount"), integer(len(group.reports))),
                    T(node, djo("mentionCount"), integer(group.mentions)),
                    T(node, djo("statementCount"), integer(len(group.items))),
                    T(node, djo("statementKinds"), ox.Literal(" | ".join(sorted(k for k in group.kinds if k))))]
            out += _head(node, "program_year")
        return out

    def _problem_themes(self, pref: dict[str, ox.Literal], label: dict[str, ox.Literal],
                        label_zh: dict[str, ox.Literal]) -> list[ox.Triple]:
        """themes_ranked, problems_by_level and problems_by_theme: problems (and their reports) by theme, by
        level and theme, and by theme, unit and year — grouped by labels, as the queries group."""
        ranked: dict[str, _Group] = {}
        by_level: dict[tuple[str, str], _Group] = {}
        by_unit: dict[tuple[str, str, str], _Group] = {}
        for theme, units, year, level, st, r in self.problems:
            name = label_zh.get(theme)
            if name is None:
                continue
            _group(ranked, name.value, name).add(st, r)
            if level in pref:
                _group(by_level, (pref[level].value, name.value), pref[level], name).add(st, r)
            for unit in [label[u] for u in units if u in label] or [ox.Literal(UNSTATED)]:
                _group(by_unit, (name.value, unit.value, year), name, unit).add(st, r)
        out: list[ox.Triple] = []
        for key, group in sorted(ranked.items()):
            node = _node("theme", (key,))
            out += [T(node, djo("themeLabel"), group.terms[0]), *group.counts(node, "problemCount")]
            out += _head(node, "theme")
        for level_key, group in sorted(by_level.items()):
            node = _node("level_theme", level_key)
            level_lit, theme_lit = group.terms
            out += [T(node, djo("levelLabel"), level_lit), T(node, djo("themeLabel"), theme_lit),
                    *group.counts(node, "problemCount")]
            out += _head(node, "level_theme")
        for unit_key, group in sorted(by_unit.items()):
            node = _node("theme_unit_year", unit_key)
            theme_lit, unit = group.terms
            out += [T(node, djo("themeLabel"), theme_lit), T(node, djo("unitLabel"), unit),
                    T(node, djo("tallyYear"), ox.Literal(unit_key[2])), *group.counts(node, "problemCount")]
            out += _head(node, "theme_unit_year")
        return out


def _head(node: ox.NamedNode, kind: str) -> list[ox.Triple]:
    return [T(node, RDF_TYPE, djo("Tally")), T(node, djo("tallyKind"), ox.Literal(kind))]


def _node(kind: str, key: tuple[str, ...]) -> ox.NamedNode:
    digest = hashlib.sha256("\x1f".join((kind, *key)).encode("utf-8")).hexdigest()[:16]
    return ox.NamedNode(f"{DJ_IRI}tally/{kind}/{digest}")
