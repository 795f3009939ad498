"""The claims table: every claim of a run as one pandas row, validated by a pandera model.

:class:`ClaimsSchema` is the contract of the table (and of ``--claims-table``):
kinds from the closed set, a unit that fits the kind, the quote found at its
offsets in the document text, plausible years, well-formed spans.  Rows that
break it become ``claims-schema`` findings citing the claim; the run goes on
with the valid rows.

The checks are vectorized over the frame; what needs a document or pint is
computed once into helper columns (``source``: the text at the claim's
offsets; ``dimension``: pint's dimension of the unit), so the schema itself
stays static and validating 100k rows takes about a second.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError, SchemaErrors

from factcheck.model import Claim, Finding, Kind, Severity
from factcheck.rules import RuleSet
from factcheck.units import dimension

__all__ = ["CHUNK_ROWS", "KINDS", "YEAR_RANGE", "ClaimsSchema", "claims_frame", "to_frame", "validate_claims",
           "validate_frame"]

KINDS = tuple(k.value for k in Kind)
# Years a news figure can plausibly state; outside this a "year" is a misread number.
YEAR_RANGE = (1000, 2200)
CURRENCY_PATTERN = r"^[A-Z]{3}$"
CHECK = "claims-schema"
# Rows validated at once by validate_claims: bounds the frame's memory on large runs (about 50 MB).
CHUNK_ROWS = 50_000


def span_is_ordered(df: pd.DataFrame) -> pd.Series[bool]:
    """A claim's span is non-empty: start < end."""
    return df["start"] < df["end"]


def quote_matches_text(df: pd.DataFrame) -> pd.Series[bool]:
    """The document text at [start:end] is the quote (unchecked when the text is absent)."""
    return df["source"].isna() | (df["source"] == df["quote"])


def money_unit_is_currency_code(df: pd.DataFrame) -> pd.Series[bool]:
    """Money is stated in an ISO 4217 code."""
    money = df["kind"] == Kind.MONEY.value
    return ~money | df["unit"].fillna("").str.fullmatch(CURRENCY_PATTERN)


def quantity_unit_is_known(df: pd.DataFrame) -> pd.Series[bool]:
    """A quantity's unit is one pint knows (with the packs' definitions)."""
    return (df["kind"] != Kind.QUANTITY.value) | df["dimension"].notna()


def percent_unit_is_percent(df: pd.DataFrame) -> pd.Series[bool]:
    """A percentage is stated in percent."""
    return (df["kind"] != Kind.PERCENT.value) | (df["unit"] == "percent")


def duration_unit_is_time(df: pd.DataFrame) -> pd.Series[bool]:
    """A duration is stated in a unit of time."""
    return (df["kind"] != Kind.DURATION.value) | (df["dimension"] == "time")


def _table_check(function: Any) -> pa.Check:
    """Wrap a row-wise rule of the whole table as a pandera check named after it."""
    return pa.Check(function, name=function.__name__, description=function.__doc__)


def _text(nullable: bool = False, *checks: pa.Check) -> pa.Column:
    return pa.Column(str, checks=list(checks), nullable=nullable)


# The columns of the claims table and the rules every row must keep.  A schema
# object rather than a DataFrameModel: building a model's schema imports
# dask.dataframe (pandera probes index types), a second or two per run.
# Column order is free (strict=False) and the few nullable columns pandas infers
# loosely are coerced.
ClaimsSchema = pa.DataFrameSchema(
    {
        "id": _text(True),
        "path": _text(),
        "start": pa.Column(int, pa.Check.ge(0)),
        "end": pa.Column(int, pa.Check.ge(0)),
        "line": pa.Column(int, pa.Check.ge(1)),
        "column": pa.Column(int),
        "quote": _text(False, pa.Check.str_length(min_value=1)),
        # the document text at [start:end]; null when the document's text was not given
        "source": _text(True),
        "lang": _text(True),
        "kind": _text(False, pa.Check.isin(list(KINDS))),
        "value": pa.Column(float, nullable=True),
        "unit": _text(True),
        # pint's dimension name of the unit (``area``, ``time``...); null when pint does not know it
        "dimension": _text(True),
        "year": pa.Column(float, [pa.Check.ge(YEAR_RANGE[0]), pa.Check.le(YEAR_RANGE[1])], nullable=True),
        "canonical_value": pa.Column(float, nullable=True),
        "canonical_text": _text(True),
        "canonical_unit": _text(True),
        "approx": pa.Column(bool),
        "bound": _text(),
        "precision": pa.Column(float, pa.Check.ge(0), nullable=True),
        "rate_date": _text(True),
        "relative": _text(True),
        "fact": _text(True),
        "story": _text(True),
        "concept": _text(True),
        "note": _text(True),
    },
    checks=[_table_check(f) for f in (span_is_ordered, quote_matches_text, money_unit_is_currency_code,
                                      quantity_unit_is_known, percent_unit_is_percent, duration_unit_is_time)],
    strict=False,
    coerce=True,
    name="ClaimsSchema",
    description="The columns of the claims table and the rules every row must keep.",
)


