"""The command line: a thin layer over kg.api — parse arguments, call, print.

Every command takes --quiet (only errors) and --verbose (error codes, timings); a user's mistake
prints one sentence (`kg: …`) and exits 2, never a traceback. `kg completion bash|zsh` prints a
completion script generated from this parser.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import __version__
from .errors import E, KgError

_FORMATS_QUERY = ["table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld"]


class _Out:
    """Where a command prints: stdout unless --quiet."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.quiet, self.verbose = getattr(args, "quiet", False), getattr(args, "verbose", False)

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text)


def _positive(name: str, minimum: int = 1) -> Any:
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} takes a whole number, not `{value}`") from None
        if n < minimum:
            raise argparse.ArgumentTypeError(f"{name} must be at least {minimum}, not {n}")
        return n
    return parse


def _seconds(name: str) -> Any:
    def parse(value: str) -> float:
        try:
            x = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} takes a number of seconds, not `{value}`") from None
        if not x > 0 or x == float("inf"):
            raise argparse.ArgumentTypeError(f"{name} must be a number of seconds above 0, not {value}")
        return x
    return parse


def _params(items: list[str]) -> dict[str, str]:
    params = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise KgError(E.PARAM_FORM, item=item)
        params[key.strip()] = value
    return params


def _cmd_extract(args: argparse.Namespace) -> int:
    from .api import extract

    extraction = extract(Path(args.file))
    if args.format == "json":
        from .jsonout import to_json

        sys.stdout.write(json.dumps(to_json(extraction), ensure_ascii=False, indent=2) + "\n")
    else:
        from .graph import report_turtle

        sys.stdout.write(report_turtle(extraction))
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from .api import build
    from .build import summary

    result = build([Path(p) for p in args.paths] or None, out_dir=Path(args.output), jobs=args.jobs,
                   progress=False if args.quiet else (True if args.progress else None), views=not args.no_views,
                   optimize=True if args.optimize else None)
    _Out(args).say(summary(result))
    if args.verbose:
        print("  seconds: " + ", ".join(f"{k} {v:g}" for k, v in result.seconds.items()))
    if args.open and (result.out_dir / "index.html").exists():
        import webbrowser

        webbrowser.open((result.out_dir / "index.html").resolve().as_uri())
    return result.exit_code


def _cmd_validate(args: argparse.Namespace) -> int:
    from .api import validate

    report = validate(Path(args.graph))
    _Out(args).say(report.text)
    return 0 if report.conforms else 1


def _cmd_eval(args: argparse.Namespace) -> int:
    from .api import evaluate

    result = evaluate(gold=Path(args.gold), texts=Path(args.texts))
    if args.json:
        print(json.dumps(result.as_json(), ensure_ascii=False, indent=2))
    else:
        print(result.table(verbose=args.verbose or args.misses))
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    from .query import listing, render

    if args.list:
        print(listing())
        return 0
    if not args.query:
        raise KgError(E.QUERY_NAME_MISSING)
    params = _params(args.param)
    if args.endpoint:
        from .remote import remote_query

        result = remote_query(args.endpoint, args.query, params, allow_service=args.allow_service)
    else:
        from .api import query

        result = query(args.query, graph=Path(args.graph), params=params, engine=args.engine,
                       allow_service=args.allow_service)
    fmt = args.format or ("table" if result.kind != "graph" else "ttl")
    text = render(result, fmt, excel=args.excel)
    if fmt == "csv" and args.excel:
        sys.stdout.buffer.write(text.encode("utf-8"))
    else:
        sys.stdout.write(text.rstrip("\n") + "\n")
    return 0


def _cmd_serve(args: argparse.Namespace) -> int:
    from .api import serve

    serve(graph=Path(args.graph), host=args.host, port=args.port, timeout=args.timeout, max_rows=args.max_rows,
          memory_mb=args.memory_mb, concurrent=args.concurrent, cors=args.cors, read_timeout=args.read_timeout,
          site=args.site)
    return 0


def _cmd_viz(args: argparse.Namespace) -> int:
    from .api import views

    info = views(graph=Path(args.graph), out_dir=Path(args.output), max_nodes=args.max_nodes)
    out = info.out_dir
    _Out(args).say(f"Wrote {out}/index.html, {out}/graph.html ({info.nodes} of {info.total} nodes), "
                   f"{out}/analysis.html and {info.reports} report pages in {out}/reports/.")
    return 0


