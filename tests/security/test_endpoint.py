"""Issue 12 (2, 6): the endpoint fetches nothing, answers only to its own name, shares nothing cross-origin
unless told, and answers every malformed request with a 4xx instead of hanging or dropping it."""

from __future__ import annotations

import http.client
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from kgrun import popen
from listener import Listener

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _start(graph, *extra: str) -> tuple[subprocess.Popen, str]:
    proc = popen("serve", "--graph", str(graph), "--port", "0", "--timeout", "3", "--read-timeout", "2", *extra,
                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert "Serving SPARQL at" in line, proc.stderr.read()
    return proc, line.split("at ", 1)[1].split("/sparql")[0]


@pytest.fixture(scope="module")
def server(sample_out):
    proc, base = _start(sample_out / "store", "--site", str(sample_out))
    yield base
    proc.terminate()
    proc.wait(5)


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=15) as resp:
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def _query(base: str, query: str) -> tuple[int, bytes]:
    status, _, body = _get(base + "/sparql?" + urllib.parse.urlencode({"query": query}),
                           {"Accept": "application/sparql-results+json"})
    return status, body


@pytest.mark.parametrize("template", [
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    'SELECT * WHERE {{ BIND("""a\\"""" AS ?x) SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}',
    "SELECT * WHERE {{ BIND('a\\'' AS ?x) SERVICE <{url}/x> {{ ?s ?p ?o }} }}",
    "PREFIX e: <{url}/> SELECT * WHERE {{ SERVICE e:a\\#b {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ \\u0053ERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}/q> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ # SERVICE in a comment\n SERVICE <{url}/c> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE <{url}/nested> {{ ?s ?p ?o }} }} }} }}",
])
def test_service_in_every_disguise_is_refused_and_nothing_is_fetched(server, template):
    listener = Listener()
    try:
        status, body = _query(server, template.format(url=listener.url))
        time.sleep(0.3)
        assert 400 <= status < 500, body
        assert listener.hits == []
    finally:
        listener.close()


def test_no_cors_header_unless_asked(server, sample_out):
    status, headers, _ = _get(server + "/sparql?" + urllib.parse.urlencode({"query": COUNT}),
                              {"Origin": "https://evil.example"})
    assert status == 200 and "Access-Control-Allow-Origin" not in headers
    proc, base = _start(sample_out / "store", "--cors", "http://localhost:3000")
    try:
        _, headers, _ = _get(base + "/sparql?" + urllib.parse.urlencode({"query": COUNT}))
        assert headers["Access-Control-Allow-Origin"] == "http://localhost:3000"
    finally:
        proc.terminate()
        proc.wait(5)


def test_a_rebound_host_name_is_refused(server):
    host, port = urllib.parse.urlsplit(server).hostname, urllib.parse.urlsplit(server).port
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": COUNT}), headers={"Host": f"evil.example:{port}"})
    assert conn.getresponse().status == 421
    conn = http.client.HTTPConnection(host, port, timeout=10)
    conn.request("GET", "/sparql?" + urllib.parse.urlencode({"query": COUNT}), headers={"Host": f"localhost:{port}"})
    assert conn.getresponse().status == 200


def test_no_accept_header_means_any(server):
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(server).hostname, urllib.parse.urlsplit(server).port,
                                      timeout=10)
    conn.putrequest("GET", "/sparql?" + urllib.parse.urlencode({"query": COUNT}), skip_accept_encoding=True)
    conn.endheaders()
    resp = conn.getresponse()
    assert resp.status == 200 and resp.getheader("Content-Type").startswith("application/sparql-results+json")


@pytest.mark.parametrize("path", ["/store/CURRENT", "/.kg/manifest.json", "/build.json", "/%00", "/reports/%00.html",
                                  "/../../etc/passwd", "/reports/../store/CURRENT", "/graph.ttl\x00.html"])
def test_only_views_are_served_and_odd_paths_are_404(server, path):
    conn = http.client.HTTPConnection(urllib.parse.urlsplit(server).hostname, urllib.parse.urlsplit(server).port,
                                      timeout=10)
    conn.putrequest("GET", path.replace("\x00", "%00"))
    conn.endheaders()
    assert conn.getresponse().status == 404


def test_views_are_served_with_a_content_security_policy(server):
    for path in ("/index.html", "/graph.html", "/"):
        status, headers, body = _get(server + path)
        assert status == 200, path
        policy = headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_a_short_body_with_a_long_content_length_is_answered(server):
    parts = urllib.parse.urlsplit(server)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    sock.sendall(b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                 b"Content-Length: 5000\r\n\r\nSELECT")
    started = time.monotonic()
    answer = sock.recv(200)
    sock.close()
    assert answer.startswith(b"HTTP/1.1 408") or answer.startswith(b"HTTP/1.1 400"), answer
    assert time.monotonic() - started < 8


@pytest.mark.parametrize("raw", [b"GARBAGE\r\n\r\n", b"GET /sparql?query=%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                                 b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: abc\r\n\r\n",
                                 b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + b"X: " + b"a" * 70000 + b"\r\n\r\n"])
def test_malformed_requests_get_a_4xx(server, raw):
    parts = urllib.parse.urlsplit(server)
    sock = socket.create_connection((parts.hostname, parts.port), timeout=10)
    sock.sendall(raw)
    answer = sock.recv(200)
    sock.close()
    assert answer[:10] in (b"HTTP/1.1 4", b"HTTP/1.0 4") or answer[9:10] == b"4", answer


def test_concurrent_heavy_queries_are_capped(sample_out):
    proc, base = _start(sample_out / "store", "--concurrent", "1")
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    try:
        import concurrent.futures

        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            statuses = list(pool.map(lambda _: _query(base, slow)[0], range(8)))
        assert set(statuses) <= {200, 503} and 503 in statuses
        assert _query(base, COUNT)[0] == 200  # the server is still there
    finally:
        proc.terminate()
        proc.wait(5)


def test_ipv6_loopback_can_be_bound(sample_out):
    if not socket.has_ipv6:
        pytest.skip("this machine has no IPv6")
    try:
        socket.socket(socket.AF_INET6).bind(("::1", 0))
    except OSError:
        pytest.skip("::1 cannot be bound here (no IPv6 loopback)")
    proc, base = _start(sample_out / "store", "--host", "::1")
    try:
        assert base.startswith("http://[::1]:")
        assert _query(base, COUNT)[0] == 200
    finally:
        proc.terminate()
        proc.wait(5)


def test_binding_a_public_address_warns(sample_out):
    proc = popen("serve", "--graph", str(sample_out / "store"), "--port", "0", "--host", "0.0.0.0",
                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "Serving SPARQL" in proc.stdout.readline()
        warning = proc.stderr.readline()
        assert "reachable from other machines" in warning
    finally:
        proc.terminate()
        proc.wait(5)
