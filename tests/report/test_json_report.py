"""report.json: the DESIGN.md contract, its shipped JSON Schema, and determinism."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


def _standard(value: object) -> str:
    """Encode ``value`` the way report.json is specified: json.dumps with sorted keys and two-space indent."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False)


@settings(max_examples=200, deadline=None)
@given(_JSON_VALUES)
def test_fast_encoder_writes_the_bytes_json_dumps_writes(value: object) -> None:
    """The report encoder's output is exactly json.dumps(sort_keys, ensure_ascii=False, indent=2) for any JSON value."""
    assert json_report.dumps(value) == _standard(value)


def test_fast_encoder_leaves_unusual_values_to_json_dumps() -> None:
    """Non-string keys, enums and out-of-range floats get json.dumps's conversions and errors."""
    from factcheck.model import Kind

    assert json_report.dumps({"k": [Kind.MONEY], "a": {True: None}}) == _standard({"k": [Kind.MONEY], "a": {True: None}})
    for bad in ({"x": float("nan")}, [1, float("inf")], {"o": object()}, {1: 1, "a": 2}):
        with pytest.raises((ValueError, TypeError)) as ours:
            json_report.dumps(bad)
        with pytest.raises((ValueError, TypeError)) as theirs:
            _standard(bad)
        assert str(ours.value) == str(theirs.value)


def test_render_of_a_report_with_every_claim_matches_json_dumps() -> None:
    """render() of the sample report (all claims and cited claims) equals json.dumps of its to_dict()."""
    import dataclasses

    for mode in ("all", "cited"):
        report = dataclasses.replace(build_report(), claims_mode=mode)
        assert json_report.render(report) == _standard(report.to_dict()) + "\n"
