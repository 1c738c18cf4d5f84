"""What a query from a user may do, decided from the parsed query, never from a pattern over its text.

rdflib's SPARQL parser reads the query into its parse tree; the walk looks for the parts that
would fetch or select other data: SERVICE (a federated call to a URL) and FROM / FROM NAMED
(a dataset of other graphs). Text that parses only as SPARQL Update is an update. Strings,
IRIs, escapes and comments cannot hide a keyword from a parser as they could from a pattern.

Because the query then runs in another parser (Oxigraph's), SERVICE is also refused whenever
the word appears anywhere in the query once its codepoint escapes are decoded: a query that two
parsers could read differently is never run with a SERVICE in it (the endpoint's query process
also has no network where the system allows it; see serve).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from typing import Any

from ..errors import E, RefusedError
from .run import check_syntax


def _names(node: Any) -> Iterator[str]:
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item.name
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, ParseResults)):
            stack.extend(item)


_PARSER = threading.Lock()
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _unescaped(text: str) -> str:
    """The query with SPARQL's codepoint escapes (\\uXXXX, \\UXXXXXXXX) decoded, as parsers may read them."""
    def char(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= 0x10FFFF else ""
    return _ESCAPE.sub(char, text)


def refuse(text: str, allow_service: bool = False) -> None:
    """Raise RefusedError for an update, SERVICE (unless allowed) or a dataset clause; QueryError for bad syntax."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        with _PARSER:  # pyparsing grammars are not thread-safe; the endpoint checks queries in many threads
            tree = parseQuery(text)
    except ParseException:
        try:
            with _PARSER:
                parseUpdate(text)
        except ParseException:
            check_syntax(text)  # Oxigraph's parser says where the error is
            raise RefusedError(E.QUERY_SYNTAX, detail="the query cannot be parsed") from None
        raise RefusedError(E.UPDATE_REFUSED) from None
    except RecursionError:
        raise RefusedError(E.QUERY_SYNTAX, detail="the query nests too deeply") from None
    names = set(_names(tree))
    if not allow_service and ("ServiceGraphPattern" in names or "service" in _unescaped(text).lower()):
        raise RefusedError(E.SERVICE_REFUSED)
    if "DatasetClause" in names:
        raise RefusedError(E.DATASET_REFUSED)
