"""Which format an answer takes: ?format= (or output=, results=), else the Accept header.

SELECT/ASK answers come as SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle or
N-Triples. No Accept header, or a wildcard, means any: JSON and Turtle.
"""

from __future__ import annotations

SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "ttl", "application/x-turtle": "ttl", "application/turtle": "ttl",
               "application/n-triples": "nt", "text/plain": "nt"}
MIME = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
        "csv": "text/csv; charset=utf-8", "tsv": "text/tab-separated-values; charset=utf-8",
        "ttl": "text/turtle; charset=utf-8", "nt": "application/n-triples"}
_FORMAT_PARAM = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv", "turtle": "ttl", "ttl": "ttl",
                 "n3": "ttl", "nt": "nt", "ntriples": "nt"}
_WILDCARDS = ("*/*", "application/*", "text/*")


def _ranked(accept: str) -> list[tuple[float, int, str]]:
    out = []
    for n, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        if not pieces[0]:
            continue
        q = 1.0
        for p in pieces[1:]:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            out.append((-q, n, pieces[0].lower()))
    return sorted(out)


def negotiate(accept: str | None, fmt_param: str | None) -> tuple[str | None, str | None]:
    """(format for SELECT/ASK, format for CONSTRUCT/DESCRIBE); None where nothing acceptable exists."""
    if fmt_param:
        fmt = _FORMAT_PARAM.get(fmt_param.lower().split("/")[-1].split("+")[-1])
        if fmt in ("ttl", "nt"):
            return "json", fmt
        if fmt:
            return fmt, "ttl"
    ranked = _ranked(accept or "")
    if not ranked:
        return "json", "ttl"
    select = next((SELECT_TYPES[m] for _, _, m in ranked if m in SELECT_TYPES), None)
    graph = next((GRAPH_TYPES[m] for _, _, m in ranked if m in GRAPH_TYPES), None)
    wildcard = any(m in _WILDCARDS for _, _, m in ranked)
    if select is None and (wildcard or graph):
        select = "json" if wildcard else None
    if graph is None and wildcard:
        graph = "ttl"
    return select, graph
