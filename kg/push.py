"""`kg push`: send a graph to any SPARQL 1.1 Graph Store HTTP Protocol endpoint.

The graph (a Turtle/N-Triples/JSON-LD file or a store folder) is sent as N-Triples in chunks of
`chunk` triples: the first chunk replaces the target graph (HTTP PUT) unless `append` is set, the
others are added (HTTP POST). Connection errors and 5xx answers are retried with backoff within a
total time limit; a refusal (4xx) stops with the server's status and message.

Nothing is sent anywhere the user did not name: redirects are refused (a POST turned into a GET
would store nothing, and credentials must not reach another host). Success is reported only once
the server's own count confirms it: a SPARQL COUNT through the query endpoint (`sparql`, or the
one that goes with the store URL for Oxigraph, Fuseki and Virtuoso). Basic and digest
authentication are both sent with each request (kg.http_auth), never only after a refusal.
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from .errors import E, KgError, RemoteError
from .graph import GRAPH_PREFIX
from .http_auth import Credentials, discover, with_auth
from .query import bindings, internal_query, with_values
from .store import load_graph, triples

PER_REQUEST = 120.0  # seconds one request may take within the total limit


@dataclass
class PushResult:
    triples: int
    chunks: int
    seconds: float
    confirmed: int | None  # what the server's COUNT says it holds, None when it has no query endpoint


def target_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL for a named graph (?graph=IRI) or the default graph (?default)."""
    parts = _http(endpoint, "Graph Store endpoint")
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    sep = "&" if parts.query else ""
    return urllib.parse.urlunsplit(parts._replace(query=parts.query + sep + query))


def _http(url: str, what: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise KgError(E.NOT_HTTP, url=url, what=what)
    return parts


def query_endpoint(store_url: str) -> str | None:
    """The SPARQL query endpoint that goes with a Graph Store URL, where the server's layout says it."""
    parts = urllib.parse.urlsplit(store_url)
    path = parts.path.rstrip("/")
    for suffix, replacement in (("/store", "/query"), ("/sparql-graph-crud-auth", "/sparql"),
                                ("/sparql-graph-crud", "/sparql"), ("/data", "/sparql")):
        if path.endswith(suffix):
            return urllib.parse.urlunsplit(parts._replace(path=path[: -len(suffix)] + replacement, query=""))
    return None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: IO[bytes], code: int, msg: str, headers: Any, newurl: str) -> None:
        raise RemoteError(E.REDIRECTED, location=newurl)


def _credentials(auth: str | None) -> Credentials | None:
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep:
        raise KgError(E.AUTH_FORM)
    return Credentials(user, password)


def _chunks(source: Iterator[ox.Triple], size: int) -> Iterator[list[ox.Triple]]:
    batch: list[ox.Triple] = []
    for triple in source:
        batch.append(triple)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _parts(store: ox.Store, graph: str | None, keep_graphs: bool) -> Iterator[tuple[str | None, Iterator[ox.Triple]]]:
    """(target graph, its triples): one part for --graph or the default graph; one per named graph of
    the store (in IRI order) with --keep-graphs."""
    if not keep_graphs:
        yield graph, triples(store)
        return
    names = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=lambda g: g.value)
    if not names:
        raise KgError(E.NO_NAMED_GRAPHS)
    for g in names:
        yield g.value, (q.triple for q in store.quads_for_pattern(None, None, None, g))


