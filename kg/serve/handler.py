"""The endpoint's HTTP handler: routes, refusals, limits and headers.

* GET /sparql?query=…, POST form (query=…) or POST application/sparql-query — SPARQL 1.1 Protocol.
* GET /query/NAME?param=value — a named query, its parameters bound as RDF terms of their
  declared types (Chinese labels as @zh), exactly as `kg query NAME --param …` binds them.
* GET / (the query page), /queries.json, and the HTML views of the output folder (site.py).
* Refused: updates, SERVICE, FROM / FROM NAMED and dataset parameters (decided from the parsed
  query, see kg.query.safety) with 403/400; a Host header that does not name the bound loopback
  address (DNS rebinding) with 421; malformed requests with 400, slow bodies with 408, large
  ones with 413 — never a dropped connection.
* No CORS header unless the server was started with an allowed origin.
"""

from __future__ import annotations

import json
import os
import sys
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import parse_qs, unquote, urlparse

from ..errors import KgError
from ..query import bindings, named_queries, refuse
from . import site as views
from .negotiate import negotiate
from .page import catalogue, query_page
from .runner import Answer, Runner

MAX_BODY = 1_000_000
_TEXT = "text/plain; charset=utf-8"
_SPARQL_PATHS = ("/sparql", "/sparql/")


