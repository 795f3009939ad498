"""normalize_claims: EUR at ECB rates, canonical units, years, dates and relative times."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.fx import FxTable
from factcheck.model import Claim, Document, Finding, Kind, Relative, Severity
from factcheck.normalize import infer_year, normalize_claims, shift
from factcheck.rules import RuleSet

RULES = RuleSet({})


@pytest.fixture(scope="module")
def fx() -> FxTable:
    """The bundled ECB history, loaded once for the module."""
    return FxTable.load()


def doc(published: dt.date | None = dt.date(2020, 4, 7), path: str = "news/a.txt") -> Document:
    """A document with only what normalization reads."""
    return Document(path=path, published=published, lang="zh")


def claim(kind: Kind, value: float | None = None, unit: str | None = None, quote: str = "x", **extra: Any) -> Claim:
    """A hand-made claim as extraction would hand it over."""
    return Claim(path="news/a.txt", start=0, end=len(quote), quote=quote, kind=kind, lang="zh",
                 value=value, unit=unit, line=1, column=1, **extra)


def one(fx: FxTable, item: Claim, document: Document | None = None) -> tuple[Claim, list[Finding]]:
    """Normalize a single claim."""
    claims, findings = normalize_claims([item], document or doc(), fx, RULES)
    assert len(claims) == 1
    return claims[0], findings


def test_money_converts_to_eur_at_publication_rate(fx: FxTable) -> None:
    """460亿元 in an article of 2020-04-07 becomes EUR at that day's ECB rate, rate date recorded."""
    result, findings = one(fx, claim(Kind.MONEY, 46e9, "CNY", quote="460亿元"))
    cny_per_eur, _, _ = fx.rate("CNY", dt.date(2020, 4, 7))
    assert findings == []
    assert result.canonical_unit == "EUR"
    assert result.canonical_value == pytest.approx(46e9 / cny_per_eur)
    assert result.rate_date == "2020-04-07"
    assert result.note is not None and "EUR/CNY (ECB 2020-04-07)" in result.note
    assert result.value == 46e9 and result.unit == "CNY"


def test_money_on_a_weekend_says_which_day_was_used(fx: FxTable) -> None:
    """A Sunday article uses Friday's rate and the note says the nearest earlier business day was used."""
    result, _ = one(fx, claim(Kind.MONEY, 1e6, "USD"), doc(dt.date(2020, 4, 19)))
    assert result.rate_date == "2020-04-17"
    assert result.note is not None and "nearest earlier business day" in result.note


def test_euro_amounts_need_no_rate(fx: FxTable) -> None:
    """EUR figures keep their value and get no rate date."""
    result, findings = one(fx, claim(Kind.MONEY, 2.5e6, "EUR"))
    assert (result.canonical_value, result.canonical_unit, result.rate_date, findings) == (2.5e6, "EUR", None, [])


def test_unknown_currency_is_kept_with_fx_rate_warning(fx: FxTable) -> None:
    """A currency the ECB lacks keeps the stated value and raises an fx-rate warning naming it."""
    result, findings = one(fx, claim(Kind.MONEY, 3e9, "TWD", quote="新台币30亿"))
    assert (result.canonical_value, result.canonical_unit) == (3e9, "TWD")
    assert result.rate_date is None
    [finding] = findings
    assert finding.check == "fx-rate" and finding.severity is Severity.WARNING
    assert "TWD" in finding.message
    assert finding.claims == (result,)


def test_date_before_the_table_is_fx_rate_warning(fx: FxTable) -> None:
    """An article of 1997 cannot use ECB rates: the claim is kept and the warning names the date."""
    result, findings = one(fx, claim(Kind.MONEY, 1e6, "USD"), doc(dt.date(1997, 6, 30)))
    assert result.canonical_unit == "USD"
    [finding] = findings
    assert finding.check == "fx-rate" and finding.severity is Severity.WARNING
    assert "1997-06-30" in finding.message


