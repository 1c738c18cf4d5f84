"""Extraction → RDF. The only module that mints IRIs.

A report's own triples (report, statements, mentions, metrics, links) go in its
named graph; entity nodes (programs, units … with labels, variants, definitions
and materialised counts) are merged across reports from per-report `facts` into
the corpus graph. The two never share a subject, so their union has no duplicates.
Triples are pyoxigraph terms, so they stream straight into the store; the
vocabulary comes from the guarded rdflib namespace DJO.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache
from typing import Any

import pyoxigraph as ox

from .extract.report import level_of
from .namespaces import DJ_IRI, DJO, ORG_IRI, PREFIXES
from .records import Entity, Extraction, Item
from .themes import taxonomy

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
CATEGORY_CLASS = {"program": "Program", "unit": "Unit", "document": "Document", "role": "Role", "place": "Place"}
KIND_CLASS = {"practices": "Practice", "problems": "Problem", "causes": "Cause", "measures": "Measure"}
CORPUS_GRAPH = ox.NamedNode(DJ_IRI + "graph/corpus")


@cache
def djo(term: str) -> ox.NamedNode:
    return ox.NamedNode(str(getattr(DJO, term)))


@cache
def term(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def _xsd(name: str) -> ox.NamedNode:
    return term(XSD + name)


def zh(text: str) -> ox.Literal:
    return ox.Literal(text, language="zh")


def integer(n: int) -> ox.Literal:
    return ox.Literal(str(int(n)), datatype=_xsd("integer"))


def decimal(x: float) -> ox.Literal:
    text = f"{x:.6f}".rstrip("0").rstrip(".")  # the canonical form Oxigraph also stores
    return ox.Literal(text, datatype=_xsd("decimal"))


def boolean(b: bool) -> ox.Literal:
    return ox.Literal("true" if b else "false", datatype=_xsd("boolean"))


_SAFE = re.compile(r"[0-9A-Za-z\u4e00-\u9fff_-]")


def slug(label: str) -> str:
    """An IRI path segment for a label: Han characters and ASCII letters kept, the rest percent-encoded."""
    return "".join(ch if _SAFE.match(ch) else "".join(f"%{b:02X}" for b in ch.encode("utf-8")) for ch in label)


def entity_iri(category: str, label: str) -> str:
    return f"{DJ_IRI}{category}/{slug(label)}"


def node_iri(e: Entity, report_id: str) -> str:
    """An entity's IRI; a unit named only by masks or level words is one node per report."""
    base = entity_iri(e.category, e.label)
    return f"{base}/{report_id}" if e.category == "unit" and e.local else base


def concept_iri(scheme: str, label: str) -> str:
    """A concept of a packaged or corpus SKOS scheme: genre, level, unitkind."""
    return f"{DJ_IRI}{scheme}/{slug(label)}"


def report_iri(report_id: str) -> str:
    return f"{DJ_IRI}report/{report_id}"


def report_graph(report_id: str) -> ox.NamedNode:
    return term(f"{DJ_IRI}graph/report/{report_id}")


def theme_iri(name: str) -> str:
    return entity_iri("theme", name)


def _first_sentence(text: str) -> str:
    m = re.search(r"[。！？；]", text)
    return (text[: m.end()] if m else text).strip()


