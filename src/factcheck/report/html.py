"""The HTML review report: one self-contained ``index.html`` an editor decides from.

Inline CSS and JavaScript, no external resource (a Content-Security-Policy
forbids any network access and allows only the report's own script, by hash).
Everything from the articles goes through Jinja2 autoescaping; nothing from an
article is ever marked safe.  This module arranges the Report into rows and
cells for the template; it computes no finding.
"""

from __future__ import annotations

import base64
import hashlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from markupsafe import Markup

from factcheck.model import Claim, Document, Fact, Finding, Report, Severity, Status
from factcheck.report._util import (
    SEVERITIES,
    finding_fingerprint,
    finding_kind,
    first_doc_line,
    format_claim_value,
    format_plain,
    format_value,
    language_label,
    severity_count,
)

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "FILENAME", "NAME", "render", "screenshot"]

NAME = "html"
FILENAME = "index.html"

_TEMPLATES = Path(__file__).with_name("templates")
# Debian's Chromium, driven headless; playwright must never download a browser.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)


@dataclass
class ClaimView:
    """A cited claim, split around its number for highlighting."""

    claim: Claim
    before: str
    quote: str
    after: str
    value: str
    stated: str
    language: str
    primary: bool
    in_sentence: bool
    relative: str


@dataclass
class FindingView:
    """A finding with everything its card shows."""

    finding: Finding
    anchor: str
    location: str
    languages: list[str]
    claims: list[ClaimView]
    doc: str
    doc_summary: str
    fingerprint: str
    expected: str
    observed: str
    suppressed_by: str


@dataclass
class Cell:
    """One cell of a fact table: the claims one article makes about one fact."""

    claims: list[Claim] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    relatives: list[str] = field(default_factory=list)
    # per claim: "dissent" (a finding is reported on it), "cited" or ""
    marks: list[str] = field(default_factory=list)
    state: str = "empty"  # empty, single, agree, cited, dissent


@dataclass
class FactRow:
    """One row of a story's fact table."""

    id: str
    label: str
    consensus: str
    cells: list[Cell]
    findings: list[str]


@dataclass
class StoryView:
    """A story: its articles (the table's columns) and its facts (the rows)."""

    id: str
    documents: list[Document]
    skipped: list[Document]
    rows: list[FactRow]
    languages: list[str]
    counts: dict[str, int]


def _split_sentence(claim: Claim) -> tuple[str, str, str, bool]:
    """Return (before, number, after) of the claim's sentence and whether the quote was found.

    The claim's offset inside its sentence is ``start - sentence_start``;
    when the sentence was normalized and the offset no longer points at the
    quote, the first occurrence is used, and failing that the quote stands alone.
    """
    sentence = claim.sentence or ""
    offset = claim.start - claim.sentence_start
    if 0 <= offset and sentence[offset : offset + len(claim.quote)] == claim.quote and claim.quote:
        return sentence[:offset], claim.quote, sentence[offset + len(claim.quote) :], True
    found = sentence.find(claim.quote) if claim.quote else -1
    if found >= 0:
        return sentence[:found], claim.quote, sentence[found + len(claim.quote) :], True
    return "", claim.quote, "", False


def _relative_text(claim: Claim) -> str:
    """Return how a relative time was resolved, e.g. ``12年前 → 2012 (from 2024-03-12)``."""
    relative = claim.relative
    if relative is None:
        return ""
    if relative.resolved is None:
        return f"{relative.expression}: no anchor date, left unresolved"
    anchor = f" (counted from {relative.anchor})" if relative.anchor else ""
    return f"{relative.expression} → {relative.resolved}{anchor}"


def _claim_view(claim: Claim, primary: bool) -> ClaimView:
    """Return the card data of one cited claim."""
    before, quote, after, found = _split_sentence(claim)
    stated = format_claim_value(claim, canonical=False)
    return ClaimView(
        claim=claim,
        before=before,
        quote=quote,
        after=after,
        value=format_claim_value(claim),
        stated=stated,
        language=language_label(claim.lang),
        primary=primary,
        in_sentence=found,
        relative=_relative_text(claim),
    )


