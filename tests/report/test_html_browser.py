"""The HTML report in a real browser: Debian's Chromium, headless, driven by playwright."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.report import html

from .sample import build_report

pytestmark = pytest.mark.browser

CHROMIUM = Path(html.CHROMIUM)
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
ARGS = list(html.CHROMIUM_ARGS)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Launch headless Chromium once for the module (never downloaded: the system one)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing; CI must install it (apt-get install -y chromium)")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install -y chromium); the browser test runs in CI")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield instance
        finally:
            instance.close()


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Write the sample report to disk and return its file:// URL."""
    path = tmp_path_factory.mktemp("html") / "index.html"
    path.write_text(html.render(build_report()), encoding="utf-8")
    return path.as_uri()


def _open(browser: Any, url: str, width: int, height: int) -> tuple[Any, Any, list[str]]:
    """Open ``url`` at a viewport size, collecting console errors, failed requests and page errors."""
    context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("requestfailed", lambda request: problems.append(f"request failed: {request.url}"))
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page, problems


def test_report_loads_without_errors_and_filters_findings(browser: Any, report_url: str) -> None:
    """The page loads from disk with no console error, filters hide and show findings, check docs open in place."""
    from playwright.sync_api import expect

    context, page, problems = _open(browser, report_url, 1280, 900)
    try:
        findings = page.locator("article.finding")
        assert findings.count() == 3
        assert page.locator("article.finding:visible").count() == 3
        page.click(".chip[data-severity='error']")
        assert page.locator("article.finding.error:visible").count() == 0
        assert page.locator("article.finding:visible").count() == 2
        assert page.inner_text("#showing") == "Showing 2 of 3 findings"
        page.click(".chip[data-severity='error']")
        assert page.locator("article.finding:visible").count() == 3
        page.fill("#filter-search", "1200개")
        assert page.locator("article.finding:visible").count() == 1
        page.click("#filter-reset")
        page.select_option("#filter-lang", "zh")
        assert page.locator("article.finding:visible").count() == 1
        page.select_option("#filter-lang", "")
        page.click("#f1 details.doc summary")
        # The toggle event fires asynchronously; expect() waits for the text it fills in.
        expect(page.locator("#f1 details.doc .text")).to_contain_text("Why: a translation or rewrite")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report.png"), full_page=True)
        assert (ARTIFACTS / "report.png").stat().st_size > 10_000
        assert problems == []
    finally:
        context.close()


def test_report_fits_a_phone_width(browser: Any, report_url: str) -> None:
    """At a phone's width the page does not scroll sideways; wide fact tables scroll inside their box."""
    context, page, problems = _open(browser, report_url, 390, 844)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0
        assert page.locator("article.finding:visible").count() == 3
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "report-phone.png"), full_page=True)
        assert problems == []
    finally:
        context.close()


def test_hostile_article_text_runs_nothing_in_the_browser(browser: Any, tmp_path: Path) -> None:
    """A report built from articles holding script and onerror payloads opens no dialog and injects no element."""
    hostile = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>{{ 7*7 }}"
    path = tmp_path / "index.html"
    path.write_text(html.render(build_report(hostile=hostile)), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        page.goto(path.as_uri())
        page.wait_for_load_state("load")
        page.click("#f1 details.doc summary")
        assert page.locator("img").count() == 0
        assert page.locator("script").count() == 1
        assert "{{ 7*7 }}" in page.inner_text("#f1 .msg")
        assert dialogs == []
    finally:
        context.close()

