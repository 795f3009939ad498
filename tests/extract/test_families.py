"""Expression families across languages: ranges, percentages, years, durations, relative times."""

from __future__ import annotations

import pytest

from factcheck.model import Kind

from .conftest import Extract


@pytest.mark.parametrize(("text", "lang", "unit", "low", "high"), [
    ("It will cost 10-20 million yuan.", "en", "CNY", 1e7, 2e7),
    ("It will cost $10–20 million.", "en", "USD", 1e7, 2e7),
    ("Costerà 3-4 milioni di euro.", "it", "EUR", 3e6, 4e6),
    ("投资3~5万元。", "zh", "CNY", 3e4, 5e4),
    ("投资10至20亿元。", "zh", "CNY", 1e9, 2e9),
    ("10~20만 원을 받는다.", "ko", "KRW", 1e5, 2e5),
    ("It will cost between 10 and 20 million yuan.", "en", "CNY", 1e7, 2e7),
    ("Costerà tra 3 e 4 milioni di euro.", "it", "EUR", 3e6, 4e6),
])
def test_number_ranges(extract: Extract, text: str, lang: str, unit: str, low: float, high: float) -> None:
    """A range is one claim bounded by both ends; the low end borrows the high end's scale and unit."""
    [claim] = extract(text, lang)
    assert claim.unit == unit
    assert claim.bound == (pytest.approx(low), pytest.approx(high))
    assert claim.value is not None and low < claim.value < high


@pytest.mark.parametrize(("text", "lang"), [
    ("Sales rose 10%-20% in 2019-2020.", "en"),
    ("增长10%-20%。", "zh"),
])
def test_two_stated_ends_stay_apart(extract: Extract, text: str, lang: str) -> None:
    """Two ends that each carry a unit, and year spans, stay separate claims."""
    claims = extract(text, lang)
    assert all(c.bound == "eq" for c in claims)
    assert len(claims) >= 2


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("Il tasso è al 7,5%.", "it", 7.5),
    ("Il tasso è al 27 per cento.", "it", 27),
    ("The rate is 27 percent.", "en", 27),
    ("增长百分之二十七。", "zh", 27),
    ("27퍼센트 늘었다.", "ko", 27),
    ("增长２７％。", "zh", 27),
])
def test_percentages(extract: Extract, text: str, lang: str, value: float) -> None:
    """Percent signs, words and 百分之 give percent claims."""
    [claim] = extract(text, lang)
    assert (claim.kind, claim.value, claim.unit) == (Kind.PERCENT, value, "percent")


@pytest.mark.parametrize(("text", "lang", "year"), [
    ("Aprirà nel 2031.", "it", 2031),
    ("It opens in 2031.", "en", 2031),
    ("2031年建成。", "zh", 2031),
    ("2031년 완공된다.", "ko", 2031),
])
def test_years(extract: Extract, text: str, lang: str, year: int) -> None:
    """A year is a year claim whose value and parts give the year."""
    [claim] = extract(text, lang)
    assert (claim.kind, claim.value, claim.parts, claim.unit) == (Kind.YEAR, year, (year, None, None), None)


@pytest.mark.parametrize(("text", "lang", "amount", "unit"), [
    ("Sarà finito entro cinque anni.", "it", 5, "year"),
    ("It will invest over five years.", "en", 5, "year"),
    ("五年内完成。", "zh", 5, "year"),
    ("5년간 이어진다.", "ko", 5, "year"),
    ("三个月内完成。", "zh", 3, "month"),
    ("7일간 열린다.", "ko", 7, "day"),
])
def test_durations_are_never_years(extract: Extract, text: str, lang: str, amount: float, unit: str) -> None:
    """Extents of time are duration claims in their time unit."""
    [claim] = extract(text, lang)
    assert (claim.kind, claim.value, claim.unit, claim.relative) == (Kind.DURATION, amount, unit, None)


