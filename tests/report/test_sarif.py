"""SARIF 2.1.0 output: schema-valid, one rule per check, located results, stable fingerprints."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema

from factcheck.baseline import fingerprint
from factcheck.model import Severity
from factcheck.report import sarif

from .sample import build_report

SCHEMA = json.loads((Path(__file__).parent / "fixtures" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def _run(report_text: str) -> dict:
    """Return the single run of a SARIF log."""
    log = json.loads(report_text)
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    return log["runs"][0]


def test_sarif_validates_against_the_2_1_0_schema() -> None:
    """The sample log validates against the published SARIF 2.1.0 JSON Schema."""
    log = json.loads(sarif.render(build_report()))
    validator = jsonschema.Draft7Validator(SCHEMA)
    assert [e.message for e in validator.iter_errors(log)] == []


def test_one_rule_per_check_with_help_from_check_docs() -> None:
    """Each check becomes one rule whose help text is the check's documentation."""
    report = build_report()
    rules = _run(sarif.render(report))["tool"]["driver"]["rules"]
    assert [rule["id"] for rule in rules] == ["conversion", "fact-agreement", "input"]
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["fact-agreement"]["help"]["text"] == report.check_docs["fact-agreement"].strip()
    assert by_id["fact-agreement"]["shortDescription"]["text"].startswith("Articles of one story")
    assert by_id["fact-agreement"]["defaultConfiguration"]["level"] == "error"
    assert by_id["input"]["defaultConfiguration"]["level"] == "note"


def test_results_are_located_on_the_quoted_number() -> None:
    """A result's region spans exactly the quote of its claim in the document text."""
    report = build_report()
    texts = {d.path: d.text for d in report.documents}
    run = _run(sarif.render(report))
    assert run["columnKind"] == "unicodeCodePoints"
    for result, finding in zip(run["results"], report.findings, strict=True):
        assert result["ruleId"] == finding.check
        assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == finding.check
        located = [result["locations"][0], *result.get("relatedLocations", [])]
        if not finding.claims:
            assert located[0]["physicalLocation"]["artifactLocation"]["uri"] == "corpus/hub/scan.txt"
            continue
        assert len(located) == len(finding.claims)
        for location, claim in zip(located, finding.claims, strict=True):
            physical = location["physicalLocation"]
            region = physical["region"]
            line = texts[physical["artifactLocation"]["uri"]].split("\n")[region["startLine"] - 1]
            assert region["endLine"] == region["startLine"]
            assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == claim.quote


def test_partial_fingerprints_come_from_the_baseline_fingerprint() -> None:
    """partialFingerprints carry baseline.fingerprint, unchanged when the finding moves lines."""
    report = build_report()
    results = _run(sarif.render(report))["results"]
    assert [r["partialFingerprints"][sarif.FINGERPRINT_KEY] for r in results] == [
        fingerprint(f) for f in report.findings
    ]
    moved = dataclasses.replace(
        report,
        findings=tuple(
            dataclasses.replace(
                f, fingerprint="", claims=tuple(dataclasses.replace(c, line=c.line + 5) for c in f.claims)
            )
            for f in report.findings
        ),
    )
    moved_results = _run(sarif.render(moved))["results"]
    assert [r["partialFingerprints"] for r in moved_results] == [r["partialFingerprints"] for r in results]


def test_levels_and_suppressions_map_to_sarif() -> None:
    """Severities map to error/warning/note, and a suppressed finding carries a SARIF suppression."""
    report = build_report()
    suppressed = dataclasses.replace(report.findings[0], suppressed=True)
    report = dataclasses.replace(report, findings=(suppressed, *report.findings[1:]))
    results = _run(sarif.render(report))["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note"]
    assert results[0]["suppressions"] == [{"kind": "external"}]
    assert "suppressions" not in results[1]
    assert report.findings[2].severity is Severity.INFO
