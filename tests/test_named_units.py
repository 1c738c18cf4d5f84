"""Named organisations apart from kinds of unit; one node for one organisation across reports.
Every sentence is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract.context import Context
from kg.extract.units import sub_organisations, unit_hits
from kg.normalize import normalize

# sentence, surface form, named?, identity, kind, place
MENTIONS = [
    ("青石县柳河镇党委召开专题会议。", "青石县柳河镇党委", True, "柳河镇党委", "乡镇党委", "青石县柳河镇"),
    ("组织党员到柳河镇党委汇报。", "柳河镇党委", True, "柳河镇党委", "乡镇党委", "柳河镇"),
    ("中共柳河镇委员会印发了方案。", "中共柳河镇委员会", True, "柳河镇党委", "乡镇党委", "柳河镇"),
    ("近年来，东城区人民医院党委坚持党建引领。", "东城区人民医院党委", True, "东城区人民医院党委", "医院党委", "东城区"),
    ("红星小学党支部开展了主题党日。", "红星小学党支部", True, "红星小学党支部", "学校党支部", ""),
    ("××社区第三网格党支部组织志愿服务。", "××社区第三网格党支部", True, "××社区第三网格党支部", "网格党支部", "××社区"),
    ("中共青石县红星小学委员会研究决定。", "中共青石县红星小学委员会", True, "红星小学党委", "学校党委", "青石县"),
    ("青山镇党委书记在会上作了发言。", "青山镇党委", True, "青山镇党委", "乡镇党委", "青山镇"),  # jieba: 青|山镇
    ("林庄村党总支书记作了发言。", "林庄村党总支", True, "林庄村党总支", "村党总支", "林庄村"),
    ("城关镇中心小学党支部获评先进。", "城关镇中心小学党支部", True, "城关镇中心小学党支部", "学校党支部", "城关镇"),
    ("区实验中学党委建立了书记项目。", "区实验中学党委", True, "区实验中学党委", "学校党委", "区"),
    ("新华社区党委推行网格化管理。", "新华社区党委", True, "新华社区党委", "社区党委", "新华社区"),
    ("X市心理咨询师协会党支部成立。", "X市心理咨询师协会党支部", True, "心理咨询师协会党支部", "社会组织党支部", "X市"),
    # government offices: fields joined by 和, verbs and common words next to the suffix
    ("县住房和城乡建设局党组召开会议。", "县住房和城乡建设局党组", True, "住房和城乡建设局党组", "机关党组", "县"),
    ("市人力资源和社会保障局党委印发通知。", "市人力资源和社会保障局党委", True, "人力资源和社会保障局党委", "机关党委", "市"),
    ("协调推进城市管理局党支部建设。", "城市管理局党支部", True, "城市管理局党支部", "机关党支部", ""),
    ("区行政审批服务局党组理论学习中心组开展学习。", "区行政审批服务局党组", True, "行政审批服务局党组", "机关党组", "区"),
    ("近日，环境科学学院召开述职会。", "环境科学学院", True, "环境科学学院", "学校", ""),
    ("调整了网格党支部书记三名。", "网格党支部", False, "网格党支部", "网格党支部", ""),  # a kind-defining modifier
    ("各研究生党支部书记依次述职。", "研究生党支部", False, "研究生党支部", "党支部", ""),
    ("机关第二党支部开展主题党日。", "机关第二党支部", False, "机关第二党支部", "党支部", ""),  # an ordinal branch
    ("学校党委下设1个离退休教师党支部。", "离退休教师党支部", False, "离退休教师党支部", "党支部", ""),
    ("在外卖骑手中成立联合党支部。", "联合党支部", False, "联合党支部", "党支部", ""),
    ("新建流动党员党支部2个。", "流动党员党支部", False, "流动党员党支部", "党支部", ""),
    ("发挥物业行业党委作用。", "物业行业党委", False, "物业行业党委", "党委", ""),
    ("城南学院本科生党支部书记作了发言。", "城南学院本科生党支部", True, "城南学院本科生党支部", "学校党支部", ""),
    ("成立快递行业党委。", "快递行业党委", False, "快递行业党委", "党委", ""),  # a field before 行业
    ("指导经开区党工委理顺关系。", "经开区党工委", False, "经开区党工委", "园区党工委", ""),  # a zone's committee
    ("高新区管委会党组召开会议。", "高新区管委会党组", False, "高新区管委会党组", "机关党组", ""),
    ("中心校党总支开展活动。", "中心校党总支", False, "中心校党总支", "党总支", ""),
    ("村务监督委员会加强监督。", "村务监督委员会", False, "村务监督委员会", "委员会", ""),
    ("团县委组织青年志愿者。", "团县委", False, "团县委", "团县委", ""),  # mass organisations
    ("县妇联开展巾帼行动。", "妇联", False, "妇联", "妇联", ""),
    ("全镇各村党支部都要抓好落实。", "党支部", False, "党支部", "党支部", ""),
    ("乡镇党委书记要履行第一责任人职责。", "乡镇党委", False, "乡镇党委", "乡镇党委", ""),
    ("推进乡镇党委规范化建设。", "乡镇党委", False, "乡镇党委", "乡镇党委", ""),
    ("整顿后进村党组织。", "后进村党组织", False, "后进村党组织", "村党组织", ""),
    ("配强村“两委”班子。", "村“两委”", False, "村“两委”", "村（社区）两委", ""),
    ("发展农村集体经济，壮大村党组织。", "村党组织", False, "村党组织", "村党组织", ""),
    ("我镇党委高度重视。", "镇党委", False, "镇党委", "乡镇党委", ""),
    ("部分社区党委书记认识不到位。", "社区党委", False, "社区党委", "社区党委", ""),
    ("国有企业党组织要把方向、管大局。", "国有企业党组织", False, "国有企业党组织", "党组织", ""),
    ("举办村党组织书记培训班。", "村党组织", False, "村党组织", "村党组织", ""),
]


def _hits(sentence: str):
    norm = normalize(sentence)
    return unit_hits(Context(norm, sentence), [])


@pytest.mark.parametrize("sentence, surface, named, key, kind, place", MENTIONS, ids=[m[1] for m in MENTIONS])
def test_named_and_generic_mentions(sentence, surface, named, key, kind, place):
    hit = next(h for h in _hits(sentence) if h.label == surface)
    assert (hit.named, hit.canonical, hit.kind, hit.place) == (named, key, kind, place)


def test_masks_and_level_words_name_an_organisation_only_within_a_report():
    assert next(h for h in _hits("××社区第三网格党支部开会。")).local
    assert next(h for h in _hits("区实验中学党委开会。")).local
    assert not next(h for h in _hits("柳河镇党委开会。")).local


def test_sub_organisations_where_the_text_says_so():
    text = "柳河镇党委下属的石桥村党支部坚持三会一课。区委教育工委领导下的红星小学党支部开展活动。"
    hits = _hits(text)
    assert set(sub_organisations(Context(normalize(text), text), hits)) == {
        ("石桥村党支部", "柳河镇党委"), ("红星小学党支部", "区委教育工委")}


def test_one_organisation_across_two_reports(tmp_path: Path):
    """`青石县柳河镇党委` in one report and `中共柳河镇委员会` in another are one node, with both forms as labels;
    a kind mentioned in both stays a kind."""
    from kg.build import build
    from kg.query import query

    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "a.txt").write_text("青石县柳河镇党委书记述职报告\n一、主要做法\n一是村党支部全部完成换届。\n", encoding="utf-8")
    (folder / "b.txt").write_text("党建工作总结\n一、主要做法\n一是中共柳河镇委员会督导村党支部整改。\n", encoding="utf-8")
    out = tmp_path / "out"
    build([folder], out, jobs=1, progress=False, views=False)
    rows = query(out / "store", """PREFIX djo: <https://w3id.org/dangjian-kg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?u ?n ?named (GROUP_CONCAT(?alt; separator="|") AS ?alts) WHERE {
          ?u a djo:Unit ; djo:reportCount ?n ; rdfs:label ?label . FILTER(?label IN ("柳河镇党委"@zh, "村党支部"@zh))
          OPTIONAL { ?u djo:named ?named } OPTIONAL { ?u skos:altLabel ?alt } } GROUP BY ?u ?n ?named ORDER BY ?u""").rows
    found = {r[0].value.rsplit("/", 1)[1]: (r[1].value, r[2].value if r[2] else None,
                                             set(r[3].value.split("|")) if r[3] else set()) for r in rows}
    assert found["柳河镇党委"][0] == "2"
    assert found["柳河镇党委"][2] >= {"青石县柳河镇党委", "中共柳河镇委员会"}
    assert found["柳河镇党委"][1] == "true"
    assert found["村党支部"][1] is None  # a kind, never merged into an organisation


def test_a_level_word_is_no_unit():
    """`村级`, `镇级` modify what follows: `新建村级服务中心` names no village called 新建."""
    text = "今年新建村级党群服务中心3个，改造镇级便民服务站2个。"
    norm = normalize(text)
    labels = {h.label for h in unit_hits(Context(norm, text), [])}
    assert not any(label.endswith(("村", "镇")) for label in labels), labels


def test_a_place_word_inside_a_quoted_slogan_is_no_unit():
    from kg.jsonout import to_json
    from kg.pipeline import extract
    from kg.records import Source

    text = "标题\n在农村，以创建“富民强村服务型”党组织为目标，开展竞赛活动。"
    out = to_json(extract(Source("a.txt", text, "utf-8", "0" * 64, "txt")))
    assert "富民强村服务型" in [p["label"] for p in out["programs"]]
    assert [u["label"] for u in out["units"] if "强村" in u["label"]] == []
