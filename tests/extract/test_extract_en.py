"""English extraction: grouping commas, number words, scales, currencies by symbol and name."""

from __future__ import annotations

import pytest

from factcheck.model import Kind

from .conftest import Extract, claim_with


@pytest.mark.parametrize(("text", "quote", "kind", "value", "unit"), [
    ("It will spend about $2.9 billion.", "$2.9 billion", Kind.MONEY, 2.9e9, "USD"),
    ("Half a million people came.", "Half a million people", Kind.COUNT, 5e5, "person"),
    ("Three million litres were shipped.", "Three million litres", Kind.QUANTITY, 3e6, "liter"),
    ("The port handled 1.2 million TEU.", "1.2 million TEU", Kind.QUANTITY, 1.2e6, "TEU"),
    ("A 450-megawatt plant.", "450-megawatt", Kind.QUANTITY, 450, "megawatt"),
    ("It covers 1,200 hectares.", "1,200 hectares", Kind.QUANTITY, 1200, "hectare"),
    ("It cost HK$1.2bn.", "HK$1.2bn", Kind.MONEY, 1.2e9, "HKD"),
    ("Sales rose 12.5% to NT$40 million.", "NT$40 million", Kind.MONEY, 4e7, "TWD"),
    ("They paid 300 euros.", "300 euros", Kind.MONEY, 300, "EUR"),
    ("They paid EUR 300.", "EUR 300", Kind.MONEY, 300, "EUR"),
    ("It hired 8,250 nurses.", "8,250 nurses", Kind.COUNT, 8250, "nurse"),
    ("Profit was 27 percent higher.", "27 percent", Kind.PERCENT, 27, "percent"),
    ("Twenty-three stores opened.", "Twenty-three stores", Kind.COUNT, 23, "store"),
])
def test_amounts(extract: Extract, text: str, quote: str, kind: Kind, value: float, unit: str) -> None:
    """Each amount is read with its scale, unit and kind."""
    claim = claim_with(extract(text, "en"), quote)
    assert claim.quote == quote
    assert (claim.kind, claim.value, claim.unit) == (kind, pytest.approx(value), unit)


def test_precision_follows_the_last_stated_digit(extract: Extract) -> None:
    """2.9 billion is stated to a tenth of a billion; 6 billion to a billion."""
    claims = extract("It spent 2.9 billion dollars and 6 billion yuan.", "en")
    assert claim_with(claims, "2.9").precision == pytest.approx(0.05 / 2.9)
    assert claim_with(claims, "6 billion").precision == pytest.approx(0.5 / 6)


def test_relative_times(extract: Extract) -> None:
    """two years ago, yesterday and last year point back from the publication date."""
    claims = extract("Two years ago it failed. Yesterday it won, and last year it grew.", "en")
    rel = [(c.kind, c.relative.unit, c.relative.amount) for c in claims if c.relative is not None]
    assert rel == [(Kind.YEAR, "year", -2), (Kind.DATE, "day", -1), (Kind.YEAR, "year", -1)]


def test_durations_are_never_years(extract: Extract) -> None:
    """over five years is a duration of five years, not a bound and not a year."""
    claim = claim_with(extract("It will invest over five years.", "en"), "five years")
    assert (claim.kind, claim.value, claim.unit, claim.bound) == (Kind.DURATION, 5, "year", "eq")


def test_dates(extract: Extract) -> None:
    """October 12, June 30, 2020 and 12 to 20 March are calendar dates with their parts."""
    claims = extract("On October 12 and on June 30, 2020, and between 12 and 20 March.", "en")
    assert [c.parts for c in claims] == [(None, 10, 12), (2020, 6, 30), (None, 3, 12), (None, 3, 20)]


@pytest.mark.parametrize("text", [
    "The iPhone 15 launched.",
    "An Airbus A380 landed.",
    "COVID-19 spread.",
    "Its B2B and C2M arms grew.",
    "The Vision 2030 plan.",
    "He finished 3rd.",
    "It opens at 9 p.m. sharp.",
    "Call +1 555-123-4567 today.",
    "A 45-year-old man.",
    "It is one in a million.",
    "The score was 3:1.",
])
def test_not_measurements(extract: Extract, text: str) -> None:
    """Model names, codes, ordinals, times of day, phone numbers, ages, idioms and scores give no claim."""
    assert extract(text, "en") == []


def test_markdown_emphasis_and_footnotes(extract: Extract) -> None:
    """Bold figures keep their noun; footnote marks and bare glued heights are no claims."""
    claims = extract("It hired **2,000** workers [1], and its 1.85m-tall mascot cost $400m.", "en")
    assert [(c.value, c.unit) for c in claims] == [(2000, "employee"), (4e8, "USD")]


def test_counted_noun_is_not_taken_across_another_number(extract: Extract) -> None:
    """In "started in 2022 by five engineers" the year counts nothing; five counts engineers."""
    claims = extract("The company was started in 2022 by five engineers.", "en")
    assert [(c.kind, c.value, c.unit) for c in claims] == [(Kind.YEAR, 2022, None), (Kind.COUNT, 5, "engineer")]
