"""Query benchmark: every named query on the Oxigraph store and on rdflib's in-memory store.

    python benchmarks/bench_query.py OUTPUT_DIR [--runs 5] [--rdflib-runs 3]

OUTPUT_DIR is a `kg build` output over a generated corpus with at least 1 M triples, e.g.

    python benchmarks/make_corpus.py -n 500 -o /tmp/c500 && kg build /tmp/c500 -o /tmp/o500

Prints the median seconds per query for each engine and the speed-up, and checks that
both engines return the same number of rows.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from kg.query import bindings, named_queries, run_oxigraph, run_rdflib
from kg.store import load_graph


def timed(fn, runs: int, budget: float = 60.0) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
        if sum(times) > budget:
            break
    return statistics.median(times), result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("output", type=Path, help="a kg build output folder (with store/ and graph.ttl)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rdflib-runs", type=int, default=3)
    args = ap.parse_args()
    store = load_graph(args.output / "store")
    triples = len(store)
    import rdflib

    started = time.perf_counter()
    graph = rdflib.Graph().parse(args.output / "graph.ttl", format="turtle")
    parse_s = time.perf_counter() - started
    print(f"graph: {triples:,} triples; rdflib parses graph.ttl in {parse_s:.1f} s")
    print(f"{'query':<24} {'oxigraph s':>10} {'rdflib s':>9} {'speed-up':>8} {'rows':>6}")
    worst = ("", 0.0, 0.0)
    for name, q in named_queries().items():
        binds = bindings(q, {})
        ox_s, ox_r = timed(lambda q=q, b=binds: run_oxigraph(store, q.text, b), args.runs)
        rl_s, rl_r = timed(lambda q=q, b=binds: run_rdflib(graph, q.text, b), args.rdflib_runs)
        rows = len(ox_r.rows)
        same = "" if rows == len(rl_r.rows) else f" (rdflib {len(rl_r.rows)} rows!)"
        print(f"{name:<24} {ox_s:>10.3f} {rl_s:>9.3f} {rl_s / max(ox_s, 1e-6):>7.1f}x {rows:>6}{same}")
        if rl_s > worst[2]:
            worst = (name, ox_s, rl_s)
    print(f"heaviest on rdflib: {worst[0]}: oxigraph {worst[1]:.3f} s, rdflib {worst[2]:.1f} s, "
          f"{worst[2] / max(worst[1], 1e-6):.0f}x faster on Oxigraph")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
