"""Take a screenshot of an overview page in headless Chromium (for docs/): python benchmarks/screenshot.py [PAGE] [PNG]."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> int:
    page_path = Path(sys.argv[1] if len(sys.argv) > 1 else "output/graph.html").resolve()
    png = Path(sys.argv[2] if len(sys.argv) > 2 else "docs/overview.png")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1000}, device_scale_factor=1)
        started = time.perf_counter()
        page.goto(page_path.as_uri())
        page.wait_for_function("window.kgStabilized === true", timeout=60000)
        print(f"stabilised in {time.perf_counter() - started:.2f} s")
        page.wait_for_timeout(300)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