def _cmd_push(args: argparse.Namespace) -> int:
    from .api import push

    result = push(endpoint=args.endpoint, source=Path(args.source), graph=args.graph, auth=args.auth,
                  append=args.append, chunk=args.chunk, progress=sys.stderr.isatty() and not args.quiet,
                  timeout=args.timeout, sparql=args.sparql, keep_graphs=args.keep_graphs)
    target = (f"<{args.graph}>" if args.graph else "each report's named graph and the corpus graph"
              if args.keep_graphs else "the default graph")
    _Out(args).say(f"{'Added to' if args.append else 'Replaced'} {target} at {args.endpoint}: {result.triples:,} "
                   f"triples in {result.chunks} chunk(s), {result.seconds:.1f} s"
                   + (f"; the server confirms it holds {result.confirmed:,}." if result.confirmed is not None
                      else "; the server has no query endpoint to confirm the count."))
    return 0


def _cmd_analyze(args: argparse.Namespace) -> int:
    from .api import analyze

    data = analyze(graph=Path(args.graph), out_dir=Path(args.output))
    _Out(args).say(f"Wrote {args.output}/analysis.json and {args.output}/analysis.html: "
                   f"{len(data['communities'])} communities, {len(data['recurring_problems'])} recurring problems, "
                   f"{len(data['shared_text'])} shared-text pairs.")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from .api import export

    result = export(graph=Path(args.graph), fmt=args.format, out=args.output, report=args.report,
                    construct=args.construct)
    if args.output != "-":
        _Out(args).say(f"Wrote {args.output} ({result.count:,} {result.unit}).")
    return 0


def _cmd_completion(args: argparse.Namespace) -> int:
    from .completion import script

    sys.stdout.write(script(build_parser(), args.shell))
    return 0


