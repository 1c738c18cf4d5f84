"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint, the HTML views and a query page.

* GET /sparql?query=…, POST form (query=…) or POST application/sparql-query.
* Results by content negotiation (or ?format=json|xml|csv|tsv|turtle|nt): SPARQL JSON,
  XML, CSV, TSV; Turtle or N-Triples for CONSTRUCT and DESCRIBE.
* Read-only: SPARQL Update (POST application/sparql-update, form `update=`, or update
  keywords), SERVICE, LOAD and dataset IRIs (FROM, default-graph-uri) are refused with 4xx,
  so the server never fetches a URL.
* Each query runs in a forked child process that is killed at the time limit; rows
  beyond the cap are cut (header X-KG-Truncated). One bad query never takes the server down.
* Binds 127.0.0.1 by default.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import re
import sys
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

import pyoxigraph as ox

from .errors import KgError, QueryError
from .query import graph_text, named_queries, render, run_oxigraph

SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/x-turtle": "turtle", "application/turtle": "turtle",
               "application/n-triples": "nt", "text/plain": "nt"}
MIME = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
        "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
        "turtle": "text/turtle; charset=utf-8", "nt": "application/n-triples"}
_FORMAT_PARAM = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "turtle", "ttl": "turtle",
                 "n3": "turtle", "nt": "nt", "ntriples": "nt", "rdf+xml": "xml"}
_STRINGS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
_UPDATE = re.compile(r"\b(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD)\b", re.I)
_FORBIDDEN = re.compile(r"\b(SERVICE|FROM)\b", re.I)


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0
    max_rows: int = 10000


def _code_only(query: str) -> str:
    """The query with strings, IRIs and comments blanked, to look for keywords safely."""
    return _STRINGS.sub(" ", query)


def refusal(query: str) -> str | None:
    """Why a query must be refused, or None."""
    code = _code_only(query)
    if _UPDATE.search(code) and not re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", code, re.I):
        return "SPARQL Update is not allowed: this endpoint is read-only."
    m = _FORBIDDEN.search(code)
    if m and m.group(1).upper() == "SERVICE":
        return "SERVICE is not allowed: this endpoint never fetches other endpoints."
    if m:
        return "FROM / FROM NAMED are not allowed: the endpoint queries its own graph only."
    return None


def _negotiate(accept: str, fmt_param: str | None) -> tuple[str | None, str | None]:
    """(format for SELECT/ASK, format for CONSTRUCT/DESCRIBE) from ?format= or the Accept header."""
    if fmt_param:
        fmt = _FORMAT_PARAM.get(fmt_param.lower().split("/")[-1])
        if fmt in ("turtle", "nt"):
            return "json", fmt
        if fmt:
            return fmt, "turtle"
    ranked = []
    for n, part in enumerate((accept or "").split(",")):
        pieces = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in pieces[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, n, pieces[0].lower()))
    ranked.sort()
    select = next((SELECT_TYPES[m] for _, _, m in ranked if m in SELECT_TYPES), None)
    graph = next((GRAPH_TYPES[m] for _, _, m in ranked if m in GRAPH_TYPES), None)
    wildcard = not ranked or any(m in ("*/*", "application/*", "text/*") for _, _, m in ranked)
    if select is None and (wildcard or graph):
        select = "json"
    if graph is None and (wildcard or select):
        graph = "turtle"
    return select, graph


def _execute(store: ox.Store, query: str, select_fmt: str | None, graph_fmt: str | None,
             max_rows: int) -> tuple[int, str, bytes, dict[str, str]]:
    """Run one query; (status, content type, body, extra headers)."""
    try:
        result = run_oxigraph(store, query, {}, limit=max_rows)
    except QueryError as err:
        return 400, "text/plain; charset=utf-8", str(err).encode("utf-8"), {}
    headers = {"X-KG-Truncated": "true"} if result.truncated else {}
    if result.kind == "graph":
        if graph_fmt is None:
            return 406, "text/plain; charset=utf-8", b"Not acceptable: CONSTRUCT/DESCRIBE answer in Turtle or N-Triples.", {}
        body = graph_text(result, "ttl" if graph_fmt == "turtle" else "nt").encode("utf-8")
        return 200, MIME[graph_fmt], body, headers
    if select_fmt is None:
        return 406, "text/plain; charset=utf-8", b"Not acceptable: results come as SPARQL JSON, XML, CSV or TSV.", {}
    return 200, MIME[select_fmt], render(result, select_fmt).encode("utf-8"), headers


def _child(conn: Any, store: ox.Store, query: str, select_fmt: str | None, graph_fmt: str | None,
           max_rows: int) -> None:
    try:
        conn.send(_execute(store, query, select_fmt, graph_fmt, max_rows))
    except BaseException as err:  # report, never hang the parent
        conn.send((500, "text/plain; charset=utf-8", f"Internal error: {type(err).__name__}".encode(), {}))
    finally:
        conn.close()
        os._exit(0)


