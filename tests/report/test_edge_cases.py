"""Every format renders degenerate reports: empty runs and claims missing optional data."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import xmlschema

from factcheck.model import Claim, Document, Fact, Finding, Kind, Report, Severity, Status
from factcheck.report import FORMATS, terminal
from factcheck.report import json as json_report

FIXTURES = Path(__file__).parent / "fixtures"
SARIF_SCHEMA = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
JUNIT_SCHEMA = xmlschema.XMLSchema(str(FIXTURES / "junit-10.xsd"))


def _sparse_report() -> Report:
    """Return a report whose claims lack line, column, sentence, values and story."""
    bare = Claim(path="a b/ü.txt", start=0, end=3, quote="1–2", kind=Kind.QUANTITY, lang="de", id="c1", bound=(1.0, 2.0))
    none = Claim(path="x.txt", start=5, end=9, quote="viel", kind=Kind.COUNT, lang="", id="c2")
    finding = Finding(check="fact-agreement", severity=Severity.WARNING, message="ranges differ", claims=(bare, none))
    engine = Finding(check="claims-schema", severity=Severity.INFO, message="row rejected")
    return Report(
        documents=(Document(path="a b/ü.txt"), Document(path="x.txt", status=Status.SKIPPED)),
        claims=(bare, none),
        facts=(Fact(id="f", story="s", claims=(bare, none)),),
        findings=(finding, engine),
    )


@pytest.mark.parametrize("report", [Report((), (), (), ()), _sparse_report()], ids=["empty", "sparse"])
def test_every_format_renders_and_validates(report: Report) -> None:
    """Empty and sparse reports render in every format, and the validated formats stay valid."""
    outputs = {name: module.render(report) for name, module in FORMATS.items()}
    assert all(isinstance(text, str) for text in outputs.values())
    assert list(jsonschema.Draft7Validator(SARIF_SCHEMA).iter_errors(json.loads(outputs["sarif"]))) == []
    JUNIT_SCHEMA.validate(outputs["junit"])
    validator = jsonschema.Draft202012Validator(json_report.schema())
    assert list(validator.iter_errors(json.loads(outputs["json"]))) == []
    assert terminal.render(report).strip().splitlines()[-1].startswith(f"{report.counts()['error']} errors")


def test_sparse_sarif_uses_valid_positions_and_encoded_uris() -> None:
    """Claims without line or column give 1-based regions, paths become URI references, unlocated findings notifications."""
    run = json.loads(FORMATS["sarif"].render(_sparse_report()))["runs"][0]
    region = run["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and region["startColumn"] == 1 and region["endColumn"] == 4
    uri = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "a%20b/%C3%BC.txt"
    assert len(run["results"]) == 1
    (notification,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notification["associatedRule"]["id"] == "claims-schema" and notification["level"] == "note"