class Handler(BaseHTTPRequestHandler):
    """One request. The settings are class attributes, set by `make_handler` on a subclass."""

    server_version = "dangjian-kg"
    protocol_version = "HTTP/1.1"
    default_request_version = "HTTP/1.1"  # a garbled request line gets a status line too, not HTTP/0.9
    runner: Runner
    site: Any
    allowed_hosts: set[str] | None = None
    cors: str | None = None
    page: bytes = b""
    page_policy: str = ""
    listing: bytes = b"[]"

    def log_message(self, format: str, *args: Any) -> None:  # quiet unless asked
        if os.environ.get("KG_SERVE_LOG"):
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except TimeoutError:
            self.close_connection = True
        except (ConnectionError, BrokenPipeError):
            self.close_connection = True
        except Exception as err:  # a bug answers 500, it never drops the connection silently
            try:
                self._send(500, _TEXT, f"Internal error: {type(err).__name__}".encode())
            except OSError:
                pass
            self.close_connection = True

    def _send(self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        if self.cors:
            self.send_header("Access-Control-Allow-Origin", self.cors)
            self.send_header("Vary", "Origin")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, _TEXT, message.encode("utf-8"))

    def _host_ok(self) -> bool:
        if self.allowed_hosts is None:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        if host in self.allowed_hosts:
            return True
        self._error(421, "Misdirected request: this endpoint answers only to its own address "
                         f"({sorted(self.allowed_hosts)[0]}).")
        return False

    def do_OPTIONS(self) -> None:  # noqa: N802
        if not self._host_ok():
            return
        if not self.cors:
            return self._error(405, "Cross-origin requests are not allowed (start kg serve with --cors ORIGIN).")
        self._send(204, _TEXT, b"", {"Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                                     "Access-Control-Allow-Headers": "Content-Type, Accept"})

    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        if not self._host_ok():
            return
        url = urlparse(self.path)
        path = unquote(url.path)
        params = parse_qs(url.query, keep_blank_values=True)
        if path in _SPARQL_PATHS:
            if "update" in params:
                return self._refused(403, "SPARQL Update is not allowed: this endpoint is read-only.")
            if "query" not in params:
                return self._html(self.page, self.page_policy)
            return self._sparql(params["query"][0], params)
        if path.startswith("/query/"):
            return self._named(path[len("/query/"):], params)
        if path in ("/", "/query", "/query.html"):
            return self._html(self.page, self.page_policy)
        if path == "/queries.json":
            return self._send(200, "application/json", self.listing)
        return self._static(path)

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            return
        url = urlparse(self.path)
        if unquote(url.path) not in _SPARQL_PATHS:
            return self._error(404, "Not found: POST queries to /sparql.")
        body = self._body()
        if body is None:
            return
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if ctype == "application/sparql-update":
            return self._refused(403, "SPARQL Update is not allowed: this endpoint is read-only.")
        if ctype == "application/sparql-query":
            return self._sparql(body, params)
        if ctype in ("application/x-www-form-urlencoded", ""):
            form = parse_qs(body, keep_blank_values=True)
            if "update" in form:
                return self._refused(403, "SPARQL Update is not allowed: this endpoint is read-only.")
            if "query" not in form:
                return self._error(400, "Missing `query`.")
            return self._sparql(form["query"][0], {**params, **form})
        return self._error(415, f"Unsupported Content-Type {ctype}.")

    def _body(self) -> str | None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._error(400, "Bad Content-Length.")
            return None
        if length < 0:
            self._error(400, "Bad Content-Length.")
            return None
        if length > MAX_BODY:
            self._error(413, f"The request is larger than {MAX_BODY // 1000} kB.")
            self.close_connection = True
            return None
        try:
            data = self.rfile.read(length)
        except TimeoutError:
            self._error(408, "The request body did not arrive in time.")
            self.close_connection = True
            return None
        if len(data) < length:
            self._error(400, "The request body is shorter than its Content-Length.")
            self.close_connection = True
            return None
        return data.decode("utf-8", errors="replace")

    def _refused(self, status: int, message: str) -> None:
        self._error(status, message)

    def _answer(self, answer: Answer) -> None:
        status, ctype, body, headers = answer
        self._send(status, ctype, body, headers)

    def _formats(self, params: dict[str, list[str]]) -> tuple[str | None, str | None]:
        fmt = next((params[k][0] for k in ("format", "output", "results") if params.get(k)), None)
        return negotiate(self.headers.get("Accept"), fmt)

    def _sparql(self, query: str, params: dict[str, list[str]]) -> None:
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            return self._error(400, "default-graph-uri / named-graph-uri are not supported: "
                                    "the endpoint queries its own graph only.")
        try:
            refuse(query)
        except KgError as err:
            return self._error(err.http_status, str(err))
        self._answer(self.runner.run(query, {}, *self._formats(params)))

    def _named(self, name: str, params: dict[str, list[str]]) -> None:
        q = named_queries().get(name)
        if q is None:
            return self._error(404, f"No named query `{name}`; GET /queries.json lists them.")
        given = {k: v[0] for k, v in params.items() if k not in ("format", "output", "results")}
        try:
            binds = bindings(q, given)
        except KgError as err:
            return self._error(400, str(err))
        self._answer(self.runner.run(q.text, binds, *self._formats(params)))

    def _html(self, body: bytes, policy: str) -> None:
        self._send(200, "text/html; charset=utf-8", body, {"Content-Security-Policy": policy,
                                                          "X-Frame-Options": "DENY"})

    def _static(self, path: str) -> None:
        target = views.find(self.site, path)
        if target is None:
            return self._error(404, "Not found.")
        body = target.read_bytes()
        if target.suffix == ".html":
            policy = views.page_policy(body) or "default-src 'none'"
            return self._html(body, policy)
        self._send(200, views.CTYPES.get(target.suffix, "application/octet-stream"), body)


def make_handler(runner: Runner, site: Any, allowed_hosts: set[str] | None, cors: str | None) -> type:
    """A Handler class bound to one server's runner, site, allowed Host names and CORS origin."""
    page, page_policy = query_page()
    listing = json.dumps(catalogue(), ensure_ascii=False).encode("utf-8")
    return type("BoundHandler", (Handler,), {
        "runner": runner, "site": site, "allowed_hosts": allowed_hosts, "cors": cors, "page": page,
        "page_policy": page_policy, "listing": listing, "timeout": runner.limits.read_timeout})
