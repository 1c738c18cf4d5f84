"""Writing a query's answer: SPARQL JSON/XML results, CSV/TSV, a terminal table, or RDF for graphs.

SELECT and ASK answers take json, xml, csv, tsv or table; CONSTRUCT and DESCRIBE answers take
ttl, nt, jsonld or xml (RDF/XML) — and table, which prints N-Triples. csv with `excel=True` starts
with a byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
"""

from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape as _escape

import pyoxigraph as ox

from ..errors import E, QueryError
from ..namespaces import PREFIXES
from .library import named_queries
from .run import XSD, Result, Term

RESULT_FORMATS = ("table", "json", "xml", "csv", "tsv")
GRAPH_FORMATS = ("ttl", "nt", "jsonld", "xml", "table")
_RDF_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
                "xml": ox.RdfFormat.RDF_XML, "table": ox.RdfFormat.N_TRIPLES}
# characters XML 1.0 cannot hold even escaped; a report's text may carry them
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str) -> str:
    """XML-escaped text with characters XML 1.0 forbids replaced by U+FFFD."""
    return _escape(_XML_FORBIDDEN.sub("\ufffd", text), {'"': "&quot;"})


def _plain(term: Term | None) -> str:
    return "" if term is None else term.value


def to_sparql_json(result: Result) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    rows = [{v: t.to_json() for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": rows}}, ensure_ascii=False)


def _xml_term(t: Term) -> str:
    if t.kind == "uri":
        return f"<uri>{escape(t.value)}</uri>"
    if t.kind == "bnode":
        return f"<bnode>{escape(t.value)}</bnode>"
    if t.lang:
        return f'<literal xml:lang="{escape(t.lang)}">{escape(t.value)}</literal>'
    if t.datatype and t.datatype != XSD + "string":
        return f'<literal datatype="{escape(t.datatype)}">{escape(t.value)}</literal>'
    return f"<literal>{escape(t.value)}</literal>"


def to_sparql_xml(result: Result) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "<head>"]
    out += [f'<variable name="{escape(v)}"/>' for v in result.variables]
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>")
            out += [f'<binding name="{escape(v)}">{_xml_term(t)}</binding>'
                    for v, t in zip(result.variables, row) if t is not None]
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out)


def to_csv(result: Result, excel: bool = False) -> str:
    """SPARQL 1.1 CSV results (CRLF lines); `excel` adds a byte-order mark."""
    if result.kind == "ask":
        return "true\r\n" if result.boolean else "false\r\n"
    buf = io.StringIO()
    if excel:
        buf.write("\ufeff")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow([_plain(t) for t in row])
    return buf.getvalue()


def _tsv(t: Term | None) -> str:
    if t is None:
        return ""
    if t.kind == "uri":
        return f"<{t.value}>"
    if t.kind == "bnode":
        return f"_:{t.value}"
    value = t.value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t")
    value = value.replace("\r", "\\r")
    if t.lang:
        return f'"{value}"@{t.lang}'
    if t.datatype in (XSD + "integer", XSD + "decimal", XSD + "double", XSD + "boolean"):
        return t.value
    if t.datatype and t.datatype != XSD + "string":
        return f'"{value}"^^<{t.datatype}>'
    return f'"{value}"'


def to_tsv(result: Result) -> str:
    """SPARQL 1.1 TSV results: terms in Turtle syntax."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    lines = ["\t".join("?" + v for v in result.variables)]
    lines += ["\t".join(_tsv(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _short(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri):
                return f"{prefix}:{term.value[len(iri):]}"
    return term.value.replace("\n", " ")


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def to_table(result: Result, max_cell: int = 60) -> str:
    """A table for the terminal (CJK characters counted double-width), with the row count."""
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    cells = [[_short(t) for t in row] for row in result.rows]
    cells = [[c if _width(c) <= max_cell else c[: max_cell // 2] + "…" for c in row] for row in cells]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(result.variables)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(result.variables), line(["-" * w for w in widths])]
    out += [line(row) for row in cells]
    out.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''}"
               + (", truncated" if result.truncated else "") + ")")
    return "\n".join(out)


def graph_text(result: Result, fmt: str) -> str:
    """A CONSTRUCT/DESCRIBE answer serialised as ttl, nt, jsonld or RDF/XML (sorted: deterministic)."""
    triples = sorted(result.triples, key=str)
    prefixes = PREFIXES if fmt in ("ttl", "xml") else None
    data = ox.serialize(triples, format=_RDF_FORMATS[fmt], prefixes=prefixes)
    return (data or b"").decode("utf-8")


def render(result: Result, fmt: str, excel: bool = False) -> str:
    """The answer in `fmt`; QueryError for a result format a graph answer cannot take."""
    if result.kind == "graph":
        if fmt not in _RDF_FORMATS:
            raise QueryError(E.FORMAT_FOR_GRAPH, format=fmt)
        return graph_text(result, fmt)
    if fmt in ("ttl", "nt", "jsonld"):
        raise QueryError(E.BAD_OPTION, option=f"--format {fmt}",
                         problem="is for CONSTRUCT or DESCRIBE answers; a SELECT or ASK answers as "
                                 "table, json, xml, csv or tsv")
    if fmt == "json":
        return to_sparql_json(result)
    if fmt == "xml":
        return to_sparql_xml(result)
    if fmt == "csv":
        return to_csv(result, excel=excel)
    if fmt == "tsv":
        return to_tsv(result)
    return to_table(result)


def listing() -> str:
    """`kg query --list`: each named query with its description and parameters."""
    lines = []
    for q in named_queries().values():
        lines.append(f"{q.name}\n    {q.title}: {q.question}")
        for p in q.params:
            default = f', default "{p.default}"' if p.default is not None else ""
            lines.append(f"    --param {p.name}=…  ({p.type}{default}) {p.description}")
        if q.columns:
            lines.append(f"    columns: {', '.join(q.columns)}")
    return "\n".join(lines)
