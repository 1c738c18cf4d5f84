"""Sections and items: every heading style and enumerator style, on realistic snippets."""

from __future__ import annotations

import pytest

from kg.normalize import normalize
from kg.structure import analyse, heading_kinds, make_label
from kg.structure.cues import intro_kind, lead_kind


def items(text: str) -> list[tuple[str, str]]:
    return [(i.kind, i.label) for i in analyse(normalize(text), text).items]


HEAD = "某县委书记抓基层党建工作述职报告\n"


@pytest.mark.parametrize(
    "heading, kind",
    [
        ("存在问题", "problems"), ("存在的主要问题", "problems"), ("问题和不足", "problems"),
        ("短板和弱项", "problems"), ("与先进地区的差距", "problems"), ("薄弱环节", "problems"),
        ("原因分析", "causes"), ("产生问题的原因", "causes"),
        ("下一步工作打算", "measures"), ("下步工作思路", "measures"), ("今后努力方向", "measures"),
        ("工作思路", "measures"), ("整改措施", "measures"), ("2021年重点工作安排", "measures"),
        ("主要做法", "practices"), ("主要做法及成效", "practices"), ("履职工作特色和亮点", "practices"),
        ("履职情况", "practices"), ("主要工作", "practices"), ("取得的成效", "practices"),
    ],
)
def test_heading_kinds(heading, kind):
    assert heading_kinds(heading)[0] == kind


def test_combined_heading_names_both_kinds():
    assert heading_kinds("存在的问题及原因分析") == ["problems", "causes"]
    assert heading_kinds("存在问题及下一步打算") == ["problems", "measures"]


@pytest.mark.parametrize(
    "lead, kind",
    [
        ("一年来，我市基层党建工作取得了新的进步，但还存在一些薄弱环节：", "problems"),
        ("对照全面从严治党的要求，我市基层党建工作还存在一些突出问题：", "problems"),
        ("主要问题：", "problems"),
        ("产生以上问题的原因，尽管有客观的因素，但深层次原因还是主观上的：", "causes"),
        ("存在问题原因分析：", "causes"),
        ("2021年，将以习近平新时代中国特色社会主义思想为指导，持续实施党支部质量提升工程。", "measures"),
        ("下一步，我们将认真贯彻落实基层党建的具体要求，积极创新，扎实工作。", "measures"),
        ("今年以来，按照中央和省委要求，切实履职尽责、注重创新、强化举措，全面推进基层党建工作。", None),
    ],
)
def test_lead_sentences(lead, kind):
    hit = intro_kind(lead) if lead.endswith("：") else lead_kind(lead)
    assert (hit.kind if hit else None) == kind


NUMBERED = HEAD + """一、主要做法
（一）抓责任，层层传导压力。强化示范带动。
（二）抓规范，严肃组织生活。召开专题会议。
二、存在问题
(一)部分基层党组织内在活力不足。一些农村党组织无钱办事。
(二)基层党建工作开展不平衡。
三、原因分析
1.发扬“钉钉子”精神不够。对基层党建工作安排部署多。
2、深入“解剖麻雀”不够。
四、下一步打算
第一，进一步强化责任落实。牢固树立首责主业意识。
第二，进一步严肃党内政治生活。
"""


def test_numbered_headings_in_every_style():
    assert items(NUMBERED) == [
        ("practices", "抓责任，层层传导压力"), ("practices", "抓规范，严肃组织生活"),
        ("problems", "部分基层党组织内在活力不足"), ("problems", "基层党建工作开展不平衡"),
        ("causes", "发扬“钉钉子”精神不够"), ("causes", "深入“解剖麻雀”不够"),
        ("measures", "进一步强化责任落实"), ("measures", "进一步严肃党内政治生活"),
    ]


UNNUMBERED = HEAD + """主要工作
一是抓责任，层层传导压力。强化示范带动。
二是抓规范，严肃组织生活。
存在问题
一是党务工作力量配备不足。个别乡镇只有×人。
下步工作思路
一是持续压实党建工作责任。
"""


def test_unnumbered_headings():
    assert items(UNNUMBERED) == [
        ("practices", "抓责任，层层传导压力"), ("practices", "抓规范，严肃组织生活"),
        ("problems", "党务工作力量配备不足"), ("measures", "持续压实党建工作责任"),
    ]


