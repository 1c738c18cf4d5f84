"""Normalised text → title, year, sections (with what they do) and enumerated items.

The stages, one module each: `blocks` (paragraphs, hard-wrapped lines joined), `front`
(title, outline, salutation), `markers` (the enumeration grammar), `tree` (scopes and
nested candidate items), `labels` (lead clauses), `kinds` (each item's kind and why),
`cues` (the cue lexicon). The layouts they cover are listed in docs/layouts.md.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from ..normalize import NormText
from ..records import Item, Section
from .blocks import blocks
from .cues import heading_kinds, intro_kind, introduces_only, is_cue_heading
from .front import find_year, front
from .kinds import resolve
from .labels import make_label
from .markers import INLINE_STYLES
from .tree import Tree, build_tree

__all__ = ["Structure", "analyse", "heading_kinds", "intro_kind", "is_cue_heading", "make_label"]


@dataclass
class Structure:
    title: str
    year: int | None
    sections: list[Section]
    items: list[Item]
    title_spans: tuple[tuple[int, int], ...] = ()  # normalised spans of the title's lines
    body_start: int = 0  # normalised position where the body begins (after title, outline, salutation)


def _ends(tree: Tree, text: str) -> None:
    """Each node's own text runs to the next enumerator or boundary (its block's end for inline styles)."""
    stops = sorted({n.marker.pos for n in tree.nodes} | set(tree.boundaries) | {len(text)})
    for node in tree.nodes:
        k = bisect_right(stops, node.marker.pos)
        end = stops[k] if k < len(stops) else len(text)
        if node.marker.style in INLINE_STYLES or node.marker.style == "LINE":
            end = min(end, node.block_end)
        while end > node.marker.body and text[end - 1] in " \u3000\n":
            end -= 1
        node.end = end


def analyse(norm: NormText, original: str) -> Structure:
    """Find the title, year, sections and items of a report (normalised text and the original it maps to)."""
    text = norm.text
    bl = blocks(text)
    fm = front(text, bl)
    tree = build_tree(text, bl, fm)
    _ends(tree, text)
    own = [text[n.marker.body:n.end] for n in tree.nodes]
    labels = [make_label(o, heading_line=n.block_lines == 1 and n.block_end < n.end) for o, n in zip(own, tree.nodes)]
    alive = [bool(label) for label in labels]
    for i, node in enumerate(tree.nodes):  # an item that only introduces its sub-items is none
        if node.children and introduces_only(own[i]):
            alive[i] = False
            for c in node.children:
                child = tree.nodes[c]
                child.parent = node.parent
                child.intro = child.intro or intro_kind(own[i]) or node.intro
    decisions = resolve(tree, own, alive)
    items: list[Item] = []
    position: dict[int, int] = {}
    for i, node in enumerate(tree.nodes):
        decision = decisions[i]
        if not alive[i] or decision is None:
            continue
        body = node.marker.body + len(own[i]) - len(own[i].lstrip())
        s, e = norm.span(body, node.end)
        position[i] = len(items) + 1
        parent = node.parent
        while parent is not None and parent not in position:
            parent = tree.nodes[parent].parent
        items.append(Item(kind=decision.kind, label=labels[i], text=original[s:e],
                          start=s, end=e, position=position[i], level=_depth(tree, i),
                          marker=original[slice(*norm.span(node.marker.pos, node.marker.body))].strip(),
                          parent=position.get(parent) if parent is not None else None, nstart=body, nend=node.end,
                          item_start=norm.span(node.marker.pos, node.marker.pos + 1)[0], evidence=decision.evidence))
    spans = tuple((bl[i].start, bl[i].end) for i in fm.title_blocks)
    body = next((b.start for i, b in enumerate(bl) if i not in fm.skipped), len(text))
    return Structure(fm.title, find_year(fm.title, text), _sections(tree, norm, items), items, spans, body)


def _depth(tree: Tree, i: int) -> int:
    depth, parent = 1, tree.nodes[i].parent
    while parent is not None:
        depth, parent = depth + 1, tree.nodes[parent].parent
    return depth


def _sections(tree: Tree, norm: NormText, items: list[Item]) -> list[Section]:
    out: list[Section] = []
    starts = [s.start for s in tree.scopes] + [len(norm.text)]
    for k, scope in enumerate(tree.scopes):
        if starts[k + 1] <= scope.start:
            continue
        s, e = norm.span(scope.start, starts[k + 1])
        kind = scope.kind or next((i.kind for i in items if s <= i.start < e), "other")
        out.append(Section(kind, scope.title, s, e, scope.level if k else -1))
    return out
