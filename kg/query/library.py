"""The library of SPARQL queries: named queries for analysts (`kg/queries/*.rq`) and the internal
ones the views, the analysis and the build run (`kg/queries/internal/*.rq`).

Each file opens with a header:

    # title: …
    # question: …
    # param: name (string|zh|integer|iri, default "…") what it means
    # columns: a, b, c

Parameters are bound as RDF terms, never formatted into the query text (see run.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyoxigraph as ox

from ..errors import E, QueryError

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
                raise QueryError(E.QUERY_PARAM_LINE, name=name, line=value)
            pname, ptype, default, desc = pm.groups()
            if default is not None and default.startswith('"'):
                default = default[1:-1]
            params.append(Param(pname, ptype, default, desc))
    return NamedQuery(name, title, question, tuple(params), columns, text)


def _load(folder: str) -> dict[str, NamedQuery]:
    out = {}
    root = files("kg.queries")
    if folder:
        root = root.joinpath(folder)
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = parse_header(name, entry.read_text(encoding="utf-8"))
    return out


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with the package, by name."""
    return _load("")


@cache
def internal_query(name: str) -> NamedQuery:
    """One of the queries the views, the analysis and the build run (kg/queries/internal/)."""
    return _load("internal")[name]


def resolve(spec: str) -> NamedQuery:
    """A named query, a `.rq` file, or inline SPARQL."""
    queries = named_queries()
    if spec in queries:
        return queries[spec]
    if spec.endswith(".rq") or (len(spec) < 300 and "\n" not in spec and Path(spec).is_file()):
        path = Path(spec)
        if not path.is_file():
            raise QueryError(E.QUERY_FILE_MISSING, path=spec)
        return parse_header(path.stem, path.read_text(encoding="utf-8"))
    if re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", spec, re.I):
        return NamedQuery("inline", "", "", (), (), spec)
    raise QueryError(E.QUERY_UNKNOWN, spec=spec)


def to_term(value: str, type_: str) -> ox.NamedNode | ox.Literal:
    if type_ == "integer":
        try:
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(XSD + "integer"))
        except ValueError:
            raise QueryError(E.QUERY_NOT_INTEGER, value=value) from None
    if type_ == "zh":  # a Chinese label, matched exactly (and through the index) against @zh labels
        return ox.Literal(value, language="zh")
    if type_ == "iri":
        try:
            return ox.NamedNode(value)
        except ValueError:
            raise QueryError(E.QUERY_NOT_IRI, value=value) from None
    return ox.Literal(value)


def bindings(query: NamedQuery, given: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """Parameter values (given or default) as RDF terms; unknown or missing parameters are errors."""
    known = {p.name: p for p in query.params}
    for key in given:
        if key not in known:
            raise QueryError(E.QUERY_NO_PARAM, query=query.name, param=key, known=", ".join(known) or "none")
    out = {}
    for p in query.params:
        value = given.get(p.name, p.default)
        if value is None:
            raise QueryError(E.QUERY_NEEDS_PARAM, query=query.name, param=p.name, description=p.description)
        out[p.name] = to_term(value, p.type)
    return out
