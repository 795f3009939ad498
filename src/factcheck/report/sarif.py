"""SARIF 2.1.0 for GitHub code scanning and other static-analysis viewers.

One rule per check (help text from the check's documentation), one result per
finding located at its first cited claim, the other cited claims as related
locations, and ``partialFingerprints`` from :mod:`factcheck.baseline` so code
scanning tracks a finding across commits that shift its lines.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from factcheck.model import Claim, Finding, Report, Severity
from factcheck.report._util import (
    claim_end,
    documents_by_path,
    finding_fingerprint,
    first_doc_line,
    format_claim_value,
    language_label,
)

__all__ = ["FILENAME", "NAME", "SCHEMA_URI", "render", "to_sarif"]

NAME = "sarif"
FILENAME = "report.sarif"
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "factcheck/v1"

_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _uri(path: str) -> str:
    """Return a relative, forward-slash, percent-encoded artifact URI."""
    uri = path.replace("\\", "/")
    while uri.startswith("./"):
        uri = uri[2:]
    return quote(uri, safe="/")


def _claim_location(claim: Claim, message: str | None = None, index: int | None = None) -> dict[str, Any]:
    """Return a SARIF location for the claim's quote."""
    end_line, end_column = claim_end(claim)
    location: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(claim.path), "uriBaseId": "%SRCROOT%"},
            "region": {
                "startLine": max(claim.line, 1),
                "startColumn": max(claim.column, 1),
                "endLine": end_line,
                "endColumn": end_column,
                "snippet": {"text": claim.quote},
            },
        }
    }
    if index is not None:
        location["id"] = index
    if message is not None:
        location["message"] = {"text": message}
    return location


def _file_location(path: str, line: int, column: int) -> dict[str, Any]:
    """Return a SARIF location for a finding without claims (a skipped file)."""
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": _uri(path), "uriBaseId": "%SRCROOT%"},
            "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
        }
    }


def _rule(check: str, doc: str, level: str) -> dict[str, Any]:
    """Return the reportingDescriptor of one check."""
    summary = first_doc_line(doc) if doc else f"factcheck check {check}"
    full = " ".join(doc.split()) if doc else summary
    return {
        "id": check,
        "name": "".join(part.capitalize() for part in check.split("-")),
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": doc.strip() or summary, "markdown": doc.strip() or summary},
        "defaultConfiguration": {"level": level},
        "properties": {"tags": ["factcheck", "numbers"], "problem.severity": level},
    }


def _result(finding: Finding, rule_index: int, in_source: bool) -> dict[str, Any]:
    """Return the SARIF result of one finding."""
    path, line, column = finding.location
    result: dict[str, Any] = {
        "ruleId": finding.check,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": finding.message},
        "partialFingerprints": {FINGERPRINT_KEY: finding_fingerprint(finding)},
    }
    if finding.claims:
        primary = finding.claims[0]
        located_elsewhere = finding.path is not None and finding.path != primary.path
        result["locations"] = [_file_location(path, line, column) if located_elsewhere else _claim_location(primary)]
        related = [
            _claim_location(
                claim,
                f"{claim.quote} ({language_label(claim.lang)}): {format_claim_value(claim)}",
                index,
            )
            for index, claim in enumerate(finding.claims[1:], start=1)
        ]
        if related:
            result["relatedLocations"] = related
    elif path:
        result["locations"] = [_file_location(path, line, column)]
    properties: dict[str, Any] = {}
    for key in ("fact", "story", "expected", "observed"):
        value = getattr(finding, key)
        if value is not None:
            properties[key] = value
    if finding.explanation:
        properties["explanation"] = finding.explanation
    if finding.id:
        properties["id"] = finding.id
    if properties:
        result["properties"] = properties
    if finding.suppressed:
        result["suppressions"] = [{"kind": "inSource" if in_source else "external"}]
    return result


def to_sarif(report: Report) -> dict[str, Any]:
    """Return the SARIF log of ``report`` as a JSON-ready dict."""
    from factcheck.baseline import inline_suppressed

    documents = documents_by_path(report)
    checks = sorted({f.check for f in report.findings} | set(report.check_docs))
    levels: dict[str, str] = {}
    for finding in report.findings:
        # A rule's default level is the most severe level its findings carry.
        current = levels.get(finding.check)
        level = _LEVELS[finding.severity]
        order = ("note", "warning", "error")
        if current is None or order.index(level) > order.index(current):
            levels[finding.check] = level
    rules = [_rule(check, report.check_docs.get(check, ""), levels.get(check, "warning")) for check in checks]
    rule_index = {check: index for index, check in enumerate(checks)}
    # GitHub code scanning rejects results without a location; a finding that
    # names no file at all is about the run, so it becomes a tool notification.
    located = [f for f in report.findings if f.claims or f.location[0]]
    unlocated = [f for f in report.findings if not (f.claims or f.location[0])]
    results = [_result(finding, rule_index[finding.check], inline_suppressed(finding, documents)) for finding in located]
    notifications = [
        {
            "level": _LEVELS[finding.severity],
            "message": {"text": finding.message},
            "associatedRule": {"id": finding.check, "index": rule_index[finding.check]},
        }
        for finding in unlocated
        if not finding.suppressed
    ]
    artifacts = sorted({_uri(d.path) for d in report.documents})
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "factcheck",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": "https://pypi.org/project/factcheck/",
                "rules": rules,
            }
        },
        "automationDetails": {"id": f"factcheck/{report.suite or 'run'}/"},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory factcheck ran in."}}},
        "artifacts": [{"location": {"uri": uri, "uriBaseId": "%SRCROOT%"}} for uri in artifacts],
        "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
        "results": results,
        "properties": {
            "rules": list(report.rules),
            "as_of": report.as_of,
            "skipped": [
                {"path": d.path, "reason": d.reason or ""} for d in report.documents if d.status.value == "skipped"
            ],
        },
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(report: Report) -> str:
    """Return the SARIF 2.1.0 log of ``report`` as JSON text.

    Args:
        report: The run's report.

    Returns:
        Deterministic JSON (sorted keys), newline-terminated.
    """
    return json.dumps(to_sarif(report), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
