"""The HTML views in a real headless Chromium, opened from file:// with the network cut off."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from kg.build import build

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium must be installed in CI")
        pytest.skip("chromium not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def open_offline(browser, path: Path):
    """A page with networking disabled: every non-file request is recorded and aborted."""
    context = browser.new_context(offline=True)
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri())
    return page, requests, errors


def test_overview_draws_every_node_offline(browser, sample_out, sample_graph):
    import rdflib

    from kg.namespaces import DJO

    page, requests, errors = open_offline(browser, sample_out / "graph.html")
    page.wait_for_function("window.kgStabilized === true", timeout=30000)
    drawn = page.evaluate("network.body.data.nodes.length")
    expected = 0
    for cls in ("Program", "Unit", "Document"):
        for node in sample_graph.subjects(rdflib.RDF.type, DJO[cls]):
            if int(sample_graph.value(node, DJO.reportCount)) > 0:
                expected += 1
    expected += len(set(sample_graph.subjects(rdflib.RDF.type, DJO.Report)))
    expected += len({t for _, t in sample_graph.subject_objects(DJO.theme)})
    assert drawn == expected
    assert page.evaluate("Object.keys(network.body.nodes).length") >= drawn
    assert requests == [] and errors == []
    assert page.evaluate("network.physics.options.enabled") is False  # settled, physics off


def test_search_focuses_a_node(browser, sample_out):
    page, requests, errors = open_offline(browser, sample_out / "graph.html")
    page.wait_for_function("window.kgReady === true", timeout=30000)
    page.fill("#kg-search", "会一")  # partial match, Chinese input
    selected = page.evaluate("network.getSelectedNodes()")
    assert selected == ["https://w3id.org/dangjian-kg/id/program/三会一课"]
    assert page.is_visible("#kg-details")
    assert "三会一课" in page.inner_text("#kg-details")
    assert "份报告" in page.inner_text("#kg-details")
    page.uncheck("#kg-legend input[data-cls='Unit']")
    assert page.evaluate("nodes.get().filter(n => n.group === 'Unit' && !n.hidden).length") == 0
    assert requests == [] and errors == []


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
            page.fill("#kg-search", "img")
            page.wait_for_timeout(200)
        assert page.evaluate("typeof window.__xss") == "undefined", path
        assert requests == [], (path, requests)  # the <img src=x> was never loaded
    report = open_offline(browser, next((out / "reports").glob("*.html")))[0]
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in report.content()  # shown as text, escaped
