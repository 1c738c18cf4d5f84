"""`kg push`: send a graph to any SPARQL 1.1 Graph Store HTTP Protocol endpoint.

The graph (a Turtle/N-Triples/JSON-LD file or a store folder) is sent as N-Triples in
chunks of `chunk` triples: the first chunk replaces the target graph (HTTP PUT) unless
`append` is set, the others are added (HTTP POST). Connection errors and 5xx answers are
retried with backoff; a refusal (4xx) stops with the server's status and message.
"""

from __future__ import annotations

import base64
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .errors import KgError
from .store import load_graph, triples


@dataclass
class PushResult:
    triples: int
    chunks: int
    seconds: float


def target_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL for a named graph (?graph=IRI) or the default graph (?default)."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise KgError(f"`{endpoint}` is not an http(s) URL of a Graph Store endpoint.")
    query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    sep = "&" if parts.query else ""
    return urllib.parse.urlunsplit(parts._replace(query=parts.query + sep + query))


def _chunks(store: ox.Store, size: int) -> Iterator[list[ox.Triple]]:
    batch: list[ox.Triple] = []
    for triple in triples(store):
        batch.append(triple)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _send(url: str, method: str, body: bytes, auth: str | None, retries: int, timeout: float) -> None:
    headers = {"Content-Type": "application/n-triples"}
    if auth:
        if ":" not in auth:
            raise KgError("--auth takes user:password.")
        headers["Authorization"] = "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii")
    delay = 1.0
    for attempt in range(retries + 1):
        request = urllib.request.Request(url, data=body, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as resp:
                resp.read()
                return
        except urllib.error.HTTPError as err:
            message = err.read(500).decode("utf-8", errors="replace").strip().replace("\n", " ")
            if err.code < 500 or attempt == retries:
                raise KgError(f"the server refused the graph: HTTP {err.code} {err.reason}"
                              + (f" ({message})" if message else "") + ".") from None
        except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
            if attempt == retries:
                reason = getattr(err, "reason", err)
                raise KgError(f"cannot reach {url.split('?')[0]} ({reason}) after {retries + 1} tries.") from None
        time.sleep(delay)
        delay *= 2


def push(source: Path, endpoint: str, graph: str | None = None, auth: str | None = None, append: bool = False,
         chunk: int = 100_000, retries: int = 3, timeout: float = 120.0, progress: bool = False) -> PushResult:
    """Push the graph at `source` to the Graph Store endpoint (replacing the target graph unless append)."""
    if chunk < 1:
        raise KgError("--chunk must be at least 1.")
    url = target_url(endpoint, graph)
    store = load_graph(source)
    started = time.perf_counter()
    sent = chunks = 0
    for batch in _chunks(store, chunk):
        method = "POST" if append or chunks else "PUT"
        _send(url, method, ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES), auth, retries, timeout)
        sent += len(batch)
        chunks += 1
        if progress:
            sys.stderr.write(f"\rpushed {sent:,} triples in {chunks} chunk(s)")
            sys.stderr.flush()
    if chunks == 0 and not append:
        _send(url, "PUT", b"", auth, retries, timeout)  # an empty graph replaces the target too
    if progress:
        sys.stderr.write("\n")
    return PushResult(sent, chunks, time.perf_counter() - started)
