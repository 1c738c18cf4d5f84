"""The layout catalogue: one case per heading cue, enumeration style, boundary rule and text
condition met in real reports of the genre (docs/layouts.md). Every text is invented."""

from __future__ import annotations

import pytest

from kg.normalize import normalize
from kg.structure import analyse

T = "青石县柳河镇党委书记抓基层党建工作述职报告\n"  # an invented title line

CASES: list[tuple[str, str, list[tuple[str, str]]]] = [
    # --- headings that name the section's job -----------------------------------------
    ("problems heading: short planks", T + "一、工作中的短板弱项\n一是党员结构老化。二是活动阵地偏小。\n",
     [("problems", "党员结构老化"), ("problems", "活动阵地偏小")]),
    ("problems heading: found problems", T + "二、查摆出的问题\n（一）学习抓得不紧。\n（二）制度执行打折扣。\n",
     [("problems", "学习抓得不紧"), ("problems", "制度执行打折扣")]),
    ("problems heading: shortcomings", T + "三、不足之处\n1.宣传报道偏少。\n2.经费保障吃紧。\n",
     [("problems", "宣传报道偏少"), ("problems", "经费保障吃紧")]),
    ("problems heading: problem list", T + "二、问题清单\n一是台账不全；二是记录随意。\n",
     [("problems", "台账不全"), ("problems", "记录随意")]),
    ("causes heading: root analysis", T + "三、根源剖析\n一是理论学习没有入脑入心。二是担当意识弱化。\n",
     [("causes", "理论学习没有入脑入心"), ("causes", "担当意识弱化")]),
    ("measures heading: rectification direction", T + "四、整改方向\n一是补齐支部建设短板。二是健全考核机制。\n",
     [("measures", "补齐支部建设短板"), ("measures", "健全考核机制")]),
    ("measures heading: effort direction", T + "四、今后努力方向\n（一）抓学习。\n（二）抓队伍。\n",
     [("measures", "抓学习"), ("measures", "抓队伍")]),
    ("measures heading: plans", T + "三、今后打算\n第一，配强支部书记。\n第二，盘活闲置阵地。\n",
     [("measures", "配强支部书记"), ("measures", "盘活闲置阵地")]),
    ("problems heading as a question", T + "二、当前还有哪些差距？\n一是党员教育方式单一。二是青年党员偏少。\n",
     [("problems", "党员教育方式单一"), ("problems", "青年党员偏少")]),
    ("measures heading as a question", T + "三、下一步怎么干？\n一是抓实“三会一课”。二是建强网格支部。\n",
     [("measures", "抓实“三会一课”"), ("measures", "建强网格支部")]),
    ("speech: several requirements", "同志们：\n刚才几位书记作了述职。\n一、几点要求\n一要压紧压实责任。二要抓好整改落实。\n",
     [("measures", "压紧压实责任"), ("measures", "抓好整改落实")]),
    ("speech: stress three points", "同志们：\n下面，我再强调三点\n（一）把政治建设摆在首位。\n（二）把支部建强。\n",
     [("measures", "把政治建设摆在首位"), ("measures", "把支部建强")]),
    ("practices heading: review", T + "一、履职情况\n一是建立了书记项目制度。二是全年召开专题会议6次。\n",
     [("practices", "建立了书记项目制度"), ("practices", "全年召开专题会议6次")]),
    ("heading with a space and a full stop", T + "二、 存在的问题。\n1、议事规则执行不严。\n2、发展党员把关不细。\n",
     [("problems", "议事规则执行不严"), ("problems", "发展党员把关不细")]),
    ("parenthesis followed by a comma", T + "一、主要做法\n（一）、建强阵地。新建活动室两处。\n（二）、配强队伍。\n",
     [("practices", "建强阵地"), ("practices", "配强队伍")]),
    ("square and tortoise-shell brackets", T + "二、存在问题\n〔一〕组织生活不够经常。\n【二】党费收缴不及时。\n",
     [("problems", "组织生活不够经常"), ("problems", "党费收缴不及时")]),
    ("combined heading split by the causes lead",
     T + "二、存在的问题及原因\n一是联系群众不够紧密。二是创新意识不强。\n究其原因：一是服务意识淡薄。二是精力投入不够。\n",
     [("problems", "联系群众不够紧密"), ("problems", "创新意识不强"),
      ("causes", "服务意识淡薄"), ("causes", "精力投入不够")]),
    ("cue sub-headings are switches, not items",
     T + "二、存在问题及原因\n（一）存在的主要问题\n1.支部活动内容单调。\n2.党员作用发挥不充分。\n（二）问题产生的原因\n1.对基层党建重视不够。\n",
     [("problems", "支部活动内容单调"), ("problems", "党员作用发挥不充分"), ("causes", "对基层党建重视不够")]),
    ("speech sections without cues: achievements, shortcomings, requirements",
     "在全镇抓党建述职评议会上的讲话\n同志们：\n下面我讲三点意见。\n一、肯定成绩，基层党建呈现良好态势\n"
     "（一）责任落实有力。各村均签订了责任书。\n二、正视不足，清醒认识存在的短板\n（一）部分支部书记抓党建精力不足。\n"
     "三、突出重点，扎实抓好今年各项工作\n（一）压实书记责任。\n",
     [("practices", "责任落实有力"), ("problems", "部分支部书记抓党建精力不足"), ("measures", "压实书记责任")]),
    ("slogan headings group inline items",
     T + "一、主要工作\n共学共建，让支部“强”起来\n一是开展书记讲党课。二是组建了党员先锋队。\n"
     "共治共享，让服务“暖”起来\n一是设立红色代办点。\n",
     [("practices", "开展书记讲党课"), ("practices", "组建了党员先锋队"), ("practices", "设立红色代办点")]),
    # --- enumeration styles -------------------------------------------------------------
    ("ordinal adverbs at paragraph starts",
     T + "三、下步打算\n首先，强化理论武装。坚持周学习制度。\n其次，规范组织生活。\n最后，加强阵地建设。\n",
     [("measures", "强化理论武装"), ("measures", "规范组织生活"), ("measures", "加强阵地建设")]),
    ("yi-yao runs say requirements", "会上，书记对各支部提出要求。一要带头学习；二要带头落实；三要带头廉洁。\n",
     [("measures", "带头学习"), ("measures", "带头落实"), ("measures", "带头廉洁")]),
    ("yi-shi-yao inline in one paragraph",
     T + "三、下一步工作打算\n一是要持续深化理论学习；二是要着力建强支部堡垒；三是要严格党员管理。\n",
     [("measures", "要持续深化理论学习"), ("measures", "要着力建强支部堡垒"), ("measures", "要严格党员管理")]),
    ("di-yi paragraphs with a gap", T + "二、存在问题\n第一，组织设置滞后。\n第三，教育方式陈旧。\n",
     [("problems", "组织设置滞后"), ("problems", "教育方式陈旧")]),
    ("arabic parentheses under yi-shi",
     T + "二、存在问题\n一是基础工作不扎实：（1）会议记录简单。（2）档案归集滞后。\n二是作用发挥不明显。\n",
     [("problems", "基础工作不扎实"), ("problems", "会议记录简单"), ("problems", "档案归集滞后"),
      ("problems", "作用发挥不明显")]),
    ("numbering restarts under each heading",
     T + "一、主要做法\n（一）抓班子\n1.调整了支部书记。\n2.补选了委员。\n（二）抓阵地\n1.新建了活动室。\n",
     [("practices", "抓班子"), ("practices", "调整了支部书记"), ("practices", "补选了委员"),
      ("practices", "抓阵地"), ("practices", "新建了活动室")]),
    ("numbered heading lines without punctuation, body below",
     T + "一、主要做法\n1.强化组织建设\n村党支部健全了议事规则，规范了组织生活。\n2.推动集体经济发展\n流转土地三百亩。\n",
     [("practices", "强化组织建设"), ("practices", "推动集体经济发展")]),
    ("short unnumbered lines under a cue heading",
     T + "二、存在的不足\n宣传工作有待进一步加强\n制度建设有待进一步健全\n党员活动有待进一步丰富\n",
     [("problems", "宣传工作有待进一步加强"), ("problems", "制度建设有待进一步健全"), ("problems", "党员活动有待进一步丰富")]),
    ("bullet lines", T + "二、存在问题\n- 党员老龄化严重。\n- 后备干部储备不足。\n",
     [("problems", "党员老龄化严重"), ("problems", "后备干部储备不足")]),
    ("an excerpt that starts inside a list",
     "党员积极性没有充分调动起来。二是阵地功能单一，群众参与少。三是党建与业务结合不紧。\n",
     [("problems", "阵地功能单一，群众参与少"), ("problems", "党建与业务结合不紧")]),
    ("inline arabic parentheses after a colon",
     "会议指出了学院基层党建存在的突出问题：（1）支部标准化建设有待完善。（2）党务干部业务水平有待提高。\n",
     [("problems", "支部标准化建设有待完善"), ("problems", "党务干部业务水平有待提高")]),
    ("circled numbers", T + "三、下步打算\n①建强队伍；②完善制度；③丰富载体。\n",
     [("measures", "建强队伍"), ("measures", "完善制度"), ("measures", "丰富载体")]),
    ("one-dot and ideographic-comma numbers", T + "二、存在问题\n1．会议流于形式。\n2、学习记录不全。\n",
     [("problems", "会议流于形式"), ("problems", "学习记录不全")]),
    ("news: requirements after an intro clause",
     "3月2日，某街道召开述职评议会。最后，党工委书记提出三点要求：一是提高政治站位；二是压实工作责任；三是突出特色亮点。\n",
     [("measures", "提高政治站位"), ("measures", "压实工作责任"), ("measures", "突出特色亮点")]),
    ("news: problems after an intro clause",
     "点评时，书记指出了各支部存在的不足：一是理论学习不够系统。二是活动形式比较单一。\n",
     [("problems", "理论学习不够系统"), ("problems", "活动形式比较单一")]),
    ("news: achievements after an intro clause",
     "书记认为，今年的党建工作主要有以下特点：一是责任落实更加有力；二是基础工作更加扎实。\n",
     [("practices", "责任落实更加有力"), ("practices", "基础工作更加扎实")]),
    ("causes inline in one paragraph",
     T + "二、存在问题\n一是党员教育管理不严。\n产生以上问题的原因主要有：一是重业务轻党建。二是考核约束不硬。\n",
     [("problems", "党员教育管理不严"), ("causes", "重业务轻党建"), ("causes", "考核约束不硬")]),
    ("a lead paragraph ending in a colon, numbered lines below",
     T + "二、问题与不足\n对照上级要求，我们的工作还有差距：\n1.支部书记能力参差不齐。\n2.党员活动场所简陋。\n",
     [("problems", "支部书记能力参差不齐"), ("problems", "党员活动场所简陋")]),
    # --- what is not an item -----------------------------------------------------------
    ("title and author lines are not items",
     "2023年度抓基层党建工作述职报告\n柳河村党总支书记 某某\n一、主要做法\n一是落实了三会一课。\n",
     [("practices", "落实了三会一课")]),
    ("an intro-only item is not an item",
     T + "二、存在问题\n一是组织建设不够规范，主要表现在以下几个方面：\n二是主要表现在以下几个方面：\n（1）会议记录不全。\n（2）换届不及时。\n",
     [("problems", "组织建设不够规范，主要表现在以下几个方面"), ("problems", "会议记录不全"), ("problems", "换届不及时")]),
    ("an outline before the title is not items",
     "一、主要做法\n（一）抓学习\n（二）抓队伍\n二、存在问题\n三、下步打算\n某社区党委2023年党建工作总结\n"
     "一、主要做法\n（一）抓学习，开展集中学习12次。\n（二）抓队伍，发展党员3名。\n二、存在问题\n一是党员参与不均衡。\n"
     "三、下步打算\n一是丰富学习形式。\n",
     [("practices", "抓学习，开展集中学习12次"), ("practices", "抓队伍，发展党员3名"),
      ("problems", "党员参与不均衡"), ("measures", "丰富学习形式")]),
    ("salutation and announcement are not items",
     "在支部书记述职会上的讲话\n尊敬的各位领导、同志们：\n下面我讲两点意见：\n一、成绩值得肯定\n一是完成了换届。\n",
     [("practices", "完成了换届")]),
    # --- labels --------------------------------------------------------------------------
    ("a colon inside the lead clause does not end it",
     T + "二、存在问题\n1.台账管理不够规范：个别支部记录缺失，签到不全。\n",
     [("problems", "台账管理不够规范：个别支部记录缺失，签到不全")]),
    ("label ends at the next enumerator without a full stop",
     T + "三、下步打算\n一是抓班子，二是带队伍，三是促发展。\n",
     [("measures", "抓班子"), ("measures", "带队伍"), ("measures", "促发展")]),
    ("hard-wrapped text is joined",
     T + "二、存在问题\n一是党建工作责任制落实不到位，对党建工作计划等研究讨\n论少，听取党建汇报不够，缺乏量化考核和经常性督导检查\n"
     "措施，督责问责的举措有待进一步细化完善，存档文件整理还\n不够规范。二是组织生活质量不高，批评与自我批评辣味不\n"
     "足，存在以业务问题代替思想问题的现象，一些支部书记对此\n认识不清楚。\n",
     [("problems", "党建工作责任制落实不到位，对党建工作计划等研究讨论少，听取党建汇报不够，缺乏量化考核和经常性督导检查措施，督责问责的举措有待进一步细化完善，存档文件整理还不够规范"),
      ("problems", "组织生活质量不高，批评与自我批评辣味不足，存在以业务问题代替思想问题的现象，一些支部书记对此认识不清楚")]),
    ("a heading and its body separated by a space",
     T + "一、主要做法\n（一）红色代办解民忧 从二月开始，村党支部组织党员为群众代办事项，累计办结四十余件。\n",
     [("practices", "红色代办解民忧")]),
    # --- kinds from the items' own wording -------------------------------------------------
    ("no heading: shortcomings", "一是部分党员学习积极性不高。二是支部活动吸引力不强，参与人数偏少。\n",
     [("problems", "部分党员学习积极性不高"), ("problems", "支部活动吸引力不强，参与人数偏少")]),
    ("no heading: future work", "一是将进一步健全党员联系群众制度。二是力争年底前完成阵地改造。\n",
     [("measures", "将进一步健全党员联系群众制度"), ("measures", "力争年底前完成阵地改造")]),
    ("no heading: done work with figures", "一是全年发展党员5名。二是开展主题党日活动12次，累计服务群众800余人次。\n",
     [("practices", "全年发展党员5名"), ("practices", "开展主题党日活动12次，累计服务群众800余人次")]),
    # --- news items: narrative adverbs, overviews, intro-only items ------------------------
    ("a lone narrative adverb is no enumerator",
     "近日，某中学召开支部书记述职会。\n首先，由三位书记依次述职。\n接下来，校党委书记作点评，提出两点希望：一是把学习抓在经常；"
     "二是把队伍带得更强。\n",
     [("measures", "把学习抓在经常"), ("measures", "把队伍带得更强")]),
    ("adverbs that count on are a list",
     T + "三、下步打算\n首先，把书记责任压下去。\n其次，把阵地用起来。\n最后，把制度落到位。\n",
     [("measures", "把书记责任压下去"), ("measures", "把阵地用起来"), ("measures", "把制度落到位")]),
    ("a paragraph naming a report's parts switches nothing",
     "某集团召开年度述职会。各书记从履职情况、存在问题及原因、下一步工作思路等三个方面作了汇报。\n"
     "集团党委书记强调，要把述职成果用好。一是要抓好问题整改。二是要提高政治站位。\n",
     [("measures", "要抓好问题整改"), ("measures", "要提高政治站位")]),
    ("an item that only announces its sub-items is none",
     "某学院召开述职会。点评时指出了两方面不足。一是部分书记准备仓促，汇报不够聚焦。二是当前支部建设存在的主要问题：（1）组织生活质量不高。"
     "（2）党员教育方式单一。\n",
     [("problems", "部分书记准备仓促，汇报不够聚焦"), ("problems", "组织生活质量不高"), ("problems", "党员教育方式单一")]),
    ("adverbs then ordinals: one list",
     "某协会党建工作存在的问题\n当前协会党建还存在一些问题。\n首先，党组织覆盖面偏窄。\n其次，党员流动频繁。\n"
     "第三，活动经费没有保障。\n第四，党务力量薄弱。\n",
     [("problems", "党组织覆盖面偏窄"), ("problems", "党员流动频繁"), ("problems", "活动经费没有保障"),
      ("problems", "党务力量薄弱")]),
    ("a run whose first member is unmarked takes the paragraph's cue",
     "调研中也发现了一些不容忽视的问题。比如：有的楼宇党员底数不清；二是有的企业主支持不够；三是部分支部活动阵地简陋。\n",
     [("problems", "有的企业主支持不够"), ("problems", "部分支部活动阵地简陋")]),
    ("首先是 counts as the first of a 是-run; 针对…问题 turns to measures",
     "针对上述问题，我们从三个方面着手。首先是建强书记队伍。二是建好活动阵地。三是建立联席制度。\n",
     [("measures", "建强书记队伍"), ("measures", "建好活动阵地"), ("measures", "建立联席制度")]),
    ("a second run announced in a new sentence is no sub-list; 一要 may follow its subject",
     "会上，镇党委书记作了点评，给出三点评价：一是责任压得实；二是思路理得清；三是举措落得细。他要求各支部一要抓好学习；"
     "二要带好队伍；三要办好实事。\n",
     [("practices", "责任压得实"), ("practices", "思路理得清"), ("practices", "举措落得细"),
      ("measures", "抓好学习"), ("measures", "带好队伍"), ("measures", "办好实事")]),
    ("sub-items after a full stop stay under their item",
     T + "一、主要做法\n一是抓学习。（1）坚持周学制度；（2）开展专题研讨。二是建强队伍。（1）选优配强书记；（2）加强培训。\n",
     [("practices", "抓学习"), ("practices", "坚持周学制度"), ("practices", "开展专题研讨"), ("practices", "建强队伍"),
      ("practices", "选优配强书记"), ("practices", "加强培训")]),
    ("a sequence paragraph's run takes its last clause's cue",
     "近日，某村召开党员大会。\n首先，由支部书记通报全年工作。\n最后，镇联村干部提出几点希望，一是要把党员带好；二是要把产业抓好。\n",
     [("measures", "要把党员带好"), ("measures", "要把产业抓好")]),  # (the news item's steps are narration)
    ("a rectification report: quoted findings head what was done about them",
     "关于某局党组巡察整改进展情况的报告\n二、反馈问题整改情况\n（一）关于“意识形态责任压得不实”的问题\n"
     "整改情况：一是修订责任清单；二是开展专项检查。\n（二）关于“发展党员把关不严”的问题\n整改情况：一是复查近三年档案；"
     "二是约谈相关支部书记。\n",
     [("problems", "关于“意识形态责任压得不实”的问题"), ("practices", "修订责任清单"), ("practices", "开展专项检查"),
      ("problems", "关于“发展党员把关不严”的问题"), ("practices", "复查近三年档案"), ("practices", "约谈相关支部书记")]),
    ("a speech turns from achievements to problems inside one paragraph",
     "同志们：\n去年各支部成效明显，主要体现在：一是责任压得更实。二是阵地建得更好。在肯定成绩的同时，短板也不容忽视，"
     "具体表现在：一是学习流于形式。二是党员管理偏松。\n",
     [("practices", "责任压得更实"), ("practices", "阵地建得更好"), ("problems", "学习流于形式"),
      ("problems", "党员管理偏松")]),
    ("a meeting's agenda states nothing; the requirements after it do",
     "同志们：\n今天召开支部书记述职评议会，会议共有三项议程：一是支部书记述职；二是民主测评；三是领导讲话。\n"
     "最后，我提三点要求：一是压实责任；二是补齐短板。\n",
     [("measures", "压实责任"), ("measures", "补齐短板")]),
    ("a meeting's steps in one paragraph state nothing",
     "近日，某支部召开组织生活会，会议分为三个环节：一是书记作对照检查；二是党员互评；三是民主测评。会上，书记指出还存在"
     "一些问题：一是学习不够经常；二是作用发挥不够。\n",
     [("problems", "学习不够经常"), ("problems", "作用发挥不够")]),
    ("a meeting's steps as paragraphs of ordinal adverbs state nothing",
     "近日，某支部召开组织生活会。会议分为三个环节：\n首先，书记代表支委作对照检查。\n其次，党员逐一发言。\n"
     "最后，进行民主测评。\n会上，书记指出存在一些问题：一是学习不够经常；二是作用发挥不够。\n",
     [("problems", "学习不够经常"), ("problems", "作用发挥不够")]),
    ("a news item's outline of the reports states nothing",
     "近日，某学院党委召开支部书记述职会，述职内容主要包括：一是履行职责情况；二是存在问题及下步打算。会议指出，各支部"
     "还存在一些不足：一是活动形式单一；二是学生党员教育偏弱。\n",
     [("problems", "活动形式单一"), ("problems", "学生党员教育偏弱")]),
    ("a heading glued to its first item on one line",
     T + "一、存在的问题(一)活动阵地缺乏，组织活动难开展。\n(二)党员发展难度大。\n二、下步措施1.加大阵地投入。\n2.拓宽发展渠道。\n",
     [("problems", "活动阵地缺乏，组织活动难开展"), ("problems", "党员发展难度大"), ("measures", "加大阵地投入"),
      ("measures", "拓宽发展渠道")]),
    ("a flattened speech: a section glued to the sentence before it and to its first item",
     "同志们：\n一、正视问题\n突出表现在：一是学习不够深入。二是制度执行不严。二、突出重点，推动工作提质增效一要抓好学习。二要抓好整改。\n",
     [("problems", "学习不够深入"), ("problems", "制度执行不严"), ("measures", "抓好学习"), ("measures", "抓好整改")]),
    ("a rectification notice: a problem quoted for rectification frames how it was fixed",
     "中共青石县教育局党组关于巡察整改情况的通报\n（一）在“党建主体责任落实不够到位”方面\n"
     "1.关于“支部组织生活不规范”问题的整改\n一是对照条例逐项自查，补齐会议记录8本。二是约谈支部书记2名。\n",
     [("problems", "在“党建主体责任落实不够到位”方面"), ("problems", "关于“支部组织生活不规范”问题的整改"),
      ("practices", "对照条例逐项自查，补齐会议记录8本"), ("practices", "约谈支部书记2名")]),
    ("a finding listed by 有的 clauses after a clause that announces problems",
     "在全区整改推进会上的讲话\n同志们：\n从检查情况看，也暴露出一些问题，有的支部“三会一课”记录补写代写；"
     "有的党员长期不交党费；还有的书记抓党建精力不足。\n",
     [("problems", "支部“三会一课”记录补写代写"), ("problems", "党员长期不交党费"), ("problems", "书记抓党建精力不足")]),
    ("有的 clauses that narrate done work are no list",
     T + "一、主要做法\n各村结合实际创新载体，有的村开设红色夜校，有的村组建党员先锋队。\n", []),
    ("a news item about a meeting: 首先/其次/最后 narrate its steps, the requirements are a list",
     "3月2日上午，青石县召开乡镇党委书记述职评议会。\n首先，各乡镇党委书记逐一述职。\n"
     "其次，县委书记作了点评。\n最后，县委书记提出三点要求，一是要压实责任；二是要补齐短板。\n",
     [("measures", "要压实责任"), ("measures", "要补齐短板")]),
    ("news of a firm's meeting: a review announced by 回顾, a run announced by the speaker's verb",
     "1月8日，某公司召开党建工作会议。\n李某从两个方面回顾了去年公司党建工作。一是强化思想引领。二是推动党建融合。\n"
     "李某强调，要从严从实抓好基层党建工作。一是要深学理论。二是要大抓基层。\n",
     [("practices", "强化思想引领"), ("practices", "推动党建融合"), ("measures", "要深学理论"), ("measures", "要大抓基层")]),
    ("a numbered run inside a paragraph after a colon, or glued to its cue",
     T + "一、存在问题\n主要问题：1、党员老龄化严重；2、活动阵地不足。\n二、基本情况\n石桥村党员21名。存在问题1、账目公开不规范；"
     "2、无活动场所。\n三、下步打算\n下一步将：1、发展年轻党员；2、建好活动阵地。\n",
     [("problems", "党员老龄化严重"), ("problems", "活动阵地不足"), ("problems", "账目公开不规范"), ("problems", "无活动场所"),
      ("measures", "发展年轻党员"), ("measures", "建好活动阵地")]),
    ("a figure list with 、 is no numbered run", T + "一、主要做法\n一是在1、2月份开展走访。二是评出第1、3名。\n",
     [("practices", "在1、2月份开展走访"), ("practices", "评出第1、3名")]),
    ("a heading that names the problems and their causes; a list broken after each semicolon",
     T + "一、当前存在的问题和产生问题的原因\n主要存在以下几个方面：一是作用发挥不明显。政治意识不强；\n"
     "    宗旨意识淡薄。二是运行管理不规范。制度不健全；\n    阵地作用发挥不够；\n    三是作风不实。\n",
     [("problems", "作用发挥不明显"), ("problems", "运行管理不规范"), ("problems", "作风不实")]),
    # --- text conditions -------------------------------------------------------------------
    ("traditional characters and pinyin noise",
     "某鎮黨委書記述職報告\n二、存在問題\n一是黨員隊伍老化。二是鎮(zhèn)村兩級陣地建設滯後。\n",
     [("problems", "党员队伍老化"), ("problems", "镇村两级阵地建设滞后")]),
    ("a document site's chunk numbers after the file's name and the site's header",
     "城南街道工委书记述职报告.docx\n《城南街道工委书记述职报告.docx》由会员分享，可在线阅读。\n"
     "1、城南街道工委书记述职报告\n二、存在的问题\n一是网格支部作用发挥不够，部分楼栋党小组活动\n"
     "2、时断时续。二是党员发展偏重数量。\n",
     [("problems", "网格支部作用发挥不够，部分楼栋党小组活动时断时续"), ("problems", "党员发展偏重数量")]),
    ("a document site's chunk number between a heading and its first item keeps the line break",
     "1、东坡社区党总支书记述职报告\n一、履职情况\n一是新建楼栋党小组3个，把居民\n2、骨干吸收进来。\n二、存在的不足\n"
     "3、一是党员活动参与率偏低。二是议事协商流于形式。\n",
     [("practices", "新建楼栋党小组3个，把居民骨干吸收进来"), ("problems", "党员活动参与率偏低"),
      ("problems", "议事协商流于形式")]),
    ("a page flattened into one line: short headings between spaces before their first item",
     T + "一、主要做法 1、建强组织体系。新设网格支部4个。 2、抓实组织生活。 二、存在的问题 一是支部书记年龄偏大。"
     "二是制度执行不严。 三、下步打算 一是选优配强书记。二是严格执行制度。\n",
     [("practices", "建强组织体系"), ("practices", "抓实组织生活"), ("problems", "支部书记年龄偏大"),
      ("problems", "制度执行不严"), ("measures", "选优配强书记"), ("measures", "严格执行制度")]),
    ("site boilerplate between items",
     T + "二、存在问题\n一是学习不深入。\n本文由会员分享，可在线阅读，更多相关文档请在本站搜索\n二是制度不落实。\n",
     [("problems", "学习不深入"), ("problems", "制度不落实")]),
]


def _items(text: str) -> list[tuple[str, str]]:
    return [(i.kind, i.label) for i in analyse(normalize(text), text).items]


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_layout(name: str, text: str, expected: list[tuple[str, str]]) -> None:
    assert _items(text) == expected


def test_catalogue_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("name, text, expected", CASES, ids=[c[0] for c in CASES])
def test_every_item_span_slices_its_text(name: str, text: str, expected: list[tuple[str, str]]) -> None:
    for item in analyse(normalize(text), text).items:
        assert text[item.start:item.end] == item.text
        assert text.startswith(item.marker, item.item_start)
        assert item.evidence
