"""Reviewdog Diagnostic Format (rdjson) for ``reviewdog -f=rdjson``.

Columns are 1-based UTF-8 byte offsets, as reviewdog counts them, computed
from the document text; the end position is exclusive.
"""

from __future__ import annotations

import json
from typing import Any

from factcheck.model import Claim, Document, Finding, Report, Severity
from factcheck.report._util import claim_end, documents_by_path, format_claim_value, language_label, utf8_column

__all__ = ["FILENAME", "NAME", "render", "to_rdjson"]

NAME = "rdjson"
FILENAME = "report.rdjson"

_SEVERITIES = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _claim_range(claim: Claim, document: Document | None) -> dict[str, Any]:
    """Return the rdjson range of a claim's quote."""
    end_line, end_column = claim_end(claim)
    start_column = utf8_column(document, claim.start, claim.column)
    end = utf8_column(document, claim.end, end_column)
    return {"start": {"line": max(claim.line, 1), "column": start_column}, "end": {"line": end_line, "column": end}}


def _diagnostic(finding: Finding, documents: dict[str, Document]) -> dict[str, Any]:
    """Return the rdjson diagnostic of one finding."""
    path, line, column = finding.location
    message = finding.message
    others = [
        f"{c.quote} — {c.path}:{c.line} ({language_label(c.lang)}) = {format_claim_value(c)}" for c in finding.claims[1:]
    ]
    if others:
        message += "\n" + "\n".join(f"• {other}" for other in others)
    if finding.explanation:
        message += "\n" + finding.explanation
    if finding.claims and finding.path is None:
        primary = finding.claims[0]
        location = {"path": primary.path, "range": _claim_range(primary, documents.get(primary.path))}
    else:
        location = {"path": path, "range": {"start": {"line": max(line, 1), "column": max(column, 1)}}}
    return {
        "message": message,
        "location": location,
        "severity": _SEVERITIES[finding.severity],
        "source": {"name": "factcheck"},
        "code": {"value": finding.check},
    }


def to_rdjson(report: Report) -> dict[str, Any]:
    """Return the rdjson ``DiagnosticResult`` of the report's active findings."""
    documents = documents_by_path(report)
    diagnostics = [_diagnostic(f, documents) for f in report.active_findings()]
    severities = {f.severity for f in report.active_findings()}
    worst = max(severities, key=lambda s: s.rank) if severities else Severity.INFO
    return {"source": {"name": "factcheck"}, "severity": _SEVERITIES[worst], "diagnostics": diagnostics}


def render(report: Report) -> str:
    """Return the report as rdjson text (sorted keys, newline-terminated).

    Args:
        report: The run's report.

    Returns:
        The ``DiagnosticResult`` JSON document.
    """
    return json.dumps(to_rdjson(report), sort_keys=True, ensure_ascii=False, indent=2) + "\n"