def test_date_after_the_table_is_converted_with_info(fx: FxTable) -> None:
    """After the table ends the last rate converts the figure and an info finding says so."""
    later = fx.last_date + dt.timedelta(days=30)
    result, findings = one(fx, claim(Kind.MONEY, 1e6, "USD"), doc(later))
    assert result.canonical_unit == "EUR"
    assert result.rate_date == fx.last_date.isoformat()
    [finding] = findings
    assert finding.check == "fx-rate" and finding.severity is Severity.INFO
    assert later.isoformat() in finding.message


def test_no_publication_date_means_no_conversion(fx: FxTable) -> None:
    """Without a publication date money stays in its currency; the note and one info finding say why."""
    items = [claim(Kind.MONEY, 1e8, "CNY"), claim(Kind.MONEY, 5e6, "USD"), claim(Kind.MONEY, 1e6, "EUR")]
    claims, findings = normalize_claims(items, doc(None), fx, RULES)
    assert [c.canonical_unit for c in claims] == ["CNY", "USD", "EUR"]
    assert all("no publication date" in (c.note or "") for c in claims[:2])
    [finding] = findings
    assert finding.check == "fx-rate" and finding.severity is Severity.INFO
    assert len(finding.claims) == 2


@pytest.mark.parametrize(("value", "unit", "expected", "canonical"), [
    (796_000, "tonne", 796_000, "tonne"),
    (3.4, "hectare", 34_000, "square_meter"),
    (121, "pyeong", 400, "square_meter"),
    (3, "mu", 2000, "square_meter"),
    (2.4e6, "TEU", 2.4e6, "TEU"),
    (500, "megawatt", 500, "megawatt"),
])
def test_quantities_convert_to_canonical_unit(fx: FxTable, value: float, unit: str, expected: float,
                                             canonical: str) -> None:
    """Quantities are converted to the canonical unit of their dimension."""
    result, findings = one(fx, claim(Kind.QUANTITY, value, unit))
    assert findings == []
    assert result.canonical_unit == canonical
    assert result.canonical_value == pytest.approx(expected)


def test_unknown_unit_is_unit_warning(fx: FxTable) -> None:
    """An unknown unit keeps the claim as stated and raises a unit warning naming it."""
    result, findings = one(fx, claim(Kind.QUANTITY, 12, "zorkmid"))
    assert (result.canonical_value, result.canonical_unit) == (12, "zorkmid")
    [finding] = findings
    assert finding.check == "unit" and finding.severity is Severity.WARNING
    assert "zorkmid" in finding.message


@pytest.mark.parametrize(("value", "unit", "days"), [(5, "year", 5 * 365.25), (2, "week", 14), (36, "hour", 1.5)])
def test_durations_are_days(fx: FxTable, value: float, unit: str, days: float) -> None:
    """Durations (五年内, entro cinque anni, 5년간) are compared in days."""
    result, _ = one(fx, claim(Kind.DURATION, value, unit))
    assert result.canonical_unit == "day"
    assert result.canonical_value == pytest.approx(days)


def test_percent_and_count_keep_value_and_unit(fx: FxTable) -> None:
    """27 per cento stays 27 percent; 1.000 fabbriche stays 1000 factory."""
    percent, _ = one(fx, claim(Kind.PERCENT, 27, "percent"))
    count, _ = one(fx, claim(Kind.COUNT, 1000, "factory"))
    assert (percent.canonical_value, percent.canonical_unit) == (27, "percent")
    assert (count.canonical_value, count.canonical_unit) == (1000, "factory")


def test_year_is_an_integer(fx: FxTable) -> None:
    """A year claim's canonical value is an int."""
    result, _ = one(fx, claim(Kind.YEAR, 2031.0, quote="2031년"))
    assert result.canonical_value == 2031 and isinstance(result.canonical_value, int)
    assert result.canonical_unit == "year"


