"""Report metadata from titles, author lines, openings, signatures and bodies: genre, reporting unit,
reporter's role, level, year, place. Every text is invented, in the patterns of real reports."""

from __future__ import annotations

import pytest

from kg.jsonout import to_json
from kg.pipeline import extract
from kg.records import Source

BODY = "\n一、主要做法\n一是健全了工作机制。\n"

# text, genre, reporting unit, reporter role, level, year
CASES = [
    ("青石县柳河镇党委书记2021年度抓基层党建工作述职报告" + BODY, "述职报告", "青石县柳河镇党委", "镇党委书记", "乡镇街道", 2021),
    ("2022年度基层党建工作述职报告\n红岭村党总支书记 某某" + BODY, "述职报告", "红岭村党总支", "村党总支书记", "村社区", 2022),
    ("青山镇党委书记抓基层党建工作述职报告" + BODY, "述职报告", "青山镇党委", "镇党委书记", "乡镇街道", None),
    ("东城区人民医院党委书记抓党建工作述职报告" + BODY, "述职报告", "东城区人民医院党委", "人民医院党委书记", "医院", None),
    ("白沙小学党支部书记2023年抓党建述职报告" + BODY, "述职报告", "白沙小学党支部", "小学党支部书记", "学校", 2023),
    ("××社区第三网格党支部书记述职报告" + BODY, "述职报告", "××社区第三网格党支部", "网格党支部书记", "村社区", None),
    ("市委书记2020年抓基层党建工作述职报告" + BODY, "述职报告", "市委", "市委书记", "市", 2020),
    ("县委书记抓基层党建工作述职报告（2019年度）" + BODY, "述职报告", "县委", "县委书记", "县区", 2019),
    ("X区书记抓基层党建工作述职报告" + BODY, "述职报告", "X区委", "区委书记", "县区", None),
    ("某集团公司党委书记抓基层党建述职报告" + BODY, "述职报告", "某集团公司党委", None, "国企", None),
    ("市交通运输局党组书记2021年度述职报告" + BODY, "述职报告", "市交通运输局党组", "局党组书记", "机关部门", 2021),
    ("在2019年抓基层党建工作述职评议会上的讲话\n同志们：\n刚才几位书记作了述职。" + BODY, "述职评议讲话", None, None, None, 2019),
    ("县委书记在全县党委书记抓基层党建述职评议会议上的讲话" + BODY, "述职评议讲话", "县委", "县委书记", "县区", None),
    ("同志们：\n刚才，各村党组织书记作了抓基层党建工作述职，下面我讲几点意见。" + BODY, "述职评议讲话", None, None, None, None),
    # a speech at a 全镇/全县 meeting: the convener's level, from the title's pronoun
    ("在全镇支部书记述职会上的点评讲话" + BODY, "述职评议讲话", None, None, "乡镇街道", None),
    ("在全县抓基层党建工作述职评议会上的讲话\n同志们：\n下面，我讲几点意见。" + BODY, "述职评议讲话", None, None, "县区",
     None),
    ("柳河镇2022年党建工作总结" + BODY, "工作总结", "柳河镇", None, "乡镇街道", 2022),
    ("红星社区党委2023年上半年党建工作总结" + BODY, "工作总结", "红星社区党委", None, "村社区", 2023),
    ("市直机关工委2021年度工作情况汇报" + BODY, "工作总结", "市直机关工委", None, "机关部门", 2021),
    ("2020年乡镇党委党建工作汇报\n今年以来，乡党委始终围绕中心工作。" + BODY, "工作总结", "乡镇党委", None, "乡镇街道", 2020),
    ("关于巡察反馈问题整改情况的报告" + BODY, "整改报告", None, None, None, None),
    ("某局党组2022年度民主生活会对照检查材料" + BODY, "整改报告", "某局党组", None, "机关部门", 2022),
    ("党支部标准化建设自查情况及整改措施报告" + BODY, "整改报告", None, None, None, None),
    ("某中学党支部组织生活会检视剖析材料" + BODY, "整改报告", "某中学党支部", None, "学校", None),
    ("3月2日，柳河镇召开2022年度村党组织书记抓基层党建工作述职评议会。会上，各村书记作了述职。",
     "其他", "柳河镇", None, "乡镇街道", 2022),
    ("近日，东城区人民医院党委召开党支部书记述职评议会议。", "其他", "东城区人民医院党委", None, "医院", None),
    ("关于农村基层党组织建设情况的调研报告" + BODY, "其他", None, None, None, None),
    # a title that names only a kind of organ: the opening names the organisation
    ("党支部书记述职报告\n各位领导、同志们：\n我叫王某，现任石桥村党支部书记。" + BODY,
     "述职报告", "石桥村党支部", "村党支部书记", "村社区", None),
    ("党总支书记抓党建工作述职报告\n2022年，城北社区党总支在街道党工委的领导下扎实推进各项工作。" + BODY,
     "述职报告", "城北社区党总支", "社区党总支书记", "村社区", 2022),
    # a named organisation that is the title's topic reports nothing, but says the level
    ("城北区机关党支部建设情况调研报告" + BODY, "其他", None, None, "机关部门", None),
    ("按照县委要求，现将我镇抓基层党建工作情况述职如下：" + BODY, "述职报告", None, None, "乡镇街道", None),
    ("根据安排，我代表红旗街道党工委述职如下。" + BODY, "述职报告", "红旗街道党工委", None, "乡镇街道", None),
    ("2021年，作为区卫生健康局党委书记，我认真履行职责。现将有关情况述职如下：" + BODY,
     "述职报告", "区卫生健康局党委", "局党委书记", "机关部门", 2021),
    ("二〇二一年度党建工作述职报告\n本人是石桥村党支部书记。" + BODY, "述职报告", "石桥村党支部", "村党支部书记", "村社区", 2021),
    ("某县2021-2022学年学校党建工作总结\n一年来，全县各校党组织抓实党建。" + BODY, "工作总结", None, None, "县区", 2021),
    # … and the date under the signature is the year when nothing else says it
    ("党建工作总结" + BODY + "\n中共柳河镇委员会\n2022年12月20日", "工作总结", "中共柳河镇委员会", None, "乡镇街道", 2022),
    # a page's header date (which the normalised text drops), and the year the opening gives the work
    ("日期：2023-05-04 来源：区文旅体局\n某局党组关于巡察整改情况的通报" + BODY, "整改报告", "某局党组", None, "机关部门", 2023),
    ("3月20日，我院召开党支部书记述职评议会，各书记分别从2017年党支部党建工作成效等方面作了述职。",
     "其他", None, None, "医院", 2017),
    ("2023年度述职报告\n今年以来，我校党总支认真贯彻落实上级要求。" + BODY, "述职报告", None, None, "学校", 2023),
    # a secretary named in the body who is not the reporter (`选派…担任第一书记`) gives no role
    ("软弱涣散村党组织整顿情况报告\n去年，镇党委从机关选派干部担任第一书记，帮助理顺班子。" + BODY,
     "工作总结", None, None, None, None),
    # a speech that opens with 同志们 and is not about 述职 is no rectification report, even at a 巡察 meeting
    ("同志们：\n刚才，巡察组反馈了巡察情况，下面我讲两点意见。" + BODY, "其他", None, None, None, None),
    # an office whose name joins two fields with 和
    ("县住房和城乡建设局党组书记抓党建工作述职报告" + BODY, "述职报告", "县住房和城乡建设局党组", "局党组书记", "机关部门", None),
    ("某新区人力资源和社会保障局党委2022年工作总结" + BODY, "工作总结", "某新区人力资源和社会保障局党委", None, "机关部门", 2022),
    # no unit in the title, no 我镇/全县: the institution the body keeps naming
    ("党委书记抓基层党建工作述职报告\n一年来，公司党委推动企业党建与生产经营深度融合，所属企业均建立党支部，"
     "企业班子成员带头讲党课。" + BODY, "述职报告", "党委", "党委书记", "国企", None),
    ("3月5日，城北中学举行党支部书记述职会。" + BODY, "其他", "城北中学", None, "学校", None),
    # a news item whose subject comes after a purpose clause; the role in its body is the audience's
    ("2022年度村书记述职评议大会侧记\n为压实党建责任，1月8日上午，柳河镇召开村党组织书记述职评议会。镇党委书记强调，"
     "作为村党支部书记要带头抓党建。",
     "其他", "柳河镇", None, "乡镇街道", 2022),
    # a title broken at the page width inside a word, as copied from a PDF
    ("某镇党委领导班子2023年度民主生活会对照检\n查材料\n根据上级党委部署，班子成员开展了谈心谈话，"
     "征求意见建议二十余条，现对照检查如下。" + BODY, "整改报告", "某镇党委", None, "乡镇街道", 2023),
    # a circular to the branches (其他): its salutation names no reporter; 全院 of a college is a school's
    ("各党支部：\n根据学院党委部署，近期对全院各党支部组织生活开展情况进行了抽查，现将情况通报如下。" + BODY,
     "其他", None, None, "学校", None),
    # non-public firms: plain 企业 in such a text are private firms; a bare organ opening the title reports
    ("某县非公企业党建工作情况汇报\n一年来，县内非公企业党组织不断壮大，企业党员作用明显，企业主支持党建。" + BODY,
     "工作总结", "某县非公企业", None, "两新", None),
    ("社会工作部2023年新兴领域党建工作总结" + BODY, "工作总结", "社会工作部", None, "机关部门", 2023),
    # a news subject whose name the unit grammar reads short (a numeral opens it); the author's own unit
    ("2月13日，三里河街道召开社区党组织书记述职评议大会。" + BODY, "其他", "三里河街道", None, "乡镇街道", None),
    ("2022年党建工作总结\n今年以来，我村党支部坚持以党建引领乡村振兴。" + BODY, "工作总结", "村党支部", None, "村社区",
     2022),
    # a long title that ends as a speech does is not joined to the salutation under it
    ("某县委组织部部长在2021年度乡镇党委书记抓基层党建述职评议会上的点评讲话\n同志们：\n刚才，各位书记作了述职。" + BODY,
     "述职评议讲话", "某县委组织部", "县委组织部部长", "机关部门", 2021),
    ("中共某市委组织部关于2023年度基层党建工作情况的报告" + BODY, "工作总结", "中共某市委组织部", None, "机关部门", 2023),
    # a document site's copy: the file's name (with its extension) over the title repeated
    ("城北区教育局党组书记2022年度述职报告.docx\n《城北区教育局党组书记2022年度述职报告.docx》由会员分享，可在线阅读。\n"
     "1、城北区教育局党组书记2022年度述职报告" + BODY, "述职报告", "城北区教育局党组", "局党组书记", "机关部门", 2022),
    ("信息索引号：\n0012/2023-00012\n文件名称：\n中共青石县农业农村局党组关于2023年巡察整改情况的通报\n发布机构：\n青石县农业农村局\n"
     "公开方式：\n主动公开\n中共青石县农业农村局党组关于2023年巡察整改情况的通报" + BODY, "整改报告", "中共青石县农业农村局党组", None,
     "机关部门", 2023),
    # the author signs at the end: `述职人：` and the role, or the role over the name
    ("2022年度抓基层党建工作述职报告" + BODY + "述职人：城北区民政局党组书记 王某\n2023年1月10日\n", "述职报告",
     "城北区民政局党组", "局党组书记", "机关部门", 2022),
    ("2022年度抓基层党建工作述职报告" + BODY + "白杨村党支部书记\n2023年1月\n", "述职报告", "白杨村党支部",
     "村党支部书记", "村社区", 2022),
    # … but a last item naming a role is no signature
    ("2022年党建工作总结" + BODY + "二、下步打算\n一是配强支部书记\n二是选好党务干部\n", "工作总结", None, None, None,
     2022),
    ("第2篇 白杨中学党支部2023年度工作总结" + BODY, "工作总结", "白杨中学党支部", None, "学校", 2023),
    # a news item that mentions rectification is no rectification report
    ("近日，某街道召开述职评议会，要求各社区抓好巡察整改。" + BODY, "其他", "某街道", None, "乡镇街道", None),
]


