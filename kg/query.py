"""SPARQL: the library of named queries, parameter binding, two engines, result formats.

Named queries are `kg/queries/*.rq`, each opening with a header:

    # title: …
    # question: …
    # param: name (string|zh|integer|iri, default "…") what it means
    # columns: a, b, c

Parameters are bound as variables, never formatted into the query text: rdflib gets them
as `initBindings`; for Oxigraph they become an initial `VALUES` row of RDF terms serialised
by pyoxigraph (which escapes every character, so a value can never be read as SPARQL) —
Oxigraph's own SEP-0007 `substitutions` evaluate a parameter used in a FILTER after the
whole pattern (40× slower on 1 M triples). Queries project their parameters (and group by
them) so both engines see them; the runner drops those columns. Both answer with `Result`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pyoxigraph as ox

from .errors import QueryError
from .namespaces import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
_HEADER = re.compile(r"^#\s*(title|question|param|columns)\s*:\s*(.*)$")
_PARAM = re.compile(r'^(\w+)\s*\((string|zh|integer|iri)(?:\s*,\s*default\s+("(?:[^"]*)"|\S+?))?\)\s*(.*)$')


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None
    description: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    question: str
    params: tuple[Param, ...]
    columns: tuple[str, ...]
    text: str


def parse_header(name: str, text: str) -> NamedQuery:
    title = question = ""
    params: list[Param] = []
    columns: tuple[str, ...] = ()
    for line in text.splitlines():
        m = _HEADER.match(line.strip())
        if not m:
            if line.strip() and not line.startswith("#"):
                break
            continue
        key, value = m.groups()
        if key == "title":
            title = value
        elif key == "question":
            question = value
        elif key == "columns":
            columns = tuple(c.strip() for c in value.split(","))
        else:
            pm = _PARAM.match(value)
            if not pm:
                raise QueryError(f"{name}.rq: cannot read the parameter line `{value}`.")
            pname, ptype, default, desc = pm.groups()
            if default is not None and default.startswith('"'):
                default = default[1:-1]
            params.append(Param(pname, ptype, default, desc))
    return NamedQuery(name, title, question, tuple(params), columns, text)


@lru_cache(maxsize=1)
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with the package, by name."""
    out = {}
    for entry in sorted(files("kg.queries").iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_header(name, entry.read_text(encoding="utf-8"))
    return out


def resolve(spec: str) -> NamedQuery:
    """A named query, a `.rq` file, or inline SPARQL."""
    queries = named_queries()
    if spec in queries:
        return queries[spec]
    if spec.endswith(".rq") or (len(spec) < 300 and "\n" not in spec and Path(spec).is_file()):
        path = Path(spec)
        if not path.is_file():
            raise QueryError(f"{spec}: no such query file.")
        return parse_header(path.stem, path.read_text(encoding="utf-8"))
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", spec, re.I):
        return NamedQuery("inline", "", "", (), (), spec)
    raise QueryError(f"`{spec}` is not a named query, a .rq file or SPARQL; `kg query --list` shows the named ones.")


def to_term(value: str, type_: str) -> ox.NamedNode | ox.Literal:
    if type_ == "integer":
        try:
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
        except ValueError:
            raise QueryError(f"`{value}` is not an integer.") from None
    if type_ == "zh":  # a Chinese label, matched exactly (and through the index) against @zh labels
        return ox.Literal(value, language="zh")
    if type_ == "iri":
        try:
            return ox.NamedNode(value)
        except ValueError:
            raise QueryError(f"`{value}` is not an IRI.") from None
    return ox.Literal(value)


def bindings(query: NamedQuery, given: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Parameter values (given or default) as RDF terms; unknown or missing parameters are errors."""
    known = {p.name: p for p in query.params}
    for key in given:
        if key not in known:
            names = ", ".join(known) or "none"
            raise QueryError(f"`{query.name}` has no parameter `{key}` (its parameters: {names}).")
    out = {}
    for p in query.params:
        value = given.get(p.name, p.default)
        if value is None:
            raise QueryError(f"`{query.name}` needs --param {p.name}=… ({p.description}).")
        out[p.name] = to_term(value, p.type)
    return out


@dataclass(frozen=True)
class Term:
    """An RDF term as SPARQL results carry it."""

    kind: str  # uri | literal | bnode
    value: str
    lang: str | None = None
    datatype: str | None = None

    def to_json(self) -> dict[str, str]:
        out = {"type": self.kind, "value": self.value}
        if self.lang:
            out["xml:lang"] = self.lang
        elif self.datatype and self.datatype != XSD + "string":
            out["datatype"] = self.datatype
        return out


@dataclass
class Result:
    """A query's answer: variables and rows (SELECT), a boolean (ASK) or triples (CONSTRUCT/DESCRIBE)."""

    kind: str  # select | ask | graph
    variables: list[str] = field(default_factory=list)
    rows: list[list[Term | None]] = field(default_factory=list)
    boolean: bool | None = None
    ntriples: str = ""
    truncated: bool = False


def _from_ox(term: Any) -> Term | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return Term("uri", term.value)
    if isinstance(term, ox.BlankNode):
        return Term("bnode", term.value)
    if isinstance(term, ox.Literal):
        return Term("literal", term.value, term.language, term.datatype.value if term.datatype else None)
    return Term("literal", str(term))


def _from_rdflib(term: Any) -> Term | None:
    import rdflib

    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return Term("uri", str(term))
    if isinstance(term, rdflib.BNode):
        return Term("bnode", str(term))
    if isinstance(term, rdflib.Literal):
        datatype = str(term.datatype) if term.datatype else (None if term.language else XSD + "string")
        return Term("literal", str(term), term.language, datatype)
    return Term("literal", str(term))


def check_syntax(text: str) -> None:
    """Raise QueryError with line and column for malformed SPARQL."""
    try:
        ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {str(err).replace('error at ', 'at line:column ')}.") from None
    except Exception:  # a well-formed query that fails on an empty store is fine here
        pass


_CODE_ONLY = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def with_values(text: str, binds: dict[str, Any]) -> str:
    """The query with an initial VALUES row binding the parameters (terms serialised by pyoxigraph)."""
    if not binds:
        return text
    code = _CODE_ONLY.sub(lambda m: " " * len(m.group(0)), text)
    m = _WHERE.search(code)
    if not m:
        raise QueryError("a query with parameters needs a WHERE { … } clause.")
    names = sorted(binds)
    row = " ".join(str(binds[n]) for n in names)
    values = f"\n  VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}\n"
    return text[: m.end()] + values + text[m.end():]


def run_oxigraph(store: ox.Store, text: str, binds: dict[str, Any], limit: int | None = None) -> Result:
    try:
        answer = store.query(with_values(text, binds), prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise QueryError(f"SPARQL syntax error: {str(err).replace('error at ', 'at line:column ')}.") from None
    except OSError as err:
        raise QueryError(f"the query failed: {err}.") from None
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables if v.value not in binds]
        rows: list[list[Term | None]] = []
        truncated = False
        for solution in answer:
            if limit is not None and len(rows) >= limit:
                truncated = True
                break
            rows.append([_from_ox(solution[v]) for v in variables])
        return Result("select", variables, rows, truncated=truncated)
    triples = []
    for n, triple in enumerate(answer):
        if limit is not None and n >= limit:
            break
        triples.append(triple)
    return Result("graph", ntriples=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"))


def run_rdflib(graph: Any, text: str, binds: dict[str, Any]) -> Result:
    import rdflib

    def conv(term: Any) -> Any:
        if isinstance(term, ox.NamedNode):
            return rdflib.URIRef(term.value)
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        datatype = term.datatype.value if term.datatype and term.datatype.value != XSD + "string" else None
        return rdflib.Literal(term.value, datatype=datatype)

    try:
        answer = graph.query(text, initNs=PREFIXES, initBindings={k: conv(v) for k, v in binds.items()})
    except Exception as err:
        raise QueryError(f"the query failed: {err}.") from None
    if answer.type == "ASK":
        return Result("ask", boolean=bool(answer.askAnswer))
    if answer.type == "SELECT":
        variables = [str(v) for v in answer.vars if str(v) not in binds]
        return Result("select", variables, [[_from_rdflib(row[v]) for v in variables] for row in answer])
    return Result("graph", ntriples=answer.graph.serialize(format="nt"))


def query(graph_path: Path, spec: str, params: dict[str, str] | None = None, engine: str = "oxigraph") -> Result:
    """Run a named query, .rq file or inline SPARQL on a graph file or store (public API)."""
    from .store import load_graph, to_rdflib

    q = resolve(spec)
    binds = bindings(q, params or {})
    store = load_graph(graph_path)
    if engine == "rdflib":
        check_syntax(q.text)  # Oxigraph's parser gives line and column; rdflib's errors do not
        return run_rdflib(to_rdflib(store), q.text, binds)
    return run_oxigraph(store, q.text, binds)


# --- result formats -----------------------------------------------------------------

def _plain(term: Term | None) -> str:
    return "" if term is None else term.value


def to_sparql_json(result: Result) -> str:
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean})
    bindings_ = [{v: t.to_json() for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings_}}, ensure_ascii=False)


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
            for v, t in zip(result.variables, row):
                if t is None:
                    continue
                if t.kind == "uri":
                    inner = f"<uri>{escape(t.value)}</uri>"
                elif t.kind == "bnode":
                    inner = f"<bnode>{escape(t.value)}</bnode>"
                elif t.lang:
                    inner = f'<literal xml:lang="{escape(t.lang)}">{escape(t.value)}</literal>'
                elif t.datatype and t.datatype != XSD + "string":
                    inner = f'<literal datatype="{escape(t.datatype)}">{escape(t.value)}</literal>'
                else:
                    inner = f"<literal>{escape(t.value)}</literal>"
                out.append(f'<binding name="{escape(v)}">{inner}</binding>')
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out)


