"""SPARQL over a built graph: the named-query library, two engines, refusals and result formats."""

from .formats import (
    GRAPH_FORMATS,
    RESULT_FORMATS,
    graph_text,
    listing,
    render,
    to_csv,
    to_sparql_json,
    to_sparql_xml,
    to_table,
    to_tsv,
)
from .library import (
    NamedQuery,
    Param,
    bindings,
    internal_query,
    named_queries,
    parse_header,
    resolve,
    to_term,
)
from .run import Result, Term, check_syntax, query, run_oxigraph, run_rdflib, select, with_values
from .safety import refuse

__all__ = [
    "GRAPH_FORMATS", "RESULT_FORMATS", "NamedQuery", "Param", "Result", "Term", "bindings", "check_syntax",
    "graph_text", "internal_query", "listing", "named_queries", "parse_header", "query", "refuse", "render",
    "resolve", "run_oxigraph", "run_rdflib", "select", "to_csv", "to_sparql_json", "to_sparql_xml", "to_table",
    "to_term", "to_tsv", "with_values",
]
