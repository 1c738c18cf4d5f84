"""Analysis (rankings, communities, trends, recurring problems, shared text) and exports."""

from __future__ import annotations

import json

import networkx as nx
import pytest
import rdflib
import rdflib.compare
from kgrun import kg

from kg.analysis import analyse
from kg.namespaces import DJO
from kg.store import load_graph


@pytest.fixture(scope="module")
def data(sample_out):
    return json.loads((sample_out / "analysis.json").read_text(encoding="utf-8"))


def test_rankings(data):
    by_reports = data["rankings"]["programs_by_reports"]
    assert [r["program"] for r in by_reports[:3]] == ["三会一课", "三单制", "两个覆盖"]
    assert by_reports[0]["reports"] == 4
    assert data["rankings"]["programs_by_pagerank"][0]["program"] == "三会一课"
    units = data["rankings"]["units_by_programs"]
    assert units[0]["unit"] == "党组织" and units[0]["programs"] > 30


def test_communities_are_named_by_their_most_central_member(data):
    names = {c["name"]: c for c in data["communities"]}
    assert {"三会一课", "星级创评、分类定级", "不忘初心、牢记使命"} <= set(names)
    assert {"两学一做", "主题党日"} <= set(names["三会一课"]["programs"])
    assert {"调查研究", "检视问题", "整改落实"} <= set(names["不忘初心、牢记使命"]["programs"])
    assert "“两新”党组织" in names["星级创评、分类定级"]["units"]
    for c in data["communities"]:
        assert c["programs"][0] == c["name"]


def test_trends(data):
    trends = data["trends"]
    assert trends["years"] == ["2019", "2020", "2022"]
    assert trends["programs"]["三会一课"] == {"2019": 1, "2022": 1}
    first = trends["changes"][0]
    assert first["from"] == "2019" and "四个意识" in first["appear"] and "区域化党建联盟" in first["vanish"]


def test_recurring_problems(data):
    recurring = {r["problem"]: r for r in data["recurring_problems"]}
    assert set(recurring) == {"“两新”党组织作用有待发挥", "机关党建工作力量有待加强"}
    assert all(r["reports"] == 2 and r["reports_with_measure"] == 2 for r in recurring.values())


def test_shared_text_found_and_recorded_in_the_graph(data, sample_graph):
    pairs = {frozenset((p["report_a"][:6], p["report_b"][:6])) for p in data["shared_text"]}
    assert pairs == {frozenset(("固本强基  ", "X区书记抓基"))}  # samples 004 and 002 share whole paragraphs
    assert 0.08 <= data["shared_text"][0]["share"] <= 0.3
    shares = list(sample_graph.subject_objects(DJO.sharesTextWith))
    assert len(shares) == 2  # both directions
    for _report, evidence in sample_graph.subject_objects(DJO.sharedTextEvidence):
        assert float(sample_graph.value(evidence, DJO.textShare)) >= 0.08


def test_reruns_give_identical_output(sample_out):
    store = load_graph(sample_out / "store")
    assert analyse(store) == analyse(store)
    again = json.dumps(analyse(store), ensure_ascii=False, indent=1)
    assert again == (sample_out / "analysis.json").read_text(encoding="utf-8")




def test_analyze_command(sample_out, tmp_path):
    run = kg("analyze", "--graph", str(sample_out / "graph.ttl"), "-o", str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "analysis.html").exists()
    html = (tmp_path / "analysis.html").read_text(encoding="utf-8")
    assert "三会一课" in html and "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert json.loads((tmp_path / "analysis.json").read_text(encoding="utf-8")) == \
        json.loads((sample_out / "analysis.json").read_text(encoding="utf-8"))


def test_export_formats(sample_out, sample_graph, tmp_path):
    for fmt in ("ttl", "nt", "jsonld"):
        out = tmp_path / f"g.{fmt}"
        assert kg("export", "--graph", str(sample_out / "store"), "--format", fmt, "-o", str(out)).returncode == 0
        parsed = rdflib.Graph().parse(out, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])
        assert rdflib.compare.isomorphic(parsed, sample_graph), fmt


