"""The corpus graph: entity nodes merged over every report, and the SKOS schemes.

Each report contributes `EntityFact`s (what it says about each entity it names); the build
caches them per report, so a rebuild merges cached facts instead of re-extracting. The merge
gives each entity its type, labels and variants, definitions, kind, counts, place and the
organisations it sits under; the unit kinds used join the packaged scheme of unit kinds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pyoxigraph as ox

from ..extract.report import level_of
from ..namespaces import DJ_IRI, ORG_IRI
from ..records import Extraction
from ..themes import taxonomy
from .report import mention_order
from .terms import (
    CATEGORY_CLASS,
    DCTERMS,
    RDF_TYPE,
    RDFS_LABEL,
    boolean,
    concept_iri,
    djo,
    entity_iri,
    gyear,
    integer,
    node_iri,
    report_iri,
    skos,
    term,
    theme_iri,
    zh,
)

T = ox.Triple
EXAMPLES = 5  # example mentions kept per entity (from the reports with the lowest ids)
_ORGANS = ("党工委", "党总支", "党支部", "党组织", "党委", "党组")


@dataclass
class EntityFact:
    """What one report says about one entity (JSON-able: the incremental build caches it)."""

    category: str
    label: str
    aliases: list[str] = field(default_factory=list)
    kind: str = ""
    definition: list[str] = field(default_factory=list)
    official: list[str] = field(default_factory=list)
    mentions: int = 0
    named: bool = False
    place: str = ""
    parents: list[str] = field(default_factory=list)  # IRIs of units it sits under
    year: int = 0  # the report's year and level: the corpus graph aggregates them per entity
    level: str = ""
    first: str = ""  # IRI of the entity's first mention in the report (the corpus keeps a few as examples)

    def to_json(self) -> dict[str, Any]:
        return dict(vars(self))  # a shallow copy: its lists are only read (asdict's deep copy cost seconds)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EntityFact:
        return cls(**data)


def entity_facts(x: Extraction) -> dict[str, EntityFact]:
    """The facts of one report, by entity IRI."""
    facts: dict[str, EntityFact] = {}
    for e in x.entities:
        f = facts.setdefault(node_iri(e, x.id), EntityFact(e.category, e.label))
        f.aliases = sorted(set(f.aliases) | set(e.aliases) - {e.label})
        f.kind = f.kind or e.kind
        f.definition = e.definition or f.definition
        f.official = e.official or f.official
        f.mentions += len(e.mentions)
        f.named = f.named or e.named
        f.place = f.place or e.place
        f.parents = sorted(set(f.parents) | {node_iri(p, x.id) for p in x.entities
                                             if p.category == "unit" and p.label in e.parents})
        f.year, f.level = x.year or 0, x.meta.level if x.meta is not None else ""
    for n, (*_, entity) in enumerate(mention_order(x), 1):
        f = facts[node_iri(entity, x.id)]
        f.first = f.first or f"{report_iri(x.id)}/mention/{n}"
    extra = [("place", e.place) for e in x.entities if e.category == "unit" and e.place]
    if x.meta is not None:
        extra += [("role", x.meta.reporter_role), ("place", x.meta.place)]
    for category, label in extra:
        if label:
            facts.setdefault(entity_iri(category, label), EntityFact(category, label))
    return facts


@dataclass
class _Merged:
    category: str
    label: str
    aliases: set[str] = field(default_factory=set)
    kinds: Counter[str] = field(default_factory=Counter)
    definitions: list[list[str]] = field(default_factory=list)
    official: list[str] = field(default_factory=list)
    mentions: int = 0
    reports: int = 0
    named: bool = False
    place: str = ""
    parents: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    levels: set[str] = field(default_factory=set)
    examples: list[str] = field(default_factory=list)

    def add(self, f: EntityFact) -> None:
        self.aliases |= set(f.aliases)
        if f.kind:
            self.kinds[f.kind] += 1
        if f.definition and f.definition not in self.definitions:
            self.definitions.append(f.definition)
        self.official = self.official or f.official
        self.mentions += f.mentions
        self.reports += 1 if f.mentions else 0
        self.named = self.named or f.named
        self.place = self.place or f.place
        self.parents |= set(f.parents)
        if f.mentions and f.year:
            self.years.add(f.year)
        if f.mentions and f.level:
            self.levels.add(f.level)
        if f.first:
            self.examples = sorted(self.examples + [f.first])[:EXAMPLES]

    @property
    def kind(self) -> str:
        return sorted(self.kinds.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if self.kinds else ""


def merge(all_facts: Iterable[dict[str, EntityFact]]) -> dict[str, _Merged]:
    """Entities merged over reports; the components named in definitions are programs too."""
    merged: dict[str, _Merged] = {}
    for facts in all_facts:
        for key, f in facts.items():
            merged.setdefault(key, _Merged(f.category, f.label)).add(f)
    for m in list(merged.values()):
        for parts in m.definitions:
            for part in parts:
                merged.setdefault(entity_iri("program", part), _Merged("program", part))
    return merged


def corpus_triples(all_facts: Iterable[dict[str, EntityFact]]) -> list[ox.Triple]:
    """Entity nodes merged over every report, the themes, the unit kinds used and the packaged schemes."""
    merged = merge(all_facts)
    out = _scheme_heads() + _theme_triples()
    kinds_used: set[str] = set()
    for key in sorted(merged):
        m = merged[key]
        node = term(key)
        out += [T(node, RDF_TYPE, djo(CATEGORY_CLASS[m.category])), T(node, RDFS_LABEL, zh(m.label)),
                T(node, djo("reportCount"), integer(m.reports)), T(node, djo("mentionCount"), integer(m.mentions))]
        out += [T(node, skos("altLabel"), zh(a)) for a in sorted(m.aliases)]
        out += [T(node, djo("namedInYear"), gyear(y)) for y in sorted(m.years)]
        out += [T(node, djo("namedAtLevel"), term(concept_iri("level", lv))) for lv in sorted(m.levels)]
        out += [T(node, djo("exampleMention"), term(iri)) for iri in m.examples]
        if m.category == "program":
            out += _program_triples(node, m)
        elif m.category == "unit":
            out += _unit_triples(node, m, kinds_used)
        elif m.category == "document":
            out.append(T(node, term(DCTERMS + "title"), zh(m.label)))
    return out + _unit_kind_triples(kinds_used) + schemes()


def _scheme_heads() -> list[ox.Triple]:
    programs, themes = term(DJ_IRI + "programs"), term(DJ_IRI + "themes")
    return [T(programs, RDF_TYPE, skos("ConceptScheme")), T(programs, RDFS_LABEL, zh("提法与口号")),
            T(themes, RDF_TYPE, skos("ConceptScheme")), T(themes, RDFS_LABEL, zh("问题主题"))]


def _theme_triples() -> list[ox.Triple]:
    scheme = term(DJ_IRI + "themes")
    out: list[ox.Triple] = []
    for name, english, _ in taxonomy() + (("其他", "other", None),):
        node = term(theme_iri(name))
        out += [T(node, RDF_TYPE, djo("Theme")), T(node, RDFS_LABEL, zh(name)),
                T(node, RDFS_LABEL, ox.Literal(english, language="en")),
                T(node, skos("prefLabel"), zh(name)), T(node, skos("inScheme"), scheme)]
    return out


def _program_triples(node: ox.NamedNode, m: _Merged) -> list[ox.Triple]:
    out = [T(node, skos("prefLabel"), zh(m.label)), T(node, skos("inScheme"), term(DJ_IRI + "programs"))]
    if m.kind:
        out.append(T(node, djo("programKind"), ox.Literal(m.kind)))
    for parts in m.definitions:
        out.append(T(node, skos("definition"), zh("、".join(parts))))
        out += [T(node, djo("hasComponent"), term(entity_iri("program", p))) for p in parts]
    if m.official:
        out.append(T(node, skos("scopeNote"), zh("、".join(m.official))))
    return out


def _unit_triples(node: ox.NamedNode, m: _Merged, kinds_used: set[str]) -> list[ox.Triple]:
    """A unit's kind (a concept of the unit-kind scheme), whether it names one organisation, its level and
    place, and the organisations the texts put it under."""
    out: list[ox.Triple] = []
    if m.kind:
        kinds_used.add(m.kind)
        out.append(T(node, djo("unitKind"), term(concept_iri("unitkind", m.kind))))
    if m.named:
        out.append(T(node, djo("named"), boolean(True)))
        level = level_of(m.label)
        if level:
            out.append(T(node, djo("level"), term(concept_iri("level", level))))
    if m.place:
        out.append(T(node, djo("place"), term(entity_iri("place", m.place))))
    out += [T(node, term(ORG_IRI + "subOrganizationOf"), term(p)) for p in sorted(m.parents) if p != node.value]
    return out


def _unit_kind_triples(kinds: set[str]) -> list[ox.Triple]:
    """The kinds a corpus uses, in the unit-kind scheme; a kind not in the packaged base sits under its organ
    (`医院党委` under 党委) or under 基层党组织."""
    base = {str(getattr(t.subject, "value", "")) for t in schemes() if t.predicate == skos("inScheme")}
    scheme = term(DJ_IRI + "unitKinds")
    out: list[ox.Triple] = []
    for kind in sorted(kinds):
        node = term(concept_iri("unitkind", kind))
        if node.value in base:
            continue
        organ = next((o for o in _ORGANS if kind.endswith(o) and kind != o), "基层党组织")
        out += [T(node, RDF_TYPE, skos("Concept")), T(node, skos("inScheme"), scheme),
                T(node, skos("prefLabel"), zh(kind)), T(node, RDFS_LABEL, zh(kind)),
                T(node, skos("broader"), term(concept_iri("unitkind", organ)))]
    return out


@cache
def _schemes() -> tuple[ox.Triple, ...]:
    from ..ontology import path

    return tuple(ox.parse(path=str(path("schemes.ttl")), format=ox.RdfFormat.TURTLE))


def schemes() -> list[ox.Triple]:
    """The packaged SKOS schemes (genres, levels, the base of unit kinds): ontology/schemes.ttl."""
    return list(_schemes())