def report_triples(x: Extraction, source_path: str | None = None) -> list[ox.Triple]:
    """The report's own triples: report node, statements, mentions, metrics, links."""
    T = ox.Triple
    rid = x.id
    report = term(report_iri(rid))
    text = x.source.text
    out: list[ox.Triple] = [
        T(report, RDF_TYPE, djo("Report")),
        T(report, RDFS_LABEL, zh(x.title)),
        T(report, term(DCTERMS + "title"), zh(x.title)),
        T(report, djo("sourcePath"), ox.Literal(source_path or x.source.path)),
        T(report, djo("sha256"), ox.Literal(x.source.sha256)),
        T(report, djo("encoding"), ox.Literal(x.source.encoding)),
        T(report, term(DCTERMS + "identifier"), ox.Literal(x.stem)),
    ]
    out += _metadata_triples(x, report)

    items = {i.position: i for i in x.items}
    item_node = {pos: term(f"{report_iri(rid)}/item/{pos}") for pos in items}
    for item in x.items:
        node = item_node[item.position]
        out += [
            T(node, RDF_TYPE, djo(KIND_CLASS[item.kind])),
            T(node, RDFS_LABEL, zh(item.label)),
            T(node, djo("text"), ox.Literal(text[item.start:item.end])),
            T(node, djo("sentence"), ox.Literal(_first_sentence(text[item.start:item.end]))),
            T(node, djo("start"), integer(item.start)),
            T(node, djo("end"), integer(item.end)),
            T(node, djo("position"), integer(item.position)),
            T(node, djo("depth"), integer(item.level)),
            T(node, djo("marker"), ox.Literal(item.marker)),
            T(node, djo("kindEvidence"), ox.Literal(item.evidence or "position")),
            T(node, djo("inReport"), report),
        ]
        if item.parent is not None:
            out.append(T(node, djo("parentStatement"), item_node[item.parent]))
        for theme in x.themes.get(item.position, []):
            out.append(T(node, djo("theme"), term(theme_iri(theme))))

    mentions = sorted(((m.start, m.end, e.category, e.label, m, e) for e in x.entities for m in e.mentions),
                      key=lambda t: t[:4])
    seen_entities: set[str] = set()
    for n, (start, end, category, _, m, entity) in enumerate(mentions, 1):
        node = term(f"{report_iri(rid)}/mention/{n}")
        target = term(node_iri(entity, rid))
        out += [
            T(node, RDF_TYPE, djo("Mention")),
            T(node, djo("refersTo"), target),
            T(node, djo("start"), integer(start)),
            T(node, djo("end"), integer(end)),
            T(node, djo("text"), ox.Literal(m.text)),
            T(node, djo("sentence"), ox.Literal(m.sentence)),
            T(node, djo("inReport"), report),
        ]
        if target.value not in seen_entities:
            seen_entities.add(target.value)
            out.append(T(report, djo("mentions"), target))
        holder = _holder(x.items, start, end)
        if holder is not None and category in ("program", "unit"):
            prop = djo("invokes") if category == "program" else djo("involves")
            out.append(T(item_node[holder.position], prop, target))

    for n, metric in enumerate(x.metrics, 1):
        node = term(f"{report_iri(rid)}/metric/{n}")
        out += [
            T(node, RDF_TYPE, djo("Metric")),
            T(node, RDFS_LABEL, zh(metric.text)),
            T(node, djo("countedThing"), ox.Literal(metric.what)),
            T(node, djo("unitOfMeasure"), ox.Literal(metric.unit)),
            T(node, djo("masked"), boolean(metric.masked)),
            T(node, djo("approximate"), boolean(metric.approx)),
            T(node, djo("text"), ox.Literal(metric.text)),
            T(node, djo("start"), integer(metric.start)),
            T(node, djo("end"), integer(metric.end)),
            T(node, djo("inReport"), report),
        ]
        if metric.value is not None:
            out.append(T(node, djo("value"), decimal(metric.value)))
        if metric.value_max is not None:
            out.append(T(node, djo("valueMax"), decimal(metric.value_max)))
        holder = _holder(x.items, metric.start, metric.end)
        if holder is not None:
            out.append(T(item_node[holder.position], djo("hasMetric"), node))

    for n, link in enumerate(x.links, 1):
        source, target = item_node[link.source], item_node[link.target]
        out.append(T(source, djo(link.relation), target))
        node = term(f"{report_iri(rid)}/link/{n}")
        out += [
            T(node, RDF_TYPE, djo("LinkEvidence")),
            T(node, djo("evidenceFor"), source),
            T(node, djo("evidenceTarget"), target),
            T(node, djo("relation"), djo(link.relation)),
            T(node, djo("score"), decimal(link.score)),
        ]
        out += [T(node, djo("sharedWord"), ox.Literal(w)) for w in link.words]
    return list(dict.fromkeys(out))  # an item naming a program twice invokes it once


def _metadata_triples(x: Extraction, report: ox.NamedNode) -> list[ox.Triple]:
    """Genre, level, year, reporting unit, reporter's role and place of a report."""
    T = ox.Triple
    out: list[ox.Triple] = []
    meta = x.meta
    if x.year:
        out.append(T(report, djo("year"), ox.Literal(str(x.year), datatype=_xsd("gYear"))))
    if meta is None:
        return out
    out.append(T(report, djo("genre"), term(concept_iri("genre", meta.genre))))
    if meta.level:
        out.append(T(report, djo("level"), term(concept_iri("level", meta.level))))
    unit = next((e for e in x.entities if e.category == "unit" and e.label == meta.reporting_unit), None)
    if unit is not None:
        out.append(T(report, djo("reportingUnit"), term(node_iri(unit, x.id))))
    if meta.reporter_role:
        out.append(T(report, djo("reporterRole"), term(entity_iri("role", meta.reporter_role))))
    if meta.place:
        out.append(T(report, djo("place"), term(entity_iri("place", meta.place))))
    return out


def _holder(items: list[Item], start: int, end: int) -> Item | None:
    """The innermost statement whose own text contains [start, end)."""
    best = None
    for item in items:
        if item.start <= start and end <= item.end and (best is None or item.start >= best.start):
            best = item
    return best