def test_jsonld_is_compacted_with_a_context(sample_out, tmp_path):
    out = tmp_path / "g.jsonld"
    assert kg("export", "--graph", str(sample_out / "store"), "-f", "jsonld", "-o", str(out)).returncode == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["@context"]["djo"] == "https://w3id.org/dangjian-kg/ontology#"
    nodes = doc["@graph"]
    reports = [n for n in nodes if n.get("@type") == "djo:Report" or "djo:Report" in n.get("@type", [])]
    assert len(reports) == 5 and all(r["@id"].startswith("dj:report/") for r in reports)
    assert not any(k.startswith("http") for n in nodes for k in n), "every property compacted"
    counts = [n["djo:reportCount"] for n in nodes if "djo:reportCount" in n]
    assert counts and all(isinstance(c, int) for c in counts), "integers as JSON numbers"


def test_network_exports_for_gephi(sample_out, tmp_path):
    """Every node kind, directed edges, Gephi's colour and size; GraphML and GEXF read back by networkx."""
    graphml, gexf = tmp_path / "g.graphml", tmp_path / "g.gexf"
    for fmt, out in (("graphml", graphml), ("gexf", gexf)):
        run = kg("export", "--graph", str(sample_out / "store"), "--format", fmt, "-o", str(out))
        assert run.returncode == 0, run.stderr
        assert "nodes" in run.stdout
    g = nx.read_graphml(graphml)
    assert g.is_directed()
    kinds = {d["kind"] for _, d in g.nodes(data=True)}
    assert {"Report", "Program", "Unit", "Document", "Theme", "Problem", "Measure"} <= kinds
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"三会一课", "党组织", "机关党建工作力量有待加强"} <= labels
    relations = {(g.nodes[a]["kind"], d["relation"], g.nodes[b]["kind"]) for a, b, d in g.edges(data=True)}
    assert ("Measure", "addresses", "Problem") in relations
    assert ("Report", "mentions", "Program") in relations
    assert ("Problem", "theme", "Theme") in relations
    assert ("Problem", "inReport", "Report") in relations
    program = next(d for _, d in g.nodes(data=True) if d["label"] == "三会一课")
    report = next(d for _, d in g.nodes(data=True) if d["kind"] == "Report")
    assert (program["r"], program["g"], program["b"]) != (report["r"], report["g"], report["b"])
    assert program["size"] > report["size"], "named by several reports, drawn larger"
    x = nx.read_gexf(gexf)
    viz = next(d for _, d in x.nodes(data=True) if d["label"] == "三会一课")["viz"]
    assert viz["color"]["r"] == program["r"] and viz["size"] == program["size"]


def test_export_to_standard_output(sample_out, tmp_path):
    run = kg("export", "--graph", str(sample_out / "store"), "-f", "nt", "-o", "-", cwd=tmp_path)
    assert run.returncode == 0 and not list(tmp_path.iterdir()), "no file named -"
    g = rdflib.Graph().parse(data=run.stdout, format="nt")
    assert len(g) > 5000
    run = kg("export", "--graph", str(sample_out / "store"), "-f", "graphml", "-o", "-", cwd=tmp_path)
    assert run.stdout.startswith("<?xml") and "三会一课" in run.stdout


def test_export_one_report_and_a_construct(sample_out, tmp_path):
    out = tmp_path / "one.ttl"
    run = kg("export", "--graph", str(sample_out / "store"), "--format", "ttl", "-o", str(out),
             "--report", "003_6108cdfd45efc133")
    assert run.returncode == 0, run.stderr
    g = rdflib.Graph().parse(out)
    assert len(set(g.subjects(rdflib.RDF.type, DJO.Report))) == 1
    assert any(str(o) == "三会一课" for o in g.objects(None, rdflib.SKOS.prefLabel))
    rq = tmp_path / "c.rq"
    rq.write_text("PREFIX djo: <https://w3id.org/dangjian-kg/ontology#>\n"
                  "CONSTRUCT { ?m djo:addresses ?p } WHERE { ?m djo:addresses ?p }\n", encoding="utf-8")
    out = tmp_path / "links.nt"
    run = kg("export", "--graph", str(sample_out / "graph.ttl"), "--format", "nt", "-o", str(out), "--construct", str(rq))
    assert run.returncode == 0, run.stderr
    assert len(rdflib.Graph().parse(out, format="nt")) == len(list(sample_graph_links(sample_out)))
    run = kg("export", "--graph", str(sample_out / "store"), "--format", "ttl", "-o", str(out), "--report", "nope")
    assert run.returncode == 2 and "no report" in run.stderr


def sample_graph_links(sample_out):
    g = rdflib.Graph().parse(sample_out / "graph.ttl")
    return g.subject_objects(DJO.addresses)