def _add(sub: Any, name: str, func: Any, common: argparse.ArgumentParser) -> argparse.ArgumentParser:
    """A subcommand with its help line and examples from lexicons/cli_help.txt."""
    helps = _helps()[name]
    p = sub.add_parser(name, help=helps[0], description=helps[0], parents=[common],
                       epilog="examples:\n" + "\n".join("  " + line for line in helps[1:]),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.set_defaults(func=func)
    return p


def _helps() -> dict[str, list[str]]:
    """Each command's help line and examples (a data file, so the docs and --help say the same)."""
    out: dict[str, list[str]] = {}
    current = ""
    from importlib.resources import files

    for line in files("kg.templates").joinpath("cli_help.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            out[current] = []
        elif line.strip() and current:
            out[current].append(line.strip())
    return out


GRAPH_HELP = "a .ttl/.nt/.jsonld file or a store folder (default: output/store)"


def _args_extract(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a report file (.txt, .md, .docx, .pdf)")
    p.add_argument("--format", "-f", choices=["json", "ttl"], default="json")


def _args_build(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="report files or folders (default: the bundled sample reports)")
    p.add_argument("-o", "--output", default="output", help="output folder (default: output/)")
    p.add_argument("--jobs", "-j", type=_positive("--jobs"), default=None, help="worker processes (default: all cores)")
    p.add_argument("--progress", action="store_true", help="show the progress bar even when not on a terminal")
    p.add_argument("--no-views", action="store_true", help="write the graph and store only (no HTML, no analysis)")
    p.add_argument("--open", action="store_true", help="open index.html in a browser when the build is done")
    p.add_argument("--optimize", action="store_true",
                   help="compact the store after the build even above 5 M triples (faster queries, slower build)")


def _args_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", nargs="?", default="output/graph.ttl", help="graph file or store (default: output/graph.ttl)")


def _args_query(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", help="a named query (see --list), a .rq file, or SPARQL text")
    p.add_argument("--graph", "-g", default="output/store", help=GRAPH_HELP)
    p.add_argument("--endpoint", default=None, metavar="URL", help="run on a remote SPARQL endpoint instead")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a query parameter (repeatable)")
    p.add_argument("--format", "-f", choices=_FORMATS_QUERY, default=None,
                   help="table (default), csv, tsv, json, xml for SELECT/ASK; ttl (default), nt, jsonld, xml for "
                        "CONSTRUCT/DESCRIBE")
    p.add_argument("--excel", action="store_true", help="with --format csv: a byte-order mark for Excel")
    p.add_argument("--engine", choices=["oxigraph", "rdflib"], default="oxigraph",
                   help="query engine (default oxigraph; rdflib parses the graph into memory)")
    p.add_argument("--allow-service", action="store_true",
                   help="let a query's SERVICE clauses fetch other endpoints (refused otherwise)")
    p.add_argument("--list", action="store_true", help="list the named queries with their parameters")


def _args_serve(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", "-g", default="output/store", help=GRAPH_HELP)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    p.add_argument("--timeout", type=_seconds("--timeout"), default=10.0, help="per-query time limit in seconds (default: 10)")
    p.add_argument("--max-rows", type=_positive("--max-rows"), default=10000, help="result-row cap (default: 10000)")
    p.add_argument("--memory-mb", type=_positive("--memory-mb", 64), default=1024,
                   help="memory one query may use, in MB (default: 1024)")
    p.add_argument("--concurrent", type=_positive("--concurrent"), default=4,
                   help="queries run at once; more wait their turn (default: 4)")
    p.add_argument("--read-timeout", type=_seconds("--read-timeout"), default=30.0,
                   help="seconds a client may take to send its request or stay idle (default: 30)")
    p.add_argument("--cors", default=None, metavar="ORIGIN",
                   help="let web pages from ORIGIN (e.g. http://localhost:3000) query the endpoint (default: none)")
    p.add_argument("--site", default=None, help="folder of HTML views to serve (default: the graph's output folder)")


def _args_viz(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", "-g", default="output/store", help=GRAPH_HELP)
    p.add_argument("-o", "--output", default="output", help="folder to write the pages into (default: output/)")
    p.add_argument("--max-nodes", type=_positive("--max-nodes"), default=400,
                   help="most nodes in the overview (default: 400)")


def _args_push(p: argparse.ArgumentParser) -> None:
    p.add_argument("--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store")
    p.add_argument("--graph", default=None, help="IRI of the named graph to write (default: the default graph)")
    p.add_argument("--from", dest="source", default="output/store",
                   help="graph to send: a .ttl/.nt file or a store folder (default: output/store, the last build)")
    p.add_argument("--auth", default=None, metavar="USER:PASS", help="HTTP basic authentication")
    p.add_argument("--append", action="store_true", help="add to the target graph instead of replacing it")
    p.add_argument("--keep-graphs", action="store_true",
                   help="send each named graph of the store (every report's, the corpus graph) under its own IRI")
    p.add_argument("--chunk", type=_positive("--chunk"), default=100_000, help="triples per request (default: 100000)")
    p.add_argument("--timeout", type=_seconds("--timeout"), default=600.0, help="give up after this many seconds in all (default: 600)")
    p.add_argument("--sparql", default=None, metavar="URL",
                   help="the server's SPARQL query endpoint, to confirm the count (default: guessed from --endpoint)")


def _args_analyze(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", "-g", default="output/store", help=GRAPH_HELP)
    p.add_argument("-o", "--output", default="output", help="folder for analysis.json and analysis.html (default: output/)")


def _args_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", "-g", default="output/store", help=GRAPH_HELP)
    p.add_argument("--format", "-f", choices=["ttl", "nt", "jsonld", "graphml", "gexf"], required=True,
                   help="ttl, nt, jsonld (compacted, with @context): RDF; graphml, gexf: the corpus network for Gephi")
    p.add_argument("-o", "--output", required=True, help="file to write (- for standard output)")
    p.add_argument("--report", default=None, help="only this report (its id, file stem or title)")
    p.add_argument("--construct", default=None, help="only the result of a CONSTRUCT query (.rq file or SPARQL)")


def _args_eval(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", required=True, help="folder of <stem>.json gold files")
    p.add_argument("--texts", required=True, help="folder of the reports <stem>.txt")
    p.add_argument("--misses", action="store_true", help="also list the misses and false hits")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")


def _args_completion(p: argparse.ArgumentParser) -> None:
    p.add_argument("shell", choices=["bash", "zsh"], help="the shell to complete for")


_COMMANDS = (
    ("extract", _cmd_extract, _args_extract),
    ("build", _cmd_build, _args_build),
    ("validate", _cmd_validate, _args_validate),
    ("query", _cmd_query, _args_query),
    ("serve", _cmd_serve, _args_serve),
    ("viz", _cmd_viz, _args_viz),
    ("push", _cmd_push, _args_push),
    ("analyze", _cmd_analyze, _args_analyze),
    ("export", _cmd_export, _args_export),
    ("eval", _cmd_eval, _args_eval),
    ("completion", _cmd_completion, _args_completion),
)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-q", "--quiet", action="store_true", help="print only errors")
    common.add_argument("-v", "--verbose", action="store_true", help="also print error codes and timings")
    parser = argparse.ArgumentParser(prog="kg", parents=[common],
                                     description="Reports on grassroots Party-building work → a knowledge graph.",
                                     epilog="Run `kg COMMAND --help` for a command's options and examples.")
    parser.add_argument("--version", action="version", version=f"dangjian-kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, func, arguments in _COMMANDS:
        arguments(_add(sub, name, func, common))
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:  # argparse printed its one-line usage error (or --help / --version)
        return int(exit_.code or 0)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except KgError as err:
        code = f" [{err.code}]" if args.verbose and err.code else ""
        print(f"kg: {_printable(str(err))}{code}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("kg: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def _printable(text: str) -> str:
    """A message with control characters (ANSI escapes in file names …) made visible."""
    return "".join(ch if ch.isprintable() or ch in " \n" else f"\\x{ord(ch):02x}" for ch in text)