def _fact(category: str, label: str) -> dict[str, Any]:
    return {"category": category, "label": label, "aliases": [], "kind": "", "definition": [], "official": [],
            "mentions": 0, "named": False, "place": "", "parents": []}


def entity_facts(x: Extraction) -> dict[str, Any]:
    """What one report says about entities, as JSON-able data (cached per report for incremental builds)."""
    facts: dict[str, Any] = {}
    for e in x.entities:
        entry = facts.setdefault(node_iri(e, x.id), _fact(e.category, e.label))
        entry["aliases"] = sorted(set(entry["aliases"]) | set(e.aliases) - {e.label})
        entry["kind"] = entry["kind"] or e.kind
        entry["definition"] = e.definition or entry["definition"]
        entry["official"] = e.official or entry["official"]
        entry["mentions"] += len(e.mentions)
        entry["named"] = entry["named"] or e.named
        entry["place"] = entry["place"] or e.place
        entry["parents"] = sorted(set(entry["parents"]) | {node_iri(p, x.id) for p in x.entities
                                                             if p.category == "unit" and p.label in e.parents})
    meta = x.meta
    if meta is not None and meta.reporter_role:
        facts.setdefault(entity_iri("role", meta.reporter_role), _fact("role", meta.reporter_role))
    for e in x.entities:
        if e.category == "unit" and e.place:
            facts.setdefault(entity_iri("place", e.place), _fact("place", e.place))
    if meta is not None and meta.place:
        facts.setdefault(entity_iri("place", meta.place), _fact("place", meta.place))
    return facts


