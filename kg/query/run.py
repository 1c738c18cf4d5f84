"""Running SPARQL on a graph: two engines, one result type, parameters bound as RDF terms.

Parameters are never formatted into a query's text: rdflib gets them as `initBindings`; for
Oxigraph they become an initial `VALUES` row of terms serialised by pyoxigraph (which escapes
every character, so a value can never be read as SPARQL) — Oxigraph's own SEP-0007
`substitutions` evaluate a parameter used in a FILTER after the whole pattern (40× slower on
1 M triples). Queries project their parameters (and group by them) so both engines see them;
the runner drops those columns. A query from a user is checked by `safety.refusal` first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..errors import E, QueryError
from ..namespaces import PREFIXES
from .library import NamedQuery, bindings, internal_query, resolve

XSD = "http://www.w3.org/2001/XMLSchema#"


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
    triples: list[ox.Triple] = field(default_factory=list)
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


def _syntax_error(err: Exception) -> QueryError:
    return QueryError(E.QUERY_SYNTAX, detail=str(err).replace("error at ", "at line:column "))


def check_syntax(text: str) -> None:
    """Raise QueryError with line and column for malformed SPARQL."""
    try:
        ox.Store().query(text, prefixes=PREFIXES)
    except SyntaxError as err:
        raise _syntax_error(err) from None
    except Exception:  # a well-formed query that fails on an empty store is fine here
        pass


_CODE_ONLY = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*')
_WHERE = re.compile(r"\bWHERE\s*\{", re.I)


def with_values(text: str, binds: dict[str, Any]) -> str:
    """The query with an initial VALUES row binding the parameters (terms serialised by pyoxigraph), in
    its first `WHERE {` group: a query that wants them bound in a sub-select writes its outer group
    without the keyword (`SELECT ?x { { SELECT … WHERE { … } } … }`, report_statements.rq)."""
    if not binds:
        return text
    code = _CODE_ONLY.sub(lambda m: " " * len(m.group(0)), text)
    m = _WHERE.search(code)
    if not m:
        raise QueryError(E.QUERY_NEEDS_WHERE)
    names = sorted(binds)
    row = " ".join(str(binds[n]) for n in names)
    values = f"\n  VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }}\n"
    return text[: m.end()] + values + text[m.end():]


def run_oxigraph(store: ox.Store, text: str, binds: dict[str, Any], limit: int | None = None) -> Result:
    try:
        answer = store.query(with_values(text, binds), prefixes=PREFIXES, use_default_graph_as_union=True)
    except SyntaxError as err:
        raise _syntax_error(err) from None
    except OSError as err:
        raise QueryError(E.QUERY_FAILED, reason=err) from None
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
    triples: list[ox.Triple] = []
    for triple in answer:
        if limit is not None and len(triples) >= limit:
            return Result("graph", triples=triples, truncated=True)
        triples.append(triple)
    return Result("graph", triples=triples)


def _rdflib_term(term: Any) -> Any:
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = term.datatype.value if term.datatype and term.datatype.value != XSD + "string" else None
    return rdflib.Literal(term.value, datatype=datatype)


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


def run_rdflib(graph: Any, text: str, binds: dict[str, Any]) -> Result:
    try:
        answer = graph.query(text, initNs=PREFIXES, initBindings={k: _rdflib_term(v) for k, v in binds.items()})
    except Exception as err:
        raise QueryError(E.QUERY_FAILED, reason=err) from None
    if answer.type == "ASK":
        return Result("ask", boolean=bool(answer.askAnswer))
    if answer.type == "SELECT":
        variables = [str(v) for v in answer.vars if str(v) not in binds]
        return Result("select", variables, [[_from_rdflib(row[v]) for v in variables] for row in answer])
    data = answer.graph.serialize(format="nt").encode("utf-8")
    return Result("graph", triples=list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES)))


def query(graph_path: Path, spec: str, params: dict[str, str] | None = None, engine: str = "oxigraph",
          allow_service: bool = False) -> Result:
    """Run a named query, .rq file or inline SPARQL on a graph file or store (public API)."""
    from ..store import load_graph, to_rdflib
    from .safety import refuse

    q = resolve(spec)
    if q.name == "inline" or q.name not in _named_names():
        refuse(q.text, allow_service=allow_service)
    binds = bindings(q, params or {})
    store = load_graph(graph_path)
    if engine == "rdflib":
        check_syntax(q.text)  # Oxigraph's parser gives line and column; rdflib's errors do not
        return run_rdflib(to_rdflib(store), q.text, binds)
    return run_oxigraph(store, q.text, binds)


def _named_names() -> set[str]:
    from .library import named_queries

    return set(named_queries())


def select(store: ox.Store, name: str, **params: str | ox.NamedNode) -> list[dict[str, str]]:
    """Rows of an internal query (kg/queries/internal/NAME.rq) as plain strings ("" for unbound)."""
    q: NamedQuery = internal_query(name)
    given = {k: v.value if isinstance(v, ox.NamedNode) else v for k, v in params.items()}
    result = run_oxigraph(store, q.text, bindings(q, given))
    return [{v: (t.value if t is not None else "") for v, t in zip(result.variables, row)} for row in result.rows]
