"""The must-show claims of the seed articles, with the language the manifest gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract import extract_claims
from factcheck.model import Claim, Kind
from factcheck.rules import RuleSet

from .conftest import claim_with, make_doc

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"
LANGS = {"000": "it", "001": "zh", "002": "ko", "004": "en"}


def seed_claims(rules: RuleSet, prefix: str) -> list[Claim]:
    """Extract the claims of the seed file whose name starts with ``prefix``."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return extract_claims(make_doc(text, LANGS[prefix], path=path.name), rules)


@pytest.fixture(scope="module")
def seeds(rules: RuleSet) -> dict[str, list[Claim]]:
    """Extract every seed once for the module."""
    return {prefix: seed_claims(rules, prefix) for prefix in LANGS}


def test_chinese_year_and_relative_years(seeds: dict[str, list[Claim]]) -> None:
    """2008年 is the year 2008; 12年前 and 时隔11年 point back 12 and 11 years."""
    claims = seeds["001"]
    year = next(c for c in claims if c.quote == "2008年")
    assert (year.kind, year.value, year.unit, year.parts) == (Kind.YEAR, 2008, None, (2008, None, None))
    ago = claim_with(claims, "12年前")
    assert ago.kind is Kind.YEAR and ago.relative is not None
    assert (ago.relative.unit, ago.relative.amount, ago.value) == ("year", -12, None)
    since = next(c for c in claims if c.quote == "时隔11年")
    assert since.relative is not None and (since.relative.unit, since.relative.amount) == ("year", -11)


def test_korean_year_and_relative_year(seeds: dict[str, list[Claim]]) -> None:
    """2009년 is a year; 11년 만에 points back 11 years."""
    claims = seeds["002"]
    year = claim_with(claims, "2009년")
    assert (year.kind, year.value) == (Kind.YEAR, 2009)
    since = claim_with(claims, "11년 만에")
    assert since.kind is Kind.YEAR and since.relative is not None and since.relative.amount == -11


def test_factory_counts_in_three_languages(seeds: dict[str, list[Claim]]) -> None:
    """1.000 fabbriche, 100 개의 공장 and 1000个工厂 are counts of the same counted thing."""
    it = claim_with(seeds["000"], "1.000 fabbriche")
    ko = claim_with(seeds["002"], "100 개의 공장")
    zh = claim_with(seeds["001"], "1000个工厂")
    assert [(c.kind, c.value, c.unit) for c in (it, ko, zh)] == [
        (Kind.COUNT, 1000, "factory"), (Kind.COUNT, 100, "factory"), (Kind.COUNT, 1000, "factory")]
    assert it.precision == pytest.approx(0.5 / 1000)


def test_agricultural_bases_share_one_id_across_languages(seeds: dict[str, list[Claim]]) -> None:
    """1.000 centri agricoli and 1000个…数字农业基地 count the same compound thing, not generic bases."""
    it = claim_with(seeds["000"], "centri agricoli")
    zh = claim_with(seeds["001"], "农业基地")
    assert it.value == zh.value == 1000
    assert it.concept == zh.concept == it.unit
    assert it.concept not in (None, "base")


def test_italian_money_with_scale_and_markers(seeds: dict[str, list[Claim]]) -> None:
    """oltre 100 milioni di yuan is 1e8 CNY, more than; circa 14,2 milioni di dollari is about 1.42e7 USD."""
    yuan = claim_with(seeds["000"], "100 milioni di yuan")
    assert (yuan.kind, yuan.value, yuan.unit, yuan.bound) == (Kind.MONEY, 1e8, "CNY", "gt")
    dollars = claim_with(seeds["000"], "14,2 milioni di dollari")
    assert dollars.value == pytest.approx(1.42e7)
    assert (dollars.unit, dollars.approx) == ("USD", True)
    assert dollars.precision == pytest.approx(0.05 / 14.2)


def test_english_money_and_tonnage(seeds: dict[str, list[Claim]]) -> None:
    """more than 6 billion yuan, $849 million and 796,000 tons read as stated."""
    yuan = claim_with(seeds["004"], "6 billion yuan")
    assert (yuan.value, yuan.unit, yuan.bound) == (6e9, "CNY", "gt")
    assert yuan.precision == pytest.approx(0.5 / 6)
    usd = claim_with(seeds["004"], "$849 million")
    assert (usd.kind, usd.value, usd.unit) == (Kind.MONEY, 8.49e8, "USD")
    tons = claim_with(seeds["004"], "796,000 tons")
    assert (tons.kind, tons.value, tons.unit) == (Kind.QUANTITY, 796000, "tonne")


def test_day_and_month_dates(seeds: dict[str, list[Claim]]) -> None:
    """30 giugno and 6月30日 state month 6, day 30 and no year."""
    it = next(c for c in seeds["000"] if c.quote.startswith("30 giugno"))
    zh = next(c for c in seeds["001"] if c.quote == "6月30日")
    assert it.kind is zh.kind is Kind.DATE
    assert it.parts == zh.parts == (None, 6, 30)
    assert it.quote == "30 giugno"


def test_yesterday_is_a_relative_day(seeds: dict[str, list[Claim]]) -> None:
    """ieri is a date one day before publication."""
    ieri = next(c for c in seeds["000"] if c.quote == "ieri")
    assert ieri.kind is Kind.DATE and ieri.relative is not None
    assert (ieri.relative.unit, ieri.relative.amount, ieri.value) == ("day", -1, None)


def test_name_numbers_are_not_claims(seeds: dict[str, list[Claim]]) -> None:
    """春雷计划2020, Spring Thunder Plan 2020, C2M and 코로나19 yield no claim."""
    quotes = [c.quote for prefix in ("001", "002") for c in seeds[prefix]]
    assert not any(q in ("2020", "2", "19") for q in quotes), quotes


def test_quotes_lines_and_sentences_are_consistent(rules: RuleSet) -> None:
    """Every seed claim quotes its own span, lies inside its sentence and has a line and column."""
    for prefix in LANGS:
        path = next(SEEDS.glob(f"{prefix}_*.txt"))
        text = path.read_text(encoding="utf-8")
        for claim in extract_claims(make_doc(text, LANGS[prefix]), rules):
            assert text[claim.start:claim.end] == claim.quote
            assert claim.quote in claim.sentence
            assert text.startswith(claim.sentence, claim.sentence_start)
            assert claim.line == text.count("\n", 0, claim.start) + 1
            assert claim.column >= 1
