"""`kg push` to a real Oxigraph server (PyPI `oxigraph`), started on a free port."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from kgrun import kg

from kg.query import named_queries, query

pytestmark = pytest.mark.server


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def oxigraph_server(tmp_path):
    exe = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(exe).exists():
        pytest.fail("the `oxigraph` server (PyPI package oxigraph, in the test extra) is not installed")
    port = _free_port()
    proc = subprocess.Popen([exe, "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("oxigraph server did not start: " + proc.stderr.read().decode())
    yield base
    proc.terminate()
    proc.wait(10)


def sparql(base: str, q: str) -> dict:
    url = base + "/query?" + urllib.parse.urlencode({"query": q})
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as resp:
        return json.loads(resp.read())




def test_push_sample_graph_and_query_it_on_the_server(oxigraph_server, sample_out):
    graph_iri = "https://w3id.org/dangjian-kg/id/graph/sample"
    run = kg("push", "--endpoint", oxigraph_server + "/store", "--graph", graph_iri,
             "--from", str(sample_out / "store"), "--chunk", "4000")
    assert run.returncode == 0, run.stderr
    local = query(sample_out / "store", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0].value
    chunks = -(-int(local) // 4000)
    assert f"{int(local):,} triples in {chunks} chunk(s)" in run.stdout and chunks > 1
    assert f"the server confirms it holds {int(local):,}" in run.stdout
    remote = sparql(oxigraph_server, f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}")
    assert remote["results"]["bindings"][0]["n"]["value"] == local
    # a named query gives the same answer through the server's own SPARQL endpoint
    answer = sparql(oxigraph_server, named_queries()["themes_ranked"].text)
    remote_rows = [(b["theme"]["value"], b["reports"]["value"]) for b in answer["results"]["bindings"]]
    local_rows = [(r[0].value, r[1].value) for r in query(sample_out / "store", "themes_ranked").rows]
    assert remote_rows == local_rows and remote_rows


def test_push_replaces_by_default_and_appends_on_request(oxigraph_server, tmp_path):
    one = tmp_path / "one.nt"
    one.write_text('<http://x/a> <http://x/p> "1" .\n<http://x/b> <http://x/p> "2" .\n', encoding="utf-8")
    two = tmp_path / "two.nt"
    two.write_text('<http://x/c> <http://x/p> "3" .\n', encoding="utf-8")
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://x/g> { ?s ?p ?o } }"
    assert kg("push", "--endpoint", oxigraph_server + "/store", "--graph", "http://x/g", "--from", str(one)).returncode == 0
    assert kg("push", "--endpoint", oxigraph_server + "/store", "--graph", "http://x/g", "--from", str(two),
              "--append").returncode == 0
    assert sparql(oxigraph_server, count)["results"]["bindings"][0]["n"]["value"] == "3"
    assert kg("push", "--endpoint", oxigraph_server + "/store", "--graph", "http://x/g", "--from", str(two)).returncode == 0
    assert sparql(oxigraph_server, count)["results"]["bindings"][0]["n"]["value"] == "1"


def test_push_errors_are_one_sentence(oxigraph_server, tmp_path):
    nt = tmp_path / "one.nt"
    nt.write_text('<http://x/a> <http://x/p> "1" .\n', encoding="utf-8")
    run = kg("push", "--endpoint", oxigraph_server + "/nope", "--from", str(nt))
    assert run.returncode == 2 and "refused" in run.stderr and "HTTP 404" in run.stderr and "Traceback" not in run.stderr
    run = kg("push", "--endpoint", f"http://127.0.0.1:{_free_port()}/store", "--from", str(nt))
    assert run.returncode == 2 and "cannot reach" in run.stderr
    run = kg("push", "--endpoint", "ftp://x", "--from", str(nt))
    assert run.returncode == 2 and "not an http(s) URL" in run.stderr