# What each schema check means, for finding messages.
_REASONS: dict[str, str] = {
    "span_is_ordered": "start must be before end",
    "quote_matches_text": "the text at [start:end] is not the quote",
    "money_unit_is_currency_code": "money needs an ISO 4217 currency code as unit",
    "quantity_unit_is_known": "the quantity's unit is not a unit pint knows",
    "percent_unit_is_percent": "a percentage needs the unit 'percent'",
    "duration_unit_is_time": "a duration needs a unit of time",
}
_COLUMN_REASONS: dict[str, str] = {
    "kind": f"kind must be one of {', '.join(KINDS)}",
    "year": f"a year must lie in {YEAR_RANGE[0]}..{YEAR_RANGE[1]}",
    "line": "line must be 1 or more",
    "start": "start must be 0 or more",
    "end": "end must be 0 or more",
    "quote": "the quote is empty",
    "precision": "precision must be 0 or more",
}


def to_frame(claims: Sequence[Claim], texts: Mapping[str, str],
             ruleset: RuleSet | None = None) -> pd.DataFrame:
    """Build the claims table (unvalidated), one row per claim in the given order."""
    kinds = [_kind(c) for c in claims]
    units = [c.unit if isinstance(c.unit, str) else None for c in claims]
    quantity_units = {u for k, u in zip(kinds, units, strict=True)
                      if k in (Kind.QUANTITY.value, Kind.DURATION.value) and u}
    # One pint lookup per distinct unit, not per row.
    dimensions = {u: dimension(u, ruleset) for u in quantity_units}
    columns: dict[str, list[Any]] = {
        "id": [c.id or None for c in claims],
        "path": [c.path for c in claims],
        "start": [c.start for c in claims],
        "end": [c.end for c in claims],
        "line": [c.line for c in claims],
        "column": [c.column for c in claims],
        "quote": [c.quote for c in claims],
        "source": [_source(texts, c) for c in claims],
        "lang": [c.lang for c in claims],
        "kind": kinds,
        "value": [_number(c.value) for c in claims],
        "unit": units,
        "dimension": [dimensions.get(u) if u and k in (Kind.QUANTITY.value, Kind.DURATION.value) else None
                      for k, u in zip(kinds, units, strict=True)],
        "year": [_year(c, k) for c, k in zip(claims, kinds, strict=True)],
        "canonical_value": [_number(c.canonical_value) for c in claims],
        "canonical_text": [c.canonical_value if isinstance(c.canonical_value, str) else None for c in claims],
        "canonical_unit": [c.canonical_unit for c in claims],
        "approx": [bool(c.approx) for c in claims],
        "bound": [_bound(c.bound) for c in claims],
        "precision": [_number(c.precision) for c in claims],
        "rate_date": [c.rate_date for c in claims],
        "relative": [c.relative.expression if c.relative is not None else None for c in claims],
        "fact": [c.fact for c in claims],
        "story": [c.story for c in claims],
        "concept": [c.concept for c in claims],
        "note": [c.note for c in claims],
    }
    frame = pd.DataFrame(columns)
    for name in ("value", "year", "canonical_value", "precision"):
        frame[name] = frame[name].astype("float64")
    return frame


def validate_frame(frame: pd.DataFrame, claims: Sequence[Claim]) -> tuple[pd.DataFrame, list[Finding]]:
    """Validate a frame built by :func:`to_frame` lazily; return the valid rows and a finding per bad row."""
    try:
        validated = ClaimsSchema.validate(frame, lazy=True)
    except SchemaErrors as errors:
        return _split(frame, claims, errors.failure_cases)
    except SchemaError as error:  # raised instead of SchemaErrors for a few table-wide problems
        return frame.iloc[0:0], [_table_finding(str(error))]
    return validated, []


def claims_frame(claims: Sequence[Claim], texts: Mapping[str, str],
                 ruleset: RuleSet | None = None) -> tuple[pd.DataFrame, list[Finding]]:
    """Build and validate the claims table.

    Args:
        claims: the claims of the run, ids assigned.
        texts: the decoded text of each document by path, to check ``text[start:end] == quote``.
        ruleset: the run's rule packs, for units they define (the shipped units when None).

    Returns:
        The valid rows (index = position of the claim in ``claims``) and one
        ``claims-schema`` warning per rejected claim naming every rule it breaks.
    """
    try:
        frame = to_frame(claims, texts, ruleset)
    except Exception as exc:  # a malformed claim object must not stop the run
        return pd.DataFrame(), [_table_finding(f"cannot build the claims table: {type(exc).__name__}: {exc}")]
    return validate_frame(frame, claims)