def run_with_limit(store: ox.Store, query: str, select_fmt: str | None, graph_fmt: str | None,
                   limits: Limits) -> tuple[int, str, bytes, dict[str, str]]:
    """Run a query in a forked child, killed when it exceeds the time limit."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, store, query, select_fmt, graph_fmt, limits.max_rows), daemon=True)
    proc.start()
    child.close()
    try:
        if parent.poll(limits.timeout):
            answer = parent.recv()
            proc.join(1)
            return answer
        return (503, "text/plain; charset=utf-8",
                f"The query ran longer than the {limits.timeout:g} s limit and was stopped.".encode(), {})
    except EOFError:
        return 500, "text/plain; charset=utf-8", b"The query process ended without an answer.", {}
    finally:
        if proc.is_alive():
            proc.kill()
            proc.join(1)
        parent.close()


def make_handler(store: ox.Store, site: Path | None, limits: Limits):
    page = files("kg.templates").joinpath("query.html").read_text(encoding="utf-8")
    examples = json.dumps([{"name": q.name, "title": q.title, "question": q.question,
                            "params": [p.__dict__ for p in q.params], "text": q.text}
                           for q in named_queries().values()], ensure_ascii=False)
    page = page.replace("/*NAMED_QUERIES*/[]", examples.replace("</", "<\\/"))

    class Handler(BaseHTTPRequestHandler):
        server_version = "dangjian-kg"
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet unless asked
            if os.environ.get("KG_SERVE_LOG"):
                sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

        def _send(self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("X-Content-Type-Options", "nosniff")
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, status: int, message: str) -> None:
            self._send(status, "text/plain; charset=utf-8", message.encode("utf-8"))

        def do_OPTIONS(self) -> None:  # noqa: N802
            self.send_response(204)
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
            self.send_header("Access-Control-Allow-Headers", "Content-Type, Accept")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_HEAD(self) -> None:  # noqa: N802
            self.do_GET()

        def do_GET(self) -> None:  # noqa: N802
            url = urlparse(self.path)
            if url.path in ("/sparql", "/sparql/", "/query"):
                params = parse_qs(url.query, keep_blank_values=True)
                if "update" in params:
                    return self._error(403, "SPARQL Update is not allowed: this endpoint is read-only.")
                if "query" not in params:
                    return self._send(200, "text/html; charset=utf-8", page.encode("utf-8"))
                return self._sparql(params["query"][0], params)
            if url.path in ("/", "/query.html"):
                return self._send(200, "text/html; charset=utf-8", page.encode("utf-8"))
            if url.path == "/queries.json":
                return self._send(200, "application/json", examples.encode("utf-8"))
            return self._static(url.path)

        def do_POST(self) -> None:  # noqa: N802
            url = urlparse(self.path)
            if url.path not in ("/sparql", "/sparql/", "/query"):
                return self._error(404, "Not found: POST queries to /sparql.")
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                return self._error(400, "Bad Content-Length.")
            if length > 1_000_000:
                return self._error(413, "The request is too large.")
            body = self.rfile.read(length).decode("utf-8", errors="replace")
            ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            params = parse_qs(url.query, keep_blank_values=True)
            if ctype == "application/sparql-update":
                return self._error(403, "SPARQL Update is not allowed: this endpoint is read-only.")
            if ctype == "application/sparql-query":
                return self._sparql(body, params)
            if ctype in ("application/x-www-form-urlencoded", ""):
                form = parse_qs(body, keep_blank_values=True)
                if "update" in form:
                    return self._error(403, "SPARQL Update is not allowed: this endpoint is read-only.")
                if "query" not in form:
                    return self._error(400, "Missing `query`.")
                merged = {**params, **form}
                return self._sparql(form["query"][0], merged)
            return self._error(415, f"Unsupported Content-Type {ctype}.")

        def _sparql(self, query: str, params: dict[str, list[str]]) -> None:
            if params.get("default-graph-uri") or params.get("named-graph-uri"):
                return self._error(400, "default-graph-uri / named-graph-uri are not supported: "
                                        "the endpoint queries its own graph only.")
            why = refusal(query)
            if why:
                return self._error(403 if "Update" in why or "SERVICE" in why else 400, why)
            fmt = next((params[k][0] for k in ("format", "output", "results") if params.get(k)), None)
            select_fmt, graph_fmt = _negotiate(self.headers.get("Accept", ""), fmt)
            status, ctype, body, headers = run_with_limit(store, query, select_fmt, graph_fmt, limits)
            self._send(status, ctype, body, headers)

        def _static(self, path: str) -> None:
            if site is None:
                return self._error(404, "Not found.")
            rel = unquote(path).lstrip("/") or "index.html"
            target = (site / rel).resolve()
            root = site.resolve()
            if root not in target.parents and target != root:
                return self._error(404, "Not found.")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file() or any(p.startswith(".") for p in target.relative_to(root).parts):
                return self._error(404, "Not found.")
            ctype = {".html": "text/html; charset=utf-8", ".json": "application/json", ".ttl": "text/turtle",
                     ".css": "text/css", ".js": "text/javascript", ".png": "image/png", ".svg": "image/svg+xml",
                     }.get(target.suffix, "application/octet-stream")
            self._send(200, ctype, target.read_bytes())

    return Handler


def serve(graph: Path, host: str = "127.0.0.1", port: int = 7878, limits: Limits = Limits(),
          site: Path | None = None, ready=None) -> None:
    """Serve until interrupted."""
    from .store import load_graph

    store = load_graph(graph)
    if site is None:
        candidate = graph if graph.is_dir() and not (graph / "CURRENT").exists() else graph.parent
        site = candidate if (candidate / "index.html").exists() or (candidate / "graph.html").exists() else None
    try:
        httpd = ThreadingHTTPServer((host, port), make_handler(store, site, limits))
    except OSError as err:
        raise KgError(f"cannot listen on {host}:{port} ({err.strerror}); pick another --port.") from None
    httpd.daemon_threads = True
    print(f"Serving SPARQL at http://{host}:{httpd.server_address[1]}/sparql "
          f"(query page at http://{host}:{httpd.server_address[1]}/); Ctrl-C stops.", flush=True)
    if ready:
        ready(httpd)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
