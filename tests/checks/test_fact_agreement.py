"""fact-agreement: contradictions across the articles of one story, and the traps that must stay silent."""

from __future__ import annotations

import dataclasses

import pytest

from factcheck.checks import analyze
from factcheck.fx import FxTable
from factcheck.model import Finding, Kind, Severity

from .builders import Spec, corpus, document, rules

FX = FxTable.load(None)


def run(documents, claims, ruleset=None, **kwargs) -> list[Finding]:
    """Run fact-agreement alone over hand-built claims."""
    analysis = analyze(documents, claims, ruleset or rules(), fx=FX, enabled={"fact-agreement"}, **kwargs)
    return analysis.findings


def factories(ko_value: float = 100, *, source_it: bool = False):
    """The same factory pledge in four languages; the Korean figure is a parameter."""
    return corpus(
        document("it.txt", "it", "2020-04-08", "Alibaba aiuterà 1.000 fabbriche a vendere online.",
                 [Spec("1.000 fabbriche", Kind.COUNT, 1000, "factory")], story="s", source=source_it),
        document("zh.txt", "zh", "2020-04-07", "三年内帮助1000个工厂线上直销。",
                 [Spec("1000个工厂", Kind.COUNT, 1000, "factory")], story="s"),
        document("ko.txt", "ko", "2020-04-08", f"알리바바는 {ko_value:g} 개의 공장을 지원할 예정이다.",
                 [Spec(f"{ko_value:g} 개의 공장", Kind.COUNT, ko_value, "factory")], story="s"),
        document("en.txt", "en", "2020-04-08", "Alibaba will help 1,000 factories sell online.",
                 [Spec("1,000 factories", Kind.COUNT, 1000, "factory")], story="s"),
    )


def test_dropped_zero_in_one_translation_is_an_error_citing_both_sides() -> None:
    """A count that differs by a factor of ten in one language is an error citing every side."""
    findings = run(*factories(100))
    assert len(findings) == 1
    finding = findings[0]
    assert finding.severity is Severity.ERROR
    assert "100 in ko" in finding.message and "1,000" in finding.message
    assert {c.path for c in finding.claims} == {"it.txt", "zh.txt", "ko.txt", "en.txt"}
    assert finding.expected == 1000 and finding.observed == 100
    assert "±" in finding.explanation


def test_agreeing_translations_stay_silent() -> None:
    """The same count in four languages yields nothing."""
    assert run(*factories(1000)) == []


def test_source_article_makes_the_translation_the_deviation() -> None:
    """With a source article, the disagreeing translation is reported as deviating from it."""
    findings = run(*factories(100, source_it=True))
    assert len(findings) == 1
    assert "deviates from the source" in findings[0].message


def test_rounding_to_stated_precision_agrees() -> None:
    """'about 2.9 billion' and 29.4亿 agree: rounding to the stated precision is agreement."""
    documents, claims = corpus(
        document("en.txt", "en", "2020-05-01", "Revenue reached about 2.9 billion yuan in the quarter.",
                 [Spec("2.9 billion yuan", Kind.MONEY, 2.9e9, "CNY", canonical=2.9e8, canonical_unit="EUR",
                       approx=True, precision=0.05 / 2.9)], story="s"),
        document("zh.txt", "zh", "2020-05-01", "该季度营收29.4亿元。",
                 [Spec("29.4亿元", Kind.MONEY, 2.94e9, "CNY", canonical=2.94e8, canonical_unit="EUR",
                       precision=0.05 / 29.4)], story="s"),
    )
    assert run(documents, claims) == []


def test_lower_bound_agrees_with_the_exact_figure() -> None:
    """'oltre 6.000 dipendenti' and '6,000 employees' agree; 'more than' is one-sided."""
    documents, claims = corpus(
        document("it.txt", "it", "2021-03-01", "Il gruppo conta oltre 6.000 dipendenti.",
                 [Spec("6.000 dipendenti", Kind.COUNT, 6000, "employee", bound="gt")], story="s"),
        document("en.txt", "en", "2021-03-01", "The group has 6,000 employees.",
                 [Spec("6,000 employees", Kind.COUNT, 6000, "employee")], story="s"),
        document("ko.txt", "ko", "2021-03-01", "이 그룹의 직원은 7,000명이 넘는다.",
                 [Spec("7,000명", Kind.COUNT, 7000, "employee", bound="gt")], story="s"),
    )
    assert run(documents, claims) == []