class _Client:
    """Requests to one server with retries, all within one deadline."""

    def __init__(self, url: str, auth: str | None, retries: int, timeout: float) -> None:
        self.opener = urllib.request.build_opener(_NoRedirect())
        self.retries, self.timeout = retries, timeout
        self.deadline = time.monotonic() + timeout
        self.creds = _credentials(auth)
        if self.creds is not None:
            discover(self.opener, url, self.creds, min(timeout, PER_REQUEST))

    def send(self, request: urllib.request.Request) -> bytes:
        delay = 1.0
        for attempt in range(self.retries + 1):
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise RemoteError(E.PUSH_TIMEOUT, seconds=self.timeout)
            try:
                with self.opener.open(with_auth(request, self.creds), timeout=min(left, PER_REQUEST)) as resp:
                    return bytes(resp.read())
            except urllib.error.HTTPError as err:
                challenge = err.headers.get("WWW-Authenticate", "")
                if err.code == 401 and self.creds is not None and "stale=true" in challenge.lower() \
                        and attempt < self.retries:
                    self.creds.learn(challenge)  # the nonce expired: answer the new one
                    continue
                message = err.read(500).decode("utf-8", errors="replace").strip().replace("\n", " ")
                if err.code < 500 or attempt == self.retries:
                    raise RemoteError(E.SERVER_REFUSED, status=err.code, reason=err.reason,
                                      detail=f" ({message})" if message else "") from None
            except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
                if time.monotonic() >= self.deadline:
                    raise RemoteError(E.PUSH_TIMEOUT, seconds=self.timeout) from None
                if attempt == self.retries:
                    reason = getattr(err, "reason", err)
                    raise RemoteError(E.UNREACHABLE, url=request.full_url.split("?")[0], reason=reason,
                                      tries=self.retries + 1) from None
            time.sleep(min(delay, max(self.deadline - time.monotonic(), 0)))
            delay *= 2
        raise AssertionError("unreachable")


def _count(client: _Client, sparql: str, graph: str | None, keep_graphs: bool = False) -> int | None:
    """The triples the server holds in the target graph (with keep_graphs: in the project's named
    graphs), by a SPARQL COUNT; None if it cannot say."""
    if keep_graphs:
        q = internal_query("count_graphs_under")
        text = with_values(q.text, bindings(q, {"prefix": GRAPH_PREFIX}))
    elif graph:
        q = internal_query("count_named_graph")
        text = with_values(q.text, bindings(q, {"g": graph}))
    else:
        text = internal_query("count_default_graph").text
    body = urllib.parse.urlencode({"query": text}).encode()
    request = urllib.request.Request(sparql, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    try:
        data = json.loads(client.send(request))
        return int(data["results"]["bindings"][0]["n"]["value"])
    except (RemoteError, ValueError, KeyError, IndexError):
        return None


def push(source: Path, endpoint: str, graph: str | None = None, auth: str | None = None, append: bool = False,
         chunk: int = 100_000, retries: int = 3, timeout: float = 600.0, progress: bool = False,
         sparql: str | None = None, keep_graphs: bool = False) -> PushResult:
    """Push the graph at `source` to the Graph Store endpoint, replacing each target graph unless
    `append`: everything into `graph` (or the default graph), or with `keep_graphs` each named graph of
    the store (every report's and the corpus graph) into the graph of the same IRI."""
    if chunk < 1:
        raise KgError(E.BAD_OPTION, option="--chunk", problem="must be at least 1")
    if keep_graphs and graph:
        raise KgError(E.PUSH_ONE_TARGET)
    url = target_url(endpoint, graph)
    counter = sparql or query_endpoint(endpoint)
    if counter:
        _http(counter, "SPARQL query endpoint")
    store = load_graph(source)
    client = _Client(url, auth, retries, timeout)
    started = time.perf_counter()
    sent = chunks = 0
    for target, part in _parts(store, graph, keep_graphs):
        url = target_url(endpoint, target)
        first = True
        for batch in _chunks(part, chunk):
            method = "POST" if append or not first else "PUT"
            client.send(urllib.request.Request(url, data=ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES),
                                               method=method, headers={"Content-Type": "application/n-triples"}))
            sent += len(batch)
            chunks += 1
            first = False
            if progress:
                sys.stderr.write(f"\rpushed {sent:,} triples in {chunks} chunk(s)")
                sys.stderr.flush()
        if first and not append:  # an empty graph replaces the target too
            client.send(urllib.request.Request(url, data=b"", method="PUT",
                                               headers={"Content-Type": "application/n-triples"}))
    if progress:
        sys.stderr.write("\n")
    held = _count(client, counter, graph, keep_graphs) if counter else None
    if held is not None and held < sent:  # every triple sent must be there (appending: among others)
        raise RemoteError(E.PUSH_UNCONFIRMED, found=held, sent=sent)
    return PushResult(sent, chunks, time.perf_counter() - started, held)
