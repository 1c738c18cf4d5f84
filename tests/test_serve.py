"""`kg serve` with a real, independent client (SPARQLWrapper): formats, read-only, time limit."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest
from kgrun import popen
from SPARQLWrapper import CSV, JSON, N3, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

COUNT_REPORTS = "PREFIX djo: <https://w3id.org/dangjian-kg/ontology#> SELECT (COUNT(?r) AS ?n) WHERE { ?r a djo:Report }"
PROGRAMS = ("PREFIX djo: <https://w3id.org/dangjian-kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
            "SELECT ?p ?n WHERE { ?x skos:prefLabel ?p ; djo:reportCount ?n } ORDER BY DESC(?n) ?p LIMIT 3")
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def endpoint(sample_out):
    proc = popen("serve", "--graph", str(sample_out / "store"), "--port", "0",
                             "--timeout", "2", "--max-rows", "50",
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert "Serving SPARQL at" in line, proc.stderr.read()
    base = line.split("at ", 1)[1].split("/sparql")[0]
    yield base
    proc.terminate()
    proc.wait(5)


def client(base: str, fmt, method: str = "GET") -> SPARQLWrapper:
    sparql = SPARQLWrapper(base + "/sparql")
    sparql.setReturnFormat(fmt)
    sparql.setMethod(method)
    return sparql


def test_json_get_and_post(endpoint):
    for method in ("GET", "POST"):
        sparql = client(endpoint, JSON, method)
        sparql.setQuery(COUNT_REPORTS)
        data = sparql.queryAndConvert()
        assert data["results"]["bindings"][0]["n"]["value"] == "5"


def test_sparql_query_post_body(endpoint):
    request = urllib.request.Request(endpoint + "/sparql", data=PROGRAMS.encode("utf-8"), method="POST",
                                     headers={"Content-Type": "application/sparql-query",
                                              "Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=10) as resp:
        data = json.loads(resp.read())
    assert data["results"]["bindings"][0]["p"] == {"type": "literal", "value": "三会一课", "xml:lang": "zh"}


def test_xml_csv_tsv(endpoint):
    sparql = client(endpoint, XML)
    sparql.setQuery(PROGRAMS)
    doc = sparql.queryAndConvert()
    literals = [n.firstChild.data for n in doc.getElementsByTagName("literal")]
    assert literals[:2] == ["三会一课", "4"]
    sparql = client(endpoint, CSV)
    sparql.setQuery(PROGRAMS)
    text = sparql.queryAndConvert().decode("utf-8")
    assert text.splitlines()[:2] == ["p,n", "三会一课,4"]
    sparql = client(endpoint, TSV)
    sparql.setQuery(PROGRAMS)
    text = sparql.queryAndConvert().decode("utf-8")
    assert text.splitlines()[:2] == ["?p\t?n", '"三会一课"@zh\t4']


def test_construct_and_describe_as_turtle_and_ntriples(endpoint):
    construct = ("PREFIX djo: <https://w3id.org/dangjian-kg/ontology#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                 "CONSTRUCT { ?x skos:prefLabel ?p } WHERE { ?x a djo:Program ; skos:prefLabel ?p ; djo:reportCount 4 }")
    sparql = client(endpoint, TURTLE)
    sparql.setQuery(construct)
    graph_text = sparql.queryAndConvert()
    import rdflib

    g = rdflib.Graph().parse(data=graph_text, format="turtle")
    assert {str(o) for o in g.objects()} == {"三会一课"}
    sparql = client(endpoint, N3)
    sparql.setQuery("DESCRIBE <https://w3id.org/dangjian-kg/id/program/三会一课>")
    request = urllib.request.Request(
        endpoint + "/sparql?" + urllib.parse.urlencode({"query": "DESCRIBE <https://w3id.org/dangjian-kg/id/program/三会一课>"}),
        headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=10) as resp:
        assert resp.headers["Content-Type"].startswith("application/n-triples")
        nt = resp.read().decode("utf-8")
    assert '"三会一课"@zh' in nt and len(rdflib.Graph().parse(data=nt, format="nt")) > 5


def test_update_is_refused(endpoint):
    sparql = client(endpoint, JSON, "POST")
    sparql.setQuery("INSERT DATA { <http://a/b> <http://a/c> <http://a/d> }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        sparql.query()
    assert refused.value.code == 403
    for data, ctype in ((b"update=DELETE+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D", "application/x-www-form-urlencoded"),
                        (b"CLEAR ALL", "application/sparql-update")):
        request = urllib.request.Request(endpoint + "/sparql", data=data, method="POST", headers={"Content-Type": ctype})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(request, timeout=10)
        assert 400 <= err.value.code < 500
    check = client(endpoint, JSON)
    check.setQuery(COUNT_REPORTS)
    assert check.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "5"


def test_service_and_remote_graphs_are_refused(endpoint):
    for q in ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }",
              "SELECT * FROM <http://127.0.0.1:1/data.ttl> WHERE { ?s ?p ?o }"):
        sparql = client(endpoint, JSON)
        sparql.setQuery(q)
        with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as refused:
            sparql.query()
        said = str(refused.value.read() if hasattr(refused.value, "read") else refused.value)
        assert ("SERVICE" in said or "FROM" in said) and getattr(refused.value, "code", 403) == 403
    url = endpoint + "/sparql?" + urllib.parse.urlencode({"query": COUNT_REPORTS, "default-graph-uri": "http://x/"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(url, timeout=10)
    assert err.value.code == 400


def test_slow_query_is_cut_off_and_server_survives(endpoint):
    sparql = client(endpoint, JSON)
    sparql.setQuery(SLOW)
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as err:
        sparql.query()
    assert time.monotonic() - started < 6
    assert err.value.code == 503 and b"limit" in err.value.read()
    bad = client(endpoint, JSON)
    bad.setQuery("SELECT ?x WHERE { ?x ?y }")
    with pytest.raises(QueryBadFormed):
        bad.query()
    ok = client(endpoint, JSON)
    ok.setQuery(COUNT_REPORTS)
    assert ok.queryAndConvert()["results"]["bindings"][0]["n"]["value"] == "5"


def test_row_cap(endpoint):
    url = endpoint + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    with urllib.request.urlopen(urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"}),
                                timeout=10) as resp:
        assert resp.headers["X-KG-Truncated"] == "true"
        assert len(json.loads(resp.read())["results"]["bindings"]) == 50


def test_query_page_and_named_queries(endpoint):
    with urllib.request.urlopen(endpoint + "/", timeout=10) as resp:
        page = resp.read().decode("utf-8")
    assert "programs_by_reports" in page and "<script src=" not in page and "http" not in page.split("<script>")[1][:200]
    with urllib.request.urlopen(endpoint + "/queries.json", timeout=10) as resp:
        assert len(json.loads(resp.read())) >= 15


def _rows(sparql_json: dict) -> list[tuple]:
    names = sparql_json["head"]["vars"]
    return sorted(tuple((b.get(n) or {}).get("value", "") for n in names) for b in sparql_json["results"]["bindings"])


@pytest.mark.parametrize("name", sorted(__import__("kg.query", fromlist=["named_queries"]).named_queries()))
def test_every_named_query_over_http_gives_the_cli_rows(endpoint, sample_out, name):
    """GET /query/NAME binds its parameters as the CLI does (Chinese labels as @zh): the same rows."""
    from kg.api import query
    from kg.query import named_queries

    params = {p.name: p.default for p in named_queries()[name].params if p.default}
    with urllib.request.urlopen(f"{endpoint}/query/{name}?{urllib.parse.urlencode({**params, 'format': 'json'})}",
                                timeout=30) as resp:
        served = json.loads(resp.read())
    local = query(name, graph=sample_out / "store", params=params)
    assert served["head"]["vars"] == local.variables
    expected = sorted(tuple("" if v is None else v.value for v in row) for row in local.rows)
    if len(expected) <= 50:
        assert _rows(served) == expected, name
    else:  # the fixture's endpoint cuts answers at 50 rows (--max-rows 50)
        rest = Counter(expected)
        rest.subtract(Counter(_rows(served)))
        assert len(_rows(served)) == 50 and min(rest.values()) >= 0, name


def test_named_query_with_a_chinese_parameter_over_http(endpoint, sample_out):
    """The issue's check: curl '/query/program_definition?name=三会一课' returns the CLI's rows."""
    from kgrun import kg

    url = f"{endpoint}/query/program_definition?" + urllib.parse.urlencode({"name": "三会一课", "format": "json"})
    with urllib.request.urlopen(url, timeout=30) as resp:
        served = _rows(json.loads(resp.read()))
    run = kg("query", "program_definition", "--graph", str(sample_out / "store"), "--param", "name=三会一课", "-f", "json")
    assert run.returncode == 0, run.stderr
    assert served == _rows(json.loads(run.stdout)) and len(served) >= 2
    assert any("支部党员大会" in v for row in served for v in row)
