"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint, named queries over HTTP, a query page and
the HTML views — on 127.0.0.1 by default.

`handler` routes and refuses, `runner` runs each query in an isolated child with limits,
`negotiate` picks formats, `site` says which files are served, `page` makes the query page.
"""

from __future__ import annotations

import ipaddress
import socket
import sys
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any

from ..errors import E, KgError
from .handler import make_handler
from .runner import Limits, Runner, execute

__all__ = ["Limits", "execute", "serve"]

_LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


class _Server6(_Server):
    address_family = socket.AF_INET6


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _site_for(graph: Path) -> Path | None:
    candidate = graph if graph.is_dir() and not (graph / "CURRENT").exists() else graph.parent
    return candidate if (candidate / "index.html").exists() or (candidate / "graph.html").exists() else None


def serve(graph: Path, host: str = "127.0.0.1", port: int = 7878, limits: Limits | None = None,
          site: Path | None = None, ready: Callable[[Any], None] | None = None, cors: str | None = None) -> None:
    """Serve until interrupted."""
    from ..store import load_graph

    store = load_graph(graph)
    site = site or _site_for(graph)
    loopback = _is_loopback(host)
    server_class = _Server6 if ":" in host else _Server
    runner = Runner(store, limits or Limits())
    try:
        httpd = server_class((host.strip("[]"), port), make_handler(runner, site, None, cors))
    except (OSError, OverflowError) as err:
        raise KgError(E.CANNOT_LISTEN, host=host, port=port, reason=getattr(err, "strerror", None) or err) from None
    bound = httpd.server_address[1]
    if loopback:  # only our own names: a web page cannot reach us through a rebound DNS name
        hosts = {f"{name}:{bound}" for name in _LOOPBACK_NAMES} | set(_LOOPBACK_NAMES)
        hosts |= {f"{host}:{bound}", host} if ":" not in host else {f"[{host.strip('[]')}]:{bound}"}
        httpd.RequestHandlerClass = make_handler(runner, site, hosts, cors)
    shown = f"[{host.strip('[]')}]" if ":" in host else host
    print(f"Serving SPARQL at http://{shown}:{bound}/sparql "
          f"(query page at http://{shown}:{bound}/); Ctrl-C stops.", flush=True)
    if not loopback:
        print(f"Warning: {host} is reachable from other machines: anyone who can reach it can run SPARQL on the "
              f"whole graph{' and read the HTML views (report texts) of ' + str(site) if site else ''}.",
              file=sys.stderr, flush=True)
    if ready:
        ready(httpd)
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()
