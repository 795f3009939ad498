"""GitHub Actions workflow commands: one annotation per finding.

``::error file=…,line=…,col=…,endColumn=…,title=[check]::message`` puts the
finding on the line of the pull request diff.  GitHub shows only the first few
annotations of a step, so the complete list belongs in the Markdown summary
(:mod:`factcheck.report.markdown`) appended to ``$GITHUB_STEP_SUMMARY``.
"""

from __future__ import annotations

from factcheck.model import Finding, Report, Severity
from factcheck.report._util import claim_end, format_claim_value, language_label

__all__ = ["FILENAME", "NAME", "annotation", "escape_data", "escape_property", "render"]

NAME = "github"
FILENAME = "github-annotations.txt"

# An annotation is read on a diff line; the complete list is in the other reports.
MAX_COUNTERPARTS = 5

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """Return the workflow command that annotates ``finding``.

    The message carries the other cited claims, one per line, so a reviewer
    sees both sides of a contradiction on the annotated line.
    """
    path, line, column = finding.location
    properties = [("file", path), ("line", str(max(line, 1))), ("col", str(max(column, 1)))]
    if finding.claims and finding.path is None:
        end_line, end_column = claim_end(finding.claims[0])
        properties += [("endLine", str(end_line)), ("endColumn", str(end_column))]
    properties.append(("title", f"[{finding.check}]"))
    lines = [finding.message]
    for claim in finding.claims[1 : 1 + MAX_COUNTERPARTS]:
        lines.append(
            f"• {claim.quote} — {claim.path}:{claim.line} ({language_label(claim.lang)}) = {format_claim_value(claim)}"
        )
    if len(finding.claims) > 1 + MAX_COUNTERPARTS:
        lines.append(f"• … and {len(finding.claims) - 1 - MAX_COUNTERPARTS} more cited claims")
    if finding.explanation:
        lines.append(finding.explanation)
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties if value)
    return f"::{_COMMANDS[finding.severity]} {props}::{escape_data(chr(10).join(lines))}"


def render(report: Report) -> str:
    """Return one workflow command per active finding, in report order.

    Args:
        report: The run's report.

    Returns:
        Newline-terminated lines to print on stdout inside a workflow step;
        suppressed findings are left out.
    """
    return "".join(annotation(finding) + "\n" for finding in report.active_findings())
