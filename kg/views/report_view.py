"""What a report page shows, read from the report's own triples — one representation for `kg build`
(the worker has the triples it just made) and `kg viz` (it reads them back from the store).

Everything comes from the report's own triples and packaged data: an entity's label is the IRI's
last segment decoded (IRIs are minted from labels), a concept's label likewise, theme order is the
taxonomy's. So a page is the same whichever command renders it.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import unquote

import pyoxigraph as ox

from ..namespaces import DJ_IRI, DJO_IRI, NIF_IRI
from ..themes import OTHER, taxonomy

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
STATEMENT_KINDS = ("Practice", "Problem", "Cause", "Measure")


@dataclass
class Statement:
    position: int
    kind: str
    label: str
    text: str
    start: int
    depth: int
    themes: list[str]
    evidence: str


@dataclass
class Passage:
    """A stretch of the report's text a mention points into: a statement or a sentence outside statements."""

    start: int
    text: str


@dataclass
class ReportView:
    report_id: str
    title: str
    year: str = ""
    source: str = ""
    genre: str = ""
    level: str = ""
    reporting_unit: str = ""
    statements: list[Statement] = field(default_factory=list)
    programs: list[tuple[str, int]] = field(default_factory=list)
    units: list[tuple[str, int]] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    links: list[dict[str, str]] = field(default_factory=list)
    metrics: list[dict[str, str]] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)


def label_of(iri: str) -> str:
    """The label an entity or concept IRI was minted from (`…/program/三会一课` → 三会一课; a local unit's
    report suffix dropped)."""
    rest = iri[len(DJ_IRI):] if iri.startswith(DJ_IRI) else iri
    parts = rest.split("/")
    return unquote(parts[1] if len(parts) > 1 else parts[0])


def category_of(iri: str) -> str:
    return iri[len(DJ_IRI):].split("/", 1)[0] if iri.startswith(DJ_IRI) else ""


def _theme_rank() -> dict[str, int]:
    names = [name for name, _, _ in taxonomy()] + [OTHER]
    return {name: n for n, name in enumerate(names)}


def report_view(report_id: str, triples: Iterable[ox.Triple]) -> ReportView:
    """The page data of one report from its own triples (its named graph)."""
    props: dict[str, dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]] = defaultdict(lambda: defaultdict(list))
    for t in triples:
        props[str(getattr(t.subject, "value", ""))][t.predicate.value].append(t.object)  # type: ignore[arg-type]
    report = f"{DJ_IRI}report/{report_id}"
    node = props.get(report, {})

    def one(p: dict[str, list], key: str) -> str:
        values = p.get(key, [])
        return str(values[0].value) if values else ""

    view = ReportView(report_id, one(node, _LABEL), one(node, DJO_IRI + "year"), one(node, DJO_IRI + "sourcePath"))
    view.genre = label_of(one(node, DJO_IRI + "genre")) if one(node, DJO_IRI + "genre") else ""
    view.level = label_of(one(node, DJO_IRI + "level")) if one(node, DJO_IRI + "level") else ""
    view.reporting_unit = label_of(one(node, DJO_IRI + "reportingUnit")) if one(node, DJO_IRI + "reportingUnit") else ""
    view.statements = _statements(props, report)
    view.programs, view.units, view.documents = _entities(props)
    view.links = _links(props)
    view.metrics = _metrics(props)
    view.passages = sorted((Passage(s.start, s.text) for s in view.statements), key=lambda p: p.start)
    view.passages += [Passage(int(one(p, NIF_IRI + "beginIndex")), one(p, NIF_IRI + "anchorOf"))
                      for s, p in props.items() if one(p, _TYPE) == NIF_IRI + "Sentence"]
    view.passages.sort(key=lambda p: (p.start, len(p.text)))
    return view


def _statements(props: dict, report: str) -> list[Statement]:
    rank = _theme_rank()
    kinds = {DJO_IRI + k: k for k in STATEMENT_KINDS}
    parent: dict[str, str] = {}
    found: dict[str, dict] = {}
    for s, p in props.items():
        kind = next((kinds[t.value] for t in p.get(_TYPE, []) if t.value in kinds), None)
        if kind is None:
            continue
        found[s] = p
        if p.get(DJO_IRI + "parentStatement"):
            parent[s] = p[DJO_IRI + "parentStatement"][0].value

    def depth(s: str) -> int:
        n = 1
        while s in parent and n < 20:
            s, n = parent[s], n + 1
        return n

    out = []
    for s, p in found.items():
        themes = sorted((label_of(t.value) for t in p.get(DJO_IRI + "theme", [])), key=lambda n: (rank.get(n, 99), n))
        out.append(Statement(int(s.rsplit("/", 1)[1]), next(kinds[t.value] for t in p[_TYPE] if t.value in kinds),
                             p[_LABEL][0].value, p[DJO_IRI + "text"][0].value, int(p[DJO_IRI + "start"][0].value),
                             depth(s), themes, p[DJO_IRI + "kindEvidence"][0].value if p.get(DJO_IRI + "kindEvidence")
                             else ""))
    out.sort(key=lambda st: (st.start, st.position))
    return out


def _entities(props: dict) -> tuple[list[tuple[str, int]], list[tuple[str, int]], list[str]]:
    counts: dict[str, Counter[str]] = {"program": Counter(), "unit": Counter(), "document": Counter()}
    for p in props.values():
        for target in p.get(DJO_IRI + "refersTo", []):
            category = category_of(target.value)
            if category in counts:
                counts[category][label_of(target.value)] += 1

    def ranked(c: Counter[str]) -> list[tuple[str, int]]:
        return sorted(c.items(), key=lambda t: (-t[1], t[0]))

    return ranked(counts["program"]), ranked(counts["unit"]), sorted(counts["document"])


def _links(props: dict) -> list[dict[str, str]]:
    out = []
    for p in props.values():
        if not p.get(DJO_IRI + "evidenceFor"):
            continue
        source, target = p[DJO_IRI + "evidenceFor"][0].value, p[DJO_IRI + "evidenceTarget"][0].value
        relation = p[DJO_IRI + "relation"][0].value
        out.append({"relation": "措施→问题" if relation.endswith("addresses") else "原因→问题",
                    "source": props[source][_LABEL][0].value, "target": props[target][_LABEL][0].value,
                    "score": f"{float(p[DJO_IRI + 'score'][0].value):g}",
                    "words": "、".join(sorted(w.value for w in p.get(DJO_IRI + "sharedWord", [])))})
    out.sort(key=lambda d: (d["relation"], d["target"], d["source"], d["score"]))
    return out


def _first(p: dict, key: str) -> str:
    values = p.get(DJO_IRI + key, [])
    return str(values[0].value) if values else ""


def _metrics(props: dict) -> list[dict[str, str]]:
    out = []
    for p in props.values():
        if not any(t.value == DJO_IRI + "Metric" for t in p.get(_TYPE, [])):
            continue

        def get(key: str, p: dict = p) -> str:
            return _first(p, key)

        value = get("value")
        out.append({"text": get("text"), "what": get("countedThing"), "value": f"{float(value):g}" if value else "",
                    "unit": get("unitOfMeasure"), "masked": "false" if value else "true",  # a figure without value is masked
                    "approx": get("approximate") or "false", "start": get("start")})
    out.sort(key=lambda m: (int(m["start"]), m["text"], m["what"], m["value"], m["unit"], m["masked"], m["approx"]))
    return out
