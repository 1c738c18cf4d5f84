"""Thin command-line layer: parse arguments, call the public functions, print."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .errors import KgError


def _cmd_extract(args: argparse.Namespace) -> int:
    from .api import extract_file

    extraction = extract_file(Path(args.file))
    if args.format == "json":
        from .jsonout import to_json

        sys.stdout.write(json.dumps(to_json(extraction), ensure_ascii=False, indent=2) + "\n")
    else:
        from .graph import report_turtle

        sys.stdout.write(report_turtle(extraction))
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import build, summary

    result = build([Path(p) for p in args.paths] or None, Path(args.output), jobs=args.jobs,
                   progress=True if args.progress else None, optimize=True if args.optimize else None)
    print(summary(result))
    return result.exit_code


def _cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate

    report = validate(Path(args.graph))
    print(report.text)
    return 0 if report.conforms else 1


def _cmd_eval(args: argparse.Namespace) -> int:
    from .evaluate import evaluate

    result = evaluate(Path(args.gold), Path(args.texts))
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(result.table(verbose=args.verbose))
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    from .query import listing, query, render

    if args.list:
        print(listing())
        return 0
    if not args.query:
        raise KgError("name a query (`kg query --list` shows them), a .rq file or inline SPARQL.")
    params = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep:
            raise KgError(f"--param takes name=value, not `{item}`.")
        params[key.strip()] = value
    result = query(Path(args.graph), args.query, params, engine=args.engine)
    sys.stdout.write(render(result, args.format).rstrip("\n") + "\n")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from .serve import Limits, serve

    serve(Path(args.graph), args.host, args.port, Limits(args.timeout, args.max_rows),
          Path(args.site) if args.site else None)
    return 0


def _cmd_viz(args: argparse.Namespace) -> int:
    from .store import load_graph
    from .views import write_views

    out = Path(args.output)
    info = write_views(load_graph(Path(args.graph)), out, max_nodes=args.max_nodes)
    print(f"Wrote {out}/index.html, {out}/graph.html ({info['nodes']} of {info['total']} nodes) "
          f"and {info['reports']} report pages in {out}/reports/.")
    return 0


def _cmd_push(args: argparse.Namespace) -> int:
    from .push import push

    result = push(Path(args.source), args.endpoint, args.graph, args.auth, args.append, args.chunk,
                  progress=sys.stderr.isatty())
    target = f"<{args.graph}>" if args.graph else "the default graph"
    print(f"{'Added' if args.append else 'Replaced'} {target} at {args.endpoint} with {result.triples:,} triples "
          f"in {result.chunks} chunk(s), {result.seconds:.1f} s.")
    return 0


def _cmd_analyze(args: argparse.Namespace) -> int:
    from .analysis import write_analysis
    from .store import load_graph

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    data = write_analysis(load_graph(Path(args.graph)), out)
    print(f"Wrote {out}/analysis.json and {out}/analysis.html: {len(data['communities'])} communities, "
          f"{len(data['recurring_problems'])} recurring problems, {len(data['shared_text'])} shared-text pairs.")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .export import export

    n = export(Path(args.graph), args.format, Path(args.output), args.report, args.construct)
    print(f"Wrote {args.output} ({n:,} {'nodes' if args.format == 'graphml' else 'triples'}).")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kg", description="Reports on grassroots Party-building work → a knowledge graph.")
    parser.add_argument("--version", action="version", version=f"dangjian-kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="print one report's extraction (JSON or Turtle)")
    p.add_argument("file", help="a report file (.txt, .md, .docx, .pdf)")
    p.add_argument("--format", choices=["json", "ttl"], default="json")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("build", help="build the graph of a folder of reports (default: the bundled samples)")
    p.add_argument("paths", nargs="*", help="report files or folders (default: the bundled sample reports)")
    p.add_argument("-o", "--output", default="output", help="output folder (default: output/)")
    p.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: all cores)")
    p.add_argument("--progress", action="store_true", help="show the progress bar even when not on a terminal")
    p.add_argument("--optimize", action="store_true",
                   help="compact the store after the build even above 5 M triples (faster queries, slower build)")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("validate", help="check a graph against the SHACL shapes (exit 1 if it does not conform)")
    p.add_argument("graph", nargs="?", default="output/graph.ttl", help="graph file or store (default: output/graph.ttl)")
    p.set_defaults(func=_cmd_validate)

    p = sub.add_parser("query", help="run a named query, a .rq file or inline SPARQL on a graph")
    p.add_argument("query", nargs="?", help="a named query (see --list), a .rq file, or SPARQL text")
    p.add_argument("--graph", "-g", default="output/store",
                   help="graph: a .ttl/.nt/.jsonld file or a store folder (default: output/store)")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a query parameter (repeatable)")
    p.add_argument("--format", "-f", choices=["table", "csv", "tsv", "json", "xml"], default="table")
    p.add_argument("--engine", choices=["oxigraph", "rdflib"], default="oxigraph",
                   help="query engine (default oxigraph; rdflib parses the graph into memory)")
    p.add_argument("--list", action="store_true", help="list the named queries with their parameters")
    p.set_defaults(func=_cmd_query)

    p = sub.add_parser("serve", help="read-only SPARQL 1.1 Protocol endpoint, query page and HTML views")
    p.add_argument("--graph", "-g", default="output/store", help="graph file or store folder (default: output/store)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    p.add_argument("--timeout", type=float, default=10.0, help="per-query time limit in seconds (default: 10)")
    p.add_argument("--max-rows", type=int, default=10000, help="result-row cap (default: 10000)")
    p.add_argument("--site", default=None, help="folder of HTML views to serve (default: the graph's output folder)")
    p.set_defaults(func=_cmd_serve)

    p = sub.add_parser("viz", help="rebuild the HTML views (overview, report pages, index) from a graph")
    p.add_argument("--graph", "-g", default="output/store", help="graph file or store folder (default: output/store)")
    p.add_argument("-o", "--output", default="output", help="folder to write the pages into (default: output/)")
    p.add_argument("--max-nodes", type=int, default=400, help="most nodes in the overview (default: 400)")
    p.set_defaults(func=_cmd_viz)

    p = sub.add_parser("push", help="send a graph to a SPARQL 1.1 Graph Store endpoint (Oxigraph, Fuseki, Virtuoso …)")
    p.add_argument("--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store")
    p.add_argument("--graph", default=None, help="IRI of the named graph to write (default: the default graph)")
    p.add_argument("--from", dest="source", default="output/store",
                   help="graph to send: a .ttl/.nt file or a store folder (default: output/store, the last build)")
    p.add_argument("--auth", default=None, metavar="USER:PASS", help="HTTP basic authentication")
    p.add_argument("--append", action="store_true", help="add to the target graph instead of replacing it")
    p.add_argument("--chunk", type=int, default=100_000, help="triples per request (default: 100000)")
    p.set_defaults(func=_cmd_push)

    p = sub.add_parser("analyze", help="rankings, communities, trends, recurring problems, shared text (networkx)")
    p.add_argument("--graph", "-g", default="output/store", help="graph file or store folder (default: output/store)")
    p.add_argument("-o", "--output", default="output", help="folder for analysis.json and analysis.html (default: output/)")
    p.set_defaults(func=_cmd_analyze)

    p = sub.add_parser("export", help="export a graph, one report's part or a CONSTRUCT result (ttl, nt, jsonld, graphml)")
    p.add_argument("--graph", "-g", default="output/store", help="graph file or store folder (default: output/store)")
    p.add_argument("--format", "-f", choices=["ttl", "nt", "jsonld", "graphml"], required=True)
    p.add_argument("-o", "--output", required=True, help="file to write")
    p.add_argument("--report", default=None, help="only this report (its id, file stem or title)")
    p.add_argument("--construct", default=None, help="only the result of a CONSTRUCT query (.rq file or SPARQL)")
    p.set_defaults(func=_cmd_export)

    p = sub.add_parser("eval", help="score the extractor against your own gold annotations (P, R, F1 per category)")
    p.add_argument("--gold", required=True, help="folder of <stem>.json gold files")
    p.add_argument("--texts", required=True, help="folder of the reports <stem>.txt")
    p.add_argument("-v", "--verbose", action="store_true", help="also list the misses and false hits")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.set_defaults(func=_cmd_eval)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except KgError as err:
        print(f"kg: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