@pytest.mark.parametrize(("expression", "unit", "amount", "published", "year"), [
    ("12年前", "year", -12, dt.date(2020, 4, 7), 2008),
    ("时隔11年", "year", -11, dt.date(2020, 4, 7), 2009),
    ("40 anni fa", "year", -40, dt.date(2021, 5, 2), 1981),
    ("前年", "year", -2, dt.date(2020, 4, 7), 2018),
    ("재작년", "year", -2, dt.date(2026, 2, 13), 2024),
    ("two years ago", "year", -2, dt.date(2020, 1, 1), 2018),
])
def test_relative_years_resolve_against_publication(fx: FxTable, expression: str, unit: str, amount: int,
                                                   published: dt.date, year: int) -> None:
    """Relative years become the year they point at, with anchor and resolution recorded."""
    relative = Relative(expression, unit, amount)
    result, findings = one(fx, claim(Kind.YEAR, None, quote=expression, relative=relative), doc(published))
    assert findings == []
    assert result.value == float(year)
    assert result.canonical_value == year
    assert result.relative is not None
    assert result.relative.anchor == published.isoformat()
    assert result.relative.resolved == str(year)
    assert result.note is not None and expression in result.note and published.isoformat() in result.note


@pytest.mark.parametrize(("expression", "unit", "amount", "published", "resolved"), [
    ("ieri", "day", -1, dt.date(2020, 4, 8), "2020-04-07"),
    ("어제", "day", -1, dt.date(2020, 3, 1), "2020-02-29"),
    ("last month", "month", -1, dt.date(2020, 4, 7), "2020-03"),
    ("last month", "month", -1, dt.date(2020, 1, 31), "2019-12"),
    ("next week", "week", 1, dt.date(2020, 4, 7), "2020-04-14"),
])
def test_relative_dates_resolve_at_stated_precision(fx: FxTable, expression: str, unit: str, amount: int,
                                                   published: dt.date, resolved: str) -> None:
    """Relative dates resolve to a day, or a month when the text points at a month."""
    relative = Relative(expression, unit, amount)
    result, _ = one(fx, claim(Kind.DATE, None, quote=expression, relative=relative), doc(published))
    assert result.canonical_value == resolved
    assert result.relative is not None and result.relative.resolved == resolved
    assert result.parts is not None and result.parts[0] == int(resolved[:4])


def test_relative_without_publication_date_is_left_unresolved(fx: FxTable) -> None:
    """Without an anchor a relative time keeps no value and the note says why."""
    result, findings = one(fx, claim(Kind.YEAR, None, relative=Relative("12年前", "year", -12)), doc(None))
    assert result.canonical_value is None and findings == []
    assert result.note is not None and "no publication date" in result.note


def test_full_and_partial_dates_are_iso(fx: FxTable) -> None:
    """A full date is YYYY-MM-DD; a month without day is YYYY-MM."""
    full, _ = one(fx, claim(Kind.DATE, parts=(2020, 10, 12)))
    month, _ = one(fx, claim(Kind.DATE, parts=(2019, 3, None)))
    assert (full.canonical_value, month.canonical_value) == ("2020-10-12", "2019-03")


@pytest.mark.parametrize(("published", "parts", "expected"), [
    (dt.date(2020, 4, 7), (None, 4, 3), "2020-04-03"),
    (dt.date(2020, 4, 7), (None, 5, 20), "2020-05-20"),
    (dt.date(2020, 4, 8), (None, 6, 30), "2020-06-30"),
    (dt.date(2020, 4, 7), (None, 10, 12), "2019-10-12"),
    (dt.date(2020, 12, 20), (None, 1, 5), "2021-01-05"),
    (dt.date(2021, 1, 5), (None, 12, 28), "2020-12-28"),
    (dt.date(2023, 3, 1), (None, 2, 29), "2020-02-29"),
    (dt.date(2020, 4, 8), (None, None, 7), "2020-04-07"),
    (dt.date(2020, 4, 2), (None, None, 28), "2020-03-28"),
])
def test_missing_year_is_inferred_from_publication(fx: FxTable, published: dt.date,
                                                  parts: tuple[None, int | None, int], expected: str) -> None:
    """A date without its year is the latest such date up to half a year after publication; the note says so."""
    result, findings = one(fx, claim(Kind.DATE, parts=parts), doc(published))
    assert findings == []
    assert result.canonical_value == expected
    assert result.note is not None and "inferred" in result.note and published.isoformat() in result.note


