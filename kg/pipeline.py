"""One report from source to Extraction: normalise → structure → extract → link."""

from __future__ import annotations

from collections import Counter, defaultdict

from .extract.context import Context
from .extract.definitions import definitions
from .extract.documents import document_hits
from .extract.metrics import metric_hits
from .extract.people import place_hits, role_hits
from .extract.programs import ProgramHit, defined_name_hits, formula_hits, formula_lexicon, quoted_hits
from .extract.report import ReportMeta, read_metadata
from .extract.units import is_unit_name, sub_organisations, unit_hits
from .normalize import normalize
from .records import Entity, Extraction, Mention, Source
from .relations import link_items
from .structure import analyse
from .themes import assign_themes

UNTITLED = "（无题）"
UNTITLED_CHARS = 20


def untitled_label(body: str) -> str:
    """A report without a title line is labelled by its opening words, marked as untitled: an analyst
    recognises the text, and a file name (often a hash or a number) says nothing."""
    opening = " ".join(body.split())[:UNTITLED_CHARS]
    return UNTITLED + (opening + "…" if opening else "")


def extract(source: Source) -> Extraction:
    """Run every stage on one report."""
    norm = normalize(source.text)
    structure = analyse(norm, source.text)
    ctx = Context(norm, source.text)
    title = structure.title or untitled_label(norm.text[structure.body_start:])

    quoted_unit_names = frozenset(
        q.content(ctx.text).strip() for q in ctx.quotes if is_unit_name(q.content(ctx.text).strip())
    )
    q_programs, quoted_units = quoted_hits(ctx, quoted_unit_names)
    hits = q_programs + formula_hits(ctx) + defined_name_hits(ctx)
    entities = _programs(ctx, hits)

    units: dict[str, Entity] = {}
    unit_list = unit_hits(ctx, quoted_units, [(h.start, h.end) for h in q_programs])
    for hit in unit_list:
        entity = units.setdefault(hit.canonical, Entity("unit", hit.canonical, kind=hit.kind, named=hit.named,
                                                        place=hit.place, local=hit.local))
        entity.mentions.append(ctx.mention(hit.start, hit.end))
        if hit.label not in entity.aliases:
            entity.aliases.append(hit.label)
    entities.extend(units.values())

    spans: tuple[tuple[str, list[tuple[str, int, int]]], ...] = (
        ("document", [(h.label, h.start, h.end) for h in document_hits(ctx)]),
        ("role", [(h.label, h.start, h.end) for h in role_hits(ctx)]),
        ("place", [(h.label, h.start, h.end) for h in place_hits(ctx)]))
    for category, found in spans:
        grouped: dict[str, Entity] = {}
        for label, start, end in found:
            grouped.setdefault(label, Entity(category, label)).mentions.append(ctx.mention(start, end))
        entities.extend(grouped.values())

    skip = [(h.start, h.end) for h in hits] + [(q.start, q.end) for q in ctx.quotes]
    metrics = metric_hits(ctx, skip)
    links = link_items(structure.items, entities, ctx.tokens_between, ctx.text)
    themes = assign_themes(structure.items)
    for child, parent in sub_organisations(ctx, unit_list):
        if parent not in units[child].parents:
            units[child].parents.append(parent)
    meta = read_metadata(ctx, structure.title_spans, structure.body_start, unit_list)
    _add_reporting_unit(ctx, meta, units, entities)
    return Extraction(source=source, title=title, year=meta.year, sections=structure.sections,
                      items=structure.items, entities=entities, metrics=metrics, links=links, themes=themes,
                      reporting_unit=meta.reporting_unit, norm_text=norm.text, meta=meta)


def _programs(ctx: Context, hits: list[ProgramHit]) -> list[Entity]:
    """Group program hits by name; mentions are every occurrence of the name in the report."""
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    first: dict[str, int] = {}
    for hit in hits:
        kinds[hit.label][hit.kind] += 1 if hit.kind else 0
        first[hit.label] = min(first.get(hit.label, hit.start), hit.start)
    defs = definitions(ctx, hits)
    lexicon = formula_lexicon()
    text = ctx.text
    out: list[Entity] = []
    labels = sorted(first, key=lambda label: (text.find(label) if text.find(label) >= 0 else first[label], label))
    for label in labels:
        mentions: list[Mention] = []
        pos = text.find(label)
        while pos >= 0:
            mentions.append(ctx.mention(pos, pos + len(label)))
            pos = text.find(label, pos + len(label))
        if not mentions:
            hit = next(h for h in hits if h.label == label)
            mentions.append(ctx.mention(hit.start, hit.end))
        kind = kinds[label].most_common(1)[0][0] if kinds[label] and kinds[label].most_common(1)[0][1] else ""
        aliases = sorted({f"{label}{k}" for k in kinds[label] if k} | {m.text for m in mentions if m.text != label})
        official = lexicon.get(label, (label, []))[1]
        out.append(Entity("program", label, mentions, aliases, kind, defs.get(label, []), list(official)))
    return out


def _add_reporting_unit(ctx: Context, meta: ReportMeta, units: dict[str, Entity], entities: list[Entity]) -> None:
    """A reporting unit read from a title (`X区书记…` → X区委) is a unit of the report even where no unit mention
    stands for it."""
    hit = meta.unit_hit
    if hit is None or hit.canonical in units:
        return
    mention = ctx.mention(hit.start, hit.end)
    aliases = sorted({hit.label, mention.text} - {hit.canonical})
    entity = Entity("unit", hit.canonical, [mention], aliases, hit.kind, named=hit.named, place=hit.place,
                    local=hit.local)
    units[hit.canonical] = entity
    entities.append(entity)
