"""The HTML views in a real headless Chromium, opened from file:// with the network cut off."""

from __future__ import annotations

import pytest
from browsing import open_offline

from kg.build import build

pytestmark = pytest.mark.browser


def test_report_pages_and_index_offline(browser, sample_out):
    for path in [sample_out / "index.html", *sorted((sample_out / "reports").glob("*.html"))]:
        page, requests, errors = open_offline(browser, path)
        assert requests == [] and errors == [], path
        assert page.title()
    target = next(p for p in sorted((sample_out / "reports").glob("*.html"))
                  if "有重县乡轻部门现象" in p.read_text(encoding="utf-8"))
    page, _, _ = open_offline(browser, target)
    text = page.inner_text("body")
    assert "有重县乡轻部门现象" in text and "持续推进支部标准化" in text and "措施→问题" in text


XSS = ('某县述职报告\n一、主要做法\n一是落实“<img src=x onerror=\'window.__xss=1\'>”制度，<script>window.__xss=2</script>'
       '加强《<script>window.__xss=3</script>》学习。\n二、存在问题\n一是<b onmouseover="window.__xss=4">党务力量</b>不足。\n')


def test_xss_payload_in_a_report_never_runs(browser, tmp_path):
    folder = tmp_path / "r"
    folder.mkdir()
    (folder / "evil.txt").write_text(XSS, encoding="utf-8")
    out = tmp_path / "out"
    build([folder], out, jobs=1, progress=False)
    pages = [out / "graph.html", out / "index.html", *sorted((out / "reports").glob("*.html"))]
    for path in pages:
        page, requests, errors = open_offline(browser, path)
        page.wait_for_timeout(300)
        if path.name == "graph.html":
            page.wait_for_function("window.kgReady === true", timeout=30000)
            page.fill("#search", "img")
            page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert requests == [], (path, requests)  # the <img src=x> was never loaded
    report = open_offline(browser, next((out / "reports").glob("*.html")))[0]
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in report.content()  # shown as text, escaped