def test_impossible_date_is_a_finding_not_a_crash(fx: FxTable) -> None:
    """30 February stays unnormalized and is reported as a claims-schema warning."""
    result, findings = one(fx, claim(Kind.DATE, parts=(2020, 2, 30)))
    assert result.canonical_value is None
    [finding] = findings
    assert finding.check == "claims-schema" and "2020-02-30" in finding.message


def test_shift_clamps_month_ends() -> None:
    """Calendar shifts keep the day where the target month has it, else its last day."""
    assert shift(dt.date(2020, 3, 31), "month", -1) == dt.date(2020, 2, 29)
    assert shift(dt.date(2020, 4, 7), "years", -12) == dt.date(2008, 4, 7)
    with pytest.raises(ValueError):
        shift(dt.date(2020, 4, 7), "fortnightly", 1)


def test_infer_year_rejects_impossible_parts() -> None:
    """Month 13 or day 32 cannot be placed in any year."""
    assert infer_year(dt.date(2020, 4, 7), 13, 1) is None
    assert infer_year(dt.date(2020, 4, 7), None, 32) is None


_UNITS = st.sampled_from(["CNY", "usd", "XXX", "", "tonne", "hectare", "TEU", "blorp", "year", "percent",
                          "factory", "meter ** ** 2", "\u200b", "平方米"])
_VALUES = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**30, 10**30))
_PARTS = st.one_of(st.none(), st.tuples(st.one_of(st.none(), st.integers(-5, 12000)),
                                        st.one_of(st.none(), st.integers(-2, 14)),
                                        st.one_of(st.none(), st.integers(-2, 40))))
_RELATIVE = st.one_of(st.none(), st.builds(Relative, st.text(max_size=5),
                                           st.sampled_from(["year", "month", "week", "day", "eon"]),
                                           st.integers(-10**6, 10**6)))


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(list(Kind)), value=_VALUES, unit=st.one_of(st.none(), _UNITS), parts=_PARTS,
       relative=_RELATIVE,
       published=st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))))
def test_never_raises_on_bad_data(kind: Kind, value: float | None, unit: str | None,
                                  parts: tuple[int | None, int | None, int | None] | None,
                                  relative: Relative | None, published: dt.date | None) -> None:
    """Any combination of odd values, units, parts and dates normalizes without raising."""
    item = claim(kind, value, unit, parts=parts, relative=relative)
    claims, findings = normalize_claims([item], doc(published), FxTable.load(), RULES)
    assert len(claims) == 1
    result = claims[0]
    assert (result.path, result.start, result.end, result.quote, result.kind) == \
        (item.path, item.start, item.end, item.quote, item.kind)
    assert {f.check for f in findings} <= {"fx-rate", "unit", "claims-schema"}
    assert all(f.claims and f.claims[0].quote == item.quote for f in findings)
    # The catch-all in normalize_claims is for bugs: bad data must be handled by the kind's own rules.
    assert not any(f.message.startswith("could not normalize") for f in findings), findings


def test_claims_without_line_get_line_and_column(fx: FxTable) -> None:
    """Claims that arrive without a line get the line and column of their start, matching model.line_of."""
    from factcheck.model import column_of, line_of

    text = "title\n\nfirst line\nmoney: 100 TWD here\n"
    start = text.index("100 TWD")
    item = Claim(path="news/a.txt", start=start, end=start + 7, quote="100 TWD", kind=Kind.MONEY, lang="en",
                 value=100.0, unit="TWD")
    document = Document(path="news/a.txt", text=text, published=dt.date(2020, 4, 7))
    [result], [finding] = normalize_claims([item], document, fx, RULES)
    assert (result.line, result.column) == (line_of(text, start), column_of(text, start)) == (4, 8)
    assert finding.location == ("news/a.txt", 4, 8)
