"""Quoted spans that name a program and quoted spans that name nothing, decided by general features
(kg/extract/programs.py). Every sentence is invented."""

from __future__ import annotations

import pytest

from kg.jsonout import to_json
from kg.pipeline import extract
from kg.records import Source

CASES = [
    ("支部要回答好“靠什么”的问题。", None),  # a question word
    ("遇到难题先想“怎么办”。", None),
    ("开展“抓什么、怎么抓”专题研讨。", "抓什么、怎么抓"),  # a head noun after the quote makes a campaign's name
    ("让党员都“动起来”。", None),  # verb + directional complement
    ("把支部活动“搞起来”。", None),
    ("让党建工作真正“冒热气”。", None),  # a predicate after 让
    ("使服务更加“接地气”。", None),
    ("当好乡村振兴“排头兵”。", None),  # a role metaphor
    ("发挥党组织“指挥棒”作用。", None),
    ("正如上级要求的“要把抓党建作为最大的政绩。”", None),  # a quoted whole sentence
    ("页面残留<img alt=“党建图片”>标记。", None),  # markup debris
    ("发扬“钉钉子”精神，一抓到底。", "钉钉子"),  # a head noun after it: a named method
    ("推行“明责、履责、考责”工作法。", "明责、履责、考责"),
    ("深入开展“领头雁”工程。", "领头雁"),
    ("严格落实“三会一课”制度。", "三会一课"),
    ("实施“四议两公开”工作法。", "四议两公开"),
    ("打造“红色引擎”党建品牌。", "红色引擎"),
    ("坚持“抓好党建是本职，不抓党建是失职”的理念。", "抓好党建是本职，不抓党建是失职"),
    ("评选“十佳党支部书记”。", "十佳党支部书记"),
    ("建立“三个清单”。", "三个清单"),
    # a long quoted finding of an inspection states a shortcoming, it names nothing
    ("关于“落实意识形态工作责任制不够到位，阵地管理存在薄弱环节”问题的整改。", None),
    ("（一）在“议事决策程序执行不规范”方面", None),
    ("（二）关于“党费收缴不及时”的问题", None),
    ("（三）在“青年干部队伍建设存在短板”方面", None),
    ("群众说“现在办事方便多了”。", None),  # reported speech names nothing
    ("老党员感慨道：“还是组织想得周到”。", None),
    ("群众称之为“红色管家”。", "红色管家"),  # a name the people gave is one  # a finding's own words: 存在, 短板
    ("一是存在“重业务、轻党建”现象。", "重业务、轻党建"),  # a short quoted phrase that names a problem is one
    # quotes written the wrong way round still pair
    ("部分”两代表一委员“参加了会议，围绕“1+3”体系作了发言。", "1+3"),
]


def _programs(sentence: str) -> list[str]:
    return [p["label"] for p in to_json(extract(Source("a.txt", "标题\n" + sentence, "utf-8", "0" * 64, "txt")))["programs"]]


@pytest.mark.parametrize("sentence, program", CASES, ids=[c[0][:12] for c in CASES])
def test_quoted_spans(sentence: str, program: str | None) -> None:
    found = _programs(sentence)
    if program is None:
        assert found == []
    else:
        assert program in found
