"""The persistent Oxigraph store next to graph.ttl, and loading any graph for reading.

Each report lives in its own named graph (so a changed or deleted file's triples
can be dropped), entity nodes in the corpus graph. Queries see the union.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from .errors import E, GraphError, KgError
from .namespaces import PREFIXES

STORE_DIR = "store"
_FORMATS = {".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD,
            ".json": ox.RdfFormat.JSON_LD, ".nq": ox.RdfFormat.N_QUADS, ".trig": ox.RdfFormat.TRIG,
            ".rdf": ox.RdfFormat.RDF_XML, ".owl": ox.RdfFormat.RDF_XML}


def is_store(path: Path) -> bool:
    """Whether a folder holds an Oxigraph store (RocksDB files)."""
    return path.is_dir() and any(path.glob("CURRENT"))


def open_store(path: Path) -> ox.Store:
    """Open (creating) a writable store."""
    path.mkdir(parents=True, exist_ok=True)
    try:
        return ox.Store(str(path))
    except OSError as err:
        raise GraphError(E.STORE_BUSY, path=path, reason=err) from None


def open_read_only(path: Path) -> ox.Store:
    try:
        return ox.Store.read_only(str(path))
    except OSError as err:
        raise GraphError(E.STORE_READ_ONLY, path=path, reason=err) from None


def format_for(path: Path) -> ox.RdfFormat:
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise GraphError(E.GRAPH_FORMAT, path=path)
    return fmt


def load_graph(path: Path) -> ox.Store:
    """A store holding the graph at path: a store folder (read-only) or a file parsed into memory."""
    if not path.exists():
        raise GraphError(E.NO_GRAPH, path=path)
    if path.is_dir():
        if is_store(path):
            return open_read_only(path)
        inner = path / STORE_DIR
        if is_store(inner):
            return open_read_only(inner)
        raise GraphError(E.NOT_A_STORE, path=path)
    store = ox.Store()
    try:
        store.bulk_load(path=str(path), format=format_for(path))
    except (SyntaxError, ValueError) as err:
        raise GraphError(E.BAD_GRAPH, path=path, format=path.suffix[1:], reason=err) from None
    return store


def triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every triple of every graph (report graphs and the corpus graph never share a triple)."""
    for quad in store.quads_for_pattern(None, None, None, None):
        yield quad.triple


_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EFBIG})


def atomic_write(path: Path, write) -> None:
    """Write via a temporary file in the same folder, then rename: never a half-written file. A folder
    that cannot be made or written to, or a full disk, is the user's to fix: one sentence (E117)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=str(path.parent))
    except OSError as e:
        raise KgError(E.CANNOT_WRITE, path=path, reason=e.strerror or type(e).__name__) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if e.errno in _WRITE_ERRORS or isinstance(e, IsADirectoryError):
            raise KgError(E.CANNOT_WRITE, path=path, reason=e.strerror or type(e).__name__) from None
        raise
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def turtle_header() -> bytes:
    """The prefix lines every Turtle file the tool writes starts with."""
    return "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in sorted(PREFIXES.items())).encode("utf-8")


def to_rdflib(store: ox.Store):
    """The store's triples as an in-memory rdflib Graph (small graphs, SHACL, tests)."""
    import rdflib

    data = ox.serialize(triples(store), format=ox.RdfFormat.N_TRIPLES) or b""
    graph = rdflib.Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    return graph
