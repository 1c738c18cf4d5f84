"""Rankings and communities: programs by reports and by weighted PageRank, units by the programs they
run, Louvain communities of programs (fixed seed), each named by its most central member."""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .corpus import Corpus

SEED = 7


@dataclass
class Ranked:
    """What several analyses share: the network's PageRank and who names what where."""

    corpus: Corpus
    graph: nx.Graph
    rank: dict[str, float]
    programs: list[str]
    program_reports: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    statement_programs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    unit_programs: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def report_of(self, statement: str) -> str:
        return self.corpus.statement_report.get(statement, "")


def pagerank(g: nx.Graph, alpha: float = 0.85, tol: float = 1.0e-6, max_iter: int = 100) -> dict[str, float]:
    """Weighted PageRank of an undirected graph: networkx's power iteration (same steps, same stopping rule),
    with the sparse matrix built from numpy arrays filled edge by edge rather than networkx's lists of edge
    tuples, which at 10,000 reports held a few hundred megabytes for a moment."""
    import numpy as np
    import scipy.sparse

    nodes = list(g)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: k for k, node in enumerate(nodes)}
    us, vs, ws = array("q"), array("q"), array("d")  # one pass over the edges, no tuple kept
    for u, v, w in g.edges(data="weight", default=1):
        us.append(index[u])
        vs.append(index[v])
        ws.append(w)
    rows, cols, weights = np.frombuffer(us, dtype=np.int64), np.frombuffer(vs, dtype=np.int64), np.frombuffer(ws)
    loops = rows == cols  # a self-loop is one entry, not two
    a = scipy.sparse.coo_array((np.r_[weights, weights[~loops]], (np.r_[rows, cols[~loops]], np.r_[cols, rows[~loops]])),
                               shape=(n, n)).tocsr()
    s = a.sum(axis=1)
    s[s != 0] = 1.0 / s[s != 0]
    a = scipy.sparse.dia_array((s.T, 0), shape=a.shape).tocsr() @ a
    x = np.repeat(1.0 / n, n)
    p = np.repeat(1.0 / n, n)
    dangling = np.where(s == 0)[0]
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ a + sum(x[dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - last).sum() < n * tol:
            return dict(zip(nodes, map(float, x)))
    raise nx.PowerIterationFailedConvergence(max_iter)


def ranked(c: Corpus, g: nx.Graph) -> Ranked:
    rank = pagerank(g)
    r = Ranked(c, g, rank, [n for n, d in g.nodes(data=True) if d["kind"] == "Program"])
    for s, p in c.invokes:
        r.program_reports[p].add(r.report_of(s))
        r.statement_programs[s].add(p)
    for s, u in c.involves:
        r.unit_programs[u] |= r.statement_programs.get(s, set())
    return r


def rankings(r: Ranked, top: int) -> dict[str, list[dict[str, Any]]]:
    c, rank = r.corpus, r.rank
    by_reports = sorted((p for p in c.labels if c.kinds[p] == "Program" and c.report_count.get(p, 0) > 0),
                        key=lambda p: (-c.report_count.get(p, 0), -rank.get(p, 0.0), c.labels[p]))[:top]
    return {
        "programs_by_reports": [{"program": c.labels[p], "reports": c.report_count.get(p, 0),
                                 "pagerank": round(rank.get(p, 0.0), 5)} for p in by_reports],
        "programs_by_pagerank": [{"program": c.labels[p], "pagerank": round(rank[p], 5),
                                  "reports": c.report_count.get(p, 0)}
                                 for p in sorted(r.programs, key=lambda p: (-rank[p], c.labels[p]))[:top]],
        "units_by_programs": [{"unit": c.labels[u], "programs": len(ps), "examples": sorted(c.labels[p] for p in ps)[:5]}
                              for u, ps in sorted(r.unit_programs.items(),
                                                  key=lambda kv: (-len(kv[1]), c.labels[kv[0]]))[:top] if ps],
    }


def communities(r: Ranked) -> list[dict[str, Any]]:
    """Louvain on the programs' co-occurrence graph."""
    c = r.corpus
    pg = nx.Graph()
    pg.add_nodes_from(sorted(r.programs))
    for a, b, d in r.graph.edges(data=True):
        if a in pg and b in pg and d["relation"] == "cooccurs":
            pg.add_edge(a, b, weight=d["weight"])
    if not pg.number_of_edges():
        return []
    out = []
    found = nx.community.louvain_communities(pg, weight="weight", seed=SEED)
    ordered_found = [m for m in sorted(found, key=lambda m: (-len(m), sorted(c.labels[x] for x in m))) if len(m) >= 2]
    community_of = {p: n for n, members in enumerate(ordered_found) for p in members}
    units_of: dict[int, Counter[str]] = defaultdict(Counter)  # one pass over the statements, not one per community
    for s, u in c.involves:
        for n in {community_of[p] for p in r.statement_programs.get(s, ()) if p in community_of}:
            units_of[n][u] += 1
    for n, members in enumerate(ordered_found):
        ordered = sorted(members, key=lambda p: (-r.rank.get(p, 0.0), c.labels[p]))
        units = units_of[n]
        titles = sorted({c.report_title.get(rep, rep) for p in members for rep in r.program_reports[p]})
        out.append({"name": c.labels[ordered[0]], "size": len(members),
                    "programs": [c.labels[p] for p in ordered[:15]],
                    "units": [c.labels[u] for u, _ in sorted(units.items(), key=lambda kv: (-kv[1], c.labels[kv[0]]))[:8]],
                    "reports": titles[:10], "report_count": len(titles)})
    return out
