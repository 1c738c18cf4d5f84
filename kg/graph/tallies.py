"""Tallies: the groups and counts of the analyst queries that would otherwise join every statement of the
corpus (co-occurring programs, programs by unit kind, units by programs, programs by level), computed at
build time from the reports' digests and entity facts and written as `djo:Tally` nodes of the corpus graph.

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


class TallyCounter:
    """Adds up one report at a time: its digest and the programs its facts name (with the report's level)."""

    def __init__(self) -> None:
        self.pairs: dict[tuple[str, str], tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
        self.unit_program: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # unit → program → reports
        self.unit_reports: dict[str, set[str]] = defaultdict(set)
        self.unit_statements: list[tuple[str, str, str, str]] = []  # (unit, program, statement, report)
        self.level_program: dict[tuple[str, str], int] = defaultdict(int)

    def add_report(self, digest: dict[str, Any], programs_named: Iterable[str], level: str) -> None:
        r = digest["r"]
        edges = edges_by_relation(digest)
        invokes, involves = edges["invokes"], edges["involves"]
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
        kind_of: dict[str, str] = {}
        for t in corpus:
            if not isinstance(t.subject, ox.NamedNode):
                continue
            p = t.predicate.value
            if p == _SKOS_PREF and isinstance(t.object, ox.Literal):
                pref.setdefault(t.subject.value, t.object)
            elif p == _RDFS_LABEL and isinstance(t.object, ox.Literal):
                label.setdefault(t.subject.value, t.object)
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
        # programs_by_level: reports of each level naming each program
        for (level, p), n in sorted(self.level_program.items()):
            node = _node("level_program", (level, p))
            out += [T(node, djo("tallyLevel"), ox.NamedNode(level)), T(node, djo("tallyProgram"), ox.NamedNode(p)),
                    T(node, djo("reportCount"), integer(n))]
            out += _head(node, "level_program")
        return out


def _head(node: ox.NamedNode, kind: str) -> list[ox.Triple]:
    return [T(node, RDF_TYPE, djo("Tally")), T(node, djo("tallyKind"), ox.Literal(kind))]


def _node(kind: str, key: tuple[str, ...]) -> ox.NamedNode:
    digest = hashlib.sha256("\x1f".join((kind, *key)).encode("utf-8")).hexdigest()[:16]
    return ox.NamedNode(f"{DJ_IRI}tally/{kind}/{digest}")
