"""JUnit XML for CI test dashboards (Jenkins xUnit, GitLab, Azure, CircleCI).

A test suite per story and a test case per fact: a fact whose articles agree
passes, a fact with an error or warning finding fails with the finding's text.
Findings that concern no fact (a skipped file, a conversion inside one
article) are test cases of their own, named after their check and location.
Info findings show as skipped test cases: they are noted, never failing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from factcheck.model import Finding, Report, Severity
from factcheck.report._util import finding_fingerprint, finding_kind, format_claim_value, format_plain, language_label

__all__ = ["FILENAME", "NAME", "finding_text", "render"]

NAME = "junit"
FILENAME = "report.junit.xml"
NO_STORY = "(no story)"

# Characters XML 1.0 cannot carry even escaped; article text may hold them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(text: str) -> str:
    """Return ``text`` with characters XML 1.0 forbids replaced by U+FFFD."""
    return _XML_ILLEGAL.sub("\ufffd", text)


def finding_text(finding: Finding) -> str:
    """Return the plain-text body of a finding: location line, cited claims, arithmetic.

    Args:
        finding: The finding.

    Returns:
        Lines a CI log can show as they are.
    """
    path, line, column = finding.location
    lines = [f"{path}:{line}:{column}: {finding.severity.value} [{finding.check}] {finding.message}"]
    for claim in finding.claims:
        lines.append(
            f"  {claim.path}:{claim.line}:{claim.column} ({language_label(claim.lang)}) "
            f"«{claim.quote}» = {format_claim_value(claim)}"
        )
        if claim.sentence:
            lines.append(f"      {claim.sentence}")
    if finding.expected is not None or finding.observed is not None:
        lines.append(f"expected: {format_plain(finding.expected, finding_kind(finding))}  observed: {format_plain(finding.observed, finding_kind(finding))}")
    if finding.explanation:
        lines.append(f"explanation: {finding.explanation}")
    lines.append(f"fingerprint: {finding_fingerprint(finding)}")
    return "\n".join(lines)


def _add_findings(case: ET.Element, findings: Iterable[Finding]) -> tuple[int, int]:
    """Append failure/skipped/system-out children; return (failures, skipped)."""
    failures = skipped = 0
    notes: list[str] = []
    for finding in findings:
        text = _xml_text(finding_text(finding))
        if finding.suppressed:
            notes.append(f"suppressed: {text}")
        elif finding.severity is Severity.INFO:
            element = ET.SubElement(case, "skipped", {"message": _xml_text(finding.message)})
            element.text = text
            skipped += 1
        else:
            element = ET.SubElement(
                case, "failure", {"type": finding.check, "message": _xml_text(f"{finding.severity.value}: {finding.message}")}
            )
            element.text = text
            failures += 1
    if notes:
        ET.SubElement(case, "system-out").text = "\n\n".join(notes)
    # A case with a failure counts once, even when several findings fail it.
    return min(failures, 1), 1 if skipped and not failures else 0


def render(report: Report) -> str:
    """Return the JUnit XML of ``report``.

    Args:
        report: The run's report.

    Returns:
        A ``<testsuites>`` document valid against the Jenkins ``junit-10.xsd``.
    """
    stories: dict[str, list[tuple[str, str, list[Finding]]]] = {}
    by_fact: dict[tuple[str, str], list[Finding]] = {}
    loose: list[Finding] = []
    for finding in report.findings:
        if finding.fact is not None:
            by_fact.setdefault((finding.story or "", finding.fact), []).append(finding)
        else:
            loose.append(finding)
    for fact in report.facts:
        stories.setdefault(fact.story or NO_STORY, []).append(
            (fact.id, fact.story or NO_STORY, by_fact.pop((fact.story or "", fact.id), []))
        )
    # Findings naming a fact the report does not list still get their case.
    for (story, fact_id), findings in by_fact.items():
        stories.setdefault(story or NO_STORY, []).append((fact_id, story or NO_STORY, findings))
    for finding in loose:
        path, line, _column = finding.location
        name = f"{finding.check} {path}:{line}" if path else finding.check
        stories.setdefault(finding.story or NO_STORY, []).append((name, finding.check, [finding]))

    root = ET.Element("testsuites", {"name": f"factcheck{f' {report.suite}' if report.suite else ''}"})
    total_tests = total_failures = 0
    for story in sorted(stories):
        suite = ET.Element("testsuite", {"name": _xml_text(story)})
        languages = sorted({d.lang for d in report.documents if d.lang and (d.story or NO_STORY) == story})
        if languages:
            properties = ET.SubElement(suite, "properties")
            ET.SubElement(properties, "property", {"name": "languages", "value": ",".join(languages)})
        tests = failures = skipped = 0
        for name, classname, findings in stories[story]:
            case = ET.SubElement(suite, "testcase", {"name": _xml_text(name), "classname": _xml_text(classname)})
            failed, was_skipped = _add_findings(case, findings)
            tests += 1
            failures += failed
            skipped += was_skipped
        suite.attrib.update(
            {"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": str(skipped)}
        )
        root.append(suite)
        total_tests += tests
        total_failures += failures
    root.attrib.update({"tests": str(total_tests), "failures": str(total_failures), "errors": "0"})
    ET.indent(root, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
