"""Server benchmark: `kg push` into the Oxigraph server and Virtuoso (started on free loopback ports, as
the tests start them), then every named query on each through `kg query --endpoint`'s code path.

    python benchmarks/bench_servers.py OUTPUT_DIR [--runs 3]

OUTPUT_DIR is a `kg build` output (its store is pushed). Prints the push rate per server and the
median seconds of every named query per server, heaviest first.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from servers import VIRTUOSO_USER, oxigraph_server, virtuoso  # noqa: E402

from kg.push import push  # noqa: E402
from kg.query import named_queries  # noqa: E402
from kg.remote import remote_query  # noqa: E402

GRAPH = "https://w3id.org/dangjian-kg/id/graph/bench"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("output", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    store = args.output / "store"
    with tempfile.TemporaryDirectory() as tmp, oxigraph_server(Path(tmp) / "ox") as ox_base, \
            virtuoso(Path(tmp) / "vt") as vt_base:
        servers = {"oxigraph server": (ox_base + "/store", ox_base + "/query", None),
                   "virtuoso": (vt_base + "/sparql-graph-crud-auth", vt_base + "/sparql", VIRTUOSO_USER)}
        times: dict[str, dict[str, tuple[float, int]]] = {}
        for name, (endpoint, sparql, auth) in servers.items():
            result = push(store, endpoint, GRAPH, auth, chunk=100_000, timeout=3600)
            print(f"{name}: pushed {result.triples:,} triples in {result.seconds:.1f} s "
                  f"({result.triples / result.seconds:,.0f} triples/s), server confirms {result.confirmed:,}")
            times[name] = {}
            for qname in sorted(named_queries()):
                runs = []
                rows = 0
                for _ in range(args.runs):
                    t0 = time.perf_counter()
                    rows = len(remote_query(sparql, qname, timeout=600).rows)
                    runs.append(time.perf_counter() - t0)
                times[name][qname] = (statistics.median(runs), rows)
        names = list(servers)
        print(f"\n{'query':28}" + "".join(f"{n:>18}" for n in names) + "    rows")
        heaviest = sorted(times[names[-1]], key=lambda q: -times[names[-1]][q][0])
        for q in heaviest:
            print(f"{q:28}" + "".join(f"{times[n][q][0]:>17.3f}s" for n in names) + f"  {times[names[-1]][q][1]:>6}")


if __name__ == "__main__":
    main()
