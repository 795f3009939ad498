"""Extraction round 2: years after season words, clause limits, rates, number words, fractions, later times."""

from __future__ import annotations

import pytest

from factcheck.model import Kind

from .conftest import Extract, claim_with


@pytest.mark.parametrize(("text", "lang", "quote"), [
    ("Construction is due to start in spring 2026 and the hospital is expected to open in 2029.", "en", "2026"),
    ("Work begins in autumn 2027 the clinic said.", "en", "2027"),
    ("I lavori inizieranno nell'estate 2026 e l'ospedale aprirà nel 2029.", "it", "2026"),
    ("工程将于2026年春开工，医院2029年开放。", "zh", "2026年"),
    ("공사는 2026년 봄에 시작하고 그리고 병원은 2029년에 문을 연다.", "ko", "2026년"),
])
def test_year_after_season_or_preposition_is_a_year(extract: Extract, text: str, lang: str, quote: str) -> None:
    """A 4-digit year after a season or year word is a year, never a count of the noun that follows."""
    claims = extract(text, lang)
    claim = claim_with(claims, quote)
    assert claim.quote == quote
    assert (claim.kind, claim.value) == (Kind.YEAR, 2026 if "2026" in quote else 2027)
    assert all(c.kind is not Kind.COUNT for c in claims)


@pytest.mark.parametrize(("text", "lang"), [
    ("They bought 40 and the hospitals paid.", "en"),
    ("Ne hanno comprati 40 e gli ospedali hanno pagato.", "it"),
    ("他们买了40台和医院合作。", "zh"),
])
def test_count_does_not_reach_noun_across_conjunction(extract: Extract, text: str, lang: str) -> None:
    """A counted noun after a conjunction belongs to another clause: the figure counts no hospital."""
    claim = claim_with(extract(text, lang), "40")
    assert claim.unit != "hospital"
    assert "hospital" not in claim.quote


def test_adjacent_count_after_year_word_still_counts(extract: Extract) -> None:
    """"a staff of 1500 employees": a year word before a number does not block a noun right after it."""
    claim = claim_with(extract("It has a staff of 1500 employees.", "en"), "1500")
    assert (claim.kind, claim.value, claim.unit) == (Kind.COUNT, 1500, "employee")


@pytest.mark.parametrize(("text", "lang", "quote", "value", "unit", "per"), [
    ("A monthly pass will cost €58.", "en", "€58", 58, "EUR", "month"),
    ("Shares were sold at $5 per share.", "en", "$5", 5, "USD", "share"),
    ("Diesel costs €2 a litre.", "en", "€2", 2, "EUR", "liter"),
    ("Officials expect 11,000 passengers a day.", "en", "11,000", 11000, "passenger", "day"),
    ("L'abbonamento costa €3 al mese.", "it", "€3", 3, "EUR", "month"),
    ("Il canone annuo è di 400 euro.", "it", "400 euro", 400, "EUR", "year"),
    ("每吨500元。", "zh", "500元", 500, "CNY", "tonne"),
    ("月薪8000元。", "zh", "8000元", 8000, "CNY", "month"),
    ("补贴为500元每吨。", "zh", "500元", 500, "CNY", "tonne"),
    ("회비는 월 5만 원이다.", "ko", "5만 원", 50000, "KRW", "month"),
    ("1인당 3만 원을 지급한다.", "ko", "3만 원", 30000, "KRW", "person"),
    ("가격은 톤당 500원이다.", "ko", "500원", 500, "KRW", "tonne"),
])
def test_rates_carry_a_per_qualifier(extract: Extract, text: str, lang: str, quote: str, value: float,
                                     unit: str, per: str) -> None:
    """A price or rate per unit, time or thing is marked ("per", what) and keeps its amount."""
    claim = claim_with(extract(text, lang), quote)
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)
    assert claim.qualifier_map == {"per": per}


