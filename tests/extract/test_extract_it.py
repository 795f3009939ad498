"""Italian extraction: grouping dots, decimal commas, glued number words, scales and markers."""

from __future__ import annotations

import pytest

from factcheck.model import Kind

from .conftest import Extract, claim_with

PORT = ("Il porto di Trieste ha movimentato 2.500 TEU in più, pari al 7,5% del traffico, "
        "con 3,4 milioni di metri cubi di merci.")


@pytest.mark.parametrize(("quote", "kind", "value", "unit"), [
    ("2.500 TEU", Kind.QUANTITY, 2500, "TEU"),
    ("7,5%", Kind.PERCENT, 7.5, "percent"),
    ("3,4 milioni di metri cubi", Kind.QUANTITY, 3.4e6, "meter ** 3"),
])
def test_grouping_and_decimal_marks(extract: Extract, quote: str, kind: Kind, value: float, unit: str) -> None:
    """A dot groups thousands and a comma marks decimals in Italian."""
    claim = claim_with(extract(PORT, "it"), quote)
    assert (claim.kind, claim.value, claim.unit) == (kind, pytest.approx(value), unit)


@pytest.mark.parametrize(("text", "quote", "value", "unit"), [
    ("L'acquedotto fornirà quattrocentomila litri al giorno.", "quattrocentomila litri", 400_000, "liter"),
    ("Sono arrivate tremila famiglie.", "tremila famiglie", 3000, "household"),
    ("Stanziato mezzo milione di euro.", "mezzo milione di euro", 500_000, "EUR"),
    ("Un investimento di tre milioni di dollari.", "tre milioni di dollari", 3e6, "USD"),
    ("Ha speso duecentocinquantamila euro.", "duecentocinquantamila euro", 250_000, "EUR"),
    ("Lavorano ventotto infermieri.", "ventotto infermieri", 28, "nurse"),
])
def test_glued_number_words(extract: Extract, text: str, quote: str, value: float, unit: str) -> None:
    """Italian number words written as one word are split into morphemes and summed."""
    claim = claim_with(extract(text, "it"), quote)
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


def test_lone_dot_before_two_digits_is_decimal(extract: Extract) -> None:
    """2.75 in an Italian text is two point seven five, not 275."""
    claim = claim_with(extract("Un terminal di 2.75 ettari.", "it"), "ettari")
    assert (claim.value, claim.unit) == (2.75, "hectare")


def test_bound_and_approximation_markers(extract: Extract) -> None:
    """oltre sets a lower bound, circa an approximation, meno di an upper bound; markers stay out of the quote."""
    claims = extract("Oltre 1.200 dipendenti, circa 40 milioni di euro e meno di 90 insegnanti.", "it")
    staff = claim_with(claims, "dipendenti")
    money = claim_with(claims, "euro")
    teachers = claim_with(claims, "insegnanti")
    assert (staff.bound, staff.quote) == ("gt", "1.200 dipendenti")
    assert money.approx and money.value == 4e7
    assert teachers.bound == "lt"


def test_dates_ranges_and_years(extract: Extract) -> None:
    """dal 12 al 20 ottobre gives two dates of October; nel 2029 is a year."""
    claims = extract("Dal 12 al 20 ottobre si terrà la fiera, che nel 2029 aprirà il 4 marzo.", "it")
    dates = [c.parts for c in claims if c.kind is Kind.DATE]
    assert dates == [(None, 10, 12), (None, 10, 20), (None, 3, 4)]
    year = claim_with(claims, "2029")
    assert (year.kind, year.value, year.parts) == (Kind.YEAR, 2029, (2029, None, None))


def test_relative_times_and_durations(extract: Extract) -> None:
    """40 anni fa and l'anno scorso point back; entro cinque anni is a duration, never a year."""
    claims = extract("Quaranta anni fa si decise, l'anno scorso si iniziò, entro cinque anni si finirà.", "it")
    ago = claim_with(claims, "anni fa")
    assert ago.relative is not None and (ago.relative.unit, ago.relative.amount) == ("year", -40)
    last = claim_with(claims, "scorso")
    assert last.kind is Kind.YEAR and last.relative is not None and last.relative.amount == -1
    span = claim_with(claims, "cinque anni")
    assert (span.kind, span.value, span.unit) == (Kind.DURATION, 5, "year")


def test_times_ordinals_and_names_are_not_claims(extract: Extract) -> None:
    """alle 21, n. 3 and Piano 2030 are not measurements."""
    claims = extract("Alle 21 il treno n. 3 è partito con 250 passeggeri secondo il Piano 2030.", "it")
    assert [c.quote for c in claims] == ["250 passeggeri"]
