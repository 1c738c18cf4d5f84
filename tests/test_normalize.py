"""Normalisation: boilerplate, width, script, pinyin noise — with offsets kept."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.normalize import fold_width, normalize, to_simplified


@pytest.mark.parametrize(
    "text_in, text_out",
    [
        ("(一)加强党的建设,提高质量;", "（一）加强党的建设，提高质量；"),
        ("１２３个ＡＢＣ", "123个ABC"),
        ("达到1,500人", "达到1,500人"),
        ('落实"三会一课"制度', "落实“三会一课”制度"),
        ("三會一課", "三会一课"),
        ("黨支部標準化建設", "党支部标准化建设"),
    ],
)
def test_fold_and_simplify(text_in, text_out):
    assert to_simplified(fold_width(text_in)) == text_out


@pytest.mark.parametrize(
    "text_in, text_out",
    [
        ("市委長(zhǎng)期坚持", "市委长期坚持"),
        ("仅供学习 禁止外传 用后删除\n一是加强领导。", "\n一是加强领导。"),
        ("一是加强领导。\n咨询QQ206157060\n二是强化责任。", "一是加强领导。\n\n二是强化责任。"),
        ("本文系作者原创投稿，仅供学习参考，请勿照搬照抄！\n报告如下：", "\n报告如下："),
        ("一是加强领导。\n- 3 -\n二是强化责任。", "一是加强领导。\n\n二是强化责任。"),
        ("加入Vip免费下载\n正文。", "\n正文。"),
        ("开展主题党日12次，……此处隐藏812个字……并按时收缴党费。", "开展主题党日12次，并按时收缴党费。"),
        ("二是制度执行不严。\n（阅读全部图文内容，您需要先登录！）", "二是制度执行不严。\n"),
        ("……（开头部分已省略586字）\n二、存在的问题", "\n二、存在的问题"),
        ("二是严格制度。\n(文/图 张某某)", "二是严格制度。\n"),  # a news item's credits
        ("一是学习<<中国共产党章程>>。", "一是学习《中国共产党章程》。"),  # a title in ASCII brackets, no breadcrumb
        # words a site's footer shares with report items: boilerplate only on a line that is no sentence or item
        ("一是完成党报党刊订阅工作，订阅率100%。", "一是完成党报党刊订阅工作，订阅率100%。"),
        ("二是推行“扫码亮身份”，设置二维码收集意见。", "二是推行“扫码亮身份”，设置二维码收集意见。"),
        ("建立容错纠错机制\n三是维护会员权益。", "建立容错纠错机制\n三是维护会员权益。"),
        ("正文。\n扫一扫 分享到微信\n", "正文。\n\n"),
        ("大小:16.56KB\n页数:3页\n格式:DOCX\n温馨提示:\n一、基本情况", "\n\n\n\n一、基本情况"),
        ("三是加强指导。\n预览阅读已结束，若您需要写相关文章，请扫码联系老师写作！", "三是加强指导。\n"),
        ("我强调三个问题。 第1页共 17 页一、统一思想。", "我强调三个问题。一、统一思想。"),
        ("三是突出作用。\n供稿：王某 初审：李某 终审：赵某", "三是突出作用。\n"),
        ("一是开设党建大讲堂。精品WORD文档下载可编缉使用二是探索党建实践。", "一是开设党建大讲堂。二是探索党建实践。"),
        ("1、下载文档前请自行甄别文档内容的完整性\n2、如文档侵犯您的权益，请联系客服反馈\n一、存在问题", "\n一、存在问题"),
        # a government site's disclosure table: its fields and values go, the file's name stays as the title
        ("索引号：\n001/2023-1\n发布机构：某局\n文件名称：\n某局关于整改情况的通报\n正文。", "\n\n\n\n某局关于整改情况的通报\n正文。"),
        ("文件名称：某局关于整改情况的通报\n成文日期：2023-06-02\n正文。", "某局关于整改情况的通报\n\n正文。"),
        # a document site's numbered chunks after its header: a chunk inside a sentence continues it
        ("某报告.docx\n1、某报告\n一是活动\n2、偏少。\n3、二是经费不足。", "某报告.docx\n某报告\n一是活动偏少。\n二是经费不足。"),
        ("一、主要做法 1、建强组织。", "一、主要做法\n1、建强组织。"),
        ("一、存在的问题(一)阵地缺乏。", "一、存在的问题\n（一）阵地缺乏。"),  # a line break put between
        ("二是执行不严。二、突出重点，抓好落实一要抓好学习。", "二是执行不严。\n二、突出重点，抓好落实\n一要抓好学习。"),
        ("坚持统一要求。二、加强团结统一是关键。", "坚持统一要求。二、加强团结统一是关键。"),  # 统一 is no enumerator
        # a forum's anti-copy jammer goes, on its own line or glued before an item; plain ASCII runs stay
        ("一是学习不深。 x: I! j: g/ H8\n' f% X6 W4 [7 _0 Z二是制度不实。", "一是学习不深。 \n二是制度不实。"),
        ("按 1 2 3 4 5 排序.", "按 1 2 3 4 5 排序."),
        # a converter's doubled punctuation: the comma before another mark goes, a lone comma stays
        ("召开大会,,各村(社区),、镇直单位参加会议,。", "召开大会，各村（社区）、镇直单位参加会议。"),
    ],
)
def test_boilerplate_and_noise_removed(text_in, text_out):
    assert normalize(text_in).text == text_out


def test_offsets_point_into_the_original():
    original = "仅供学习 禁止外传\n市委書記長(zhǎng)期落实\"三會一課\"制度。"
    norm = normalize(original)
    i = norm.text.index("三会一课")
    s, e = norm.span(i, i + 4)
    assert original[s:e] == "三會一課"
    j = norm.text.index("期落实")
    s, e = norm.span(j, j + 3)
    assert original[s:e] == "期落实"


_chars = st.sampled_from(list("党建工作三會一課，,（）()ＡＢ１２“”\"。；长(zhǎng)仅供学习\n 　xX") + ["咨询QQ12345\n"])


@settings(max_examples=200, deadline=None)
@given(st.lists(_chars, max_size=60).map("".join))
def test_normalize_keeps_offsets_and_is_idempotent(text):
    norm = normalize(text)
    for i, ch in enumerate(norm.text):
        orig = text[norm.to_orig(i)]
        assert to_simplified(fold_width(orig)) == ch or (orig in "\"'" and ch in "“”‘’") or (
            orig in ",:" and ch in ",:，：")
    again = normalize(norm.text).text
    assert normalize(again).text == again