def corpus_triples(all_facts: Iterable[dict[str, Any]]) -> list[ox.Triple]:
    """Entity nodes merged over every report: type, labels, variants, definitions, counts."""
    T = ox.Triple
    merged: dict[str, dict[str, Any]] = {}
    for facts in all_facts:
        for key, f in facts.items():
            m = merged.setdefault(key, {"category": f["category"], "label": f["label"], "aliases": set(),
                                        "kinds": Counter(), "definitions": [], "official": [],
                                        "mentions": 0, "reports": 0, "named": False, "place": "", "parents": set()})
            m["aliases"] |= set(f["aliases"])
            m["named"] = m["named"] or f.get("named", False)
            m["place"] = m["place"] or f.get("place", "")
            m["parents"] |= set(f.get("parents", []))
            if f["kind"]:
                m["kinds"][f["kind"]] += 1
            if f["definition"] and f["definition"] not in m["definitions"]:
                m["definitions"].append(f["definition"])
            m["official"] = m["official"] or f["official"]
            m["mentions"] += f["mentions"]
            m["reports"] += 1 if f["mentions"] else 0
    # components named in definitions are programs too
    for m in list(merged.values()):
        for parts in m["definitions"]:
            for part in parts:
                ckey = entity_iri("program", part)
                merged.setdefault(ckey, {"category": "program", "label": part, "aliases": set(),
                                         "kinds": Counter(), "definitions": [], "official": [],
                                         "mentions": 0, "reports": 0, "named": False, "place": "", "parents": set()})
    scheme = term(DJ_IRI + "programs")
    themes = term(DJ_IRI + "themes")
    kinds_used: set[str] = set()
    out: list[ox.Triple] = [
        T(scheme, RDF_TYPE, term(SKOS + "ConceptScheme")),
        T(scheme, RDFS_LABEL, zh("提法与口号")),
        T(themes, RDF_TYPE, term(SKOS + "ConceptScheme")),
        T(themes, RDFS_LABEL, zh("问题主题")),
    ]
    for name, english, _ in taxonomy() + (("其他", "other", None),):
        node = term(theme_iri(name))
        out += [T(node, RDF_TYPE, djo("Theme")), T(node, RDFS_LABEL, zh(name)),
                T(node, RDFS_LABEL, ox.Literal(english, language="en")),
                T(node, term(SKOS + "prefLabel"), zh(name)), T(node, term(SKOS + "inScheme"), themes)]
    for key in sorted(merged):
        m = merged[key]
        node = term(key)
        out += [
            T(node, RDF_TYPE, djo(CATEGORY_CLASS[m["category"]])),
            T(node, RDFS_LABEL, zh(m["label"])),
            T(node, djo("reportCount"), integer(m["reports"])),
            T(node, djo("mentionCount"), integer(m["mentions"])),
        ]
        if m["category"] == "program":
            out += [T(node, term(SKOS + "prefLabel"), zh(m["label"])), T(node, term(SKOS + "inScheme"), scheme)]
            out += [T(node, term(SKOS + "altLabel"), zh(a)) for a in sorted(m["aliases"])]
            if m["kinds"]:
                kind = sorted(m["kinds"].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                out.append(T(node, djo("programKind"), ox.Literal(kind)))
            for parts in m["definitions"]:
                out.append(T(node, term(SKOS + "definition"), zh("、".join(parts))))
                out += [T(node, djo("hasComponent"), term(entity_iri("program", p))) for p in parts]
            if m["official"]:
                out.append(T(node, term(SKOS + "scopeNote"), zh("、".join(m["official"]))))
        else:
            out += [T(node, term(SKOS + "altLabel"), zh(a)) for a in sorted(m["aliases"])]
            if m["category"] == "unit":
                out += _unit_triples(node, m, kinds_used)
        if m["category"] == "document":
            out.append(T(node, term(DCTERMS + "title"), zh(m["label"])))
    return out + _unit_kind_triples(kinds_used) + schemes()


def _unit_triples(node: ox.NamedNode, m: dict[str, Any], kinds_used: set[str]) -> list[ox.Triple]:
    """A unit's kind (a concept of the unit-kind scheme), whether it names one organisation, its place and the
    organisations the texts put it under."""
    T = ox.Triple
    out: list[ox.Triple] = []
    if m["kinds"]:
        kind = sorted(m["kinds"].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        kinds_used.add(kind)
        out.append(T(node, djo("unitKind"), term(concept_iri("unitkind", kind))))
    if m["named"]:
        out.append(T(node, djo("named"), boolean(True)))
        level = level_of(m["label"])
        if level:
            out.append(T(node, djo("level"), term(concept_iri("level", level))))
    if m["place"]:
        out.append(T(node, djo("place"), term(entity_iri("place", m["place"]))))
    out += [T(node, term(ORG_IRI + "subOrganizationOf"), term(p)) for p in sorted(m["parents"]) if p != node.value]
    return out


_ORGANS = ("党工委", "党总支", "党支部", "党组织", "党委", "党组")


def _unit_kind_triples(kinds: set[str]) -> list[ox.Triple]:
    """The kinds a corpus uses, in the unit-kind scheme; a kind not in the packaged base sits under its organ
    (`医院党委` under 党委) or under 基层党组织."""
    T = ox.Triple
    base = {s.value for s, p, o in ((t.subject, t.predicate, t.object) for t in schemes())
            if p == term(SKOS + "inScheme") and o == term(DJ_IRI + "unitKinds")}
    out: list[ox.Triple] = []
    scheme = term(DJ_IRI + "unitKinds")
    for kind in sorted(kinds):
        node = term(concept_iri("unitkind", kind))
        if node.value in base:
            continue
        organ = next((o for o in _ORGANS if kind.endswith(o) and kind != o), None)
        broader = concept_iri("unitkind", organ) if organ else concept_iri("unitkind", "基层党组织")
        out += [T(node, RDF_TYPE, term(SKOS + "Concept")), T(node, term(SKOS + "inScheme"), scheme),
                T(node, term(SKOS + "prefLabel"), zh(kind)), T(node, RDFS_LABEL, zh(kind)),
                T(node, term(SKOS + "broader"), term(broader))]
    return out


@cache
def _schemes() -> tuple[ox.Triple, ...]:
    from .ontology import path

    return tuple(ox.parse(path=str(path("schemes.ttl")), format=ox.RdfFormat.TURTLE))


def schemes() -> list[ox.Triple]:
    """The packaged SKOS schemes (genres, levels, the base of unit kinds), ontology/schemes.ttl."""
    return list(_schemes())


def to_turtle(triples: Iterable[ox.Triple]) -> str:
    """Serialise triples as Turtle with the project's prefixes."""
    data = ox.serialize(list(triples), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    return data.decode("utf-8")


def report_turtle(x: Extraction) -> str:
    """One report's graph with its entity nodes, as Turtle (for `kg extract --format ttl`)."""
    return to_turtle(report_triples(x) + corpus_triples([entity_facts(x)]))


def shared_text_triples(pairs: list[tuple[str, str, float]]) -> list[ox.Triple]:
    """Reports that share long passages: djo:sharesTextWith both ways, and the share on an evidence node."""
    T = ox.Triple
    out: list[ox.Triple] = []
    for a, b, share in pairs:
        ra, rb = term(report_iri(a)), term(report_iri(b))
        for x, y, yid in ((ra, rb, b), (rb, ra, a)):
            node = term(f"{x.value}/shares/{yid}")
            out += [T(x, djo("sharesTextWith"), y), T(x, djo("sharedTextEvidence"), node),
                    T(node, djo("otherReport"), y), T(node, djo("textShare"), decimal(share))]
    return out
