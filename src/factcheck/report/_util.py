"""Helpers the formatters share: lookups, positions and value display.

They only present what the Report holds; no formatter decides anything.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from factcheck.baseline import fingerprint
from factcheck.model import Claim, Document, Finding, Kind, Report, Severity

__all__ = [
    "LANGUAGE_NAMES",
    "SEVERITIES",
    "claim_end",
    "claims_by_id",
    "documents_by_path",
    "finding_fingerprint",
    "finding_kind",
    "first_doc_line",
    "format_claim_value",
    "format_number",
    "format_plain",
    "format_value",
    "language_label",
    "severity_count",
    "utf8_column",
]

# Most severe first, the order every summary lists them in.
SEVERITIES: tuple[Severity, ...] = (Severity.ERROR, Severity.WARNING, Severity.INFO)

# Endonyms, so an editor sees the language as its readers write it.
LANGUAGE_NAMES: Mapping[str, str] = {
    "ar": "العربية",
    "de": "Deutsch",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "hi": "हिन्दी",
    "it": "Italiano",
    "ja": "日本語",
    "ko": "한국어",
    "nl": "Nederlands",
    "pl": "Polski",
    "pt": "Português",
    "ru": "Русский",
    "tr": "Türkçe",
    "uk": "Українська",
    "vi": "Tiếng Việt",
    "zh": "中文",
}

_SCALES: tuple[tuple[float, str], ...] = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def claims_by_id(report: Report) -> dict[str, Claim]:
    """Return every claim the report knows, cited ones included, by id."""
    index = {c.id: c for c in report.claims}
    for finding in report.findings:
        for claim in finding.claims:
            index.setdefault(claim.id, claim)
    for fact in report.facts:
        for claim in fact.claims:
            index.setdefault(claim.id, claim)
    return index


def documents_by_path(report: Report) -> dict[str, Document]:
    """Return the report's documents keyed by path."""
    return {d.path: d for d in report.documents}


def finding_fingerprint(finding: Finding) -> str:
    """Return the finding's fingerprint, computing it when the engine left it empty."""
    return finding.fingerprint or fingerprint(finding)


def claim_end(claim: Claim) -> tuple[int, int]:
    """Return the 1-based (line, column) just after the claim's last character.

    SARIF and reviewdog take an exclusive end column; a quote that spans a
    line break ends on a later line.
    """
    start_line = max(claim.line, 1)
    start_column = max(claim.column, 1)
    if "\n" not in claim.quote:
        return start_line, start_column + len(claim.quote)
    head, _, tail = claim.quote.rpartition("\n")
    return start_line + head.count("\n") + 1, len(tail) + 1


def utf8_column(document: Document | None, offset: int, fallback: int) -> int:
    """Return the 1-based UTF-8 byte column of ``offset`` in the document's text.

    reviewdog counts columns in bytes; without the document text the
    character column is the best available answer.
    """
    if document is None or not document.text or offset > len(document.text):
        return max(fallback, 1)
    line_start = document.text.rfind("\n", 0, offset) + 1
    return len(document.text[line_start:offset].encode("utf-8")) + 1


def first_doc_line(text: str) -> str:
    """Return the first paragraph of a check's documentation as one line."""
    paragraph = text.strip().split("\n\n", 1)[0]
    return " ".join(paragraph.split())


def language_label(lang: str | None) -> str:
    """Return ``"zh · 中文"``-style text for a language tag."""
    if not lang:
        return "unknown language"
    name = LANGUAGE_NAMES.get(lang.split("-")[0].lower())
    return f"{lang} · {name}" if name else lang


def format_number(value: float) -> str:
    """Return a readable rendering of ``value``: ``1,200``, ``4.6 billion``, ``0.05``."""
    if math.isnan(value) or math.isinf(value):
        return str(value)
    magnitude = abs(value)
    for scale, word in _SCALES:
        if magnitude >= scale:
            return f"{value / scale:.4g} {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def format_value(value: float | str | None, unit: str | None, kind: Kind | None = None) -> str:
    """Return a value with its unit as an editor reads it.

    Years stay bare (``2012``, not ``2,012``), dates print as given and
    missing values as an em dash.
    """
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    if kind in (Kind.YEAR, Kind.DATE) or unit in ("year", "a"):
        text = str(int(value)) if float(value).is_integer() else str(value)
        return text
    text = format_number(float(value))
    if unit and unit not in ("1", "dimensionless"):
        return f"{text} %" if unit == "percent" else f"{text} {unit}"
    return text


def format_claim_value(claim: Claim, canonical: bool = True) -> str:
    """Return a claim's normalized value with approximation and bound marks.

    ``≈`` marks an approximate figure, ``>``/``<`` a one-sided bound and a
    range prints as ``low–high``.
    """
    if canonical and claim.canonical_value is not None:
        text = format_value(claim.canonical_value, claim.canonical_unit, claim.kind)
    else:
        text = format_value(claim.value, claim.unit, claim.kind)
    if isinstance(claim.bound, tuple):
        low, high = claim.bound
        unit = f" {claim.unit}" if claim.unit else ""
        return f"{format_number(low)}–{format_number(high)}{unit}"
    prefix = {"gt": "> ", "lt": "< "}.get(claim.bound, "")
    if claim.approx:
        prefix = f"≈ {prefix}"
    return f"{prefix}{text}"


def format_plain(value: object, kind: Kind | None = None) -> str:
    """Return an expected/observed value as text: numbers grouped (years not), None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return format_value(float(value), None, kind)
    return str(value)


def finding_kind(finding: Finding) -> Kind | None:
    """Return the kind of the claims a finding cites, to display its expected/observed values."""
    return finding.claims[0].kind if finding.claims else None


def severity_count(count: int, severity: Severity) -> str:
    """Return ``"1 error"``, ``"2 warnings"``, ``"3 info"`` (info is uncountable)."""
    plural = "" if count == 1 or severity is Severity.INFO else "s"
    return f"{count} {severity.value}{plural}"
