"""The claims table: pandera contract, one claims-schema finding per bad row, speed at 100k rows."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import pandas as pd
import pytest

from factcheck.model import Claim, Kind, Severity
from factcheck.table import ClaimsSchema, claims_frame, to_frame, validate_claims

TEXT = "---\nlang: it\n---\nInvestiti 100 milioni di yuan nel 2008 su 3 mu, il 27% in cinque anni; 400 fabbriche.\n"


def at(quote: str, kind: Kind, value: float | None, unit: str | None, **extra: Any) -> Claim:
    """A claim whose span is where ``quote`` first occurs in TEXT."""
    start = TEXT.index(quote)
    fields: dict[str, Any] = {"line": 4, "column": 1, "id": f"c{start}"}
    fields.update(extra)
    return Claim(path="a.md", start=start, end=start + len(quote), quote=quote, kind=kind, lang="it",
                 value=value, unit=unit, **fields)


def good_claims() -> list[Claim]:
    """One valid claim of every kind the sample text holds."""
    return [
        at("100 milioni di yuan", Kind.MONEY, 1e8, "CNY", canonical_value=1.3e7, canonical_unit="EUR"),
        at("2008", Kind.YEAR, 2008.0, None, canonical_value=2008, canonical_unit="year"),
        at("3 mu", Kind.QUANTITY, 3.0, "mu"),
        at("27%", Kind.PERCENT, 27.0, "percent"),
        at("cinque anni", Kind.DURATION, 5.0, "year"),
        at("400 fabbriche", Kind.COUNT, 400.0, "factory"),
    ]


def test_valid_claims_pass() -> None:
    """Valid claims of every kind give a frame with a row each and no finding."""
    claims = good_claims()
    frame, findings = claims_frame(claims, {"a.md": TEXT})
    assert findings == []
    assert list(frame["id"]) == [c.id for c in claims]
    assert list(frame["kind"]) == ["money", "year", "quantity", "percent", "duration", "count"]
    ClaimsSchema.validate(frame)


@pytest.mark.parametrize(("bad", "reason"), [
    (lambda c: replace(c, kind="currency"), "kind must be one of"),
    (lambda c: replace(c, unit="yuan"), "ISO 4217"),
    (lambda c: replace(c, unit="cny"), "ISO 4217"),
    (lambda c: replace(c, kind=Kind.QUANTITY, unit="zorkmid"), "unit pint knows"),
    (lambda c: replace(c, kind=Kind.PERCENT, unit="per_mille_thing"), "'percent'"),
    (lambda c: replace(c, kind=Kind.DURATION, unit="mu"), "unit of time"),
    (lambda c: replace(c, quote="100 milioni di euro"), "not the quote"),
    (lambda c: replace(c, start=c.start + 1, end=c.end + 1), "not the quote"),
    (lambda c: replace(c, end=c.start), "start must be before end"),
    (lambda c: replace(c, line=0), "line must be 1 or more"),
    (lambda c: replace(c, kind=Kind.YEAR, unit=None, value=20080.0, canonical_value=None), "1000..2200"),
    (lambda c: replace(c, kind=Kind.YEAR, unit=None, value=208.0, canonical_value=None), "1000..2200"),
    (lambda c: replace(c, kind=Kind.DATE, unit=None, value=None, parts=(2999, 1, 1)), "1000..2200"),
])
def test_each_rule_rejects_a_bad_row(bad: Any, reason: str) -> None:
    """A row breaking one rule becomes a claims-schema warning citing it; the other rows stay."""
    claims = good_claims()
    broken = bad(claims[0])
    claims[0] = broken
    frame, findings = claims_frame(claims, {"a.md": TEXT})
    [finding] = findings
    assert finding.check == "claims-schema" and finding.severity is Severity.WARNING
    assert finding.claims == (broken,)
    assert reason in finding.message
    assert broken.id not in set(frame["id"])
    assert len(frame) == len(claims) - 1


def test_every_broken_rule_is_named_once() -> None:
    """A row breaking several rules gets one finding naming each of them."""
    claims = good_claims()
    claims[2] = replace(claims[2], unit="zorkmid", line=0, quote="3 ettari")
    _frame, [finding] = claims_frame(claims, {"a.md": TEXT})
    for reason in ("unit pint knows", "line must be 1 or more", "not the quote"):
        assert finding.message.count(reason) == 1
    assert "text[" in finding.explanation


def test_quote_is_unchecked_without_the_document_text() -> None:
    """Claims of a document whose text is not given cannot be checked against it and pass."""
    claims = [replace(c, path="elsewhere.md") for c in good_claims()]
    frame, findings = claims_frame(claims, {})
    assert findings == [] and len(frame) == len(claims)


def test_frame_carries_canonical_figures_and_texts() -> None:
    """Numeric canonical values and ISO dates land in separate typed columns."""
    claims = [*good_claims(), at("2008", Kind.DATE, None, None, parts=(2008, 4, 7), canonical_value="2008-04-07")]
    frame = to_frame(claims, {"a.md": TEXT})
    assert frame["canonical_value"].dtype == "float64"
    assert frame.loc[0, "canonical_value"] == pytest.approx(1.3e7)
    assert frame.loc[len(claims) - 1, "canonical_text"] == "2008-04-07"
    assert frame.loc[len(claims) - 1, "year"] == 2008


def test_hundred_thousand_rows_validate_in_seconds() -> None:
    """Building and validating a 100k-row table stays within a CI budget (about 0.5 s measured)."""
    base = good_claims()
    claims = [replace(base[i % len(base)], id=f"c{i}") for i in range(100_000)]
    began = time.perf_counter()
    frame, findings = claims_frame(claims, {"a.md": TEXT})
    elapsed = time.perf_counter() - began
    assert findings == [] and len(frame) == 100_000
    assert elapsed < 5.0, f"100k rows took {elapsed:.2f} s"


def test_bad_rows_in_a_large_table_are_all_reported() -> None:
    """Thousands of bad rows among good ones each get their own finding."""
    base = good_claims()
    claims = [replace(base[i % len(base)], id=f"c{i}", line=0 if i % 10 == 0 else 4) for i in range(20_000)]
    frame, findings = claims_frame(claims, {"a.md": TEXT})
    assert len(findings) == 2_000
    assert len(frame) == 18_000
    assert {f.claims[0].id for f in findings} == {f"c{i}" for i in range(0, 20_000, 10)}


def test_an_empty_run_gives_an_empty_table() -> None:
    """No claims give an empty frame and no finding."""
    frame, findings = claims_frame([], {})
    assert findings == [] and isinstance(frame, pd.DataFrame) and frame.empty


def test_chunked_validation_reports_what_the_whole_table_does() -> None:
    """validate_claims over small chunks gives the same findings, in the same order, as one claims_frame."""
    base = good_claims()
    claims = [replace(base[i % len(base)], id=f"c{i}", line=0 if i % 4 == 1 else 4) for i in range(23)]
    claims[6] = replace(claims[6], unit="yuan")
    _frame, whole = claims_frame(claims, {"a.md": TEXT})
    chunked = validate_claims(claims, {"a.md": TEXT}, chunk_rows=5)
    assert [f.claims[0].id for f in whole] == [f.claims[0].id for f in chunked]
    assert [f.message for f in whole] == [f.message for f in chunked]
    assert len(chunked) == 7 and chunked[0].claims == (claims[1],)


def test_chunked_validation_reports_a_table_problem_once() -> None:
    """A problem of the table itself, met in every chunk, is one finding."""
    claims = [object() for _ in range(6)]
    findings = validate_claims(claims, {}, chunk_rows=2)  # type: ignore[arg-type]
    assert len(findings) == 1 and findings[0].message.startswith("claims table: cannot build")
