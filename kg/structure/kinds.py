"""Each item's kind, and why: heading, intro clause, parent, wording, or position.

Evidence, strongest first:
1. the clause that opens the item's run (`还存在一些不足：一是…` → problems);
2. the parent item's kind (children state parts of their parent), unless the parent frames them
   (`1.关于“…”问题的整改` is a problem; its sub-items report how it was fixed);
3. the scope's cue (a heading `存在的问题`, a cue sub-heading, a lead paragraph `下一步，…`);
4. for a scope no cue names: the wording of its items and heading, weighed per kind
   (lexicons/section_cues.tsv `item` rows and `一要` enumerators), else the position: what
   comes before a report's problems is done work, what comes after them is planned work.
"""

from __future__ import annotations

from dataclasses import dataclass

from .cues import enumerator_kind, frame_kind, language_scores
from .tree import Tree

_MARGIN = 1.5  # a kind's wording must outweigh the next one by this factor to decide a scope
_MIN_SCORE = 3.0


@dataclass(frozen=True)
class Decision:
    kind: str
    evidence: str


def _leaning(text: str) -> str | None:
    """The kind one text's wording leans to, if clearly."""
    scores = sorted(language_scores(text).items(), key=lambda kv: -kv[1])
    (kind, best), (_, second) = scores[0], scores[1]
    return kind if best >= _MIN_SCORE and best >= _MARGIN * max(second, 1.0) else None


def _vote(title: str, texts: list[str], markers: list[str]) -> Decision | None:
    """A scope's kind from its items' wording: most of its items (and its heading) lean the same way."""
    votes = [_leaning(text) for text in texts]
    votes += ["measures" for m in markers if enumerator_kind(m) == "measures"]
    heading = _leaning(title) if title else None
    counts = {k: votes.count(k) + (2 if heading == k else 0) for k in ("practices", "problems", "measures")}
    kind, best = max(counts.items(), key=lambda kv: kv[1])
    others = sum(counts.values()) - best
    if best >= 1 and best >= 0.6 * (len(texts) + (2 if heading else 0)) and best > others:
        return Decision(kind, "wording")
    return None


def resolve(tree: Tree, own_texts: list[str], alive: list[bool]) -> list[Decision | None]:
    """The kind of every live node (None for dropped ones)."""
    nodes = tree.nodes
    out: list[Decision | None] = [None] * len(nodes)
    for i, node in enumerate(nodes):
        if not alive[i]:
            continue
        if node.intro is not None:
            out[i] = Decision(node.intro.kind, f"intro:{node.intro.words}")
        elif node.parent is not None and out[node.parent] is not None:
            out[i] = _inherit(out[node.parent], own_texts[node.parent])  # type: ignore[arg-type]
        elif tree.scopes[node.scope].kind is not None:
            scope = tree.scopes[node.scope]
            out[i] = Decision(scope.kind, scope.evidence)  # type: ignore[arg-type]
    problem_side = False
    by_scope: dict[int, list[int]] = {}
    for i, n in enumerate(nodes):
        if alive[i]:
            by_scope.setdefault(n.scope, []).append(i)
    for s, scope in enumerate(tree.scopes):
        if scope.kind in ("problems", "causes"):
            problem_side = True
        members = by_scope.get(s, [])
        undecided = [i for i in members if out[i] is None and not _has_live_parent(nodes[i].parent, alive)]
        if undecided:
            decision = _vote(scope.title, [own_texts[i] for i in undecided],
                             [nodes[i].marker.text for i in undecided])
            if decision is None:
                decision = Decision("measures" if problem_side else "practices", "position")
            for i in undecided:
                out[i] = decision
        for i in members:
            if out[i] is None:
                parent = nodes[i].parent
                inherited = out[parent] if parent is not None else None
                out[i] = _inherit(inherited, own_texts[parent]) if inherited is not None and parent is not None else \
                    Decision("measures" if problem_side else "practices", "position")
            decided = out[i]
            if decided is not None and decided.kind in ("problems", "causes"):
                problem_side = True
    return out


def _inherit(parent: Decision, parent_text: str) -> Decision:
    """A child's kind from its parent: the parent's own, or the one the parent's text frames."""
    framed = frame_kind(parent_text)
    return Decision(framed.kind, f"frame:{framed.words}") if framed else Decision(parent.kind, "parent")


def _has_live_parent(parent: int | None, alive: list[bool]) -> bool:
    return parent is not None and alive[parent]