def to_csv(result: Result, delimiter: str = ",") -> str:
    buf = io.StringIO()
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    if delimiter == "\t":
        buf.write("\t".join("?" + v for v in result.variables) + "\n")
        for row in result.rows:
            buf.write("\t".join(_tsv(t) for t in row) + "\n")
        return buf.getvalue()
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
    if t.lang:
        return f'"{value}"@{t.lang}'
    if t.datatype in (XSD + "integer", XSD + "decimal", XSD + "double", XSD + "boolean"):
        return t.value
    if t.datatype and t.datatype != XSD + "string":
        return f'"{value}"^^<{t.datatype}>'
    return f'"{value}"'


def _short(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        for prefix, iri in PREFIXES.items():
            if term.value.startswith(iri):
                return f"{prefix}:{term.value[len(iri):]}"
    return term.value


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def to_table(result: Result, max_cell: int = 60) -> str:
    if result.kind == "ask":
        return "yes" if result.boolean else "no"
    if result.kind == "graph":
        return result.ntriples
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


def render(result: Result, fmt: str) -> str:
    if fmt == "json":
        return to_sparql_json(result) if result.kind != "graph" else result.ntriples
    if fmt == "xml":
        return to_sparql_xml(result)
    if fmt == "csv":
        return to_csv(result) if result.kind != "graph" else result.ntriples
    if fmt == "tsv":
        return to_csv(result, "\t") if result.kind != "graph" else result.ntriples
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