def test_area_in_two_units_agrees_after_conversion() -> None:
    """45 km² and 4.500 ettari are the same area once normalized."""
    documents, claims = corpus(
        document("en.txt", "en", "2022-01-10", "The park covers an area of 45 km².",
                 [Spec("45 km²", Kind.QUANTITY, 45, "km**2", canonical=45.0, canonical_unit="km**2",
                       precision=0.5 / 45)], story="s"),
        document("it.txt", "it", "2022-01-10", "Il parco ha una superficie di 4.500 ettari.",
                 [Spec("4.500 ettari", Kind.QUANTITY, 4500, "hectare", canonical=45.0, canonical_unit="km**2",
                       precision=0.5 / 4500)], story="s"),
    )
    assert run(documents, claims) == []


def test_translator_rewrites_of_scale_stay_silent() -> None:
    """1.8 million → 180万 → 180만 is the same number."""
    documents, claims = corpus(
        document("en.txt", "en", "2023-08-01", "The fair drew 1.8 million visitors.",
                 [Spec("1.8 million visitors", Kind.COUNT, 1.8e6, "visitor", precision=0.05 / 1.8)], story="s"),
        document("zh.txt", "zh", "2023-08-01", "博览会吸引了180万游客。",
                 [Spec("180万游客", Kind.COUNT, 1.8e6, "visitor", precision=0.5 / 180)], story="s"),
        document("ko.txt", "ko", "2023-08-01", "박람회에는 180만 명의 방문객이 찾았다.",
                 [Spec("180만 명", Kind.COUNT, 1.8e6, "visitor", precision=0.5 / 180)], story="s"),
        document("it.txt", "it", "2023-08-01", "Cinque ingegneri e 1,8 milioni di visitatori.",
                 [Spec("1,8 milioni di visitatori", Kind.COUNT, 1.8e6, "visitor", precision=0.05 / 1.8)],
                 story="s"),
    )
    assert run(documents, claims) == []


def test_two_shares_in_one_article_and_one_in_another_agree() -> None:
    """'60% and 40%' against '60%' is not a contradiction: a measure may hold several values."""
    documents, claims = corpus(
        document("en.txt", "en", "2024-02-02", "Alpha holds a 60% stake and Beta a 40% stake.",
                 [Spec("60%", Kind.PERCENT, 60, "percent"), Spec("40%", Kind.PERCENT, 40, "percent")], story="s"),
        document("it.txt", "it", "2024-02-02", "Alpha detiene una quota del 60%.",
                 [Spec("60%", Kind.PERCENT, 60, "percent")], story="s"),
    )
    assert run(documents, claims) == []


def test_two_articles_each_with_a_value_the_other_lacks_conflict() -> None:
    """Two stake figures that have no counterpart in the other article contradict."""
    documents, claims = corpus(
        document("en.txt", "en", "2024-02-02", "Alpha holds a 60% stake in the venture.",
                 [Spec("60%", Kind.PERCENT, 60, "percent")], story="s"),
        document("zh.txt", "zh", "2024-02-02", "阿尔法持股45%。",
                 [Spec("45%", Kind.PERCENT, 45, "percent")], story="s"),
    )
    findings = run(documents, claims)
    assert len(findings) == 1
    assert "stake" in findings[0].message


def test_city_figure_and_national_total_are_different_facts() -> None:
    """'Solo a Milano 300 negozi' never contradicts the national 2,000 stores."""
    documents, claims = corpus(
        document("it.txt", "it", "2024-05-05", "La catena ha 2.000 negozi. Solo a Milano ci sono 300 negozi.",
                 [Spec("2.000 negozi", Kind.COUNT, 2000, "store"), Spec("300 negozi", Kind.COUNT, 300, "store")],
                 story="s"),
        document("en.txt", "en", "2024-05-05", "In Milan alone the chain runs 300 stores.",
                 [Spec("300 stores", Kind.COUNT, 300, "store")], story="s"),
        document("zh.txt", "zh", "2024-05-05", "该连锁在全国有2000家门店。",
                 [Spec("2000家门店", Kind.COUNT, 2000, "store")], story="s"),
        document("ko.txt", "ko", "2024-05-05", "밀라노에서만 300개의 매장이 있다.",
                 [Spec("300개의 매장", Kind.COUNT, 300, "store")], story="s"),
    )
    assert run(documents, claims) == []