NO_HEADINGS = """市委书记2020年抓基层党建工作述职报告
2020年，我认真履行职责，全力抓好基层党建工作。
一是推动党的创新理论落地见效。市委理论中心组集中学习。
二是聚焦支部夯实基层基础。坚持一切工作到支部。三是推进全面从严治党向基层延伸。每月研究一次。
一年来，我市基层党建工作取得了新的进步，但还存在一些薄弱环节：一是有重县乡轻部门现象。对其他领域关注不够。二是党务工作力量配备不足。
分析问题原因，主要是一些地方认识不深，把握不准。
2021年，将以习近平新时代中国特色社会主义思想为指导，努力把全市基层党建工作提高到一个新水平。
一是持续加强党的政治建设。建立长效机制。
二是持续推进支部标准化。
"""


def test_reports_without_headings_use_lead_sentences_and_inline_runs():
    assert items(NO_HEADINGS) == [
        ("practices", "推动党的创新理论落地见效"), ("practices", "聚焦支部夯实基层基础"),
        ("practices", "推进全面从严治党向基层延伸"),
        ("problems", "有重县乡轻部门现象"), ("problems", "党务工作力量配备不足"),
        ("measures", "持续加强党的政治建设"), ("measures", "持续推进支部标准化"),
    ]


COMBINED = HEAD + """二、存在的问题及原因分析
主要问题：一是部分村党组织党建工作载体还不完善，党建与中心工作结合不紧密；二是个别基层党支部标准化建设还有差距；三是流动党员参与率不高。
存在问题原因分析：一是党建工作抓细抓长用心用力不够。对党建的重要性认识不足。二是督查指导还不够深入。
三、下一步工作思路和主要措施
1.强化担当抓牢主业。持续用力推进。
"""


def test_combined_heading_split_by_inner_wording():
    assert items(COMBINED) == [
        ("problems", "部分村党组织党建工作载体还不完善，党建与中心工作结合不紧密"),
        ("problems", "个别基层党支部标准化建设还有差距"), ("problems", "流动党员参与率不高"),
        ("causes", "党建工作抓细抓长用心用力不够"), ("causes", "督查指导还不够深入"),
        ("measures", "强化担当抓牢主业"),
    ]


SPEECH = """在全区抓基层党建工作述职评议会上的讲话
同志们：
刚才，各街道党工委书记进行了述职，下面我再讲三点意见：
一、围绕中心、服务大局，全区基层党建工作呈现良好态势
（一）注重健全工作制度，不断夯实党建工作基础。一是加强队伍建设。为每个社区配备1名专职副书记。二是强化经费保障。
二、查漏补缺、补齐短板，确保党建工作问题得到有效整改
（一）机关党建工作力量有待加强。部分机关党组织书记认识有偏差。
三、突出重点、稳中求进，扎实做好今年基层党建各项工作
（一）全面推进重点领域党建工作。一是进一步提升机关党建工作整体水平。二是扩大“两新”组织的“两个覆盖”。
"""


def test_speech_sections_nested_items_and_titles_are_not_items():
    x = analyse(normalize(SPEECH), SPEECH)
    assert [(i.kind, i.label, i.level) for i in x.items] == [
        ("practices", "注重健全工作制度，不断夯实党建工作基础", 1), ("practices", "加强队伍建设", 2),
        ("practices", "强化经费保障", 2),
        ("problems", "机关党建工作力量有待加强", 1),
        ("measures", "全面推进重点领域党建工作", 1), ("measures", "进一步提升机关党建工作整体水平", 2),
        ("measures", "扩大“两新”组织的“两个覆盖”", 2),
    ]
    by_pos = {i.position: i for i in x.items}
    assert by_pos[2].parent == 1 and by_pos[3].parent == 1 and by_pos[6].parent == 5
    assert by_pos[1].parent is None


def test_offsets_and_page_markers():
    text = HEAD + "一、存在问题\n一是党务力量不足。\n- 2 -\n二是载体不多。\n"
    x = analyse(normalize(text), text)
    assert [i.label for i in x.items] == ["党务力量不足", "载体不多"]
    for item in x.items:
        assert text[item.start:item.end] == item.text and text.startswith(item.marker, item.item_start)


def test_traditional_and_half_width_headings():
    text = "某縣述職報告\n二、存在問題\n(一)黨務力量不足.\n三、下一步打算\n1.加強隊伍建設;\n"
    assert items(text) == [("problems", "党务力量不足."), ("measures", "加强队伍建设")]


@pytest.mark.parametrize(
    "own, label",
    [
        ("加强组织领导，实施封闭管理。我区在接到通知后", "加强组织领导，实施封闭管理"),
        ("部分村党组织载体还不完善；二是", "部分村党组织载体还不完善"),
        ("抓责任：层层传导压力，强化示范带动。", "抓责任：层层传导压力，强化示范带动"),
        ("围绕“一条主线”。把学习贯彻", "围绕“一条主线”"),
    ],
)
def test_labels(own, label):
    assert make_label(own) == label