def validate_claims(claims: Sequence[Claim], texts: Mapping[str, str], ruleset: RuleSet | None = None,
                    chunk_rows: int = CHUNK_ROWS) -> list[Finding]:
    """Validate the claims table chunk by chunk and return only the findings.

    The same findings as :func:`claims_frame`, in the same order (rejected
    rows by position, then table-wide problems once each), without keeping a
    frame of the whole run alive: a run that only needs the verdict holds one
    chunk of ``chunk_rows`` rows at a time.

    Args:
        claims: the claims of the run, ids assigned.
        texts: the decoded text of each document by path.
        ruleset: the run's rule packs, for units they define.
        chunk_rows: rows per validated frame.

    Returns:
        One ``claims-schema`` warning per rejected claim, then one per table-wide problem.
    """
    rows: list[Finding] = []
    table: list[Finding] = []
    for offset in range(0, len(claims), max(1, chunk_rows)):
        part = claims[offset:offset + chunk_rows]
        _valid, findings = claims_frame(part, texts, ruleset)
        del _valid
        for finding in findings:
            if finding.claims:
                rows.append(finding)
            elif all(finding.message != seen.message for seen in table):
                table.append(finding)
    return rows + table


def _split(frame: pd.DataFrame, claims: Sequence[Claim],
           failures: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    # A failing dataframe-wide check lists the row once per column: drop the column, then dedupe.
    checks = failures["check"].astype(str).to_numpy(dtype=object)
    wide = pd.Series(checks).isin(list(_REASONS)).to_numpy()
    columns = failures["column"].astype(object).where(~wide, None).to_numpy(dtype=object)
    indexes = failures["index"].astype(object).to_numpy(dtype=object)
    cases = pd.DataFrame({"check": checks, "column": columns, "index": indexes}).drop_duplicates()
    reasons: dict[int, list[str]] = {}
    table_problems: list[str] = []
    labels: dict[tuple[str, object], str] = {}
    for check, column, index in cases.itertuples(index=False, name=None):
        key = (check, column)
        if key not in labels:
            labels[key] = _reason(check, None if column is None or pd.isna(column) else str(column))
        reason = labels[key]
        if index is None or pd.isna(index):
            if reason not in table_problems:
                table_problems.append(reason)
            continue
        row = reasons.setdefault(int(index), [])
        if reason not in row:
            row.append(reason)
    sources = frame["source"].to_numpy(dtype=object)
    findings: list[Finding] = []
    for index in sorted(reasons):
        if not 0 <= index < len(claims):
            continue
        claim = claims[index]
        findings.append(Finding(
            check=CHECK, severity=Severity.WARNING, claims=(claim,), observed=claim.quote,
            message=f"{claim.quote!r} ({_kind(claim)}): " + "; ".join(reasons[index]) + "; claim left out of the checks",
            explanation=_explain(claim, sources[index])))
    findings.extend(_table_finding(problem) for problem in table_problems)
    valid = frame.drop(index=[i for i in reasons if i in frame.index])
    return valid, findings


def _reason(check: str, column: str | None) -> str:
    if check in _REASONS:
        return _REASONS[check]
    if column in _COLUMN_REASONS:
        return _COLUMN_REASONS[column]
    return f"{column}: {check}" if column else check


def _explain(claim: Claim, source: object) -> str:
    shown = f"text[{claim.start}:{claim.end}] = {source!r}" if isinstance(source, str) else "text not given"
    return f"{claim.path}:{claim.line}: kind {_kind(claim)}, value {claim.value}, unit {claim.unit!r}; {shown}"


def _table_finding(message: str) -> Finding:
    return Finding(check=CHECK, severity=Severity.WARNING, message=f"claims table: {message}")


def _kind(claim: Claim) -> str:
    kind: Any = claim.kind
    return str(kind.value) if isinstance(kind, Kind) else str(kind)


def _source(texts: Mapping[str, str], claim: Claim) -> str | None:
    text = texts.get(claim.path)
    if text is None:
        return None
    return text[claim.start:claim.end]


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _year(claim: Claim, kind: str) -> float | None:
    if kind == Kind.YEAR.value:
        if isinstance(claim.canonical_value, int | float) and not isinstance(claim.canonical_value, bool):
            return float(claim.canonical_value)
        return _number(claim.value)
    if kind == Kind.DATE.value and claim.parts and claim.parts[0] is not None:
        return float(claim.parts[0])
    return None


def _bound(bound: object) -> str:
    if isinstance(bound, tuple | list) and len(bound) == 2:
        return f"[{bound[0]}, {bound[1]}]"
    return str(bound)