def test_last_years_figure_is_not_this_years() -> None:
    """Revenue of a year earlier is a different fact from this year's revenue."""
    documents, claims = corpus(
        document("en.txt", "en", "2024-03-01", "Revenue was 5 billion euros, up from 4 billion euros a year earlier.",
                 [Spec("5 billion euros", Kind.MONEY, 5e9, "EUR"), Spec("4 billion euros", Kind.MONEY, 4e9, "EUR")],
                 story="s"),
        document("ko.txt", "ko", "2024-03-01", "지난해 매출은 40억 유로였다.",
                 [Spec("40억 유로", Kind.MONEY, 4e9, "EUR")], story="s"),
        document("it.txt", "it", "2024-03-01", "Il fatturato è di 5 miliardi di euro.",
                 [Spec("5 miliardi di euro", Kind.MONEY, 5e9, "EUR")], story="s"),
        document("zh.txt", "zh", "2024-03-01", "去年营收为40亿欧元。",
                 [Spec("40亿欧元", Kind.MONEY, 4e9, "EUR")], story="s"),
    )
    assert run(documents, claims) == []


def test_target_is_not_the_outcome() -> None:
    """'punta a 500 negozi' (a target) does not contradict 300 stores opened."""
    documents, claims = corpus(
        document("it.txt", "it", "2024-06-01", "Il gruppo punta a 500 negozi entro il 2026.",
                 [Spec("500 negozi", Kind.COUNT, 500, "store")], story="s"),
        document("en.txt", "en", "2024-06-01", "The group has opened 300 stores.",
                 [Spec("300 stores", Kind.COUNT, 300, "store")], story="s"),
        document("zh.txt", "zh", "2024-06-01", "目标是开设500家门店。",
                 [Spec("500家门店", Kind.COUNT, 500, "store")], story="s"),
        document("ko.txt", "ko", "2024-06-01", "500개 매장을 목표로 한다.",
                 [Spec("500개 매장", Kind.COUNT, 500, "store")], story="s"),
    )
    assert run(documents, claims) == []


def test_claims_of_two_stories_are_never_compared() -> None:
    """Two companies' factory counts in one directory do not contradict each other."""
    documents, claims = corpus(
        document("a.txt", "en", "2024-06-01", "Alpha runs 1,000 factories.",
                 [Spec("1,000 factories", Kind.COUNT, 1000, "factory")], story="alpha"),
        document("b.txt", "it", "2024-06-01", "Beta gestisce 100 fabbriche.",
                 [Spec("100 fabbriche", Kind.COUNT, 100, "factory")], story="beta"),
    )
    assert run(documents, claims) == []


def test_boilerplate_numbers_are_never_compared() -> None:
    """A number in a related-reading footer takes no part."""
    documents, claims = corpus(
        document("a.txt", "en", "2024-06-01", "Alpha runs 1,000 factories.",
                 [Spec("1,000 factories", Kind.COUNT, 1000, "factory")], story="s"),
        document("b.txt", "it", "2024-06-01", "Alpha gestisce 1.000 fabbriche. Leggi anche: Beta ha 100 fabbriche.",
                 [Spec("1.000 fabbriche", Kind.COUNT, 1000, "factory"),
                  Spec("100 fabbriche", Kind.COUNT, 100, "factory", extra={"boilerplate": True})], story="s"),
    )
    assert run(documents, claims) == []


def test_launch_year_contradiction_is_an_event_with_one_value() -> None:
    """Years of one event disagree even when one article also states the other year."""
    documents, claims = corpus(
        document("zh.txt", "zh", "2020-04-07", "2008年推出春雷计划。时隔11年,再次启动该计划。",
                 [Spec("2008年", Kind.YEAR, 2008), Spec("时隔11年", Kind.YEAR, 2009, relative=("year", -11))],
                 story="s"),
        document("ko.txt", "ko", "2020-04-08", "이 프로젝트는 2009년에 시작되었다.",
                 [Spec("2009년", Kind.YEAR, 2009)], story="s"),
    )
    findings = run(documents, claims)
    assert len(findings) == 1
    assert findings[0].message.startswith("launch year: 2008 in zh")
    assert findings[0].expected == 2009 and findings[0].observed == 2008