@pytest.mark.parametrize(("text", "lang", "quote"), [
    ("The plant cost $5 million.", "en", "$5 million"),
    ("It made $5 million a year ago.", "en", "$5 million"),
    ("Ha investito 5 milioni di euro per la costruzione.", "it", "5 milioni di euro"),
    ("总投资500亿元。", "zh", "500亿元"),
    ("총사업비는 19억 유로다.", "ko", "19억 유로"),
])
def test_totals_carry_no_per_qualifier(extract: Extract, text: str, lang: str, quote: str) -> None:
    """A total (even one followed by "a year ago" or "per la") is no rate."""
    claim = claim_with(extract(text, lang), quote)
    assert claim.qualifiers == ()


@pytest.mark.parametrize(("text", "lang", "quote"), [
    ("The firm hired five engineers.", "en", "five engineers"),
    ("The firm hired 5 engineers.", "en", "5 engineers"),
    ("L'azienda ha assunto cinque ingegneri.", "it", "cinque ingegneri"),
    ("公司聘用了五名工程师。", "zh", "五名工程师"),
    ("회사는 다섯 명의 엔지니어를 고용했다.", "ko", "다섯 명의 엔지니어"),
    ("회사는 5명의 엔지니어를 고용했다.", "ko", "5명의 엔지니어"),
])
def test_number_words_and_digits_count_the_same(extract: Extract, text: str, lang: str, quote: str) -> None:
    """Five engineers and 5명 agree: same value and same counted thing."""
    claim = claim_with(extract(text, lang), quote)
    assert claim.quote == quote
    assert (claim.kind, claim.value, claim.unit) == (Kind.COUNT, 5, "engineer")


@pytest.mark.parametrize(("text", "value"), [
    ("스물다섯 명이 왔다.", 25),
    ("서른두 개의 공장이 있다.", 32),
    ("열다섯 명이 왔다.", 15),
    ("마흔한 곳이 문을 열었다.", 41),
])
def test_korean_native_compounds(extract: Extract, text: str, value: float) -> None:
    """Native Korean numerals glue into compounds before a counter (스물다섯 명 = 25)."""
    claims = extract(text, "ko")
    assert [c.value for c in claims] == [value]


def test_korean_counted_noun_before_head_word(extract: Extract) -> None:
    """직원 수는 1만2000명: the counted noun stands before the number with 수는 between."""
    claim = claim_with(extract("직원 수는 1만2000명이다.", "ko"), "1만2000명")
    assert (claim.kind, claim.value, claim.unit) == (Kind.COUNT, 12000, "employee")


@pytest.mark.parametrize(("text", "lang", "quote", "value"), [
    ("三分之一的预算用于医疗。", "zh", "三分之一", 100 / 3),
    ("三分之二的员工。", "zh", "三分之二", 200 / 3),
    ("예산의 3분의 1이 쓰였다.", "ko", "3분의 1", 100 / 3),
])
def test_fractions_are_percent_shares(extract: Extract, text: str, lang: str, quote: str, value: float) -> None:
    """A fraction written denominator first is one percent share, not a count of its numerator."""
    claims = extract(text, lang)
    claim = claim_with(claims, quote)
    assert claim.quote == quote
    assert (claim.kind, claim.value, claim.unit) == (Kind.PERCENT, pytest.approx(value), "percent")
    assert len(claims) == 1


@pytest.mark.parametrize(("text", "lang"), [
    ("One-third of the budget went to schools.", "en"),
    ("Un terzo del bilancio.", "it"),
])
def test_latin_fractions_are_skipped(extract: Extract, text: str, lang: str) -> None:
    """Spelled fractions in Latin script make no stray count."""
    assert extract(text, lang) == []


def test_percent_prefix_still_reads_after_fractions(extract: Extract) -> None:
    """百分之二十七 stays 27 percent: a bare multiplier denominator is the percent prefix."""
    claim = claim_with(extract("增长百分之二十七。", "zh"), "百分之二十七")
    assert (claim.kind, claim.value) == (Kind.PERCENT, 27)