@pytest.mark.parametrize(("text", "lang", "kind", "unit", "amount"), [
    ("Accadde 40 anni fa.", "it", Kind.YEAR, "year", -40),
    ("It happened two years ago.", "en", Kind.YEAR, "year", -2),
    ("12年前开始。", "zh", Kind.YEAR, "year", -12),
    ("12년 전 시작했다.", "ko", Kind.YEAR, "year", -12),
    ("时隔11年再次启动。", "zh", Kind.YEAR, "year", -11),
    ("11년 만에 재개했다.", "ko", Kind.YEAR, "year", -11),
    ("Three weeks ago it rained.", "en", Kind.DATE, "week", -3),
    ("Ieri è piovuto.", "it", Kind.DATE, "day", -1),
    ("去年开工。", "zh", Kind.YEAR, "year", -1),
    ("재작년에 시작했다.", "ko", Kind.YEAR, "year", -2),
    ("L'anno scorso è cresciuto.", "it", Kind.YEAR, "year", -1),
    ("Last month it fell.", "en", Kind.DATE, "month", -1),
])
def test_relative_times(extract: Extract, text: str, lang: str, kind: Kind, unit: str, amount: int) -> None:
    """Relative times carry a signed amount in their unit and no value; the quote is the expression."""
    [claim] = extract(text, lang)
    assert claim.relative is not None
    assert (claim.kind, claim.relative.unit, claim.relative.amount, claim.value) == (kind, unit, amount, None)
    assert claim.relative.expression == claim.quote


@pytest.mark.parametrize(("text", "lang", "approx", "bound"), [
    ("Circa 40 milioni di euro.", "it", True, "eq"),
    ("Oltre 40 milioni di euro.", "it", False, "gt"),
    ("About 40 million euros.", "en", True, "eq"),
    ("More than 40 million euros.", "en", False, "gt"),
    ("Fewer than 40 teachers.", "en", False, "lt"),
    ("约40亿元。", "zh", True, "eq"),
    ("逾40亿元。", "zh", False, "gt"),
    ("不到40名教师。", "zh", False, "lt"),
    ("약 40억 원.", "ko", True, "eq"),
    ("40억 원 이상.", "ko", False, "gt"),
    ("40명 미만.", "ko", False, "lt"),
])
def test_markers(extract: Extract, text: str, lang: str, approx: bool, bound: str) -> None:
    """Approximation and bound markers before or after the figure set approx and bound."""
    [claim] = extract(text, lang)
    assert (claim.approx, claim.bound) == (approx, bound)


@pytest.mark.parametrize(("text", "lang"), [
    ("北京时间21:30开始。", "zh"),
    ("Il match è finito 3:1.", "it"),
    ("Chiamare il +39 02 1234 5678.", "it"),
    ("Versione 3.2.1 disponibile.", "it"),
    ("1. Introduzione", "it"),
    ("Titolo dell'articolo\n30\n0\n", "it"),
])
def test_times_scores_phones_and_versions(extract: Extract, text: str, lang: str) -> None:
    """Clock times, scores, phone numbers, versions, list numbers and lone counters on a line are no claims."""
    assert extract(text, lang) == []


@pytest.mark.parametrize(("text", "lang", "low", "high"), [
    ("Hundreds of millions of dollars were lost.", "en", 1e8, 9.99e8),
    ("Tens of thousands of people marched.", "en", 1e4, 9.9e4),
    ("Una produzione stimata in decine di miliardi di yuan.", "it", 1e10, 9.9e10),
    ("Sono arrivate migliaia di famiglie.", "it", 1e3, 9.99e3),
    ("数十家医院扩建。", "zh", 10, 99),
    ("수십 개 기업이 참여했다.", "ko", 10, 99),
])
def test_vague_quantities(extract: Extract, text: str, lang: str, low: float, high: float) -> None:
    """Vague plurals (hundreds of, decine di, 数十, 수십) are approximate claims bounded by a range."""
    [claim] = extract(text, lang)
    assert claim.approx
    assert claim.bound == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(("text", "lang", "parts"), [
    ("Pubblicato il 08.04.2020.", "it", (2020, 4, 8)),
    ("Published 2020-04-08.", "en", (2020, 4, 8)),
    ("Published on 4/8/2020.", "en", (2020, 4, 8)),
    ("北京2024/8/27消息。", "zh", (2024, 8, 27)),
    ("2024.8.27 발표했다.", "ko", (2024, 8, 27)),
])
def test_all_digit_dates(extract: Extract, text: str, lang: str, parts: tuple[int, int, int]) -> None:
    """All-digit dates read year-first everywhere and day or month first in the pack's order."""
    [claim] = extract(text, lang)
    assert (claim.kind, claim.parts) == (Kind.DATE, parts)