def _finding_view(finding: Finding, index: int, docs: dict[str, str], documents: dict[str, Document]) -> FindingView:
    """Return the card data of one finding."""
    path, line, column = finding.location
    location = f"{path}:{line}:{column}" if line else path
    claims = [_claim_view(claim, position == 0) for position, claim in enumerate(finding.claims)]
    languages = sorted({c.lang for c in finding.claims if c.lang})
    doc = docs.get(finding.check, "")
    return FindingView(
        finding=finding,
        anchor=finding.id or f"finding-{index}",
        location=location,
        languages=languages,
        claims=claims,
        doc=doc.strip(),
        doc_summary=first_doc_line(doc) if doc else "",
        fingerprint=finding_fingerprint(finding),
        expected=format_plain(finding.expected, finding_kind(finding)),
        observed=format_plain(finding.observed, finding_kind(finding)),
        suppressed_by=_suppressed_by(finding, documents),
    )


def _suppressed_by(finding: Finding, documents: dict[str, Document]) -> str:
    """Return why a suppressed finding is suppressed, as far as the report can tell."""
    from factcheck.baseline import inline_suppressed

    if not finding.suppressed:
        return ""
    if inline_suppressed(finding, documents):
        return "an inline factcheck-ignore comment in the article"
    return "the baseline or factcheck-ignore.yaml"


def _story_views(report: Report) -> list[StoryView]:
    """Return one view per story with its fact table."""
    active = list(report.active_findings())
    # Cells are marked from the findings: the first claim a finding cites is
    # where it is reported (the dissenting figure), the others are its counterparts.
    dissent = {c.id for f in active if f.fact for c in f.claims[:1]}
    cited = {c.id for f in active if f.fact for c in f.claims[1:]}
    documents_of: dict[str, list[Document]] = {}
    for document in report.documents:
        if document.story:
            documents_of.setdefault(document.story, []).append(document)
    facts_of: dict[str, list[Fact]] = {}
    for fact in report.facts:
        facts_of.setdefault(fact.story, []).append(fact)
    findings_of: dict[str, list[Finding]] = {}
    for finding in active:
        findings_of.setdefault(finding.story or "", []).append(finding)
    views = []
    for story in sorted(set(documents_of) | set(facts_of)):
        documents = sorted(
            (d for d in documents_of.get(story, []) if d.status is Status.CHECKED),
            key=lambda d: (not d.source, d.lang or "", d.path),
        )
        skipped = [d for d in documents_of.get(story, []) if d.status is not Status.CHECKED]
        story_findings = findings_of.get(story, [])
        finding_ids: dict[str, list[str]] = {}
        for finding in story_findings:
            if finding.fact and finding.id:
                finding_ids.setdefault(finding.fact, []).append(finding.id)
        rows = [_fact_row(fact, documents, dissent, cited, finding_ids.get(fact.id, [])) for fact in facts_of.get(story, [])]
        views.append(
            StoryView(
                id=story,
                documents=documents,
                skipped=skipped,
                rows=rows,
                languages=sorted({d.lang for d in documents if d.lang}),
                counts={s.value: sum(1 for f in story_findings if f.severity is s) for s in SEVERITIES},
            )
        )
    return views


def _fact_row(fact: Fact, documents: list[Document], dissent: set[str], cited: set[str], findings: list[str]) -> FactRow:
    """Return one fact-table row: a cell per article, marked from the findings that cite it."""
    by_path: dict[str, list[Claim]] = {}
    for claim in fact.claims:
        by_path.setdefault(claim.path, []).append(claim)
    # A figure only one article states agrees with nothing: it gets no tick.
    compared = len(by_path) > 1
    cells = []
    for document in documents:
        claims = by_path.get(document.path, [])
        cell = Cell(
            claims=claims,
            values=[format_claim_value(c) for c in claims],
            relatives=[_relative_text(c) for c in claims],
            marks=["dissent" if c.id in dissent else "cited" if c.id in cited else "" for c in claims],
        )
        if not claims:
            cell.state = "empty"
        elif any(c.id in dissent for c in claims):
            cell.state = "dissent"
        elif any(c.id in cited for c in claims):
            cell.state = "cited"
        else:
            cell.state = "agree" if compared else "single"
        cells.append(cell)
    unit = next((c.canonical_unit for c in fact.claims if c.canonical_unit), None)
    kind = fact.claims[0].kind if fact.claims else None
    return FactRow(
        id=fact.id,
        label=fact.label or fact.id,
        consensus=format_value(fact.consensus, unit, kind) if fact.consensus is not None else "—",
        cells=cells,
        findings=findings,
    )


