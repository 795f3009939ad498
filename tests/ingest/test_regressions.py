"""Inputs the fuzzer found, kept as regression tests."""

from __future__ import annotations

from pathlib import Path

from factcheck.ingest import load_document
from factcheck.model import Status
from factcheck.rules import load_rules


def test_impossible_timestamp_in_front_matter_is_a_warning(tmp_path: Path) -> None:
    """`published: 2016-43-23` leaves the date unknown with a warning instead of ending the run."""
    path = tmp_path / "a.md"
    path.write_text("---\nlang: en\npublished: 2016-43-23\n---\nThe company has 2,500 employees.\n", encoding="utf-8")
    doc = load_document(path, ruleset=load_rules(["default"]))
    assert doc.status is Status.CHECKED
    assert doc.published is None
    assert any("2016-43-23" in warning for warning in doc.warnings)
