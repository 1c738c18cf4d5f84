"""Extraction → the JSON of `kg extract --format json` (design §5)."""

from __future__ import annotations

from typing import Any

from .normalize import normalize
from .records import Entity, Extraction, Item

_KIND_KEYS = {"problems": "problems", "causes": "causes", "measures": "measures", "practices": "practices"}


def _mentions(entity: Entity) -> list[dict[str, Any]]:
    return [{"start": m.start, "end": m.end, "text": m.text} for m in entity.mentions]


def _item(item: Item, extraction: Extraction) -> dict[str, Any]:
    out: dict[str, Any] = {"label": item.label, "text": item.text, "start": item.start, "end": item.end,
                           "item_start": item.item_start, "position": item.position, "level": item.level,
                           "marker": item.marker, "parent": item.parent, "evidence": item.evidence}
    if item.kind == "problems":
        out["themes"] = extraction.themes.get(item.position, [])
    return out


def _report(extraction: Extraction) -> dict[str, Any]:
    meta = extraction.meta
    if meta is None:
        return {}
    return {"genre": meta.genre, "reporting_unit": meta.unit_label, "reporting_unit_id": meta.reporting_unit,
            "reporter_role": meta.reporter_role, "level": meta.level, "year": meta.year, "place": meta.place,
            "evidence": [{"field": e.field, "start": e.start, "end": e.end, "text": e.text} for e in meta.evidence]}


def to_json(extraction: Extraction) -> dict[str, Any]:
    ents = extraction.by_category
    units: dict[str, dict[str, Any]] = {}
    read: dict[str, str] = {}  # a mention's words as the text reads them (folded, simplified, noise-free), once each
    for unit in ents("unit"):
        for m in unit.mentions:
            surface = read.get(m.text)
            if surface is None:
                surface = read[m.text] = normalize(m.text).text.strip()
            entry = units.setdefault(surface, {"label": surface, "canonical": unit.label, "mentions": []})
            entry["mentions"].append({"start": m.start, "end": m.end, "text": m.text})
    by_pos = {i.position: i for i in extraction.items}
    links: dict[str, list[list[Any]]] = {"addresses": [], "explains": []}
    for link in extraction.links:
        links[link.relation].append([by_pos[link.source].label, by_pos[link.target].label, link.score,
                                     list(link.words)])
    out: dict[str, Any] = {
        "id": extraction.stem,
        "report_id": extraction.id,
        "sha256": extraction.source.sha256,
        "source": extraction.source.path,
        "encoding": extraction.source.encoding,
        "title": extraction.title,
        "year": extraction.year,
        "reporting_unit": extraction.reporting_unit,
        "report": _report(extraction),
        "programs": [{"label": p.label, "aliases": p.aliases, "kind": p.kind, "definition": p.definition,
                      "official_expansion": p.official, "mentions": _mentions(p)} for p in ents("program")],
        "units": list(units.values()),
    }
    for key in _KIND_KEYS:
        out[key] = [_item(i, extraction) for i in extraction.items if i.kind == key]
    out["documents"] = [{"label": d.label, "mentions": _mentions(d)} for d in ents("document")]
    out["roles"] = [{"label": r.label, "mentions": _mentions(r)} for r in ents("role")]
    out["places"] = [{"label": r.label, "mentions": _mentions(r)} for r in ents("place")]
    out["definitions"] = {p.label: p.definition for p in ents("program") if p.definition}
    out["metrics"] = [
        {"what": m.what, "value": m.value, "unit": m.unit, "masked": m.masked, "approx": m.approx, "text": m.text,
         "start": m.start, "end": m.end, **({"value_max": m.value_max} if m.value_max is not None else {})}
        for m in extraction.metrics
    ]
    out["sections"] = [{"kind": s.kind, "title": s.title, "start": s.start, "end": s.end} for s in extraction.sections]
    out["links"] = links
    return out
