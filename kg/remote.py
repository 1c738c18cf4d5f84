"""`kg query --endpoint URL`: a named query, .rq file or SPARQL text run on a remote SPARQL 1.1 endpoint
(Oxigraph server, Virtuoso, Fuseki …), its answer read into the same `Result` the local engines give.

Parameters are bound the way the local run binds them (an initial VALUES row of serialised terms),
so a named query answers the same remotely. Redirects are not followed; the answer's size and the
time are bounded.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox

from .errors import E, KgError, RemoteError
from .namespaces import PREFIXES
from .query.library import bindings, named_queries, resolve
from .query.run import Result, Term, with_values
from .query.safety import refuse

MAX_ANSWER = 512 * 1024 * 1024
_ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> None:
        raise RemoteError(E.REDIRECTED, location=newurl)


def _prologue(text: str) -> str:
    """The project's prefixes declared in the query text (a remote server does not know them)."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in sorted(PREFIXES.items())) + text


def _term(binding: dict[str, str]) -> Term:
    kind = {"uri": "uri", "bnode": "bnode"}.get(binding["type"], "literal")
    datatype = binding.get("datatype")
    if kind == "literal" and not datatype and not binding.get("xml:lang"):
        datatype = "http://www.w3.org/2001/XMLSchema#string"
    return Term(kind, binding["value"], binding.get("xml:lang"), datatype)


def remote_query(endpoint: str, spec: str, params: dict[str, str] | None = None, allow_service: bool = False,
                 timeout: float = 60.0) -> Result:
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise KgError(E.NOT_HTTP, url=endpoint, what="SPARQL endpoint")
    q = resolve(spec)
    if q.name not in named_queries():
        refuse(q.text, allow_service=allow_service)
    binds = bindings(q, params or {})
    text = _prologue(with_values(q.text, binds))
    request = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": text}).encode("utf-8"),
                                     method="POST", headers={"Content-Type": "application/x-www-form-urlencoded",
                                                             "Accept": _ACCEPT})
    try:
        with urllib.request.build_opener(_NoRedirect()).open(request, timeout=timeout) as resp:
            body = resp.read(MAX_ANSWER)
            ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip()
    except urllib.error.HTTPError as err:
        detail = err.read(300).decode("utf-8", errors="replace").strip().replace("\n", " ")
        raise RemoteError(E.ENDPOINT_FAILED, url=endpoint, status=err.code, detail=f" ({detail})" if detail else "") \
            from None
    except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
        raise RemoteError(E.UNREACHABLE, url=endpoint, reason=getattr(err, "reason", err), tries=1) from None
    return _answer(body, ctype, set(binds), endpoint)


def _answer(body: bytes, ctype: str, bound: set[str], endpoint: str) -> Result:
    if "json" in ctype:
        try:
            data = json.loads(body)
        except ValueError:
            raise RemoteError(E.ENDPOINT_FAILED, url=endpoint, status=200, detail=" (not SPARQL JSON)") from None
        if "boolean" in data:
            return Result("ask", boolean=bool(data["boolean"]))
        variables = [v for v in data["head"].get("vars", []) if v not in bound]
        rows: list[list[Term | None]] = [[_term(b[v]) if v in b else None for v in variables]
                                         for b in data["results"]["bindings"]]
        return Result("select", variables, rows)
    fmt = ox.RdfFormat.TURTLE if "turtle" in ctype else ox.RdfFormat.N_TRIPLES
    try:
        return Result("graph", triples=list(ox.parse(body, format=fmt)))
    except SyntaxError:
        raise RemoteError(E.ENDPOINT_FAILED, url=endpoint, status=200, detail=f" (unreadable {ctype})") from None