def _meta(text: str) -> dict:
    return to_json(extract(Source("r.txt", text, "utf-8", "0" * 64, "txt")))["report"]


@pytest.mark.parametrize("text, genre, unit, role, level, year", CASES, ids=[c[0][:16] for c in CASES])
def test_report_metadata(text, genre, unit, role, level, year):
    meta = _meta(text)
    assert (meta["genre"], meta["reporting_unit"], meta["level"], meta["year"]) == (genre, unit, level, year)
    if role is not None:
        assert meta["reporter_role"] == role


def test_a_title_loses_a_file_extension_and_a_site_s_decorations_and_is_said_once():
    for text in ("城北区教育局党组书记述职报告.docx\n城北区教育局党组书记述职报告" + BODY,
                 "第3篇：城北区教育局党组书记述职报告" + BODY,
                 "【述职】城北区教育局党组书记述职报告（完整文档）" + BODY, "城北区教育局党组书记述职报告【精选6篇】" + BODY,
                 "城北区教育局党组书记述职报告 篇2" + BODY):
        assert to_json(extract(Source("r.txt", text, "utf-8", "0" * 64, "txt")))["title"] == "城北区教育局党组书记述职报告"


def test_at_least_thirty_patterns():
    assert len(CASES) >= 30


def test_every_answer_has_its_evidence_span():
    text = CASES[0][0]
    meta = _meta(text)
    fields = {e["field"] for e in meta["evidence"]}
    assert {"genre", "reporting_unit", "reporter_role", "year"} <= fields
    for e in meta["evidence"]:
        assert text[e["start"]:e["end"]] == e["text"]


def test_place_keeps_masks_and_territory_chains():
    assert _meta(CASES[0][0])["place"] == "青石县柳河镇"
    assert _meta("XX县某某镇党委书记述职报告" + BODY)["place"] == "XX县某某镇"
