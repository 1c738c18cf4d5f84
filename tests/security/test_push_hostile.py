"""Issue 12 (5): `kg push` follows no redirect with data or credentials, gives up on a server that never
answers, and reports success only when the server's count confirms it."""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from kgrun import kg


class _Server:
    """A loopback HTTP server whose behaviour a test chooses; it records what it receives."""

    def __init__(self, handler: type[BaseHTTPRequestHandler]) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _recording(seen: list[tuple[str, str, dict[str, str]]], respond):  # noqa: ANN001
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _any(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            seen.append((self.command, self.path, dict(self.headers)))
            respond(self)

        do_GET = do_POST = do_PUT = _any

    return Handler


def _reply(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for k, v in (headers or {}).items():
        handler.send_header(k, v)
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def test_a_redirect_is_refused_and_credentials_do_not_travel(sample_out):
    other_seen: list = []
    other = _Server(_recording(other_seen, lambda h: _reply(h, 204)))
    seen: list = []
    first = _Server(_recording(seen, lambda h: _reply(h, 302, headers={"Location": other.url + "/store?default"})))
    try:
        run = kg("push", "--endpoint", first.url + "/store", "--from", str(sample_out / "graph.ttl"),
                 "--auth", "user:secret", "--timeout", "20")
        assert run.returncode == 2 and "redirect" in run.stderr and "Traceback" not in run.stderr
        assert other_seen == []  # nothing, and no Authorization header, reached the other host
        assert "Added" not in run.stdout and "Replaced" not in run.stdout
    finally:
        first.close()
        other.close()


def test_a_server_that_never_answers_is_given_up_on(sample_out):
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)  # accepts connections (the kernel does) but never reads or answers
    try:
        started = time.monotonic()
        run = kg("push", "--endpoint", f"http://127.0.0.1:{sock.getsockname()[1]}/store", "--from",
                 str(sample_out / "graph.ttl"), "--timeout", "3", timeout=60)
        assert run.returncode == 2 and "longer than the 3 s limit" in run.stderr
        assert time.monotonic() - started < 30
    finally:
        sock.close()


def test_a_server_that_stores_nothing_is_not_reported_as_success(sample_out):
    def respond(h: BaseHTTPRequestHandler) -> None:
        if h.path.startswith("/query"):
            body = json.dumps({"head": {"vars": ["n"]}, "results": {"bindings": [{"n": {"type": "literal", "value": "0"}}]}})
            _reply(h, 200, body.encode(), {"Content-Type": "application/sparql-results+json"})
        else:
            _reply(h, 204)

    seen: list = []
    server = _Server(_recording(seen, respond))
    try:
        run = kg("push", "--endpoint", server.url + "/store", "--from", str(sample_out / "graph.ttl"))
        assert run.returncode == 2 and "did not complete" in run.stderr
        assert any(m == "PUT" for m, _, _ in seen) and any(p.startswith("/query") for _, p, _ in seen)
    finally:
        server.close()


@pytest.mark.parametrize("endpoint", ["ftp://127.0.0.1/store", "file:///etc/passwd", "127.0.0.1:7878/store"])
def test_only_http_endpoints_are_used(sample_out, endpoint):
    run = kg("push", "--endpoint", endpoint, "--from", str(sample_out / "graph.ttl"))
    assert run.returncode == 2 and "not an http(s) URL" in run.stderr
