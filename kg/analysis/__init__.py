"""What the corpus says, with networkx: rankings, communities, trends, recurring problems and
shared text — as `analysis.json` and an offline `analysis.html`.

`corpus` reads the graph once; `network` builds the networkx view; `rankings`, `trends` and
`recurring` compute; `page` renders. PageRank is weighted; communities are Louvain with a fixed
seed on the programs' co-occurrence graph.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..digest import Digest
from ..store import atomic_write
from .corpus import Corpus, load
from .network import network
from .page import analysis_html
from .rankings import communities, ranked, rankings
from .recurring import recurring_problems
from .trends import trends

__all__ = ["Corpus", "analyse", "analysis_html", "load", "network", "write_analysis"]


def analyse(store: ox.Store, top: int = 30, digests: list[Digest] | None = None) -> dict[str, Any]:
    """Every analysis, as JSON-able data with a deterministic order (`digests`: the reports' digests
    when the caller has them; else they are read from the store)."""
    c = load(store, digests)
    g = network(c)
    r = ranked(c, g)
    shared_text = [{"report_a": c.report_title.get(a, a), "report_b": c.report_title.get(b, b), "share": s}
                   for a, b, s in sorted(c.shares, key=lambda t: (-t[2], t[0], t[1]))]
    named = sum(1 for e, kind in c.kinds.items() if kind == "Program" and c.report_count.get(e, 0) > 0)
    return {"summary": {"reports": len(c.report_title), "programs": named, "programs_in_statements": len(r.programs),
                        "nodes": g.number_of_nodes(),
                        "edges": g.number_of_edges()},
            "rankings": rankings(r, top), "communities": communities(r)[:top], "trends": trends(r, top),
            "recurring_problems": recurring_problems(r, top), "shared_text": shared_text[: top * 5]}


def write_analysis(store: ox.Store, out_dir: Path, digests: list[Digest] | None = None) -> dict[str, Any]:
    data = analyse(store, digests=digests)
    atomic_write(out_dir / "analysis.json",
                 lambda fh: fh.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")))
    atomic_write(out_dir / "analysis.html", lambda fh: fh.write(analysis_html(data).encode("utf-8")))
    return data


