"""Query benchmark: the median seconds of every named query, on the embedded Oxigraph store (and rdflib).

    python benchmarks/bench_query.py OUTPUT_DIR [--runs 5] [--rdflib]
    python benchmarks/bench_query.py --reports 500 2000 10000 [--jobs 2] [--work /tmp/kg-bench]

With OUTPUT_DIR, times the queries on that `kg build` output. With --reports, generates a corpus of each
size (benchmarks/make_corpus.py), builds it, and prints one table with a column per size, so growth is
visible; corpora and builds are kept in --work and reused when they are already there.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from kg.query import bindings, named_queries, run_oxigraph, run_rdflib
from kg.store import load_graph

HERE = Path(__file__).resolve().parent


def timed(fn, runs: int, budget: float = 60.0) -> tuple[float, object]:  # noqa: ANN001
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
        if sum(times) > budget:
            break
    return statistics.median(times), result


def medians(output: Path, runs: int) -> tuple[int, dict[str, tuple[float, int]]]:
    store = load_graph(output / "store")
    out = {}
    for name, q in named_queries().items():
        binds = bindings(q, {})
        run_oxigraph(store, q.text, binds)  # warm the caches once
        seconds, result = timed(lambda q=q, b=binds: run_oxigraph(store, q.text, b), runs)
        out[name] = (seconds, len(result.rows))  # type: ignore[attr-defined]
    return len(store), out


def prepared(n: int, work: Path, jobs: int) -> Path:
    corpus, output = work / f"corpus{n}", work / f"out{n}"
    if not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "-n", str(n), "-o", str(corpus)], check=True)
    if not (output / "build.json").exists():
        subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(output), "--jobs", str(jobs),
                        "--no-views", "-q"], check=True)
    return output


def by_size(sizes: list[int], work: Path, jobs: int, runs: int) -> None:
    columns = {}
    for n in sizes:
        triples, found = medians(prepared(n, work, jobs), runs)
        columns[n] = found
        print(f"{n:,} reports: {triples:,} triples", flush=True)
    head = "".join(f" {f'{n:,} rep. s':>13}" for n in sizes)
    print(f"{'query':<24}{head}")
    for name in named_queries():
        print(f"{name:<24}" + "".join(f" {columns[n][name][0]:>13.3f}" for n in sizes))
    for n in sizes:
        worst = max(columns[n].items(), key=lambda kv: kv[1][0])
        print(f"slowest at {n:,} reports: {worst[0]} {worst[1][0]:.3f} s")


def one_output(output: Path, runs: int, with_rdflib: bool) -> None:
    triples, found = medians(output, runs)
    print(f"graph: {triples:,} triples")
    graph = None
    if with_rdflib:
        import rdflib

        graph = rdflib.Graph().parse(output / "graph.ttl", format="turtle")
    print(f"{'query':<24} {'oxigraph s':>10} {'rows':>6}" + (f" {'rdflib s':>9}" if graph is not None else ""))
    for name, (seconds, rows) in found.items():
        line = f"{name:<24} {seconds:>10.3f} {rows:>6}"
        if graph is not None:
            q = named_queries()[name]
            rl_s, _ = timed(lambda q=q: run_rdflib(graph, q.text, bindings(q, {})), 3)
            line += f" {rl_s:>9.3f}"
        print(line)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("output", type=Path, nargs="?", help="a kg build output folder (with store/ and graph.ttl)")
    ap.add_argument("--reports", type=int, nargs="+", help="generate and build corpora of these sizes")
    ap.add_argument("--work", type=Path, default=Path("/tmp/kg-bench"), help="where --reports keeps its corpora")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rdflib", action="store_true", help="also time rdflib (slow beyond 1 M triples)")
    args = ap.parse_args()
    if args.reports:
        args.work.mkdir(parents=True, exist_ok=True)
        by_size(args.reports, args.work, args.jobs, args.runs)
    elif args.output:
        one_output(args.output, args.runs, args.rdflib)
    else:
        ap.error("name an output folder or --reports N …")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
