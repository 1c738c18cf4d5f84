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
                   progress=True if args.progress else None)
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
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("validate", help="check a graph against the SHACL shapes (exit 1 if it does not conform)")
    p.add_argument("graph", nargs="?", default="output/graph.ttl", help="graph file or store (default: output/graph.ttl)")
    p.set_defaults(func=_cmd_validate)

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
