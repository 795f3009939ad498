"""The contracts between pipeline stages: Document, Claim, Fact, Finding, Report.

Every stage takes and returns these frozen objects (``dataclasses.replace`` to
derive a new one).  Their JSON shape is the one in DESIGN.md; ``to_dict`` is
the single serializer every machine-readable formatter uses.
"""

from __future__ import annotations

import datetime as dt
import enum
import operator
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeAlias

__all__ = [
    "SEVERITY_ORDER",
    "Bound",
    "Claim",
    "Document",
    "Fact",
    "Finding",
    "Kind",
    "Relative",
    "Report",
    "Severity",
    "Span",
    "Status",
    "column_of",
    "line_of",
]


class Kind(str, enum.Enum):
    """What a number measures."""

    MONEY = "money"
    QUANTITY = "quantity"
    COUNT = "count"
    PERCENT = "percent"
    YEAR = "year"
    DATE = "date"
    DURATION = "duration"


class Severity(str, enum.Enum):
    """How serious a finding is; ordered info < warning < error."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return SEVERITY_ORDER[self]


SEVERITY_ORDER: dict[Severity, int] = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Status(str, enum.Enum):
    """Whether a document took part in the run."""

    CHECKED = "checked"
    SKIPPED = "skipped"


# "eq", "gt", "lt", or an inclusive (low, high) range in the stated unit.
Bound: TypeAlias = "str | tuple[float, float]"
Span: TypeAlias = "tuple[int, int]"


@dataclass(frozen=True, slots=True)
class Relative:
    """A relative time expression and how it was resolved.

    ``amount`` is signed: ``12年前`` is ``unit="year", amount=-12``; ``ieri`` is
    ``unit="day", amount=-1``.  ``anchor`` is the publication date used and
    ``resolved`` the ISO date or year it points at (None when no anchor).
    """

    expression: str
    unit: str  # year, month, week, day
    amount: int
    anchor: str | None = None
    resolved: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "expression": self.expression,
            "unit": self.unit,
            "amount": self.amount,
            "anchor": self.anchor,
            "resolved": self.resolved,
        }


@dataclass(frozen=True, slots=True)
class Document:
    """One input file, decoded, with its metadata and where each came from."""

    path: str
    text: str = ""
    lang: str | None = None
    published: dt.date | None = None
    title: str | None = None
    story: str | None = None
    source: bool = False
    encoding: str | None = None
    status: Status = Status.CHECKED
    reason: str | None = None
    # where lang / published came from: front-matter, manifest, detected, dateline, unknown
    lang_origin: str = "unknown"
    published_origin: str = "unknown"
    # offset where the article body starts (after front matter)
    body_start: int = 0
    # spans of text that are not the story: page boilerplate, footers, other headlines
    boilerplate: tuple[Span, ...] = ()
    # spans whose numbers are not claims at all: code blocks, link targets, markup
    masked: tuple[Span, ...] = ()
    # spans covered by an inline ``factcheck-ignore`` comment: (start, end, checks)
    suppressed: tuple[tuple[int, int, tuple[str, ...]], ...] = ()
    warnings: tuple[str, ...] = ()
    sha256: str | None = None

    def in_boilerplate(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.boilerplate)

    def to_dict(self, claims: int = 0) -> dict[str, Any]:
        return {
            "path": self.path,
            "lang": self.lang,
            "published": self.published.isoformat() if self.published else None,
            "published_origin": self.published_origin,
            "lang_origin": self.lang_origin,
            "title": self.title,
            "story": self.story,
            "source": self.source,
            "encoding": self.encoding,
            "status": self.status.value,
            "reason": self.reason,
            "warnings": list(self.warnings),
            "claims": claims,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """A number stated in an article, with what it measures.

    Offsets are Python ``str`` indices into the decoded text of the whole file,
    front matter included, so ``text[start:end] == quote`` always holds.
    """

    path: str
    start: int
    end: int
    quote: str
    kind: Kind
    lang: str
    value: float | None = None
    unit: str | None = None
    id: str = ""
    line: int = 0
    column: int = 0
    canonical_value: float | str | None = None
    canonical_unit: str | None = None
    approx: bool = False
    bound: Bound = "eq"
    relative: Relative | None = None
    # relative precision of the stated figure: half a unit of its last stated digit
    precision: float = 0.0
    fact: str | None = None
    story: str | None = None
    sentence: str = ""
    # sentence span, to find claims stated together ("X yuan (about Y dollars)")
    sentence_start: int = 0
    # what the number counts or measures, e.g. "factory", "investment", "launch"
    concept: str | None = None
    # qualifiers that split facts: {"scope": "...", "period": "...", "target": "..."}
    qualifiers: tuple[tuple[str, str], ...] = ()
    boilerplate: bool = False
    # the explanation of normalization: FX rate and date, unit conversion, resolution
    note: str | None = None
    rate_date: str | None = None
    # calendar parts a date or year states: (year, month, day), None where not stated
    parts: tuple[int | None, int | None, int | None] | None = None
    # an event class for years and dates (launch, founded, deadline...), set by extraction or facts
    event: str | None = None

    @property
    def qualifier_map(self) -> dict[str, str]:
        return dict(self.qualifiers)

    def __reduce__(self) -> tuple[Callable[..., Claim], tuple[Any, ...]]:
        # Claims cross process boundaries by the hundred thousand (extraction workers): positional
        # fields rebuild faster than the dataclass's per-field __setstate__, and _unpickle_claim
        # shares the repeated texts.
        return (_unpickle_claim, _claim_fields(self))

    def to_dict(self) -> dict[str, Any]:
        bound: Any = list(self.bound) if isinstance(self.bound, tuple) else self.bound
        return {
            "id": self.id,
            "path": self.path,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "quote": self.quote,
            "lang": self.lang,
            "kind": self.kind.value,
            "value": self.value,
            "unit": self.unit,
            "canonical_value": self.canonical_value,
            "canonical_unit": self.canonical_unit,
            "approx": self.approx,
            "bound": bound,
            "relative": self.relative.to_dict() if self.relative else None,
            "precision": self.precision,
            "fact": self.fact,
            "story": self.story,
            "concept": self.concept,
            "qualifiers": dict(self.qualifiers),
            "boilerplate": self.boilerplate,
            "sentence": self.sentence,
            "note": self.note,
            "rate_date": self.rate_date,
            "parts": list(self.parts) if self.parts else None,
            "event": self.event,
        }


_claim_fields = operator.attrgetter(*(name for name in Claim.__dataclass_fields__))


def _unpickle_claim(*values: Any) -> Claim:
    """Rebuild a pickled claim, interning its quote and sentence.

    A run holds the same quote ("2024", "30%") and the sentence of several
    claims many times over; interned, each distinct text is stored once per
    process however many claims (and derived copies of them) cite it.
    """
    claim = Claim(*values)
    if claim.quote.__class__ is str:
        object.__setattr__(claim, "quote", sys.intern(claim.quote))
    if claim.sentence.__class__ is str:
        object.__setattr__(claim, "sentence", sys.intern(claim.sentence))
    return claim


@dataclass(frozen=True, slots=True)
class Fact:
    """Claims across the articles of one story that state the same thing."""

    id: str
    story: str
    claims: tuple[Claim, ...]
    consensus: float | str | None = None
    label: str = ""
    # the ids of the claims, when a run keeps only the claims findings cite (``claims`` is then empty)
    claim_ids: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "story": self.story,
            "label": self.label,
            "claims": list(self.claim_ids) if self.claim_ids else [c.id for c in self.claims],
            "consensus": self.consensus,
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem a check (or the engine) found, citing every claim it is about."""

    check: str
    severity: Severity
    message: str
    claims: tuple[Claim, ...] = ()
    rule: str = ""
    id: str = ""
    fact: str | None = None
    expected: Any = None
    observed: Any = None
    explanation: str = ""
    # the primary location; defaults to the first cited claim
    path: str | None = None
    line: int = 0
    column: int = 0
    story: str | None = None
    fingerprint: str = ""
    suppressed: bool = False

    @property
    def location(self) -> tuple[str, int, int]:
        if self.path is not None:
            return (self.path, self.line, self.column)
        if self.claims:
            first = self.claims[0]
            return (first.path, first.line, first.column)
        return ("", 0, 0)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        path, line, column = self.location
        return (path, line, column, self.check, self.message)

    def to_dict(self) -> dict[str, Any]:
        path, line, column = self.location
        return {
            "id": self.id,
            "check": self.check,
            "rule": self.rule or self.check,
            "severity": self.severity.value,
            "message": self.message,
            "claims": [c.id for c in self.claims],
            "fact": self.fact,
            "story": self.story,
            "expected": self.expected,
            "observed": self.observed,
            "explanation": self.explanation,
            "path": path,
            "line": line,
            "column": column,
            "fingerprint": self.fingerprint,
            "suppressed": self.suppressed,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a formatter needs; formatters present it and decide nothing."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...]
    facts: tuple[Fact, ...]
    findings: tuple[Finding, ...]
    tool_version: str = "0"
    started: str = ""
    as_of: str = ""
    rules: tuple[str, ...] = ()
    suite: str | None = None
    # check id -> documentation (first docstring paragraph), for help texts
    check_docs: Mapping[str, str] = field(default_factory=dict)
    # "all" or "cited": which claims report.json carries
    claims_mode: str = "all"
    # claims per document path, when ``claims`` holds only the claims findings cite
    claim_counts: Mapping[str, int] | None = None

    def active_findings(self) -> Iterator[Finding]:
        return (f for f in self.findings if not f.suppressed)

    def counts(self) -> dict[str, int]:
        counts = {s.value: 0 for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)}
        for finding in self.active_findings():
            counts[finding.severity.value] += 1
        return counts

    def claim_total(self) -> int:
        """Return how many claims the run extracted (held or not)."""
        if self.claim_counts is not None:
            return sum(self.claim_counts.values())
        return len(self.claims)

    def claims_per_document(self) -> dict[str, int]:
        if self.claim_counts is not None:
            return dict(self.claim_counts)
        counts: dict[str, int] = {}
        for claim in self.claims:
            counts[claim.path] = counts.get(claim.path, 0) + 1
        return counts

    def to_dict(self, lazy: bool = False) -> dict[str, Any]:
        """Return the report as report.json holds it.

        With ``lazy``, the lists of documents, claims, facts and findings are
        iterators that build each entry when asked: a writer streaming an
        archive's report holds one entry at a time, not all of them.
        """
        per_doc = self.claims_per_document()
        if self.claims_mode == "cited":
            cited = {c.id for f in self.findings for c in f.claims}
            claims: Sequence[Claim] = [c for c in self.claims if c.id in cited]
        else:
            claims = self.claims
        entries: Callable[[Iterator[Any]], Any] = iter if lazy else list
        return {
            "schema_version": 1,
            "tool": {"name": "factcheck", "version": self.tool_version},
            "run": {"started": self.started, "rules": list(self.rules), "as_of": self.as_of, "suite": self.suite},
            "documents": entries(d.to_dict(per_doc.get(d.path, 0)) for d in self.documents),
            "claims": entries(c.to_dict() for c in claims),
            "facts": entries(f.to_dict() for f in self.facts),
            "findings": entries(f.to_dict() for f in self.findings),
            "summary": {
                "documents": len(self.documents),
                "checked": sum(1 for d in self.documents if d.status is Status.CHECKED),
                "skipped": sum(1 for d in self.documents if d.status is Status.SKIPPED),
                "claims": self.claim_total(),
                "facts": len(self.facts),
                "findings": self.counts(),
                "suppressed": sum(1 for f in self.findings if f.suppressed),
            },
        }


def line_of(text: str, offset: int) -> int:
    """Return the 1-based line number of ``offset`` in ``text``."""
    return text.count("\n", 0, offset) + 1


def column_of(text: str, offset: int) -> int:
    """Return the 1-based column of ``offset`` in ``text``."""
    return offset - (text.rfind("\n", 0, offset) + 1) + 1


# Stage signatures, named once so every module agrees on them.
CheckFunction: TypeAlias = Callable[["Sequence[Fact]", "Mapping[str, Any]"], "Iterator[Finding]"]
