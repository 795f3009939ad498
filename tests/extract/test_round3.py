"""Extraction round 3: names and codes, named day numbers, clock times, phones, anniversaries, units, currencies."""

from __future__ import annotations

import pytest

from factcheck.model import Kind

from .conftest import Extract, claim_with


@pytest.mark.parametrize(("text", "lang"), [
    ("The A350-1000 and the 777-300ER flew.", "en"),
    ("L'A350-1000 e il 777-300ER hanno volato.", "it"),
    ("A350-1000与777-300ER同时起飞。", "zh"),
    ("A350-1000과 777-300ER이 함께 날았다.", "ko"),
])
def test_model_codes_make_no_claim(extract: Extract, text: str, lang: str) -> None:
    """Letters and digits joined by hyphens (A350-1000, 777-300ER) are a model name, never a figure."""
    assert extract(text, lang) == []


@pytest.mark.parametrize(("text", "lang"), [
    ("The COVID-19 pandemic the company said hurt sales.", "en"),
    ("La pandemia di COVID-19 l'azienda ha chiuso tre fabbriche.", "it"),
    ("COVID-19疫情期间公司停产。", "zh"),
    ("COVID-19 팬데믹 기간 회사는 문을 닫았다.", "ko"),
])
def test_disease_code_counts_no_company(extract: Extract, text: str, lang: str) -> None:
    """COVID-19 is a name: its 19 never reaches a counted noun such as company."""
    assert all(c.value != 19 for c in extract(text, lang))


def test_named_day_numbers_are_no_dates(extract: Extract) -> None:
    """7号线 and 10号球衣 number a thing; 6月28日 and spoken 28号开通 stay dates."""
    claims = extract("地铁7号线将于6月28日开通，他穿10号球衣。", "zh")
    assert [(c.quote, c.kind) for c in claims] == [("6月28日", Kind.DATE)]
    spoken = claim_with(extract("这条线路28号开通。", "zh"), "28号")
    assert spoken.kind is Kind.DATE


@pytest.mark.parametrize(("text", "lang"), [
    ("首班车早上5点40分发车，下午3点结束。", "zh"),
    ("The first train leaves at 10.30 every day.", "en"),
    ("Il primo treno parte alle 10.30 ogni giorno.", "it"),
    ("첫차는 오전 5시 40분에 출발한다.", "ko"),
])
def test_times_of_day_make_no_claim(extract: Extract, text: str, lang: str) -> None:
    """A clock time is no measurement: no count of vehicles from 40分发车, no 10.3 from 10.30."""
    assert extract(text, lang) == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Call the hotline on 800 938 118 today.", "en"),
    ("Chiamate il +39 06 1234 5678 oggi.", "it"),
    ("문의는 1588-7890으로 하면 된다.", "ko"),
    ("咨询电话：+86 10 6512 3456。", "zh"),
])
def test_phone_numbers_make_no_claim(extract: Extract, text: str, lang: str) -> None:
    """Phone numbers, spaced or hyphenated, are never figures."""
    assert extract(text, lang) == []


@pytest.mark.parametrize(("text", "lang"), [
    ("公司庆祝成立100周年。", "zh"),
    ("회사는 창립 100주년을 맞았다.", "ko"),
    ("L'azienda celebra il 100° anniversario.", "it"),
    ("The company marks its 100th anniversary.", "en"),
])
def test_anniversaries_are_no_weeks(extract: Extract, text: str, lang: str) -> None:
    """An anniversary (100周年, 100주년) is an age, never a duration of 100 weeks."""
    assert all(c.unit != "week" for c in extract(text, lang))
    assert all(c.kind is not Kind.DURATION for c in extract(text, lang))


def test_kuai_before_a_noun_counts_it(extract: Extract) -> None:
    """块 is a counter before a noun (28万块光伏板) and money only when no noun follows (28万块)."""
    panels = claim_with(extract("安装了28万块光伏板。", "zh"), "28万")
    assert (panels.kind, panels.value, panels.unit) == (Kind.COUNT, 280000, "panel")
    money = claim_with(extract("售价28万块。", "zh"), "28万")
    assert (money.kind, money.unit) == (Kind.MONEY, "CNY")


def test_list_closing_deng_makes_no_count(extract: Extract) -> None:
    """30等车型: 等 closes a list, so 30 counts no vehicles."""
    assert extract("共有汉、唐、30等车型。", "zh") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Una donna su tre ha più di 35 anni.", "it"),
    ("Il presidente ha 62 anni.", "it"),
])
def test_years_someone_has_are_an_age(extract: Extract, text: str, lang: str) -> None:
    """"ha più di 35 anni" is an age: no duration, and the verb ha is never hectares."""
    claims = extract(text, lang)
    assert all(c.unit != "hectare" for c in claims)
    assert all(c.kind is not Kind.DURATION for c in claims)


def test_hectare_abbreviation_after_digits_stays(extract: Extract) -> None:
    """A digit numeral before ha still reads hectares: the guard is for spelled-out numbers."""
    claim = claim_with(extract("L'area copre 450 ha di terreno.", "it"), "450")
    assert (claim.kind, claim.unit) == (Kind.QUANTITY, "hectare")


