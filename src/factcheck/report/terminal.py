"""Terminal output: linter-shaped lines, then a short summary.

``path:line:col: severity [check] message`` per active finding, the shape
editors and CI log viewers turn into links, followed by the cited claims
indented beneath it and a summary table.  Colour only on a terminal: never
under ``NO_COLOR``, in CI, or when the output is redirected.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from factcheck.model import Document, Finding, Report, Severity, Status
from factcheck.report._util import SEVERITIES, format_claim_value, language_label, severity_count

__all__ = ["FILENAME", "MAX_STORY_ROWS", "NAME", "finding_line", "make_console", "print_report", "print_summary", "render", "use_colour"]

NAME = "text"
FILENAME = "report.txt"

# Beyond this many stories the summary lists those with findings first and cuts the rest.
MAX_STORY_ROWS = 30
_LINES_PER_PRINT = 100

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def use_colour(stream: TextIO, environ: Mapping[str, str] | None = None) -> bool:
    """Tell whether output to ``stream`` may be coloured.

    ``NO_COLOR`` (any value, https://no-color.org) and ``CI`` turn colour off;
    otherwise only an interactive terminal gets it.
    """
    env = os.environ if environ is None else environ
    if "NO_COLOR" in env or env.get("CI", "").lower() not in ("", "0", "false"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def make_console(stream: TextIO | None = None, environ: Mapping[str, str] | None = None) -> Console:
    """Return a rich Console that follows :func:`use_colour` for ``stream``.

    Args:
        stream: Where to write; standard output when None.
        environ: The environment to read ``NO_COLOR``/``CI`` from.

    Returns:
        A console that never wraps finding lines, so each stays one grep-able line.
    """
    target = stream if stream is not None else sys.stdout
    colour = use_colour(target, environ)
    return Console(
        file=target,
        force_terminal=colour,
        no_color=not colour,
        color_system="auto" if colour else None,
        highlight=False,
        soft_wrap=True,
        emoji=False,
    )


def finding_line(finding: Finding) -> str:
    """Return ``path:line:col: severity [check] message`` for one finding."""
    path, line, column = finding.location
    return f"{path}:{line}:{column}: {finding.severity.value} [{finding.check}] {finding.message}"


def _claim_lines(finding: Finding) -> list[str]:
    """Return the indented lines naming each cited claim."""
    return [
        f"    {claim.path}:{claim.line}:{claim.column} ({language_label(claim.lang)}) "
        f"«{claim.quote}» = {format_claim_value(claim)}"
        for claim in finding.claims
    ]


def print_report(report: Report, console: Console) -> None:
    """Print the report's active findings and a summary to ``console``.

    Args:
        report: The run's report (findings already sorted).
        console: Where to print; build it with :func:`make_console`.
    """
    if console.color_system is None and not console.is_terminal:
        # plain output (a pipe, CI, a log): the lines as they are, without rich laying each one out
        plain: list[str] = []
        for finding in report.active_findings():
            path, line, column = finding.location
            plain.append(f"{path}:{line}:{column}: {finding.severity.value} [{finding.check}] {finding.message}")
            plain.extend(_claim_lines(finding)[1:])
        if plain:
            console.file.write("\n".join(plain).expandtabs(8) + "\n")
        print_summary(report, console)
        return
    # Lines are gathered into a few large texts: one console.print per line costs a millisecond on a big run.
    text = Text()
    lines = 0
    for finding in report.active_findings():
        path, line, column = finding.location
        if lines:
            text.append("\n")
        text.append(f"{path}:{line}:{column}:", style="bold")
        text.append(" ")
        text.append(finding.severity.value, style=_STYLES[finding.severity])
        text.append(f" [{finding.check}]", style="magenta")
        text.append(f" {finding.message}")
        for claim_line in _claim_lines(finding)[1:]:
            text.append("\n")
            text.append(claim_line, style="dim")
        lines += max(len(finding.claims), 1)
        if lines >= _LINES_PER_PRINT:
            console.print(text)
            text, lines = Text(), 0
    if lines:
        console.print(text)
    print_summary(report, console)


def print_summary(report: Report, console: Console) -> None:
    """Print only the per-story table and the one-line verdict (``--quiet``)."""
    table, omitted = _summary_table(report)
    console.print(table)
    if omitted:
        console.print(Text(omitted, style="dim"))
    console.print(Text(_headline(report), style=_headline_style(report)))


def _headline(report: Report) -> str:
    """Return the one-line verdict printed last."""
    counts = report.counts()
    checked = sum(1 for d in report.documents if d.status is Status.CHECKED)
    skipped = len(report.documents) - checked
    suppressed = sum(1 for f in report.findings if f.suppressed)
    parts = [severity_count(counts[s.value], s) for s in SEVERITIES]
    tail = f" ({suppressed} suppressed)" if suppressed else ""
    return (
        f"{', '.join(parts)}{tail} in {checked} checked document{'' if checked == 1 else 's'}"
        f"{f', {skipped} skipped' if skipped else ''}; {report.claim_total()} claims, {len(report.facts)} facts"
    )


def _headline_style(report: Report) -> str:
    """Return the headline's style: the colour of the worst active severity."""
    counts = report.counts()
    for severity in SEVERITIES:
        if counts[severity.value]:
            return _STYLES[severity]
    return "bold green"


def _summary_table(report: Report, max_rows: int = MAX_STORY_ROWS) -> tuple[Table, str]:
    """Return the per-story summary table and a note on the stories left out of it.

    Up to ``max_rows`` stories the table lists every story by name.  Beyond
    that it lists the stories with the most serious findings first and
    leaves the rest to the written report, so an archive of thousands of
    stories does not scroll the findings away.
    """
    table = Table(title=None, show_edge=False, box=None, pad_edge=False, header_style="bold")
    for column in ("story", "languages", "documents", "claims", "errors", "warnings", "info"):
        table.add_column(column, justify="left" if column in ("story", "languages") else "right")
    per_document = report.claims_per_document()
    # One pass over documents and findings, grouped by story (not one scan per story).
    documents: dict[str, list[Document]] = {}
    for doc in report.documents:
        documents.setdefault(doc.story or "", []).append(doc)
    counts: dict[str, dict[Severity, int]] = {story: dict.fromkeys(SEVERITIES, 0) for story in documents}
    for finding in report.active_findings():
        tally = counts.get(finding.story or "")
        if tally is not None:  # as before: a row per story of the documents
            tally[finding.severity] += 1
    stories = sorted(counts)
    omitted = ""
    if len(stories) > max_rows:
        stories.sort(key=lambda story: tuple(-counts[story][s] for s in SEVERITIES))
        shown, rest = stories[:max_rows], stories[max_rows:]
        with_findings = sum(1 for story in rest if any(counts[story].values()))
        stories = shown
        omitted = (f"… {len(rest)} more stories ({with_findings} with findings); see the report" if with_findings
                   else f"… {len(rest)} more stories without findings; see the report")
    for story in stories:
        docs = documents.get(story, [])
        langs = sorted({d.lang for d in docs if d.lang})
        table.add_row(
            escape(story or "(no story)"),
            ", ".join(langs) or "—",
            str(len(docs)),
            str(sum(per_document.get(d.path, 0) for d in docs)),
            *(str(counts[story][s]) for s in SEVERITIES),
        )
    return table, omitted


def render(report: Report) -> str:
    """Return the plain-text terminal output (no colour), e.g. for a log file.

    Args:
        report: The run's report.

    Returns:
        The same lines :func:`print_report` prints, without styling.
    """
    import io

    buffer = io.StringIO()
    console = Console(file=buffer, no_color=True, color_system=None, highlight=False, soft_wrap=True, width=120)
    print_report(report, console)
    return buffer.getvalue()
