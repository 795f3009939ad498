"""relative-time: resolved relative expressions against sibling articles, with the resolution shown."""

from __future__ import annotations

import pytest

from factcheck.checks import analyze
from factcheck.fx import FxTable
from factcheck.model import Finding, Kind

from .builders import Spec, corpus, document, rules

FX = FxTable.load(None)


def run(documents, claims, enabled=("relative-time", "fact-agreement")) -> list[Finding]:
    """Run relative-time (and fact-agreement) over hand-built claims."""
    return analyze(documents, claims, rules(), fx=FX, enabled=set(enabled)).findings


def test_relative_year_disagreeing_with_sibling_absolute_year() -> None:
    """'12年前推出' (2008) against '2009년 시작' and 'lanciato nel 2009' is reported with its resolution."""
    documents, claims = corpus(
        document("zh.txt", "zh", "2020-04-07", "12年前,阿里巴巴推出了该计划。",
                 [Spec("12年前", Kind.YEAR, 2008, relative=("year", -12))], story="s"),
        document("ko.txt", "ko", "2020-04-08", "이 계획은 2009년에 시작되었다.", [Spec("2009년", Kind.YEAR, 2009)], story="s"),
        document("it.txt", "it", "2020-04-08", "Il piano è stato lanciato nel 2009.", [Spec("2009", Kind.YEAR, 2009)],
                 story="s"),
    )
    findings = run(documents, claims)
    assert [f.check for f in findings] == ["relative-time"]
    assert "12年前 (2020-04-07 − 12 years) = 2008" in findings[0].explanation


def test_relative_year_agreeing_with_siblings_is_silent() -> None:
    """'时隔11年,再次启动' (2009) agrees with 'launched in 2009'."""
    documents, claims = corpus(
        document("zh.txt", "zh", "2020-04-07", "时隔11年,阿里巴巴再次启动该计划。",
                 [Spec("时隔11年", Kind.YEAR, 2009, relative=("year", -11))], story="s"),
        document("en.txt", "en", "2020-04-08", "The plan was first launched in 2009.", [Spec("2009", Kind.YEAR, 2009)],
                 story="s"),
    )
    assert run(documents, claims) == []


def test_yesterday_against_a_dated_launch_agrees() -> None:
    """'8 APR – ... ieri hanno lanciato' resolves to 7 April like '4月7日启动' and '7일 시작'."""
    documents, claims = corpus(
        document("it.txt", "it", "2020-04-08", "HANGZHOU, 8 APR – Alibaba ieri ha lanciato il piano.",
                 [Spec("8 APR", Kind.DATE, 8, canonical="2020-04-08"),
                  Spec("ieri", Kind.DATE, -1, canonical="2020-04-07", relative=("day", -1))], story="s"),
        document("zh.txt", "zh", "2020-04-07", "4月7日,阿里巴巴启动了该计划。",
                 [Spec("4月7日", Kind.DATE, 7, canonical="2020-04-07")], story="s"),
        document("ko.txt", "ko", "2020-04-08", "알리바바는 7일 이 계획을 시작했다.",
                 [Spec("7일", Kind.DATE, 7, canonical="2020-04-07")], story="s"),
    )
    assert run(documents, claims) == []


def test_founding_forty_years_ago_against_another_year_en_it() -> None:
    """'fondata 40 anni fa' (1981) against 'founded in 1980' is a relative-time finding."""
    documents, claims = corpus(
        document("it.txt", "it", "2021-05-01", "La società, fondata 40 anni fa, festeggia.",
                 [Spec("40 anni fa", Kind.YEAR, 1981, relative=("year", -40))], story="s"),
        document("en.txt", "en", "2021-05-01", "The company was founded in 1980.", [Spec("1980", Kind.YEAR, 1980)],
                 story="s"),
    )
    findings = run(documents, claims)
    assert len(findings) == 1 and findings[0].check == "relative-time"
    assert findings[0].fact == "s/founded-year"


def test_without_relative_time_enabled_fact_agreement_reports_it() -> None:
    """When relative-time is off, the same conflict is fact-agreement's."""
    documents, claims = corpus(
        document("it.txt", "it", "2021-05-01", "La società, fondata 40 anni fa, festeggia.",
                 [Spec("40 anni fa", Kind.YEAR, 1981, relative=("year", -40))], story="s"),
        document("en.txt", "en", "2021-05-01", "The company was founded in 1980.", [Spec("1980", Kind.YEAR, 1980)],
                 story="s"),
    )
    findings = run(documents, claims, enabled=("fact-agreement",))
    assert [f.check for f in findings] == ["fact-agreement"]


SIBLINGS = {
    "en": ("The plan was launched {rel}.", "twelve years ago"),
    "it": ("Il piano è stato lanciato {rel}.", "dodici anni fa"),
    "zh": ("该计划于{rel}推出。", "12年前"),
    "ko": ("이 계획은 {rel} 시작되었다.", "12년 전"),
}


@pytest.mark.parametrize("lang", sorted(SIBLINGS))
def test_relative_launch_in_each_language(lang: str) -> None:
    """A relative launch year (2008) against two articles saying 2009 is flagged; against 2008 it is not."""
    template, relative = SIBLINGS[lang]
    for sibling_year, expected in ((2009, 1), (2008, 0)):
        documents, claims = corpus(
            document(f"{lang}.txt", lang, "2020-04-07", template.format(rel=relative),
                     [Spec(relative, Kind.YEAR, 2008, relative=("year", -12))], story="s"),
            document("a.txt", "en", "2020-04-08", f"The plan was launched in {sibling_year}.",
                     [Spec(str(sibling_year), Kind.YEAR, sibling_year)], story="s"),
            document("b.txt", "it", "2020-04-08", f"Il piano è stato lanciato nel {sibling_year}.",
                     [Spec(str(sibling_year), Kind.YEAR, sibling_year)], story="s"),
        )
        findings = run(documents, claims)
        assert len(findings) == expected
        assert all(f.check == "relative-time" for f in findings)
