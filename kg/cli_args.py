"""The command line's arguments: each subcommand's options, and the types that check their values
(whole numbers with a floor, seconds above zero) so a bad value is one argparse sentence."""

from __future__ import annotations

import argparse
from typing import Any

FORMATS_QUERY = ["table", "csv", "tsv", "json", "xml", "ttl", "nt", "jsonld"]


def positive(name: str, minimum: int = 1) -> Any:
    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} takes a whole number, not `{value}`") from None
        if n < minimum:
            raise argparse.ArgumentTypeError(f"{name} must be at least {minimum}, not {n}")
        return n
    return parse


def seconds(name: str) -> Any:
    def parse(value: str) -> float:
        try:
            x = float(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} takes a number of seconds, not `{value}`") from None
        if not x > 0 or x == float("inf"):
            raise argparse.ArgumentTypeError(f"{name} must be a number of seconds above 0, not {value}")
        return x
    return parse


GRAPH_HELP = "a .ttl/.nt/.jsonld file or a store folder (default: output/store)"


def args_extract(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", help="a report file (.txt, .md, .docx, .pdf)")
    p.add_argument("--format", "-f", choices=["json", "ttl"], default="json")


def args_build(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="*", help="report files or folders (default: the bundled sample reports)")
    p.add_argument("-o", "--output", default="output", help="output folder (default: output/)")
    p.add_argument("--jobs", "-j", type=positive("--jobs"), default=None, help="worker processes (default: all cores)")
    p.add_argument("--progress", action="store_true", help="show the progress bar even when not on a terminal")
    p.add_argument("--no-views", action="store_true", help="write the graph and store only (no HTML, no analysis)")
    p.add_argument("--open", action="store_true", help="open index.html in a browser when the build is done")
    p.add_argument("--optimize", action="store_true",
                   help="compact the store after the build even above 5 M triples (faster queries, slower build)")


def args_validate(p: argparse.ArgumentParser) -> None:
    p.add_argument("graph", nargs="?", default="output/graph.ttl", help="graph file or store (default: output/graph.ttl)")


def args_query(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="?", help="a named query (see --list), a .rq file, or SPARQL text")
    p.add_argument("--graph", "-g", default="output/store", help=GRAPH_HELP)
    p.add_argument("--endpoint", default=None, metavar="URL", help="run on a remote SPARQL endpoint instead")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="bind a query parameter (repeatable)")
    p.add_argument("--format", "-f", choices=FORMATS_QUERY, default=None,
                   help="table (default), csv, tsv, json, xml for SELECT/ASK; ttl (default), nt, jsonld, xml for "
                        "CONSTRUCT/DESCRIBE")
    p.add_argument("--excel", action="store_true", help="with --format csv: a byte-order mark for Excel")
    p.add_argument("--engine", choices=["oxigraph", "rdflib"], default="oxigraph",
                   help="query engine (default oxigraph; rdflib parses the graph into memory)")
    p.add_argument("--allow-service", action="store_true",
                   help="let a query's SERVICE clauses fetch other endpoints (refused otherwise)")
    p.add_argument("--list", action="store_true", help="list the named queries with their parameters")


def args_serve(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", "-g", default="output/store", help=GRAPH_HELP)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    p.add_argument("--timeout", type=seconds("--timeout"), default=10.0, help="per-query time limit in seconds (default: 10)")
    p.add_argument("--max-rows", type=positive("--max-rows"), default=10000, help="result-row cap (default: 10000)")
    p.add_argument("--memory-mb", type=positive("--memory-mb", 64), default=1024,
                   help="memory one query may use, in MB (default: 1024)")
    p.add_argument("--concurrent", type=positive("--concurrent"), default=4,
                   help="queries run at once; more wait their turn (default: 4)")
    p.add_argument("--read-timeout", type=seconds("--read-timeout"), default=30.0,
                   help="seconds a client may take to send its request or stay idle (default: 30)")
    p.add_argument("--cors", default=None, metavar="ORIGIN",
                   help="let web pages from ORIGIN (e.g. http://localhost:3000) query the endpoint (default: none)")
    p.add_argument("--site", default=None, help="folder of HTML views to serve (default: the graph's output folder)")


def args_viz(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", "-g", default="output/store", help=GRAPH_HELP)
    p.add_argument("-o", "--output", default="output", help="folder to write the pages into (default: output/)")
    p.add_argument("--max-nodes", type=positive("--max-nodes"), default=400,
                   help="most nodes in the overview (default: 400)")


def args_push(p: argparse.ArgumentParser) -> None:
    p.add_argument("--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store")
    p.add_argument("--graph", default=None, help="IRI of the named graph to write (default: the default graph)")
    p.add_argument("--from", dest="source", default="output/store",
                   help="graph to send: a .ttl/.nt file or a store folder (default: output/store, the last build)")
    p.add_argument("--auth", default=None, metavar="USER:PASS", help="HTTP basic authentication")
    p.add_argument("--append", action="store_true", help="add to the target graph instead of replacing it")
    p.add_argument("--keep-graphs", action="store_true",
                   help="send each named graph of the store (every report's, the corpus graph) under its own IRI")
    p.add_argument("--chunk", type=positive("--chunk"), default=100_000, help="triples per request (default: 100000)")
    p.add_argument("--timeout", type=seconds("--timeout"), default=600.0, help="give up after this many seconds in all (default: 600)")
    p.add_argument("--sparql", default=None, metavar="URL",
                   help="the server's SPARQL query endpoint, to confirm the count (default: guessed from --endpoint)")


def args_analyze(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", "-g", default="output/store", help=GRAPH_HELP)
    p.add_argument("-o", "--output", default="output", help="folder for analysis.json and analysis.html (default: output/)")


def args_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--graph", "-g", default="output/store", help=GRAPH_HELP)
    p.add_argument("--format", "-f", choices=["ttl", "nt", "jsonld", "graphml", "gexf"], required=True,
                   help="ttl, nt, jsonld (compacted, with @context): RDF; graphml, gexf: the corpus network for Gephi")
    p.add_argument("-o", "--output", required=True, help="file to write (- for standard output)")
    p.add_argument("--report", default=None, help="only this report (its id, file stem or title)")
    p.add_argument("--construct", default=None, help="only the result of a CONSTRUCT query (.rq file or SPARQL)")


def args_eval(p: argparse.ArgumentParser) -> None:
    p.add_argument("--gold", required=True, help="folder of <stem>.json gold files")
    p.add_argument("--texts", required=True, help="folder of the reports <stem>.txt")
    p.add_argument("--misses", action="store_true", help="also list the misses and false hits")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")


def args_completion(p: argparse.ArgumentParser) -> None:
    p.add_argument("shell", choices=["bash", "zsh"], help="the shell to complete for")
