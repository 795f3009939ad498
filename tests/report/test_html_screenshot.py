"""The screenshot helper used for the README image (its own module: playwright's sync API does not nest)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.report import html

from .sample import build_report

pytestmark = pytest.mark.browser


def test_screenshot_helper_writes_a_png(tmp_path: Path) -> None:
    """html.screenshot writes a full-page PNG of a report file at the requested width."""
    if not Path(html.CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{html.CHROMIUM} is missing; CI must install it (apt-get install -y chromium)")
        pytest.skip(f"{html.CHROMIUM} is not installed (apt-get install -y chromium); the browser test runs in CI")
    source = tmp_path / "index.html"
    source.write_text(html.render(build_report()), encoding="utf-8")
    written = html.screenshot(source, tmp_path / "shot.png", width=390)
    data = written.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    # PNG header: the IHDR width field holds the viewport width.
    assert int.from_bytes(data[16:20], "big") == 390
