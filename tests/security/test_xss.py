"""Issue 12 (1): report text is never markup. A corpus of payloads — in quoted names, document titles,
statement labels, the title line, including the `href` that made pyvis switch to its HTML tooltip —
runs nothing and loads nothing on any page, opened from file:// and served by `kg serve`."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from kgrun import popen
from listener import Listener

from kg.build import build

pytestmark = pytest.mark.browser


def payloads(url: str) -> str:
    """One report carrying each payload where the extractor turns text into names, labels and titles."""
    return "\n".join([
        f"<img src=x onerror=window.__xss=1>县委书记述职报告<img src={url}/title>",
        "一、主要做法",
        f"一是落实“<a href='{url}/a' onmouseover='window.__xss=2'>三会一课</a>”制度，坚持“<img src=x onerror=window.__xss=3>”。",
        f"二是学习《<script>window.__xss=4</script>关于<img src={url}/doc>的意见》，"
        f"推行“<svg onload=window.__xss=5>”工作法和“href=javascript:window.__xss=6”机制。",
        f"三是<b onmouseover=\"window.__xss=7\">村党支部</b>建设，“<iframe src={url}/frame>”活动覆盖X个村。",
        "二、存在问题",
        f"一是<img src=//127.0.0.1:{url.rsplit(':', 1)[1]}/protocol-relative>党务力量不足。",
        "三、下一步打算",
        "一是解决党务力量不足的问题，加强“</script><script>window.__xss=8</script>”培训。",
    ]) + "\n"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    listener = Listener()
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "evil.txt").write_text(payloads(listener.url), encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-out")
    assert build([folder], out, jobs=1, progress=False).exit_code == 0
    yield out, listener
    listener.close()


def _pages(out: Path) -> list[str]:
    return ["index.html", "graph.html", "analysis.html"] + [f"reports/{p.name}" for p in (out / "reports").glob("*.html")]


def _exercise(page) -> None:  # noqa: ANN001
    """Hover every drawn node of the overview (where a tooltip would show a title) and open its panel."""
    if page.evaluate("typeof network === 'undefined'"):
        page.mouse.move(10, 10)
        return
    page.wait_for_function("window.kgReady === true", timeout=30000)
    ids = page.evaluate("nodes.getIds()")
    for node_id in ids[:80]:
        box = page.evaluate("id => { const p = network.getPositions([id])[id]; return network.canvasToDOM(p); }", node_id)
        page.mouse.move(box["x"], box["y"])
        page.wait_for_timeout(20)
        page.mouse.click(box["x"], box["y"])
    page.wait_for_timeout(300)


def _check(browser, url: str, listener: Listener) -> None:  # noqa: ANN001
    context = browser.new_context()
    page = context.new_page()
    page.goto(url)
    page.wait_for_timeout(300)
    _exercise(page)
    assert page.evaluate("typeof window.__xss") == "undefined", url
    assert listener.hits == [], (url, listener.hits[:1])
    context.close()


def test_nothing_runs_or_loads_from_file(browser, hostile):
    out, listener = hostile
    for name in _pages(out):
        _check(browser, (out / name).resolve().as_uri(), listener)


def test_nothing_runs_or_loads_when_served(browser, hostile):
    out, listener = hostile
    proc = popen("serve", "--graph", str(out / "store"), "--site", str(out), "--port", "0",
                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        base = proc.stdout.readline().split("at ", 1)[1].split("/sparql")[0]
        for name in _pages(out) + [""]:
            _check(browser, f"{base}/{name}", listener)
    finally:
        proc.terminate()
        proc.wait(5)


def test_the_payloads_are_shown_as_text(browser, hostile):
    out, _ = hostile
    page_html = next((out / "reports").glob("*.html")).read_text(encoding="utf-8")
    assert "&lt;a href=" in page_html or "&lt;img" in page_html
    assert "<img" not in page_html.split("<body>", 1)[1] and "<iframe" not in page_html
