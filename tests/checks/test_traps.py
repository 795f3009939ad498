"""Traps end to end: one story in four languages where every figure agrees but one planted year."""

from __future__ import annotations

import shutil
from pathlib import Path

from factcheck.model import Claim, Kind, Severity

from .test_corpus import run

TRAPS = Path(__file__).resolve().parent / "corpus_traps"


def fact_names(claims: list[Claim]) -> set[str]:
    """Return the fact names (without story) of claims."""
    return {(c.fact or "").split("/", 1)[-1] for c in claims}


def test_only_the_planted_year_is_flagged() -> None:
    """The Korean 2028 for the second plant is the one finding; it cites the 2027 of the other three versions."""
    _documents, analysis = run(TRAPS)
    assert len(analysis.findings) == 1
    finding = analysis.findings[0]
    assert (finding.check, finding.severity) == ("fact-agreement", Severity.ERROR)
    assert (finding.observed, finding.expected) == (2028, 2027)
    assert {Path(c.path).stem for c in finding.claims} == {"heat-en", "heat-it", "heat-zh", "heat-ko"}
    assert not any("2016" in c.quote for c in finding.claims)


def test_district_figure_is_not_the_citywide_figure() -> None:
    """'Solo nel quartiere di Castrano 2.300 famiglie' is a restricted scope, apart from the 14,600 citywide."""
    _documents, analysis = run(TRAPS)
    district = [c for c in analysis.claims if c.fact and c.value == 2300 and c.lang in ("it", "zh", "ko")]
    assert len(district) == 3
    assert all(dict(c.qualifiers).get("scope") == "restricted" for c in district)
    citywide = [c for c in analysis.claims if c.value == 14600]
    assert len(citywide) == 4 and fact_names(citywide) == {"household"}


def test_last_years_staff_is_another_period() -> None:
    """'1,200 last year' beside the new staff figure is the prior period, never a rival of 1,450."""
    _documents, analysis = run(TRAPS)
    prior = [c for c in analysis.claims if c.value == 1200 and c.fact]
    assert prior and all(dict(c.qualifiers).get("period") == "prior" for c in prior)
    current = [c for c in analysis.claims if c.value == 1450 and c.fact]
    assert fact_names(current) == {"employee"}


def test_two_companies_revenues_in_one_article_agree_with_the_translations() -> None:
    """Termica Nord's 380 million and Solvia's 95 million share the revenue fact in every version, silently."""
    _documents, analysis = run(TRAPS)
    revenue = [c for c in analysis.claims if c.fact and c.fact.endswith("/revenue")]
    assert sorted({c.value for c in revenue}) == [95e6, 380e6]
    assert {c.lang for c in revenue if c.value == 95e6} == {"en", "it", "zh", "ko"}
    assert not [f for f in analysis.findings if f.fact and f.fact.endswith("/revenue")]


def test_market_share_and_growth_are_different_facts() -> None:
    """62% is a market share and 8% a growth rate in all four languages."""
    _documents, analysis = run(TRAPS)
    percents = [c for c in analysis.claims if c.kind is Kind.PERCENT]
    assert {(c.lang, c.value, (c.fact or "").split("/", 1)[-1]) for c in percents} == {
        (lang, value, fact) for lang in ("en", "it", "zh", "ko")
        for value, fact in ((62.0, "market-share"), (8.0, "growth-rate"))
    }


def test_rounded_translations_of_a_million_figure_agree() -> None:
    """1.8 million customers = 1,8 milioni di clienti = 180万客户 = 180만 명의 고객, one value of one fact."""
    _documents, analysis = run(TRAPS)
    customers = [c for c in analysis.claims if c.fact and c.fact.endswith("/customer")]
    assert {c.lang for c in customers} == {"en", "it", "zh", "ko"}
    assert {c.value for c in customers} == {1.8e6}


def test_approximate_figure_agrees_with_the_exact_one() -> None:
    """'about 2,000 jobs' and 'circa 2.000' agree with 1,950 jobs: the approximation widens the tolerance."""
    _documents, analysis = run(TRAPS)
    jobs = [c for c in analysis.claims if c.fact and c.fact.endswith("/job")]
    assert {(c.value, c.approx) for c in jobs} == {(2000.0, True), (1950.0, False)}
    assert not [f for f in analysis.findings if f.fact and f.fact.endswith("/job")]


def test_first_and_second_plant_are_two_events() -> None:
    """The plant opened in 2016 (first, past) and the one to open in 2027 (second, planned) are told apart."""
    _documents, analysis = run(TRAPS)
    opened = [c for c in analysis.claims if c.fact and "/opens-year[" in c.fact]
    marks = {(c.lang, int(c.value or 0)): dict(c.qualifiers) for c in opened}
    for lang in ("en", "it", "zh", "ko"):
        assert marks[(lang, 2016)] == {"sequence": "first", "tense": "past"}
    assert marks[("zh", 2027)] == {"sequence": "second", "tense": "future"}
    assert marks[("ko", 2028)] == {"sequence": "second", "tense": "future"}
    assert len({c.fact for c in opened}) == 2


def test_corrected_korean_version_makes_the_story_silent(tmp_path: Path) -> None:
    """With the Korean year corrected to 2027, the story has no finding at all."""
    target = tmp_path / "traps"
    shutil.copytree(TRAPS, target)
    korean = target / "heat-ko.txt"
    korean.write_text(korean.read_text(encoding="utf-8").replace("2028년", "2027년"), encoding="utf-8")
    _documents, analysis = run(target)
    assert analysis.findings == []
