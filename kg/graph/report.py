"""One report's own triples (its named graph): the report, its statements, sentences, mentions,
metrics and links — the lean provenance model, aligned with NIF 2.0.

* A statement is a string of the report (djo:text ⊑ nif:anchorOf, djo:start ⊑ nif:beginIndex);
  its end is start + length of its text.
* A mention is `djo:refersTo` its entity, `nif:beginIndex` where it starts and `nif:superString`
  the smallest string holding it: its statement, or a `nif:Sentence` node (text, start, report)
  for a sentence outside every statement. Its end is start + length of the entity's label unless
  `nif:endIndex` says otherwise (a variant of another length); its text is that slice of its
  super-string.
* Nothing another triple states already: no report title beside its label, no statement
  sentence string, no mention text equal to a label, no `djo:masked` (a metric without `djo:value`
  is masked), no false `djo:approximate`, no position or depth (the statement's start and parent
  give them).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

import pyoxigraph as ox

from ..records import Entity, Extraction, Item, Mention, Metric
from .terms import (
    DCTERMS,
    KIND_CLASS,
    RDF_TYPE,
    RDFS_LABEL,
    boolean,
    concept_iri,
    decimal,
    djo,
    entity_iri,
    fresh,
    gyear,
    integer,
    nif,
    node_iri,
    report_iri,
    term,
    theme_iri,
    zh,
)

T = ox.Triple


def report_triples(x: Extraction, source_path: str | None = None) -> list[ox.Triple]:
    """The report's own triples, in a deterministic order."""
    return list(iter_report_triples(x, source_path))


def iter_report_triples(x: Extraction, source_path: str | None = None) -> Iterator[ox.Triple]:
    """The report's own triples one section at a time (a long report's triples never all sit in memory)."""
    report = fresh(report_iri(x.id))
    yield from _report_node(x, report, source_path)
    items = {i.position: fresh(f"{report.value}/item/{i.position}") for i in x.items}
    for item in x.items:
        yield from _statement(item, items, report, x.themes.get(item.position, []))
    yield from _mentions(x, report, items)
    yield from _metrics(x, report, items)
    yield from _links(x, report, items)


def _report_node(x: Extraction, report: ox.NamedNode, source_path: str | None) -> Iterator[ox.Triple]:
    yield T(report, RDF_TYPE, djo("Report"))
    yield T(report, RDFS_LABEL, zh(x.title))
    yield T(report, djo("sourcePath"), ox.Literal(source_path or x.source.path))
    yield T(report, djo("sha256"), ox.Literal(x.source.sha256))
    yield T(report, djo("encoding"), ox.Literal(x.source.encoding))
    yield T(report, term(DCTERMS + "identifier"), ox.Literal(x.stem))
    if x.year:
        yield T(report, djo("year"), gyear(x.year))
    named = {node_iri(e, x.id) for e in x.entities if e.mentions and e.category in ("program", "unit")}
    programs = sum(1 for iri in named if "/program/" in iri)
    yield T(report, djo("programCount"), integer(programs))  # materialised: the index lists them per report
    yield T(report, djo("unitCount"), integer(len(named) - programs))
    yield T(report, djo("metricCount"), integer(len(x.metrics)))  # materialised: metric_masking reads them
    yield T(report, djo("maskedMetricCount"), integer(sum(1 for m in x.metrics if m.masked)))
    meta = x.meta
    if meta is None:
        return
    yield T(report, djo("genre"), term(concept_iri("genre", meta.genre)))
    if meta.level:
        yield T(report, djo("level"), term(concept_iri("level", meta.level)))
    unit = next((e for e in x.entities if e.category == "unit" and e.label == meta.reporting_unit), None)
    if unit is not None:
        yield T(report, djo("reportingUnit"), term(node_iri(unit, x.id)))
    if meta.reporter_role:
        yield T(report, djo("reporterRole"), term(entity_iri("role", meta.reporter_role)))
    if meta.place:
        yield T(report, djo("place"), term(entity_iri("place", meta.place)))


def _statement(item: Item, items: dict[int, ox.NamedNode], report: ox.NamedNode, themes: list[str]) -> list[ox.Triple]:
    node = items[item.position]
    out = [
        T(node, RDF_TYPE, djo(KIND_CLASS[item.kind])),
        T(node, RDFS_LABEL, zh(item.label)),
        T(node, djo("text"), ox.Literal(item.text)),
        T(node, djo("start"), integer(item.start)),
        T(node, djo("kindEvidence"), ox.Literal(item.evidence or "position")),
        T(node, djo("inReport"), report),
    ]
    if item.parent is not None:
        out.append(T(node, djo("parentStatement"), items[item.parent]))
    out += [T(node, djo("theme"), term(theme_iri(theme))) for theme in themes]
    return out


