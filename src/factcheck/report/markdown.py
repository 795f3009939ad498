"""A Markdown summary for pull-request comments and ``$GITHUB_STEP_SUMMARY``.

It lists every active finding (annotations show only the first few), each
with the claims it cites, and an overview of the documents per story.  All
article text is escaped: GitHub renders HTML and Markdown in summaries.
"""

from __future__ import annotations

import re
from collections import Counter

from factcheck.model import Claim, Finding, Report, Severity, Status
from factcheck.report._util import (
    SEVERITIES,
    finding_fingerprint,
    finding_kind,
    format_claim_value,
    format_plain,
    language_label,
    severity_count,
)

__all__ = ["FILENAME", "NAME", "escape", "render"]

NAME = "markdown"
FILENAME = "summary.md"

# GitHub caps a step summary at 1 MiB and a PR comment at 65,536 characters;
# beyond these counts the summary points to the complete reports instead.
MAX_ROWS = 100
MAX_DETAILS = 30
# Details blocks stop before the summary grows past this many characters.
DETAILS_BUDGET = 50_000

_ICONS = {Severity.ERROR: "🛑", Severity.WARNING: "⚠️", Severity.INFO: "ℹ️"}
# Inline-significant punctuation only: an escaped "-" or "." would clutter every path and date.
ELSEWHERE = "the HTML report (index.html) and report.sarif list every one"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~#])")


def escape(text: str) -> str:
    """Return ``text`` safe inside Markdown inline content and table cells.

    HTML-significant characters become entities and Markdown punctuation is
    backslash-escaped, so article text can neither inject markup nor break a
    table row; line breaks become spaces.
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return " ".join(text.split())


def _plural(count: int, word: str) -> str:
    """Return ``"1 error"`` / ``"2 errors"``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def _location(path: str, line: int, column: int = 0) -> str:
    """Return an escaped ``path:line:col`` in a form GitHub does not linkify oddly."""
    suffix = f":{line}" if line else ""
    suffix += f":{column}" if line and column else ""
    return escape(f"{path}{suffix}")


def _claim_row(claim: Claim, primary: bool) -> str:
    """Return one table row for a cited claim."""
    marker = "**→**" if primary else ""
    return (
        f"| {marker} | {escape(language_label(claim.lang))} | {_location(claim.path, claim.line, claim.column)} "
        f"| {escape(claim.quote)} | {escape(format_claim_value(claim))} | {escape(claim.sentence)} |"
    )


def _finding_block(finding: Finding) -> list[str]:
    """Return the collapsible block of one finding."""
    path, line, column = finding.location
    icon = _ICONS[finding.severity]
    summary = (
        f"{icon} <b>{finding.severity.value}</b> [{escape(finding.check)}] "
        f"{_location(path, line, column)}: {escape(finding.message)}"
    )
    lines = ["<details>", f"<summary>{summary}</summary>", ""]
    if finding.claims:
        lines += ["| | Language | Location | Quote | Normalized | Sentence |", "|---|---|---|---|---|---|"]
        lines += [_claim_row(claim, index == 0) for index, claim in enumerate(finding.claims)]
        lines.append("")
    facts = []
    if finding.story:
        facts.append(f"**Story:** {escape(finding.story)}")
    if finding.fact:
        facts.append(f"**Fact:** {escape(finding.fact)}")
    if finding.expected is not None:
        facts.append(f"**Expected:** {escape(format_plain(finding.expected, finding_kind(finding)))}")
    if finding.observed is not None:
        facts.append(f"**Observed:** {escape(format_plain(finding.observed, finding_kind(finding)))}")
    if facts:
        lines += [" · ".join(facts), ""]
    if finding.explanation:
        lines += [f"> {escape(finding.explanation)}", ""]
    lines += [f"<sub>fingerprint {escape(finding_fingerprint(finding))}</sub>", "</details>", ""]
    return lines


def render(report: Report) -> str:
    """Return the Markdown summary of ``report``.

    Args:
        report: The run's report.

    Returns:
        GitHub-flavoured Markdown: headline counts, the findings table,
        one collapsible block per finding, and the documents per story.
    """
    counts = report.counts()
    active = list(report.active_findings())
    suppressed = sum(1 for f in report.findings if f.suppressed)
    checked = sum(1 for d in report.documents if d.status is Status.CHECKED)
    skipped = len(report.documents) - checked
    status = "✅ no findings" if not active else ", ".join(severity_count(counts[s.value], s) for s in SEVERITIES)
    title = f"## factcheck{f' · {escape(report.suite)}' if report.suite else ''}: {status}"
    lines = [
        title,
        "",
        f"{_plural(checked, 'document')} checked, {skipped} skipped · {_plural(report.claim_total(), 'claim')} · "
        f"{_plural(len(report.facts), 'fact')}"
        + (f" · {suppressed} suppressed" if suppressed else "")
        + f" · factcheck {escape(report.tool_version)}",
        "",
    ]
    if active:
        by_check = Counter(f.check for f in active)
        lines += [
            "| Severity | Check | Location | Finding |",
            "|---|---|---|---|",
        ]
        for finding in active[:MAX_ROWS]:
            path, line, column = finding.location
            lines.append(
                f"| {_ICONS[finding.severity]} {finding.severity.value} | {escape(finding.check)} "
                f"| {_location(path, line, column)} | {escape(finding.message)} |"
            )
        if len(active) > MAX_ROWS:
            lines += ["", f"… and {len(active) - MAX_ROWS} more findings: {ELSEWHERE}."]
        lines += [
            "",
            "**By check:** " + " · ".join(f"{escape(check)} {n}" for check, n in sorted(by_check.items())),
            "",
            "### Findings",
            "",
        ]
        used = sum(len(line) + 1 for line in lines)
        shown = 0
        for finding in active[:MAX_DETAILS]:
            block = _finding_block(finding)
            size = sum(len(line) + 1 for line in block)
            if shown and used + size > DETAILS_BUDGET:
                break
            lines += block
            used += size
            shown += 1
        if shown < len(active):
            lines += [f"Details of the first {shown} findings only; {ELSEWHERE}.", ""]

    lines += ["### Documents", "", "| Story | Language | Document | Status | Claims |", "|---|---|---|---|---|"]
    per_document = report.claims_per_document()
    documents = sorted(report.documents, key=lambda d: (d.story or "\uffff", d.lang or "", d.path))
    for document in documents[:MAX_ROWS]:
        status_text = document.status.value
        if document.reason:
            status_text += f": {document.reason}"
        lines.append(
            f"| {escape(document.story or '—')} | {escape(language_label(document.lang))} "
            f"| {escape(document.path)} | {escape(status_text)} | {per_document.get(document.path, 0)} |"
        )
    if len(documents) > MAX_ROWS:
        lines += ["", f"… and {len(documents) - MAX_ROWS} more documents: {ELSEWHERE}."]
    lines.append("")
    return "\n".join(lines)