def test_qualifier_outside_the_clause_downgrades_to_warning() -> None:
    """A period marker elsewhere in the sentence makes the contradiction arguable: a warning."""
    documents, claims = corpus(
        document("en.txt", "en", "2024-06-01", "Compared with last year, the group now runs 1,000 factories.",
                 [Spec("1,000 factories", Kind.COUNT, 1000, "factory")], story="s"),
        document("it.txt", "it", "2024-06-01", "Il gruppo gestisce 100 fabbriche.",
                 [Spec("100 fabbriche", Kind.COUNT, 100, "factory")], story="s"),
    )
    findings = run(documents, claims)
    assert [f.severity for f in findings] == [Severity.WARNING]


def test_suite_severity_wins_over_pack_and_default() -> None:
    """The suite's checks: map sets the severity of a clear contradiction."""
    findings = run(*factories(100), severities={"fact-agreement": "info"})
    assert [f.severity for f in findings] == [Severity.INFO]


def test_two_companies_figures_in_one_story_are_not_compared() -> None:
    """Alpha's investment and Beta's investment, each named in its clause, never contradict."""
    documents, claims = corpus(
        document("en.txt", "en", "2024-06-01", "Alpha will invest 2 billion euros in the port. Beta is a partner.",
                 [Spec("2 billion euros", Kind.MONEY, 2e9, "EUR")], story="s"),
        document("it.txt", "it", "2024-06-01", "Beta investirà 5 miliardi di euro nel porto. Alpha è partner.",
                 [Spec("5 miliardi di euro", Kind.MONEY, 5e9, "EUR")], story="s"),
    )
    assert run(documents, claims) == []


def test_one_companys_figure_disagreeing_across_articles_is_flagged() -> None:
    """The same company's investment stated as 2 and 5 billion is a contradiction."""
    documents, claims = corpus(
        document("en.txt", "en", "2024-06-01", "Alpha will invest 2 billion euros in the port. Beta is a partner.",
                 [Spec("2 billion euros", Kind.MONEY, 2e9, "EUR")], story="s"),
        document("zh.txt", "zh", "2024-06-01", "Alpha将投资50亿欧元建设港口。Beta是合作伙伴。",
                 [Spec("50亿欧元", Kind.MONEY, 5e9, "EUR")], story="s"),
    )
    findings = run(documents, claims)
    assert len(findings) == 1 and "investment" in findings[0].message


DEVIATIONS = {
    "it": ("Alibaba aiuterà {n} fabbriche.", "{n} fabbriche"),
    "zh": ("帮助{n}个工厂。", "{n}个工厂"),
    "ko": ("{n} 개의 공장을 지원한다.", "{n} 개의 공장"),
    "en": ("Alibaba will help {n} factories.", "{n} factories"),
}


@pytest.mark.parametrize("lang", sorted(DEVIATIONS))
def test_deviation_in_each_language(lang: str) -> None:
    """Whichever language drops a zero is the one cited as deviating; agreeing versions are silent."""
    for value, expected in ((100, 1), (1000, 0)):
        parts = []
        for other, (template, quote) in DEVIATIONS.items():
            n = value if other == lang else 1000
            parts.append(document(f"{other}.txt", other, "2020-04-08", template.format(n=n),
                                  [Spec(quote.format(n=n), Kind.COUNT, n, "factory")], story="s"))
        findings = run(*corpus(*parts))
        assert len(findings) == expected
        if expected:
            assert f": 100 in {lang} ({lang}) vs 1,000" in findings[0].message


def test_related_reading_list_after_a_marker_line_is_never_compared() -> None:
    """Headlines listed under a marker line ('延伸阅读：') take no part, even when only the marker was flagged."""
    story = "阿尔法公司今天宣布了一项扶持中小企业的新计划。" * 3
    text = story + "\n\n延伸阅读：\n- Alpha计划新增100家工厂\n- 其他新闻\n"
    marker = text.index("延伸阅读")
    zh_doc, zh_claims = document("zh.txt", "zh", "2024-06-01", text,
                                 [Spec("100家工厂", Kind.COUNT, 100, "factory")], story="s")
    en = document("en.txt", "en", "2024-06-01", "Alpha will help 1,000 factories.",
                  [Spec("1,000 factories", Kind.COUNT, 1000, "factory")], story="s")
    flagged = dataclasses.replace(zh_doc, boilerplate=((marker, marker + 5),))
    assert run(*corpus((flagged, zh_claims), en)) == []
    assert len(run(*corpus((zh_doc, zh_claims), en))) == 1
