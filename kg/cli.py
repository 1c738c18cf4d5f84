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
from .cli_args import (
    args_analyze,
    args_build,
    args_completion,
    args_eval,
    args_export,
    args_extract,
    args_push,
    args_query,
    args_serve,
    args_validate,
    args_viz,
)
from .errors import E, KgError


class _Out:
    """Where a command prints: stdout unless --quiet."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.quiet, self.verbose = getattr(args, "quiet", False), getattr(args, "verbose", False)

    def say(self, text: str) -> None:
        if not self.quiet:
            print(text)


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


_COMMANDS = (
    ("extract", _cmd_extract, args_extract),
    ("build", _cmd_build, args_build),
    ("validate", _cmd_validate, args_validate),
    ("query", _cmd_query, args_query),
    ("serve", _cmd_serve, args_serve),
    ("viz", _cmd_viz, args_viz),
    ("push", _cmd_push, args_push),
    ("analyze", _cmd_analyze, args_analyze),
    ("export", _cmd_export, args_export),
    ("eval", _cmd_eval, args_eval),
    ("completion", _cmd_completion, args_completion),
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