@pytest.mark.parametrize(("text", "lang", "value"), [
    ("They built a 42,000-seat stadium.", "en", 42000),
    ("4만2000석 규모의 경기장.", "ko", 42000),
    ("可容纳4.2万个座位的体育场。", "zh", 42000),
])
def test_seat_compounds_count_seats(extract: Extract, text: str, lang: str, value: float) -> None:
    """A number hyphenated or glued to a counted noun (42,000-seat, 4만2000석) counts that noun."""
    claims = [c for c in extract(text, lang) if c.kind is Kind.COUNT]
    assert [(c.value, c.unit) for c in claims] == [(value, "seat")]


def test_currency_symbol_beats_noun_after_amount(extract: Extract) -> None:
    """"€180 million mRNA vaccine plant" is money, not 180 million factories."""
    claim = claim_with(extract("The company built a €180 million mRNA vaccine plant.", "en"), "180")
    assert (claim.quote, claim.kind, claim.value, claim.unit) == ("€180 million", Kind.MONEY, 1.8e8, "EUR")


@pytest.mark.parametrize(("text", "quote", "unit"), [
    ("거리 12㎞이다.", "12㎞", "kilometer"),
    ("무게 5㎏이다.", "5㎏", "kilogram"),
    ("저수지는 500만㎥이다.", "500만㎥", "meter ** 3"),
])
def test_cjk_compatibility_units(extract: Extract, text: str, quote: str, unit: str) -> None:
    """CJK compatibility unit characters (㎞, ㎏, ㎥) read as the unit of their NFKC form."""
    claim = claim_with(extract(text, "ko"), quote)
    assert (claim.quote, claim.kind, claim.unit) == (quote, Kind.QUANTITY, unit)


@pytest.mark.parametrize(("text", "quote", "unit"), [
    ("电池产能60GWh。", "60GWh", "gigawatt_hour"),
    ("储能100吉瓦时。", "100吉瓦时", "gigawatt_hour"),
    ("储能200兆瓦时。", "200兆瓦时", "megawatt_hour"),
    ("装机5吉瓦。", "5吉瓦", "gigawatt"),
])
def test_zh_energy_is_distinct_from_power(extract: Extract, text: str, quote: str, unit: str) -> None:
    """吉瓦时 and GWh are energy, 吉瓦 is power: the longer unit wins."""
    claim = claim_with(extract(text, "zh"), quote)
    assert (claim.quote, claim.unit) == (quote, unit)


@pytest.mark.parametrize(("text", "lang", "unit"), [
    ("It costs 100 million Danish kroner.", "en", "DKK"),
    ("Costa 100 milioni di corone danesi.", "it", "DKK"),
    ("投资100亿丹麦克朗。", "zh", "DKK"),
    ("100억 덴마크 크로네를 투자한다.", "ko", "DKK"),
    ("It costs 5 billion Swedish kronor.", "en", "SEK"),
    ("Costa 5 miliardi di corone norvegesi.", "it", "NOK"),
    ("投资50亿泰铢。", "zh", "THB"),
    ("50억 링깃을 투자한다.", "ko", "MYR"),
])
def test_more_ecb_currencies(extract: Extract, text: str, lang: str, unit: str) -> None:
    """Named ECB currencies (kroner, kronor, baht, ringgit) read as money in all four languages."""
    claims = extract(text, lang)
    assert [(c.kind, c.unit) for c in claims] == [(Kind.MONEY, unit)]


def test_packs_name_the_major_ecb_currencies(rules: object) -> None:
    """Every major ECB currency has a spelled-out name in each of the four language packs."""
    from factcheck.rules import RuleSet

    assert isinstance(rules, RuleSet)
    wanted = {"CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "AUD", "CAD", "NZD", "SGD", "HKD", "THB",
              "MXN", "BRL", "ZAR", "TRY", "IDR", "MYR", "PHP", "ILS"}
    for lang in ("en", "it", "zh", "ko"):
        currencies = rules.language(lang)["currencies"]
        named = {*currencies.get("suffix", {}).values(), *currencies.get("prefix", {}).values()}
        assert wanted - named == set(), lang


def test_italian_bare_posti_are_seats(extract: Extract) -> None:
    """"da 42.000 posti" counts seats, while posti di lavoro and posti letto keep their longer cues."""
    assert claim_with(extract("Uno stadio da 42.000 posti.", "it"), "42.000").unit == "seat"
    claims = extract("Creati 500 posti di lavoro e 200 posti letto.", "it")
    assert [c.unit for c in claims] == ["job", "bed"]


def test_spelled_out_teu_is_one_unit(extract: Extract) -> None:
    """"twenty-foot equivalent units" is the TEU, never 14,600,020 feet."""
    claim = claim_with(extract("The port handled 14.6 million twenty-foot equivalent units.", "en"), "14.6")
    assert (claim.kind, claim.value, claim.unit) == (Kind.QUANTITY, 14.6e6, "TEU")


@pytest.mark.parametrize(("text", "lang"), [
    ("1000-2000명이 참가했다.", "ko"),
    ("Between 1000-2000 people came.", "en"),
])
def test_round_four_digit_ranges_are_no_phone_numbers(extract: Extract, text: str, lang: str) -> None:
    """A hyphen between round four-digit figures is a range, not a service phone number."""
    assert any(c.value is not None and c.value >= 1000 for c in extract(text, lang))
