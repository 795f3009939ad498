"""Normalize extracted claims into the units they are compared in.

Each claim gets ``canonical_value`` / ``canonical_unit`` and a ``note`` that
shows the arithmetic:

- money → EUR at the ECB reference rate of the publication date (or the
  nearest earlier ECB business day), the rate date kept in ``rate_date``;
- quantities → the canonical unit of their dimension (``rules/units.yaml``);
- durations → days; percentages → ``percent``; counts → the counted thing;
- years → integers; dates → ISO ``YYYY-MM-DD`` (``YYYY-MM`` or ``YYYY`` when
  that is all the text states), a missing year taken from the same article (a
  full date of the same day or month, or ``next month`` / ``明年`` written right
  before it), else inferred from the publication date;
- relative times (``12年前``, ``40 anni fa``, ``ieri``, ``last month``) resolved
  against the publication date.

Bad data never raises: an unknown currency or a date outside the rate table
is an ``fx-rate`` finding, an unknown unit a ``unit`` finding, an impossible
date a ``claims-schema`` finding; the claim is kept unconverted.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import replace

from factcheck.fx import FxError, FxTable
from factcheck.model import Claim, Document, Finding, Kind, Relative, Severity
from factcheck.rules import RuleSet
from factcheck.units import UnitError, to_canonical

__all__ = ["infer_year", "normalize_claim", "normalize_claims", "resolve_relative", "shift"]

CURRENCY = "EUR"
DURATION_UNIT = "day"
# A date stated without its year is read as the latest such date up to this long
# after publication: news reports recent events and announces coming ones
# ("fino al 30 giugno" in an April article is this June, not last June).  Half a
# year keeps the flip point away from the dates news states without a year, so
# articles of the same story published weeks apart infer the same year.
YEAR_INFERENCE_LOOKAHEAD = dt.timedelta(days=183)
# A day of month stated alone ("7일") is read in the publication month unless that
# would put it this far after publication, then in the month before.
DAY_INFERENCE_LOOKAHEAD = dt.timedelta(days=3)
_UNIT_ALIASES = {"years": "year", "months": "month", "weeks": "week", "days": "day",
                 "decade": "decade", "quarter": "quarter"}


def normalize_claims(claims: Sequence[Claim], doc: Document, fx: FxTable,
                     ruleset: RuleSet) -> tuple[list[Claim], list[Finding]]:
    """Normalize the claims of one document; return new claims and the findings raised.

    Never raises for bad data: a claim that cannot be converted is kept as stated
    (``canonical_*`` in its own unit) and a finding says why.
    """
    normalized: list[Claim] = []
    findings: list[Finding] = []
    undated_money: list[Claim] = []
    located = _with_positions(claims, doc.text)
    stated = _stated_in_document(located, doc)
    for claim in located:
        try:
            known = stated.get(id(claim))
            if known is not None:
                result, raised = _date(claim, doc.published, known)
            else:
                result, raised = normalize_claim(claim, doc, fx, ruleset)
        except Exception as exc:  # a bug on one claim must not lose the document's other claims
            result = claim
            raised = [Finding(check="claims-schema", severity=Severity.WARNING, claims=(claim,),
                              message=f"could not normalize {claim.quote!r}: {type(exc).__name__}: {exc}")]
        normalized.append(result)
        # Cite the claim as it leaves normalization (with its note), not as it came in.
        findings.extend(replace(f, claims=tuple(result if c is claim else c for c in f.claims)) for f in raised)
        if (doc.published is None and result.kind is Kind.MONEY and result.value is not None
                and (result.unit or "").upper() != CURRENCY):
            undated_money.append(result)
    if undated_money:
        # One finding per document, not per figure: the cause (no date) is the document's.
        findings.append(Finding(
            check="fx-rate", severity=Severity.INFO, claims=tuple(undated_money),
            message=(f"{doc.path}: no publication date, so {len(undated_money)} money "
                     f"figure{'s' if len(undated_money) != 1 else ''} were not converted to {CURRENCY}"),
            explanation="The ECB rate of the publication date is used; without a date no rate applies."))
    return normalized, findings


# What the document itself states for a date missing its year or month: (year, month, why).
_Known = tuple[int, int | None, str]


def _stated_in_document(claims: Sequence[Claim], doc: Document) -> dict[int, _Known]:
    """Find, per yearless date claim (keyed by ``id``), the year and month the same document states.

    Two sources, in this order: a relative month or year written right before the
    date (``다음 달 1일``, ``下个月1日``, ``明年3月5日``: extraction hands over the two
    parts as adjacent claims), then a full date elsewhere in the document with the
    same month and day, else with the same month (the headline's ``12月14日`` is the
    body's ``2026年12月14日``).  Dates with nothing stated are left to ``infer_year``.
    """
    by_position = sorted((c for c in claims if c.kind in (Kind.DATE, Kind.YEAR)), key=lambda c: c.start)
    full: list[tuple[int, int, int, int | None]] = []  # (start, year, month, day)
    for c in by_position:
        if c.relative is None and c.kind is Kind.DATE and c.parts is not None:
            year, month, day = c.parts
            if year is not None and month is not None:
                full.append((c.start, year, month, day))
    known: dict[int, _Known] = {}
    previous: Claim | None = None
    for c in by_position:
        before, previous = previous, c
        if c.kind is not Kind.DATE or c.relative is not None or c.parts is None:
            continue
        year, month, day = c.parts
        if year is not None or (month is None and day is None):
            continue
        adjacent = _adjacent_relative(before, c, doc)
        if adjacent is not None:
            known[id(c)] = adjacent
            continue
        if month is None:
            continue
        same_day = [f for f in full if f[2] == month and day is not None and f[3] == day]
        same_month = [f for f in full if f[2] == month]
        for found, what in ((same_day, "the same day"), (same_month, "the same month")):
            if found:
                # The nearest statement in the text is the one the writer was echoing.
                _, full_year, _, full_day = min(found, key=lambda f: abs(f[0] - c.start))
                shown = _partial_iso(full_year, month, full_day)
                known[id(c)] = (full_year, month,
                                f"year not stated: {full_year} taken from {shown}, {what} stated in full "
                                f"in the same article")
                break
    return known


def _adjacent_relative(before: Claim | None, claim: Claim, doc: Document) -> _Known | None:
    """Read ``next month`` + ``1st`` as one date when the relative time sits right before the date."""
    if (before is None or before.relative is None or doc.published is None or not doc.text
            or before.end > claim.start or doc.text[before.end:claim.start].strip()):
        return None
    assert claim.parts is not None
    _, month, day = claim.parts
    unit = _UNIT_ALIASES.get(before.relative.unit.strip().lower(), before.relative.unit.strip().lower())
    # A relative month fills a lone day; a relative year fills a month (and its day).
    if not ((unit == "month" and month is None and day is not None) or (unit == "year" and month is not None)):
        return None
    try:
        moment, resolved = resolve_relative(before.relative, doc.published)
    except (ValueError, OverflowError):
        return None
    why = (f"{'month and year' if month is None else 'year'} not stated: {resolved} from "
           f"{before.relative.expression!r} written right before it "
           f"(publication date {doc.published.isoformat()})")
    return moment.year, moment.month if month is None else month, why


def _with_positions(claims: Sequence[Claim], text: str) -> list[Claim]:
    """Set line and column where extraction left them 0, so findings here point at the text."""
    if all(c.line for c in claims) or not text:
        return list(claims)
    # Newline offsets once per document, then a bisect per claim: linear in the text, not per claim.
    newlines = [m.start() for m in re.finditer("\n", text)]
    located: list[Claim] = []
    for claim in claims:
        if claim.line or not isinstance(claim.start, int):
            located.append(claim)
            continue
        before = bisect.bisect_left(newlines, claim.start)
        line_start = newlines[before - 1] + 1 if before else 0
        located.append(replace(claim, line=before + 1, column=claim.column or claim.start - line_start + 1))
    return located


def normalize_claim(claim: Claim, doc: Document, fx: FxTable, ruleset: RuleSet) -> tuple[Claim, list[Finding]]:
    """Normalize one claim by its kind; return the new claim and any findings."""
    if claim.relative is not None and claim.kind in (Kind.YEAR, Kind.DATE):
        return _relative(claim, doc.published)
    if claim.kind is Kind.MONEY:
        return _money(claim, doc, fx)
    if claim.kind in (Kind.QUANTITY, Kind.DURATION):
        return _quantity(claim, ruleset)
    if claim.kind is Kind.PERCENT:
        if not _finite(claim.value):
            return claim, []
        return replace(claim, canonical_value=claim.value, canonical_unit=claim.unit or "percent"), []
    if claim.kind is Kind.COUNT:
        if not _finite(claim.value):
            return claim, []
        return replace(claim, canonical_value=claim.value, canonical_unit=claim.unit), []
    if claim.kind is Kind.YEAR:
        return _year(claim)
    if claim.kind is Kind.DATE:
        return _date(claim, doc.published)
    return claim, []


def _finite(value: float | None) -> bool:
    return value is not None and isinstance(value, int | float) and math.isfinite(value)


def _money(claim: Claim, doc: Document, fx: FxTable) -> tuple[Claim, list[Finding]]:
    if not _finite(claim.value):
        return claim, []
    assert claim.value is not None
    code = (claim.unit or "").strip().upper()
    # one replace per claim: a dataclass copy costs more than the conversion
    kept = code or claim.unit
    if code == CURRENCY:
        return replace(claim, canonical_value=claim.value, canonical_unit=kept, note=None), []
    if doc.published is None:
        return replace(claim, canonical_value=claim.value, canonical_unit=kept,
                       note=f"not converted to {CURRENCY}: the article has no publication date"), []
    try:
        if not code:
            raise FxError(f"currency {claim.unit!r} is not in the ECB reference rate table")
        conversion = fx.convert(claim.value, code, CURRENCY, doc.published)
    except FxError as exc:
        message = f"{claim.quote}: {exc}; kept in {code or claim.unit} without conversion to {CURRENCY}"
        return (replace(claim, canonical_value=claim.value, canonical_unit=kept,
                        note=f"not converted to {CURRENCY}: {exc}"),
                [Finding(check="fx-rate", severity=Severity.WARNING, message=message, claims=(claim,),
                         observed=code or claim.unit, explanation=str(exc))])
    note = conversion.note
    if conversion.rate_date != doc.published and not conversion.stale:
        note += f"; {doc.published.isoformat()} has no ECB rate, the nearest earlier business day is used"
    converted = replace(claim, canonical_value=conversion.value, canonical_unit=CURRENCY, note=note,
                        rate_date=conversion.rate_date.isoformat())
    if not conversion.stale:
        return converted, []
    message = (f"{claim.quote}: published {doc.published.isoformat()}, after the ECB table ends "
               f"({fx.last_date.isoformat()}); the last known {code} rate is used (give newer rates with --rates)")
    return converted, [Finding(check="fx-rate", severity=Severity.INFO, message=message, claims=(claim,),
                               observed=doc.published.isoformat(), explanation=note)]


def _quantity(claim: Claim, ruleset: RuleSet) -> tuple[Claim, list[Finding]]:
    if not _finite(claim.value):
        return claim, []
    assert claim.value is not None
    unit = claim.unit
    if claim.kind is Kind.DURATION and unit:
        unit = _UNIT_ALIASES.get(unit.strip().lower(), unit)
    try:
        if not unit:
            raise UnitError(f"a {claim.kind.value} without a unit")
        value, canonical, note = to_canonical(claim.value, unit, ruleset)
    except UnitError as exc:
        return (replace(claim, canonical_value=claim.value, canonical_unit=claim.unit,
                        note=f"not converted: {exc}"),
                [Finding(check="unit", severity=Severity.WARNING, claims=(claim,), observed=claim.unit,
                         message=f"{claim.quote}: {exc}; kept as stated without conversion",
                         explanation=str(exc))])
    return replace(claim, canonical_value=value, canonical_unit=canonical, note=note or None), []


def _year(claim: Claim) -> tuple[Claim, list[Finding]]:
    year: int | None = None
    if _finite(claim.value):
        assert claim.value is not None
        year = round(claim.value)
    elif claim.parts is not None and claim.parts[0] is not None:
        year = claim.parts[0]
    if year is None:
        return claim, []
    return replace(claim, value=float(year), canonical_value=year, canonical_unit="year"), []


def _date(claim: Claim, published: dt.date | None,
          known: _Known | None = None) -> tuple[Claim, list[Finding]]:
    if claim.parts is None:
        return claim, []
    year, month, day = claim.parts
    note: str | None = None
    if year is None and known is not None:
        year, month, note = known[0], known[1] if month is None else month, known[2]
    elif year is None and (month is not None or day is not None):
        if published is None:
            iso = _partial_iso(None, month, day)
            return replace(claim, canonical_value=iso, canonical_unit="date",
                           note="year not stated and the article has no publication date"), []
        inferred = infer_year(published, month, day)
        if inferred is None:
            return claim, [_bad_date(claim, _partial_iso(None, month, day))]
        what = "year" if month is not None else "month and year"
        shown = str(inferred[0]) if month is not None else _partial_iso(*inferred, None)
        year, month = inferred
        note = (f"{what} not stated: {shown} inferred from the publication date {published.isoformat()} "
                f"(the latest such date up to {YEAR_INFERENCE_LOOKAHEAD.days} days after it)")
    if year is None:
        return claim, []
    if not _valid_parts(year, month, day):
        return claim, [_bad_date(claim, _partial_iso(year, month, day))]
    iso = _partial_iso(year, month, day)
    return replace(claim, canonical_value=iso, canonical_unit="date", note=note, parts=(year, month, day)), []


def _valid_parts(year: int, month: int | None, day: int | None) -> bool:
    """Tell whether stated parts name a real calendar year, month or day."""
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return False
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= calendar.monthrange(year, month)[1]


def _bad_date(claim: Claim, shown: str) -> Finding:
    return Finding(check="claims-schema", severity=Severity.WARNING, claims=(claim,), observed=shown,
                   message=f"{claim.quote}: {shown} is not a calendar date; kept unnormalized")


def _partial_iso(year: int | None, month: int | None, day: int | None) -> str:
    """Write the stated parts in ISO 8601 (``--04-07`` for a date without its year)."""
    head = f"{year:04d}" if year is not None else "-"
    if month is None:
        return head if day is None else f"{head}--{day:02d}"
    return f"{head}-{month:02d}" if day is None else f"{head}-{month:02d}-{day:02d}"


def infer_year(published: dt.date, month: int | None, day: int | None) -> tuple[int, int] | None:
    """Infer (year, month) of a date stated without its year (or with only its day).

    Month and day: the latest such date no more than half a year after
    publication (``YEAR_INFERENCE_LOOKAHEAD``).  Day alone: the publication month, or the month before when
    the day lies ahead of publication.  Returns None when no calendar date fits.
    """
    limit = published + YEAR_INFERENCE_LOOKAHEAD
    if month is None:
        if day is None or not 1 <= day <= 31:
            return None
        probe = published.replace(day=1)
        for _ in range(13):
            if day <= calendar.monthrange(probe.year, probe.month)[1]:
                if dt.date(probe.year, probe.month, day) <= published + DAY_INFERENCE_LOOKAHEAD:
                    return probe.year, probe.month
            probe = (probe - dt.timedelta(days=1)).replace(day=1)
        return None
    if not 1 <= month <= 12:
        return None
    # 29 February needs up to eight years back to meet a leap year.
    for year in range(limit.year, limit.year - 9, -1):
        last = calendar.monthrange(year, month)[1]
        if day is not None and not 1 <= day <= last:
            continue
        candidate = dt.date(year, month, day if day is not None else 1)
        if candidate <= limit:
            return year, month
    return None


def shift(anchor: dt.date, unit: str, amount: int) -> dt.date:
    """Move a date by a signed amount of calendar units (year, month, week, day, ...).

    Raises:
        ValueError: for a unit that is not a calendar unit, or a result outside the calendar.
    """
    unit = _UNIT_ALIASES.get(unit.strip().lower(), unit.strip().lower())
    if unit == "day":
        return anchor + dt.timedelta(days=amount)
    if unit == "week":
        return anchor + dt.timedelta(weeks=amount)
    months = {"month": 1, "quarter": 3, "year": 12, "decade": 120}.get(unit)
    if months is None:
        raise ValueError(f"not a calendar unit: {unit!r}")
    total = anchor.year * 12 + anchor.month - 1 + amount * months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def resolve_relative(relative: Relative, anchor: dt.date) -> tuple[dt.date, str]:
    """Resolve a relative time against an anchor; return the date and its ISO text at the stated precision.

    ``12年前`` (year, -12) → ``2008``; ``last month`` (month, -1) → ``2020-03``;
    ``ieri`` (day, -1) → ``2020-04-07``.

    Raises:
        ValueError: for a unit that is not a calendar unit.
    """
    moment = shift(anchor, relative.unit, relative.amount)
    unit = _UNIT_ALIASES.get(relative.unit.strip().lower(), relative.unit.strip().lower())
    if unit in ("year", "decade"):
        return moment, f"{moment.year:04d}"
    if unit in ("month", "quarter"):
        return moment, f"{moment.year:04d}-{moment.month:02d}"
    return moment, moment.isoformat()


def _relative(claim: Claim, published: dt.date | None) -> tuple[Claim, list[Finding]]:
    relative = claim.relative
    assert relative is not None
    if published is None:
        return replace(claim, note=f"{relative.expression}: not resolved, the article has no publication date"), []
    try:
        moment, resolved = resolve_relative(relative, published)
    except (ValueError, OverflowError) as exc:
        return claim, [Finding(check="claims-schema", severity=Severity.WARNING, claims=(claim,),
                               message=f"{claim.quote}: cannot resolve the relative time: {exc}")]
    anchored = replace(relative, anchor=published.isoformat(), resolved=resolved)
    amount = abs(relative.amount)
    direction = "−" if relative.amount < 0 else "+"
    note = (f"{relative.expression} → {resolved} (publication date {published.isoformat()} "
            f"{direction} {amount} {relative.unit}{'s' if amount != 1 else ''})")
    if claim.kind is Kind.YEAR:
        return replace(claim, value=float(moment.year), canonical_value=moment.year, canonical_unit="year",
                       relative=anchored, note=note), []
    return replace(claim, canonical_value=resolved, canonical_unit="date", relative=anchored, note=note,
                   parts=_parts_of(resolved)), []


def _parts_of(iso: str) -> tuple[int | None, int | None, int | None]:
    pieces = [int(p) for p in iso.split("-")]
    padded: list[int | None] = [*pieces, None, None, None]
    return padded[0], padded[1], padded[2]

