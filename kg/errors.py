"""User-facing errors: one sentence saying what went wrong and what to do."""

from __future__ import annotations


class KgError(Exception):
    """An error caused by the user's input or environment, shown without a traceback."""

    exit_code = 2


class InputError(KgError):
    """A file cannot be read as a report."""


class GraphError(KgError):
    """A graph file or store cannot be opened or is not valid."""


class QueryError(KgError):
    """A SPARQL query is malformed or refers to something unknown."""


MAX_BYTES = 20 * 1024 * 1024  # larger files are refused: no real report is this long


def too_large(path: str, size: int) -> InputError:
    return InputError(
        f"{path}: file is {size / 1e6:.0f} MB, larger than the {MAX_BYTES / 1e6:.0f} MB limit for one report; "
        "split it into separate reports."
    )
