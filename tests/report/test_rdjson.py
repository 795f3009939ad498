"""rdjson for reviewdog: diagnostics with UTF-8 byte columns and exclusive ends."""

from __future__ import annotations

import json

from factcheck.report import rdjson

from .sample import build_report


def test_rdjson_shape_and_severities() -> None:
    """The result names its source and holds one diagnostic per active finding."""
    data = json.loads(rdjson.render(build_report()))
    assert data["source"] == {"name": "factcheck"}
    assert data["severity"] == "ERROR"
    assert [d["severity"] for d in data["diagnostics"]] == ["ERROR", "WARNING", "INFO"]
    assert [d["code"]["value"] for d in data["diagnostics"]] == ["fact-agreement", "conversion", "input"]


def test_columns_count_utf8_bytes() -> None:
    """A Hangul claim's range is given in UTF-8 bytes of its line, as reviewdog expects."""
    report = build_report()
    ko_text = next(d.text for d in report.documents if d.path == "corpus/hub/ko.txt")
    diagnostic = json.loads(rdjson.render(report))["diagnostics"][1]
    location = diagnostic["location"]
    line = ko_text.split("\n")[location["range"]["start"]["line"] - 1].encode("utf-8")
    start, end = location["range"]["start"]["column"], location["range"]["end"]["column"]
    assert line[start - 1 : end - 1].decode("utf-8") == "약 8억 달러"
    assert start > report.findings[1].claims[0].column
