"""The networkx view of a corpus: programs, units, problems and measures with weighted edges.

Edges: two entities named in one statement (weight = number of such statements), a statement and
the programs/units it names (invokes/involves), measure → problem (addresses) and cause → problem
(explains).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import chain, combinations

import networkx as nx

from .corpus import Corpus


def network(c: Corpus) -> nx.Graph:
    """The networkx view: programs, units, problems and measures, with weighted edges. Weights are
    added up in plain dictionaries and the graph is made in one go (10,000 reports: millions of pairs)."""
    g = nx.Graph()
    per_statement: dict[str, set[str]] = defaultdict(set)
    for s, e in chain(c.invokes, c.involves):  # not a concatenated copy of a million pairs
        per_statement[s].add(e)
    g.add_nodes_from((node, {"label": c.labels.get(node, node), "kind": c.kinds.get(node, "")})
                     for node in sorted({e for es in per_statement.values() for e in es}))
    cooccurs: Counter[tuple[str, str]] = Counter()
    typed: dict[tuple[str, str], tuple[int, str]] = {}
    statements: set[str] = set()
    for s in sorted(per_statement):
        entities = sorted(per_statement[s])
        cooccurs.update(combinations(entities, 2))
        if c.kinds.get(s) in ("Problem", "Measure"):
            statements.add(s)
            for e in entities:
                typed[(s, e)] = (1, "invokes" if c.kinds.get(e) == "Program" else "involves")
    for rel, edges in (("addresses", c.addresses), ("explains", c.explains)):
        for a, b in edges:
            if c.kinds.get(a) in ("Measure", "Problem") and c.kinds.get(b) == "Problem":
                statements.update((a, b))
                typed[(a, b)] = (2, rel)
    del per_statement
    g.add_nodes_from((s, {"label": c.labels[s], "kind": c.kinds[s]}) for s in sorted(statements))
    # in key order, sorting the keys alone (items would be a second tuple per pair: 570,000 at 10,000 reports)
    g.add_edges_from((a, b, {"weight": cooccurs[(a, b)], "relation": "cooccurs"}) for a, b in sorted(cooccurs))
    del cooccurs
    g.add_edges_from((a, b, {"weight": typed[(a, b)][0], "relation": typed[(a, b)][1]}) for a, b in sorted(typed))
    return g
