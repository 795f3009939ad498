"""GitHub workflow commands: one annotation per active finding, escaped per the runner's rules."""

from __future__ import annotations

import dataclasses

from factcheck.model import Finding, Severity
from factcheck.report import github

from .sample import build_report


def test_annotation_shape_and_severity_commands() -> None:
    """Errors, warnings and infos become ::error, ::warning and ::notice at the claim's position."""
    lines = github.render(build_report()).splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == ["::error", "::warning", "::notice"]
    assert lines[0].startswith(
        "::error file=corpus/hub/it.txt,line=9,col=20,endLine=9,endColumn=41,title=[fact-agreement]::jobs created"
    )


def test_message_and_properties_are_escaped() -> None:
    """%, CR and LF are escaped in messages; ',' and ':' too in property values."""
    finding = Finding(
        check="input",
        severity=Severity.WARNING,
        message="50% done\r\nnext: line",
        path="dir,with:odd/na%me.txt",
        line=3,
        column=1,
    )
    line = github.annotation(finding)
    assert line == "::warning file=dir%2Cwith%3Aodd/na%25me.txt,line=3,col=1,title=[input]::50%25 done%0D%0Anext: line"
    assert "\n" not in line


def test_counterparts_are_listed_in_the_message() -> None:
    """The other cited claims appear in the annotation, so both sides show on the diff line."""
    first = github.render(build_report()).splitlines()[0]
    assert "1200개 일자리 — corpus/hub/ko.txt:9" in first and "%0A" in first


def test_suppressed_findings_are_not_annotated() -> None:
    """A suppressed finding produces no workflow command."""
    report = build_report()
    hidden = dataclasses.replace(report.findings[0], suppressed=True)
    text = github.render(dataclasses.replace(report, findings=(hidden, *report.findings[1:])))
    assert "fact-agreement" not in text and len(text.splitlines()) == 2


def test_long_lists_of_counterparts_are_shortened() -> None:
    """Past MAX_COUNTERPARTS the annotation counts the remaining cited claims instead of listing them."""
    finding = build_report().findings[0]
    crowded = dataclasses.replace(finding, claims=finding.claims[:1] + finding.claims[1:2] * (github.MAX_COUNTERPARTS + 3))
    line = github.annotation(crowded)
    assert line.count("%0A• 1200개 일자리") == github.MAX_COUNTERPARTS
    assert "%0A• … and 3 more cited claims" in line
