"""What is not report text, found as edits of the original (kg/normalize/offsets.py).

* site boilerplate lines (lexicons/boilerplate.txt; words reports also use — 订阅, 二维码, 会员权益 —
  only on a line that is no sentence or item, lexicons/boilerplate_weak.txt), page markers, a site's name and footer
  next to them, a document site's chunk numbers (`1、…` `2、…` breaking sentences) and its cuts
  inside a line (`……此处隐藏800个字……`);
* HTML tags (block tags become line breaks) and entities; titles in ASCII angle brackets (`<<…>>` → `《…》`);
* pinyin in parentheses after a character (`長(zhǎng)`, `学（xué）校`);
* emoji, zero-width and bidirectional control characters, non-characters;
* flattened paragraphs: a space between a sentence end and a numbered heading becomes a
  line break (`…推进。 二、存在问题`), and so do the spaces around a short numbered heading
  followed by an enumerator (`…述职报告 一、履职情况 1、压实…`, `二、存在的问题 一是…`), and a
  line break is put between a numbered heading and the first item glued to it (`一、存在的问题(一)…`).
"""

from __future__ import annotations

import re
from functools import cache

from ..lexicons import lexicon_lines
from .fold import fold_width, to_simplified
from .offsets import Edit

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ\u0300-\u036f"
_PINYIN = re.compile(rf"(?<=[\u4e00-\u9fff])[(（](?=[a-zA-Z{_TONE}]*[{_TONE}])[a-zA-Z{_TONE}]{{1,14}}[)）]")
_PAGE = re.compile(r"^\s*(?:第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?|[-—－]+\s*\d+\s*[-—－]+|\d+\s*/\s*\d+|page\s*\d+)\s*$", re.I)
_KEEP_LINE = re.compile(r"报告|讲话|总结|述职|发言")
_SENTENCE_PUNCT = re.compile(r"[。；，,;]")
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．])")
# a forum's anti-copy jammer: runs of one- or two-character ASCII tokens between spaces, some with punctuation,
# on lines of their own or glued before a paragraph (`' f% X6 W4 [7 _0 Q$ J t! Z1 Z二是…`)
_JAMMER = re.compile(r"(?<![!-~])(?:[!-~]{1,2}[ \t]+){4,}[!-~]{1,2}(?![!-~])[ \t]*")
_ASCII_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufdd0-\ufdef\ufffe\uffff"
                        "\U0001f000-\U0001faff\u2600-\u2604\u2607-\u26ff\ufe00-\ufe0f\U000e0000-\U000e007f\ufffd]")
_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)(?:\s[^<>\n]{0,400})?\s*/?\s*>")
_BLOCK_TAGS = frozenset("p br div li tr h1 h2 h3 h4 h5 h6 section article table ul ol blockquote".split())
_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|amp|lt|gt|quot|#\d{1,5});")
_FLAT_BREAK = re.compile(r"(?<=[。；！？])[ \u3000\t]+(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}、))")
_ENUMERATOR_AHEAD = (r"(?:\d{1,2}[、.．]|[（(][一二三四五六七八九十\d]{1,2}[)）]|[一二三四五六七八九十][是要]"
                     r"|首先|第一[，、,])")
_HEADING_RUN = r"[一二三四五六七八九十]{1,3}、[^\s。；！？，,：:、]{2,20}"
# a flattened heading between spaces: `…述职报告 一、履职情况 1、压实…` / `二、存在的问题 一是…`
_INLINE_HEADING = re.compile(rf"(?<=[^\s。；！？])([ \u3000\t]+)(?={_HEADING_RUN}[ \u3000\t]+{_ENUMERATOR_AHEAD})"
                             rf"|(?:^|(?<=[\s。；！？]))(?:{_HEADING_RUN})([ \u3000\t]+)(?={_ENUMERATOR_AHEAD})", re.M)
_CHUNK = re.compile(r"\n(\d{1,2})、")
_ITEM_AHEAD = re.compile(rf"[ \t\u3000]*(?:{_ENUMERATOR_AHEAD}|[一二三四五六七八九十]{{1,3}}、)")
# a converter's doubled punctuation (`召开会议,。` `各村(社区),、镇直单位`): the comma before another mark goes
_DOUBLED = re.compile(r"[,，](?=[ \t\u3000]*[,，。；;、！？!?])")
_ASCII_TITLE = re.compile(r"<<([^<>\n]{1,120})>>")  # a title in plain-text copies: 《…》 in two ASCII characters
# a flattened page's heading glued to its first item (`一、存在的问题(一)村级阵地…`): a line break goes between
_GLUED_HEADING = re.compile(r"(?:^|(?<=[\n。！？]))[ \t\u3000]*[一二三四五六七八九十]{1,3}、[ \t\u3000]*[^\s。；！？、，,：:（()）]{2,16}?"
                            r"(?=[（(]一[）)]|1[、.．](?!\d))", re.M)
