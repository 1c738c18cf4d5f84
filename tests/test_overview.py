"""Issue 17: the overview an analyst can read — in real headless Chromium, from file://, offline."""

from __future__ import annotations

import pytest
from browsing import open_offline

pytestmark = pytest.mark.browser
SANHUI = "https://w3id.org/dangjian-kg/id/program/三会一课"


@pytest.fixture()
def overview(browser, sample_out):
    page, requests, errors = open_offline(browser, sample_out / "graph.html")
    page.wait_for_function("window.kgReady === true", timeout=30000)
    yield page
    assert requests == [] and errors == []


def _index(page, iri: str) -> int:
    return page.evaluate("iri => JSON.parse(document.getElementById('kg-data').textContent).entities"
                         ".findIndex(e => e[0] === iri)", iri)


def _boxes(page) -> list[list[float]]:
    return page.evaluate("""() => nodes.get().filter(n => !n.hidden).map(n => {
        const b = network.getBoundingBox(n.id); return [b.left, b.top, b.right, b.bottom]; })""")


def test_first_view_has_no_overlapping_labels_at_the_fitted_zoom(overview):
    boxes = _boxes(overview)
    assert 50 <= len(boxes) <= 400
    overlaps = [(a, b) for n, a in enumerate(boxes) for b in boxes[n + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlaps == []
    assert overview.evaluate("network.physics.options.enabled") is False  # drawn as laid out, nothing moves
    # the first view is programs and units; reports, documents and themes are one toggle away
    classes = set(overview.evaluate("nodes.get().filter(n => !n.hidden).map(n => JSON.parse("
                                    "document.getElementById('kg-data').textContent).entities[n.id][2])"))
    assert classes == {"Program", "Unit"}


def test_filters_keep_every_node_its_colour_and_the_legend_counts(overview):
    colours = "Object.fromEntries(nodes.get().map(n => [n.id, n.color.background]))"
    before = overview.evaluate(colours)
    for cls in ("Document", "Theme", "Report"):
        overview.check(f"#legend input[data-cls='{cls}']")
    overview.uncheck("#legend input[data-cls='Unit']")
    assert overview.inner_text("[data-count='Unit']") == "（0）"
    for select in ("#f-year", "#f-level", "#f-report", "#f-theme"):
        options = overview.eval_on_selector(select, "s => [...s.options].map(o => o.value).filter(v => v)")
        assert options, select
        overview.select_option(select, options[0])
        assert overview.evaluate(colours) == before, select
        overview.select_option(select, "")
    assert overview.evaluate(colours) == before
    shown_programs = overview.evaluate("nodes.get().filter(n => !n.hidden && JSON.parse(document.getElementById("
                                       "'kg-data').textContent).entities[n.id][2] === 'Program').length")
    assert overview.inner_text("[data-count='Program']") == f"（{shown_programs}）"
    overview.check("#by-community")  # colouring by community is a switch; switching back restores the classes
    overview.uncheck("#by-community")
    assert overview.evaluate(colours) == before


def test_program_panel(overview):
    overview.evaluate("i => kgBring(i)", _index(overview, SANHUI))
    text = overview.inner_text("#details")
    assert "三会一课" in text and "份报告" in text
    assert "运用它的单位" in text and "同条共现的提法" in text and "出处（原文句子）" in text
    assert overview.locator("#details a.source").count() >= 1


def test_unit_panel(overview):
    data = overview.evaluate("JSON.parse(document.getElementById('kg-data').textContent)")
    unit = next(i for i in data["drawn"] if data["entities"][i][2] == "Unit" and data["details"].get(str(i), {}).get("kind"))
    overview.evaluate("i => kgBring(i)", unit)
    text = overview.inner_text("#details")
    assert "类型：" in text and "运用的提法" in text


def test_report_panel_lists_its_problems_with_their_measures(overview):
    data = overview.evaluate("JSON.parse(document.getElementById('kg-data').textContent)")
    report = next(int(i) for i, r in data["report_of"].items() if "2020" in r["title"])
    overview.check("#legend input[data-cls='Report']")
    overview.evaluate("i => kgBring(i)", report)
    text = overview.inner_text("#details")
    assert "年度：2020" in text and "问题与对应措施" in text and "措施：" in text and "条目" in text
    assert "述职单位：" in text and "体裁：" in text


def test_theme_panel_groups_problems_by_report(overview):
    data = overview.evaluate("JSON.parse(document.getElementById('kg-data').textContent)")
    theme = next(i for i in data["toggled"] if data["entities"][i][2] == "Theme" and
                 data["details"].get(str(i), {}).get("groups"))
    overview.evaluate("i => kgBring(i)", theme)
    links = overview.locator("#details li a")
    assert links.count() >= 1 and "reports/" in links.first.get_attribute("href")
    assert overview.locator("#details h3").count() >= 1  # one heading per report


def test_a_source_sentence_opens_the_report_at_that_passage(overview, browser, sample_out):
    overview.evaluate("i => kgBring(i)", _index(overview, SANHUI))
    href = overview.locator("#details a.source").first.get_attribute("href")
    page_path, fragment = href.split("#", 1)
    report, requests, errors = open_offline(browser, sample_out / page_path, "#" + fragment)
    report.wait_for_selector("mark.kg-at", timeout=5000)
    assert report.inner_text("mark.kg-at") == "三会一课"
    assert report.evaluate("document.querySelector('mark.kg-at').getBoundingClientRect().top") < 900
    assert requests == [] and errors == []


def test_search_reaches_entities_that_are_not_drawn_and_brings_them_in(overview):
    data = overview.evaluate("JSON.parse(document.getElementById('kg-data').textContent)")
    drawn = set(data["drawn"]) | set(data["toggled"])
    target = next(i for i, e in enumerate(data["entities"]) if i not in drawn and e[2] in ("Program", "Unit"))
    label = data["entities"][target][1]
    overview.fill("#search", label)
    overview.locator("#matches div", has_text=label).first.click()
    assert overview.evaluate("i => !!nodes.get(i) && !nodes.get(i).hidden", target)
    assert overview.evaluate("network.getSelectedNodes()") == [target]
    assert label in overview.inner_text("#details")
    overview.click("#back")
    assert overview.evaluate("i => !nodes.get(i)", target)


def test_double_click_expands_a_node(overview):
    data = overview.evaluate("JSON.parse(document.getElementById('kg-data').textContent)")
    present = set(overview.evaluate("nodes.getIds()"))
    i, j = next((int(k), p[0]) for k, d in data["details"].items() if int(k) in present
                for p in sorted(d.get("cooccurs", []), key=lambda p: -p[1])[:8] if p[0] not in present)
    overview.evaluate("i => { const p = network.canvasToDOM(network.getPositions([i])[i]); "
                      "network.body.emitter.emit('doubleClick', {nodes: [i], edges: [], pointer: {DOM: p}}); }", i)
    assert overview.evaluate("j => !!nodes.get(j) && !nodes.get(j).hidden", j)


def test_the_current_selection_exports_as_csv_and_the_view_as_png(overview):
    csv = overview.evaluate("kgSelectionCsv()")
    lines = csv.lstrip("\ufeff").strip().split("\r\n")
    shown = overview.evaluate("nodes.get().filter(n => !n.hidden).length")
    assert lines[0].startswith("kind,id,label") and sum(line.startswith("node,") for line in lines) == shown
    assert any(line.startswith("edge,") for line in lines)
    with overview.expect_download() as png:
        overview.click("#png")
    assert png.value.suggested_filename == "overview.png"
