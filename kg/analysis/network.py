"""The networkx view of a corpus: programs, units, problems and measures with weighted edges.

Edges: two entities named in one statement (weight = number of such statements), a statement and
the programs/units it names (invokes/involves), measure → problem (addresses) and cause → problem
(explains).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from .corpus import Corpus


def network(c: Corpus) -> nx.Graph:
    """The networkx view: programs, units, problems and measures, with weighted edges."""
    g = nx.Graph()
    per_statement: dict[str, set[str]] = defaultdict(set)
    for s, e in c.invokes + c.involves:
        per_statement[s].add(e)
    for node in sorted({e for es in per_statement.values() for e in es}):
        g.add_node(node, label=c.labels.get(node, node), kind=c.kinds.get(node, ""))
    for s in sorted(per_statement):
        for a, b in combinations(sorted(per_statement[s]), 2):
            w = g[a][b]["weight"] + 1 if g.has_edge(a, b) else 1
            g.add_edge(a, b, weight=w, relation="cooccurs")
        if c.kinds.get(s) in ("Problem", "Measure"):
            g.add_node(s, label=c.labels[s], kind=c.kinds[s])
            for e in sorted(per_statement[s]):
                g.add_edge(s, e, weight=1, relation="invokes" if c.kinds.get(e) == "Program" else "involves")
    for rel, edges in (("addresses", c.addresses), ("explains", c.explains)):
        for a, b in edges:
            if c.kinds.get(a) in ("Measure", "Problem") and c.kinds.get(b) == "Problem":
                g.add_node(a, label=c.labels[a], kind=c.kinds[a])
                g.add_node(b, label=c.labels[b], kind=c.kinds[b])
                g.add_edge(a, b, weight=2, relation=rel)
    return g