# … and a section glued to the sentence before it and to its first item (`…不够明显。二、突出重点，推动…一要抓好…`)
_FIRST_ITEM = r"(?:(?<![统专唯万])一[是要](?=[^，。；、的求素点])|[（(]一[）)]|1[、.．](?!\d)|首先[，,])"
_GLUED_SECTION = re.compile(rf"(?<=[。！？])[二三四五六七八九十]、[^\s。；！？：:]{{2,30}}?(?={_FIRST_ITEM})")
# the fields of a government site's disclosure table (信息公开), each a line, its value after it or on the next
_DISCLOSURE = re.compile(r"(?:信息)?索引号|(?:发布|所属|发文|公开)(?:机构|单位)|(?:成文|发布|生成|印发|公开)日期|公开(?:方式|范围|时限|形式)"
                         r"|发文字号|文号|主题分类|体裁分类|组配分类|服务对象|有效性|主题词|关键词")
_FIELD = re.compile(rf"^[ \t\u3000•·]*(?:({_DISCLOSURE.pattern})|文件名称|标题)[ \t\u3000]*[:：][ \t\u3000]*")
# a site's cut inside a line: `……此处隐藏800个字……`, `……（开头部分已省略586字）`
_HIDDEN = re.compile(r"[…\.]{0,6}[ \t\u3000]*[（(]?(?:此处|开头部分|中间部分|以下|部分内容)?已?(?:隐藏|省略)[:：]?[ \t\u3000]*"
                     r"\d+[ \t\u3000]*个?字[)）]?[ \t\u3000]*[…\.]{0,6}"
                     r"|精品\s*WORD\s*文档\s*下载\s*可编[缉辑]使用"  # … a site's stamp repeated inside lines
                     r"|[ \t\u3000]*第[ \t\u3000]*\d+[ \t\u3000]*页[ \t\u3000]*[/，,]?[ \t\u3000]*共[ \t\u3000]*\d+[ \t\u3000]*页", re.I)
# (… and a page marker inside a line: `第1页共 17 页`)
_FIRST_CHUNK = re.compile(r"(?:^|\n)[ \t\u3000]*1、")
_FILE_NAME = re.compile(r"\.(?:docx?|pdf|pptx?|wps|txt)(?![A-Za-z])", re.I)


@cache
def _boilerplate() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{line})" for line in lexicon_lines("boilerplate.txt")), re.I)


@cache
def _weak_boilerplate() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{line})" for line in lexicon_lines("boilerplate_weak.txt")), re.I)


_ITEM_START = re.compile(r"[（(【〔]?[一二三四五六七八九十\d]{1,3}[、.．)）】〕是要]|第[一二三四五六七八九十]{1,3}[，、,]|首先|其次")


def _reads_as_report(line: str) -> bool:
    """A line of report text, not a site's footer: long, an item, or a sentence."""
    return len(line) > 40 or bool(_ITEM_START.match(line)) or bool(re.search(r"[。；;]", line))


def noise_edits(text: str) -> list[Edit]:
    """Every edit that removes or replaces non-report text, in no particular order."""
    edits = [Edit(s, e) for s, e in boilerplate_ranges(text)]
    edits += [Edit(m.start(), m.end()) for m in _PINYIN.finditer(text)]
    edits += [Edit(m.start(), m.end()) for m in _INVISIBLE.finditer(text)]
    edits += [Edit(m.start(), m.end()) for m in _HIDDEN.finditer(text)]
    edits += [Edit(m.start(), m.end()) for m in _DOUBLED.finditer(text)]
    edits += [Edit(m.start(), m.end()) for m in _JAMMER.finditer(text) if _ASCII_PUNCT.search(m.group(0))]
    for m in _ASCII_TITLE.finditer(text):
        edits += [Edit(m.start(), m.start() + 2, "《"), Edit(m.end() - 2, m.end(), "》")]
    for m in _TAG.finditer(text):
        edits.append(Edit(m.start(), m.end(), "\n" if m.group(2).lower() in _BLOCK_TAGS else ""))
    edits += [Edit(m.start(), m.end(), "&" if m.group(0) == "&amp;" else " ") for m in _ENTITY.finditer(text)]
    edits += [Edit(m.start(), m.start() + 1, "\n") for m in _FLAT_BREAK.finditer(text)]
    edits += [Edit(m.end(), m.end(), "\n") for m in _GLUED_HEADING.finditer(text)]
    for m in _GLUED_SECTION.finditer(text):
        edits += [Edit(m.start(), m.start(), "\n"), Edit(m.end(), m.end(), "\n")]
    for m in _INLINE_HEADING.finditer(text):
        gap = 1 if m.group(1) is not None else 2
        edits.append(Edit(m.start(gap), m.start(gap) + 1, "\n"))
    edits += _chunk_numbers(text)
    return edits


def _lines(text: str) -> list[tuple[int, int, str]]:
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return lines


