"""JUnit XML: valid against the Jenkins xUnit schema, a testcase per fact per story."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET
from pathlib import Path

import xmlschema

from factcheck.report import junit

from .sample import build_report

XSD = Path(__file__).parent / "fixtures" / "junit-10.xsd"


def test_junit_validates_against_the_xunit_schema() -> None:
    """The sample JUnit document validates against junit-10.xsd."""
    xmlschema.XMLSchema(str(XSD)).validate(junit.render(build_report()))


def test_one_suite_per_story_and_one_case_per_fact() -> None:
    """Facts become test cases of their story's suite; only the disagreeing fact fails."""
    root = ET.fromstring(junit.render(build_report()))
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    story = suites["milan-logistics-hub"]
    cases = {case.get("name"): case for case in story.iter("testcase")}
    assert {"first-warehouse-year", "investment", "jobs-created"} <= set(cases)
    assert cases["investment"].find("failure") is None
    failure = cases["jobs-created"].find("failure")
    assert failure is not None and failure.get("type") == "fact-agreement"
    assert "1.800 posti di lavoro" in (failure.text or "") and "1200个就业岗位" in (failure.text or "")
    assert story.get("tests") == "4" and story.get("failures") == "2"


def test_findings_without_fact_are_cases_of_their_own() -> None:
    """A conversion warning fails its own case; a skipped file is a skipped case, not a failure."""
    root = ET.fromstring(junit.render(build_report()))
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert cases["conversion corpus/hub/ko.txt:8"].find("failure") is not None
    skipped = cases["input corpus/hub/scan.txt:1"].find("skipped")
    assert skipped is not None and "binary content" in (skipped.get("message") or "")
    assert root.get("failures") == "2"


def test_control_characters_from_articles_keep_the_xml_valid() -> None:
    """Characters XML 1.0 forbids (from a broken article) are replaced, and the file stays valid."""
    report = build_report()
    finding = dataclasses.replace(report.findings[0], message="bad \x00 byte \x1b[31m here")
    text = junit.render(dataclasses.replace(report, findings=(finding, *report.findings[1:])))
    xmlschema.XMLSchema(str(XSD)).validate(text)
    assert "\x00" not in text and "bad \ufffd byte" in text
