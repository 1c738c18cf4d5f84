"""Issue 12 (4, 6): inputs are bounded — no expansion bombs, devices, pipes or links out of the folder; long
lines and long reports are handled; text a tool rejects never reaches the graph."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import SAMPLES
from kgrun import kg
from pdfmaker import make_pdf

from kg.build import build
from kg.errors import MAX_DOCX_XML, InputError, TooLargeError
from kg.readers import find_files, read

DOCX_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              'content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" '
              'ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override '
              'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
              'wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>')


def _docx(paragraphs: int) -> bytes:
    """A .docx of `paragraphs` empty paragraphs: tiny on disk, huge once expanded."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", DOCX_TYPES)
        zf.writestr("_rels/.rels", RELS)
        body = "<w:p/>" * paragraphs
        zf.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                    f'openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>')
    return buf.getvalue()


def test_a_docx_expansion_bomb_is_refused_before_it_is_parsed(tmp_path):
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_docx(MAX_DOCX_XML // 6 + 1000))
    assert bomb.stat().st_size < 2_000_000
    with pytest.raises(TooLargeError) as err:
        read(bomb)
    assert err.value.code == "E112"
    run = kg("extract", str(bomb))
    assert run.returncode == 2 and "limit for one report" in run.stderr and "Traceback" not in run.stderr


def test_devices_and_pipes_are_not_read(tmp_path):
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    run = kg("extract", str(link), timeout=30)
    assert run.returncode == 2 and "not a regular file" in run.stderr
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    run = kg("extract", str(fifo), timeout=30)
    assert run.returncode == 2 and "not a regular file" in run.stderr


def test_links_out_of_the_folder_are_refused_and_the_rest_is_built(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SAMPLES[0], folder / "a.txt")
    secret = tmp_path / "secret.txt"
    secret.write_text("某县述职报告\n一是落实“三会一课”制度。\n", encoding="utf-8")
    (folder / "b.txt").symlink_to(secret)
    (folder / "c.txt").symlink_to(folder / "a.txt")  # inside the folder: fine
    found = find_files([folder])
    assert [rel for _, rel in found.files] == ["reports/a.txt", "reports/c.txt"]
    assert "outside the folder" in found.failed[0][1]
    result = build([folder], tmp_path / "out", jobs=1, progress=False)
    assert result.built == 2 and len(result.failed) == 1 and result.exit_code == 1


def test_a_pdf_mapping_a_glyph_to_half_a_surrogate_pair_is_read(tmp_path):
    pdf = tmp_path / "odd.pdf"
    pdf.write_bytes(make_pdf(["某县2021年述职报告", "一是落实\ud800三会一课制度。"]))
    run = kg("extract", str(pdf))
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr


def test_non_characters_never_reach_the_graph(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "odd.txt").write_text("某县述职报告\n一、主要做法\n一是落实“三会\ufffe一课”制度\uffff，加强学习。\n",
                                    encoding="utf-8")
    out = tmp_path / "out"
    assert build([folder], out, jobs=1, progress=False).exit_code == 0
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "\ufffe" not in ttl and "\\uFFFE" not in ttl.upper() and "\uffff" not in ttl
    if shutil.which("rapper"):
        check = subprocess.run(["rapper", "-i", "turtle", "-c", str(out / "graph.ttl")], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr


def test_zero_width_and_bidi_controls_stay_out_of_names(tmp_path):
    text = "某县述职报告\n一、主要做法\n一是落实“三会\u200b一课”制度，坚持“\u202e三会一课\u202c”。\n"
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    run = kg("extract", str(tmp_path / "r.txt"))
    assert run.returncode == 0
    import json

    programs = [p["label"] for p in json.loads(run.stdout)["programs"]]
    assert programs == ["三会一课"]


def test_a_megabyte_line_without_punctuation_is_handled(tmp_path):
    path = tmp_path / "line.txt"
    path.write_text("某县述职报告\n" + "党建工作" * 250_000 + "\n", encoding="utf-8")
    run = kg("extract", str(path), timeout=300)
    assert run.returncode == 0, run.stderr[-500:]


def test_an_empty_file_among_good_ones_fails_alone(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    shutil.copy(SAMPLES[0], folder / "a.txt")
    (folder / "empty.txt").write_bytes(b"")
    result = build([folder], tmp_path / "out", jobs=1, progress=False)
    assert result.built == 1 and result.failed and "empty" in result.failed[0][1]


def test_ansi_escapes_in_file_names_are_shown_escaped(tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "bad\x1b[31mred.txt").write_bytes(b"")
    run = kg("build", str(folder), "-o", str(tmp_path / "out"))
    assert "\x1b" not in run.stdout + run.stderr and "\\x1b" in run.stdout + run.stderr


def test_reading_refuses_a_folder_and_a_missing_file(tmp_path):
    with pytest.raises(InputError) as err:
        read(tmp_path)
    assert err.value.code == "E102"
    with pytest.raises(InputError) as err:
        read(Path(tmp_path / "nope.txt"))
    assert err.value.code == "E101"


def _items(n: int) -> list:
    from kg.records import Item

    chars = "党建组织队伍学习教育制度作风纪律廉政基层群众服务阵地人才经济乡村治理产业文化"
    words = [a + b for a in chars for b in chars if a != b]
    items, pos = [], 1
    for i in range(n):
        w = words[i % len(words)] + words[(i * 7 + 3) % len(words)]
        for kind, text in (("problems", f"{w}方面存在不足"), ("measures", f"着力加强{w}")):
            items.append(Item(kind, text, text, pos * 20, pos * 20 + len(text), pos, 1, "一是"))
            pos += 1
    return items


def test_linking_grows_with_the_items_not_their_product(monkeypatch):
    """Pairs are scored only where a measure shares a word with the problem (blocking)."""
    from kg import relations

    calls = {"n": 0}
    real = relations.pair_score

    def counting(a, b):  # noqa: ANN001
        calls["n"] += 1
        return real(a, b)

    monkeypatch.setattr(relations, "pair_score", counting)
    scored = []
    for n in (300, 1200):
        calls["n"] = 0
        links = relations.link_items(_items(n), [])
        scored.append(calls["n"])
        assert links  # each problem still finds its measure
    assert scored[1] < 8 * scored[0] and scored[1] < 1200 * 60  # 4× the items: far from 16× the pairs