def boilerplate_ranges(text: str) -> list[tuple[int, int]]:
    """Original ranges of lines that are site boilerplate, page markers, or a site's name and footer."""
    lines = _lines(text)
    pattern = _boilerplate()
    flagged = [False] * len(lines)
    for i, (_, _, line) in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            continue
        if len(stripped) < 160:
            stripped = to_simplified(fold_width(_PINYIN.sub("", stripped)))  # matched as simplified text
            stripped = _ASCII_TITLE.sub(r"《\1》", stripped)  # `<<…>>` is a title, no breadcrumb
        if _PAGE.match(stripped):
            flagged[i] = True
        elif len(stripped) < 160 and not _reads_as_report(stripped) and _weak_boilerplate().search(stripped):
            flagged[i] = True
        elif len(stripped) < 160 and pattern.search(stripped) and not (
            _KEEP_LINE.search(stripped) and not pattern.search(stripped[:30]) and len(stripped) > 40
            and not _FILE_NAME.search(stripped)  # `《….docx》由会员分享…` names a file, not a report's sentence
        ):
            flagged[i] = True
    nonempty = [i for i, (_, _, line) in enumerate(lines) if line.strip()]
    cut, titles = _disclosure_fields(lines, nonempty, flagged)
    # short unpunctuated lines next to boilerplate (a site's name) are boilerplate too
    for n, i in enumerate(nonempty):
        stripped = lines[i][2].strip()
        if flagged[i] or len(stripped) > 12 or _SENTENCE_PUNCT.search(stripped) or _KEEP_LINE.search(stripped) \
                or _NUMBERED.match(stripped) or i in titles:
            continue
        neighbours = [nonempty[m] for m in (n - 1, n + 1) if 0 <= m < len(nonempty)]
        if any(flagged[j] and not _PAGE.match(lines[j][2].strip()) for j in neighbours):
            flagged[i] = True
    # a tail after the last boilerplate line made of short lines without a full stop is the site's footer
    tail = nonempty[-15:] if len(nonempty) > 20 else []
    for k, i in enumerate(tail):
        if flagged[i] and all(len(lines[j][2].strip()) < 40 and "。" not in lines[j][2] for j in tail[k:]):
            for j in tail[k:]:
                flagged[j] = True
            break
    return [(s, e) for i, (s, e, _) in enumerate(lines) if flagged[i]] + cut


def _disclosure_fields(lines: list[tuple[int, int, str]], nonempty: list[int],
                       flagged: list[bool]) -> tuple[list[tuple[int, int]], set[int]]:
    """Flag a disclosure table's fields (`索引号：`, `发布机构：`, `成文日期：` …) and the values under them; a
    `文件名称：` / `标题：` label goes, its value (the title) stays. Returns the labels cut from lines kept
    and the lines that hold a title given so (never a site's name)."""
    cut: list[tuple[int, int]] = []
    titles: set[int] = set()
    for n, i in enumerate(nonempty):
        start, _, line = lines[i]
        m = _FIELD.match(line)
        if not m or len(line.strip()) > 80:
            continue
        value_follows = m.end() >= len(line.rstrip())
        if m.group(1):  # a field of the table: the line goes, and its value under it
            flagged[i] = True
            if value_follows and n + 1 < len(nonempty):
                value = lines[nonempty[n + 1]][2].strip()
                if len(value) <= 40 and not _FIELD.match(value) and "。" not in value:
                    flagged[nonempty[n + 1]] = True
        elif value_follows:
            flagged[i] = True
            if n + 1 < len(nonempty):
                titles.add(nonempty[n + 1])
        else:
            cut.append((start, start + m.end()))
            titles.add(i)
    return cut, titles


def _chunk_numbers(text: str) -> list[Edit]:
    """A document site cuts a text into numbered chunks (`1、` at the start, then `2、`, `3、` … at line
    starts, often inside a sentence): the numbers and the line breaks before them are not text. The
    first chunk starts the text, or a line among its first few (after the file's name and the site's
    header)."""
    first = _FIRST_CHUNK.search(text, 0, 400)
    if not first:
        return []
    found = [m for m in _CHUNK.finditer(text, first.end())]
    expected, chunk = 2, []
    for m in found:
        if int(m.group(1)) == expected:
            chunk.append(m)
            expected += 1
    # the text before each chunk ends a sentence, or the chunk starts an item (`3、一是…` after a heading)
    new_line = [text[max(0, m.start() - 64):m.start()].rstrip()[-1:] in "。！？；：" or bool(_ITEM_AHEAD.match(text, m.end()))
                for m in chunk]
    breaks_sentence = new_line.count(False)
    if not chunk or breaks_sentence == 0:
        return []
    edits = [Edit(first.end() - 2, first.end())]
    # a chunk that starts inside a sentence continues it; one that starts after a sentence end starts a line
    edits += [Edit(m.start(), m.end(), "\n" if starts else "") for m, starts in zip(chunk, new_line)]
    return edits