class _Holders:
    """The innermost statement whose own text holds a span, found in logarithmic time.

    Statements are nested or disjoint, so the one holding [start, end) is the statement that starts
    last at or before `start`, or one of the statements that hold that one."""

    def __init__(self, items: list[Item]) -> None:
        self.items = sorted(items, key=lambda i: (i.start, -i.end, i.position))
        self.starts = [i.start for i in self.items]
        self.outer: list[int] = []  # index of the nearest statement holding each one, -1 for none
        stack: list[int] = []
        for n, item in enumerate(self.items):
            while stack and self.items[stack[-1]].end < item.end:
                stack.pop()
            self.outer.append(stack[-1] if stack else -1)
            stack.append(n)

    def at(self, start: int, end: int) -> Item | None:
        n = bisect_right(self.starts, start) - 1
        while n >= 0:
            item = self.items[n]
            if item.start <= start and end <= item.end:
                return item
            n = self.outer[n]
        return None


def mention_order(x: Extraction) -> list[tuple[int, int, str, str, Mention, Entity]]:
    """The report's mentions in the order their nodes are numbered (report/<id>/mention/<n>, from 1)."""
    return sorted(((m.start, m.end, e.category, e.label, m, e) for e in x.entities for m in e.mentions),
                  key=lambda t: t[:4])


def _mentions(x: Extraction, report: ox.NamedNode, items: dict[int, ox.NamedNode]) -> Iterator[ox.Triple]:
    """Mentions and the sentence nodes outside statements that hold them; invokes/involves for statements
    (once per statement and entity). That the report names an entity follows from its mentions (no
    `djo:mentions` triple); the corpus graph keeps per entity the years and levels it is named at."""
    rid = x.id
    holders = _Holders(x.items)
    sentences: dict[int, ox.NamedNode] = {}
    uses: set[tuple[int, str]] = set()
    targets = {id(e): term(node_iri(e, rid)) for e in x.entities}  # each entity's node made once
    refers, begin, within = djo("refersTo"), nif("beginIndex"), nif("superString")
    for n, (start, end, category, _, m, entity) in enumerate(mention_order(x), 1):
        node = fresh(f"{report.value}/mention/{n}")
        target = targets[id(entity)]
        holder = holders.at(start, end)
        if holder is not None:
            context = items[holder.position]
            if category in ("program", "unit") and (holder.position, target.value) not in uses:
                uses.add((holder.position, target.value))
                yield T(context, djo("invokes" if category == "program" else "involves"), target)
        else:
            context = sentences.get(m.sentence_start) or fresh(f"{report.value}/sentence/{len(sentences) + 1}")
            if m.sentence_start not in sentences:
                sentences[m.sentence_start] = context
                yield from (T(context, RDF_TYPE, nif("Sentence")), T(context, nif("anchorOf"), ox.Literal(m.sentence)),
                            T(context, nif("beginIndex"), integer(m.sentence_start)),
                            T(context, nif("referenceContext"), report))
        yield from (T(node, refers, target), T(node, begin, integer(start)), T(node, within, context))
        if end - start != len(entity.label):
            yield T(node, nif("endIndex"), integer(end))



def _metrics(x: Extraction, report: ox.NamedNode, items: dict[int, ox.NamedNode]) -> list[ox.Triple]:
    out: list[ox.Triple] = []
    holders = _Holders(x.items)
    for n, metric in enumerate(x.metrics, 1):
        node = fresh(f"{report.value}/metric/{n}")
        out += _metric(node, metric)
        holder = holders.at(metric.start, metric.end)
        if holder is not None:
            out.append(T(items[holder.position], djo("hasMetric"), node))
        else:
            out.append(T(node, djo("inReport"), report))
    return out


def _metric(node: ox.NamedNode, metric: Metric) -> list[ox.Triple]:
    out = [
        T(node, RDF_TYPE, djo("Metric")),
        T(node, djo("countedThing"), ox.Literal(metric.what)),
        T(node, djo("unitOfMeasure"), ox.Literal(metric.unit)),
        T(node, djo("text"), ox.Literal(metric.text)),
        T(node, djo("start"), integer(metric.start)),
    ]
    if metric.value is not None:
        out.append(T(node, djo("value"), decimal(metric.value)))
    if metric.value_max is not None:
        out.append(T(node, djo("valueMax"), decimal(metric.value_max)))
    if metric.approx:
        out.append(T(node, djo("approximate"), boolean(True)))
    return out


def _links(x: Extraction, report: ox.NamedNode, items: dict[int, ox.NamedNode]) -> list[ox.Triple]:
    out: list[ox.Triple] = []
    for n, link in enumerate(x.links, 1):
        source, target = items[link.source], items[link.target]
        out.append(T(source, djo(link.relation), target))
        node = fresh(f"{report.value}/link/{n}")
        out += [
            T(node, RDF_TYPE, djo("LinkEvidence")),
            T(node, djo("evidenceFor"), source),
            T(node, djo("evidenceTarget"), target),
            T(node, djo("relation"), djo(link.relation)),
            T(node, djo("score"), decimal(link.score)),
        ]
        out += [T(node, djo("sharedWord"), ox.Literal(w)) for w in link.words]
    return out