@cache
def _asset(name: str) -> str:
    """Return a static asset (CSS or JavaScript) shipped beside the templates."""
    return (_TEMPLATES / name).read_text(encoding="utf-8")


def _csp_hash(script: str) -> str:
    """Return the CSP source expression that allows exactly ``script``."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@cache
def _environment() -> Any:
    """Return the Jinja2 environment: autoescaping on, undefined names fail."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def context(report: Report) -> dict[str, Any]:
    """Return the template context for ``report``; exposed for tests."""
    active = list(report.active_findings())
    by_path = {d.path: d for d in report.documents}
    findings = [_finding_view(f, i, dict(report.check_docs), by_path) for i, f in enumerate(report.findings, 1)]
    checked = [d for d in report.documents if d.status is Status.CHECKED]
    skipped = [d for d in report.documents if d.status is not Status.CHECKED]
    checks = sorted({f.check for f in report.findings})
    matrix = {check: {s.value: sum(1 for f in active if f.check == check and f.severity is s) for s in SEVERITIES}
              for check in checks}  # fmt: skip
    languages = Counter(d.lang or "?" for d in checked)
    per_document = report.claims_per_document()
    claims_of: dict[str, list[Claim]] = {}
    for claim in report.claims:
        claims_of.setdefault(claim.path, []).append(claim)
    cited_by: dict[str, list[str]] = {}
    for finding in active:
        for claim in finding.claims:
            cited_by.setdefault(claim.id, []).append(finding.id)
    script = _asset("report.js")
    return {
        "report": report,
        "counts": report.counts(),
        "severities": [s.value for s in SEVERITIES],
        "findings": findings,
        "active_total": len(active),
        "suppressed_total": sum(1 for f in report.findings if f.suppressed),
        "stories": _story_views(report),
        "documents": sorted(report.documents, key=lambda d: (d.story or "\uffff", d.lang or "", d.path)),
        "checked_total": len(checked),
        "skipped": skipped,
        "languages": sorted(languages.items()),
        "language_label": language_label,
        "severity_count": lambda count, severity: severity_count(count, Severity(severity)),
        "checks": checks,
        "matrix": matrix,
        "check_summaries": {check: first_doc_line(report.check_docs.get(check, "")) for check in checks},
        # Full documentation once per check; a finding's <details> pulls it in when opened.
        "check_docs": [(check, report.check_docs[check].strip()) for check in checks if report.check_docs.get(check)],
        "filter_languages": sorted({lang for f in findings for lang in f.languages}),
        "filter_stories": sorted({f.finding.story for f in findings if f.finding.story}),
        "claims_per_document": per_document,
        "claims_of": {path: sorted(claims, key=lambda c: c.start) for path, claims in claims_of.items()},
        "cited_by": cited_by,
        "format_claim_value": format_claim_value,
        "relative_text": _relative_text,
        "css": Markup(_asset("report.css")),
        "script": Markup(script),
        "script_hash": _csp_hash(script),
    }


def render(report: Report) -> str:
    """Return ``index.html`` for ``report``.

    Args:
        report: The run's report.

    Returns:
        A self-contained HTML document (inline CSS and JavaScript, no network).
    """
    return str(_environment().get_template("report.html.j2").render(**context(report)))


def screenshot(
    html_path: str | Path, png_path: str | Path, width: int = 1280, height: int = 900, full_page: bool = True
) -> Path:
    """Write a PNG of an HTML report, e.g. for the README.

    Needs playwright (a test dependency) and Debian's Chromium at
    :data:`CHROMIUM`; nothing is downloaded.

    Args:
        html_path: The rendered ``index.html``.
        png_path: Where to write the screenshot.
        width: Viewport width in CSS pixels (390 shows the phone layout).
        height: Viewport height in CSS pixels.
        full_page: The whole page; False keeps to the first viewport (a README banner).

    Returns:
        The path written.
    """
    from playwright.sync_api import sync_playwright

    target = Path(png_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(Path(html_path).resolve().as_uri())
            page.wait_for_load_state("load")
            page.screenshot(path=str(target), full_page=full_page)
        finally:
            browser.close()
    return target
