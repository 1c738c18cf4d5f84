"""Running one query for the endpoint: in a forked child process with a time limit, a memory limit
and (where the system allows) no network at all, and never more than a few at once.

The child is killed at the time limit (HTTP 503); it gets `memory` bytes of address space beyond
what it inherits (an allocation past that fails the query, not the machine); it moves into fresh
user and network namespaces, so even a SERVICE clause that slipped past the refusals could reach
nothing. At most `concurrent` queries run at a time; a request that waits longer than `queue`
seconds for a turn is answered 503.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import resource
import threading
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox

from ..errors import QueryError
from ..query import graph_text, render, run_oxigraph
from .negotiate import MIME

Answer = tuple[int, str, bytes, dict[str, str]]
_TEXT = "text/plain; charset=utf-8"
_CLONE_NEWUSER, _CLONE_NEWNET = 0x10000000, 0x40000000


@dataclass(frozen=True)
class Limits:
    timeout: float = 10.0  # seconds per query
    max_rows: int = 10000  # rows (or triples) per answer
    memory: int = 1 << 30  # bytes of address space a query may add
    concurrent: int = 4  # queries at once
    queue: float = 5.0  # seconds a request may wait for its turn
    read_timeout: float = 30.0  # seconds a client may take to send a request, or stay idle between requests


def _isolate(memory: int) -> None:
    """In the child: no network (new namespaces, where allowed) and a cap on memory."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.unshare(_CLONE_NEWUSER | _CLONE_NEWNET)
    except (OSError, AttributeError):
        pass
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            size = next(int(line.split()[1]) * 1024 for line in fh if line.startswith("VmSize:"))
        resource.setrlimit(resource.RLIMIT_AS, (size + memory, size + memory))
    except (OSError, ValueError, StopIteration):
        pass


def execute(store: ox.Store, query: str, binds: dict[str, Any], select_fmt: str | None, graph_fmt: str | None,
            max_rows: int) -> Answer:
    """Run one query and render its answer; (status, content type, body, extra headers)."""
    try:
        result = run_oxigraph(store, query, binds, limit=max_rows)
    except QueryError as err:
        return 400, _TEXT, str(err).encode("utf-8"), {}
    except MemoryError:
        return 503, _TEXT, b"The query needed more memory than the endpoint allows and was stopped.", {}
    headers = {"X-KG-Truncated": "true"} if result.truncated else {}
    if result.kind == "graph":
        if graph_fmt is None:
            return 406, _TEXT, b"Not acceptable: a CONSTRUCT or DESCRIBE answers in Turtle or N-Triples.", {}
        return 200, MIME[graph_fmt], graph_text(result, graph_fmt).encode("utf-8"), headers
    if select_fmt is None:
        return 406, _TEXT, b"Not acceptable: results come as SPARQL JSON, XML, CSV or TSV.", {}
    return 200, MIME[select_fmt], render(result, select_fmt).encode("utf-8"), headers


def _child(conn: Any, store: ox.Store, query: str, binds: dict[str, Any], select_fmt: str | None,
           graph_fmt: str | None, limits: Limits) -> None:
    try:
        _isolate(limits.memory)
        conn.send(execute(store, query, binds, select_fmt, graph_fmt, limits.max_rows))
    except MemoryError:
        conn.send((503, _TEXT, b"The query needed more memory than the endpoint allows and was stopped.", {}))
    except BaseException as err:  # report, never hang the parent
        conn.send((500, _TEXT, f"Internal error: {type(err).__name__}".encode(), {}))
    finally:
        conn.close()
        os._exit(0)


class Runner:
    def __init__(self, store: ox.Store, limits: Limits) -> None:
        self.store, self.limits = store, limits
        self.slots = threading.BoundedSemaphore(limits.concurrent)

    def run(self, query: str, binds: dict[str, Any], select_fmt: str | None, graph_fmt: str | None) -> Answer:
        if not self.slots.acquire(timeout=self.limits.queue):
            return 503, _TEXT, b"The endpoint is busy with other queries; try again shortly.", {"Retry-After": "5"}
        try:
            return self._fork(query, binds, select_fmt, graph_fmt)
        finally:
            self.slots.release()

    def _fork(self, query: str, binds: dict[str, Any], select_fmt: str | None, graph_fmt: str | None) -> Answer:
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(child, self.store, query, binds, select_fmt, graph_fmt, self.limits),
                           daemon=True)
        proc.start()
        child.close()
        try:
            if parent.poll(self.limits.timeout):
                answer: Answer = parent.recv()
                proc.join(1)
                return answer
            return 503, _TEXT, f"The query ran longer than the {self.limits.timeout:g} s limit and was stopped.".encode(), {}
        except EOFError:
            return 503, _TEXT, b"The query process ended without an answer (out of memory?).", {}
        finally:
            if proc.is_alive():
                proc.kill()
                proc.join(1)
            parent.close()