@pytest.mark.parametrize(("text", "lang", "quote"), [
    ("Five years later the plant opened.", "en", "Five years later"),
    ("It opened 5 years later.", "en", "5 years later"),
    ("Cinque anni dopo aprì.", "it", "Cinque anni dopo"),
    ("5年后开放。", "zh", "5年后"),
    ("五年后开放。", "zh", "五年后"),
    ("5년 후 개장했다.", "ko", "5년 후"),
    ("5년 뒤 개장했다.", "ko", "5년 뒤"),
])
def test_years_later_are_relative_times(extract: Extract, text: str, lang: str, quote: str) -> None:
    """N years later / anni dopo / 年后 / 년 후 is a relative year of +N, not a duration."""
    claim = claim_with(extract(text, lang), quote)
    assert claim.quote == quote
    assert claim.kind is Kind.YEAR
    assert claim.relative is not None
    assert (claim.relative.unit, claim.relative.amount) == ("year", 5)


@pytest.mark.parametrize(("text", "lang", "quote"), [
    ("해당 기업은 500억 원을 투자했다.", "ko", "500억 원"),
    ("상당 부분인 500억 원이 남았다.", "ko", "500억 원"),
    ("It cost $5 each and more.", "en", "$5"),
    ("Sales were $5 million a year later.", "en", "$5 million"),
])
def test_rate_markers_need_a_thing(extract: Extract, text: str, lang: str, quote: str) -> None:
    """당 ending an ordinary word (해당) and "a year later" make no rate."""
    assert claim_with(extract(text, lang), quote).qualifiers == ()


def test_rate_after_counter_names_the_occasion(extract: Extract) -> None:
    """每次活动投入500元 is per occasion, and 每名员工 per employee (counter then counted noun)."""
    claims = extract("每次活动投入500元。每名员工3000元。", "zh")
    assert claim_with(claims, "500元").qualifiers != ()
    assert claim_with(claims, "3000元").qualifier_map == {"per": "employee"}


@pytest.mark.parametrize(("text", "lang", "quote", "value", "unit"), [
    ("처리량은 1460만TEU(1TEU는 20피트 컨테이너 1개)였다.", "ko", "1460만TEU", 1.46e7, "TEU"),
    ("It covers 40 mu (1 mu = 666 m²).", "en", "40 mu", 40, "mu"),
])
def test_unit_defined_in_an_aside_is_no_claim(extract: Extract, text: str, lang: str, quote: str,
                                              value: float, unit: str) -> None:
    """A unit of one defined in parentheses is no figure; the amount before it stays."""
    claims = extract(text, lang)
    assert [c.value for c in claims if c.kind.value == "quantity" and c.value == 1] == []
    claim = claim_with(claims, quote)
    assert (claim.value, claim.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize(("text", "quote", "value", "unit"), [
    ("연간 약 260GWh의 전력을 생산한다.", "260GWh", 260, "gigawatt_hour"),
    ("총연장 68km의 노선이다.", "68km", 68, "kilometer"),
])
def test_latin_units_glued_to_korean_particles(extract: Extract, text: str, quote: str, value: float,
                                               unit: str) -> None:
    """A Latin unit symbol followed by a Korean particle (260GWh의) is still the unit."""
    claim = claim_with(extract(text, "ko"), quote)
    assert claim.quote == quote
    assert (claim.value, claim.unit) == (value, unit)


@pytest.mark.parametrize(("text", "lang", "quote"), [
    ("1~2월 국제선 여객 1520만명이 이용했다.", "ko", "1520만명"),
    ("3월 평가전에서 1만 명이 모였다.", "ko", "1만 명"),
])
def test_month_names_are_no_rate_words(extract: Extract, text: str, lang: str, quote: str) -> None:
    """월 after a digit names a month (1~2월), not "monthly": the count after it is no rate."""
    assert claim_with(extract(text, lang), quote).qualifiers == ()
