"""Headless Chromium (Debian's `chromium`) driven by Playwright, with the network cut off."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def launch(playwright):  # noqa: ANN001, ANN201
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail("Debian's chromium must be installed in CI")
        pytest.skip("chromium is not installed on this machine")
    return playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)


def open_offline(browser, path: Path, fragment: str = "", viewport: tuple[int, int] = (1400, 900)):  # noqa: ANN001, ANN201
    """A page with networking disabled: every non-file request is recorded and aborted."""
    context = browser.new_context(offline=True, viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    requests: list[str] = []
    errors: list[str] = []

    def route(r):  # noqa: ANN001
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.resolve().as_uri() + fragment)
    return page, requests, errors
