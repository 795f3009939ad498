"""report.json: the DESIGN.md contract, its shipped JSON Schema, and determinism."""

from __future__ import annotations

import json

import jsonschema

from factcheck.report import json as json_report

from .sample import build_report


def test_rendered_report_validates_against_shipped_schema() -> None:
    """The sample report.json conforms to the JSON Schema shipped in the package."""
    data = json.loads(json_report.render(build_report()))
    validator = jsonschema.Draft202012Validator(json_report.schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert errors == []


def test_schema_rejects_a_report_with_an_unknown_severity() -> None:
    """The schema is strict where the contract is closed: an unknown severity fails."""
    data = json.loads(json_report.render(build_report()))
    data["findings"][0]["severity"] = "fatal"
    validator = jsonschema.Draft202012Validator(json_report.schema())
    assert any(error.validator == "enum" for error in validator.iter_errors(data))


def test_json_equals_report_to_dict_and_keeps_unicode() -> None:
    """report.json is exactly Report.to_dict(), with CJK and Hangul left readable."""
    report = build_report()
    text = json_report.render(report)
    assert json.loads(text) == report.to_dict()
    assert "1200个就业岗位" in text and "1200개 일자리" in text
    assert text.endswith("}\n") and text.startswith('{\n  "claims"')


def test_findings_cite_claims_present_in_the_report() -> None:
    """Every claim id a finding or fact cites is a claim of report.json."""
    data = json.loads(json_report.render(build_report()))
    ids = {claim["id"] for claim in data["claims"]}
    cited = {cid for item in data["findings"] + data["facts"] for cid in item["claims"]}
    assert cited <= ids
    assert data["summary"]["findings"] == {"error": 1, "warning": 1, "info": 1}
