"""Named queries: each one's answer on the sample corpus, both engines alike, CLI behaviour."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from kgrun import kg

from kg.build import build
from kg.errors import QueryError
from kg.query import named_queries, query, render

NAMES = sorted(named_queries())


def rows(out: Path, qname: str, engine: str = "oxigraph", **params: str) -> list[dict[str, str]]:
    result = query(out / "store", qname, params, engine=engine)
    return [{v: (t.value if t else "") for v, t in zip(result.variables, row)} for row in result.rows]


def test_at_least_fifteen_named_queries_with_headers():
    assert len(NAMES) >= 15
    for q in named_queries().values():
        assert q.title and q.question and q.columns, q.name
        for p in q.params:
            assert p.default is not None and p.description


def test_programs_by_reports(sample_out):
    top = rows(sample_out, "programs_by_reports")[:3]
    assert [(r["program"], r["reports"]) for r in top] == [("三会一课", "4"), ("两个覆盖", "3"), ("三单制", "3")]
    assert top[0]["kind"] == "制度" and int(top[0]["mentions"]) >= 10
    assert all(int(r["reports"]) >= 3 for r in rows(sample_out, "programs_by_reports", min_reports="3"))


def test_program_units(sample_out):
    units = {r["unit"]: r for r in rows(sample_out, "program_units", program="两个覆盖")}
    assert units["“两新”党组织"]["reports"] == "3" and units["非公有制企业"]["reports"] == "2"
    assert "基层党组织" in {r["unit"] for r in rows(sample_out, "program_units")}


def test_programs_by_unit_kind(sample_out):
    pairs = {(r["unit_kind"], r["program"]): int(r["statements"]) for r in rows(sample_out, "programs_by_unit_kind")}
    assert pairs[("业委会", "六位一体")] == 1
    assert pairs[("两新组织", "看得见、评价好、居民满意")] == 2


def test_program_definition(sample_out):
    found = rows(sample_out, "program_definition", name="四零服务")
    assert {r["component"] for r in found} == {"服务受理零推诿", "服务方式零距离", "服务质量零差错", "服务结果零投诉"}
    official = rows(sample_out, "program_definition", name="三会一课")
    assert official[0]["official"] == "支部党员大会、支部委员会、党小组会、党课"
    assert {"三会一课制度"} <= {r["variant"] for r in official}


def test_problems_by_theme(sample_out):
    found = rows(sample_out, "problems_by_theme", only_theme="党务力量")
    assert found and {r["theme"] for r in found} == {"党务力量"}
    assert ("机关党组织", "2019") in {(r["unit"], r["year"]) for r in found}


def test_themes_ranked(sample_out):
    ranked = {r["theme"]: (int(r["reports"]), int(r["problems"])) for r in rows(sample_out, "themes_ranked")}
    assert ranked["党务力量"][0] == 4
    assert sum(p for _, p in ranked.values()) >= 16


def test_unaddressed_problems(sample_out, tmp_path):
    assert rows(sample_out, "unaddressed_problems") == []  # every sample problem has an answering measure
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.txt").write_text("甲县述职报告\n一、存在问题\n一是村集体经济收入空白。\n二是党务力量不足。\n"
                                  "二、下一步打算\n一是配强党务工作者队伍，解决党务力量不足。\n", encoding="utf-8")
    build([folder], tmp_path / "out", jobs=1, progress=False)
    left = rows(tmp_path / "out", "unaddressed_problems")
    assert [r["problem"] for r in left] == ["村集体经济收入空白"]
    assert "集体经济" in left[0]["themes"].split(" | ")


def test_measures_for_problem(sample_out):
    found = rows(sample_out, "measures_for_problem", problem="两新")
    assert {(r["problem_label"], r["measure"]) for r in found} == {("“两新”党组织作用有待发挥", "扩大“两新”组织的“两个覆盖”")}
    assert len(found) == 2 and all("两新" in r["words"] for r in found)


def test_causes_of_problem(sample_out):
    found = rows(sample_out, "causes_of_problem")
    assert {r["cause"] for r in found} == {"对党员教育管理的重视程度还是不够", "党建工作抓细抓长用心用力不够"}
    assert rows(sample_out, "causes_of_problem", problem="两新") == []


def test_cooccurring_programs(sample_out):
    pairs = {(r["program_a"], r["program_b"]): int(r["statements"]) for r in rows(sample_out, "cooccurring_programs")}
    assert pairs[("三会一课", "两学一做")] == 2
    assert all(a < b for a, b in pairs)
    assert all(int(r["statements"]) >= 2 for r in rows(sample_out, "cooccurring_programs", min_statements="2"))


def test_metric_across_reports(sample_out):
    found = rows(sample_out, "metric_across_reports", thing="示范点")
    values = {(r["text"], r["value"], r["masked"]) for r in found}
    assert ("市级命名挂牌党建示范点200个", "200", "false") in values
    assert ("市级再创建100个党建示范点", "100", "false") in values
    assert any(r["masked"] == "true" for r in found)


def test_metric_masking(sample_out):
    found = {r["report"]: r for r in rows(sample_out, "metric_masking")}
    x = found["X区书记抓基层党建工作述职报告"]
    assert int(x["masked_count"]) > 0.8 * int(x["metrics"])
    assert int(found["2022年度基层党建述职报告"]["share_masked"]) < 30


def test_reports_per_year(sample_out):
    found = {(r["year"], r["level"]): int(r["reports"]) for r in rows(sample_out, "reports_per_year")}
    assert found[("2020", "市")] == 1  # 市委书记2020年…述职报告
    assert found[("（未注明）", "县区")] == 1  # X区书记…述职报告
    assert found[("2019", "县区")] == 1  # a district speech in 2019
    assert sum(found.values()) == 5


def test_entity_provenance(sample_out):
    found = rows(sample_out, "entity_provenance", name="三会一课")
    assert len(found) == 14
    assert all(r["text"] == "三会一课" and "三会一课" in r["sentence"] for r in found)


def test_documents_cited(sample_out):
    found = {r["document"]: r for r in rows(sample_out, "documents_cited")}
    assert found["议事规则"]["reports"] == "2"
    assert "X区委" in found["议事规则"]["cited_by"]  # the reporting unit, read from the title
    assert len(found) == 17


def test_program_by_year(sample_out):
    found = rows(sample_out, "program_by_year", program="三会一课", year1="2020", year2="2022")
    assert [(r["year"], r["reports"]) for r in found] == [("2022", "1")]
    assert set(found[0]["statement_kinds"].split(" | ")) == {"Cause", "Practice"}
    found = rows(sample_out, "program_by_year", program="三会一课", year1="2019", year2="2022")
    assert [r["year"] for r in found] == ["2019", "2022"]


def test_units_by_programs(sample_out):
    found = rows(sample_out, "units_by_programs")
    assert found[0]["unit"] == "党组织" and int(found[0]["programs"]) > 20
    assert all(int(r["programs"]) >= 10 for r in rows(sample_out, "units_by_programs", min_programs="10"))


def test_report_statements(sample_out):
    found = rows(sample_out, "report_statements", report="2022年度")
    kinds = [r["kind"] for r in found]
    assert kinds == ["Practice"] * 4 + ["Problem"] * 3 + ["Cause"] * 3 + ["Measure"] * 4


def _normal(result) -> list[tuple]:
    out = []
    for row in result.rows:
        cells = []
        for t in row:
            if t is None:
                cells.append("")
                continue
            value = t.value
            try:
                value = str(Decimal(value).normalize()) if t.datatype and "XMLSchema#" in t.datatype and \
                    t.datatype.rsplit("#", 1)[1] in ("integer", "decimal", "double") else value
            except ArithmeticError:
                pass
            if " | " in value:  # the order inside a GROUP_CONCAT is not defined by SPARQL
                value = " | ".join(sorted(value.split(" | ")))
            cells.append(value)
        out.append(tuple(cells))
    return sorted(out)


@pytest.mark.parametrize("name", NAMES)
def test_both_engines_give_the_same_answers(sample_out, name):
    ox_result = query(sample_out / "store", name)
    rdflib_result = query(sample_out / "graph.ttl", name, engine="rdflib")
    assert ox_result.variables == rdflib_result.variables
    assert _normal(ox_result) == _normal(rdflib_result)


def test_parameters_are_bound_not_pasted(sample_out):
    # a value that would break the query if it were pasted into the text
    assert rows(sample_out, "entity_provenance", name='三会一课" } UNION { ?x ?y ?z') == []
    with pytest.raises(QueryError, match="no parameter"):
        query(sample_out / "store", "entity_provenance", {"nope": "1"})
    with pytest.raises(QueryError, match="not an integer"):
        query(sample_out / "store", "programs_by_reports", {"min_reports": "many"})


def test_formats(sample_out):
    result = query(sample_out / "store", "programs_by_reports", {"min_reports": "3"})
    assert render(result, "csv").splitlines()[:2] == ["program,reports,mentions,kind", "三会一课,4,14,制度"]
    assert render(result, "tsv").splitlines()[1].startswith('"三会一课"@zh\t4\t14\t"制度"')
    import json

    data = json.loads(render(result, "json"))
    assert data["head"]["vars"] == ["program", "reports", "mentions", "kind"]
    assert data["results"]["bindings"][0]["program"] == {"type": "literal", "value": "三会一课", "xml:lang": "zh"}
    assert "三会一课" in render(result, "table")




def test_cli_list_and_syntax_errors(sample_out, tmp_path):
    listing = kg("query", "--list").stdout
    for name in NAMES:
        assert name in listing
    assert "--param program=" in listing
    run = kg("query", "SELECT ?x WHERE {\n  ?x ?y \n}", "--graph", str(sample_out / "store"))
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert "line:column 3:2" in run.stderr
    rq = tmp_path / "mine.rq"
    rq.write_text("# title: mine\n# question: count\n# columns: n\nSELECT (COUNT(*) AS ?n) WHERE { ?s a djo:Report }\n",
                  encoding="utf-8")
    run = kg("query", str(rq), "--graph", str(sample_out / "graph.ttl"), "--format", "csv")
    assert run.returncode == 0 and run.stdout.splitlines() == ["n", "5"]
    run = kg("query", "programs_by_reports", "--graph", str(tmp_path / "none"))
    assert run.returncode == 2 and "no such graph" in run.stderr


def test_clients_read_every_named_query_as_a_select():
    """SPARQLWrapper guesses a query's form from its text (comments included); none may look like an update."""
    from SPARQLWrapper import SPARQLWrapper

    for name, q in named_queries().items():
        client = SPARQLWrapper("http://127.0.0.1:1/sparql")
        client.setQuery(q.text)
        assert client.queryType == "SELECT", name
