"""Readers: encodings, .docx with tables, .pdf text layers, folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdfmaker import make_pdf

from kg.errors import InputError
from kg.readers import decode, find_files, read

TEXT = "市委书记2020年抓基层党建工作述职报告\n一是严格落实“三会一课”制度，党支部标准化建设全面推进。"


@pytest.mark.parametrize(
    "encoding, data, expected",
    [
        ("utf-8", TEXT.encode("utf-8"), "utf-8"),
        ("utf-8-sig", TEXT.encode("utf-8-sig"), "utf-8-sig"),
        ("utf-16", TEXT.encode("utf-16"), "utf-16"),
        ("utf-16-le", TEXT.encode("utf-16-le"), "utf-16-le"),
        ("gb18030", TEXT.encode("gb18030"), "gb18030"),
        ("gbk", TEXT.encode("gbk"), "gb18030"),
    ],
)
def test_decode_detects_common_chinese_encodings(encoding, data, expected):
    text, detected = decode(data)
    assert text == TEXT
    assert detected == expected


def test_big5_traditional_text_is_decoded():
    traditional = "市委書記抓基層黨建工作述職報告。一是嚴格落實“三會一課”制度，黨支部標準化建設全面推進。" * 3
    text, detected = decode(traditional.encode("big5"))
    assert "三會一課" in text
    assert detected.lower().replace("_", "").replace("-", "") in {"big5", "big5hkscs", "cp950"}


def test_binary_file_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "image.txt")


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("X区书记抓基层党建工作述职报告")
    document.add_paragraph("一、主要做法")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "党支部"
    table.cell(0, 1).text = "12个"
    table.cell(1, 0).text = "党员"
    table.cell(1, 1).text = "300名"
    document.add_paragraph("二、存在问题")
    path = tmp_path / "report.docx"
    document.save(path)
    source = read(path)
    lines = source.text.split("\n")
    assert lines[0] == "X区书记抓基层党建工作述职报告"
    assert lines.index("党支部\t12个") < lines.index("二、存在问题")
    assert source.fmt == "docx" and len(source.sha256) == 64


def test_pdf_with_text_layer(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(["市委书记抓基层党建工作述职报告", "一是落实“三会一课”制度。"]))
    source = read(path)
    assert "三会一课" in source.text
    assert source.fmt == "pdf"


def test_markdown_and_folders_recursively(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.md").write_text("# 述职报告\n" + TEXT, encoding="utf-8")
    (tmp_path / "a" / "b" / "skip.png").write_bytes(b"\x89PNG")
    (tmp_path / "a" / ".hidden").mkdir()
    (tmp_path / "a" / ".hidden" / "x.txt").write_text(TEXT, encoding="utf-8")
    found = find_files([tmp_path / "a", tmp_path / "nope"])
    assert [rel for _, rel in found.files] == ["a/b/two.md", "a/one.txt"]
    assert found.failed and "no such file" in found.failed[0][1]
    assert [Path(p).name for p, _ in found.skipped] == ["skip.png"] and "is not read" in found.skipped[0][1]
    assert read(next(p for p, _ in found.files if p.suffix == ".md")).fmt == "md"


def test_record_id_is_content_and_corpus_path(tmp_path):
    """Two files with the same text are two reports; the id depends on the content and the path only."""
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text(TEXT, encoding="utf-8")
    two.write_text(TEXT, encoding="utf-8")
    assert read(one).sha256 == read(two).sha256 and read(one).id != read(two).id
    assert read(one).id == read(one).id == read(one, "one.txt").id != read(one, "corpus/one.txt").id
    before = read(two).id
    two.write_text(TEXT + "。", encoding="utf-8")
    assert read(two).id != before


def test_sample_records_have_title_and_year():
    from kg.pipeline import extract

    path = Path(__file__).resolve().parent.parent / "kg" / "samples" / "000_81bca652cab79755.txt"
    x = extract(read(path))
    assert x.title == "市委书记2020年抓基层党建工作述职报告"
    assert x.year == 2020
