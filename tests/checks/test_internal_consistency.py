"""internal-consistency: one article giving one moment two different years."""

from __future__ import annotations

import pytest

from factcheck.checks import analyze
from factcheck.fx import FxTable
from factcheck.model import Finding, Kind, Severity

from .builders import Spec, corpus, document, rules

FX = FxTable.load(None)


def run(documents, claims) -> list[Finding]:
    """Run internal-consistency alone over hand-built claims."""
    return analyze(documents, claims, rules(), fx=FX, enabled={"internal-consistency"}).findings


def test_relative_and_absolute_year_side_by_side_disagree_zh() -> None:
    """'12年前,在2009年' in an article of 2020 names 2008 and 2009 for one moment."""
    documents, claims = corpus(document("zh.txt", "zh", "2020-04-07", "12年前,在2009年金融危机中,公司推出了计划。",
                                        [Spec("12年前", Kind.YEAR, 2008, relative=("year", -12)),
                                         Spec("2009年", Kind.YEAR, 2009)], story="s"))
    findings = run(documents, claims)
    assert len(findings) == 1
    assert findings[0].severity is Severity.WARNING
    assert {c.quote for c in findings[0].claims} == {"12年前", "2009年"}
    assert "2020-04-07" in findings[0].explanation


def test_relative_and_absolute_year_agree_ko() -> None:
    """'2009년 이후 11년 만에' in 2020 is consistent: both name 2009."""
    documents, claims = corpus(document("ko.txt", "ko", "2020-04-08", "2009년 이후 11년 만에 다시 시작되었다.",
                                        [Spec("2009년", Kind.YEAR, 2009),
                                         Spec("11년 만에", Kind.YEAR, 2009, relative=("year", -11))], story="s"))
    assert run(documents, claims) == []


def test_apposition_disagreeing_it() -> None:
    """'tre anni fa, nel 2015' in an article of 2019 contradicts itself."""
    documents, claims = corpus(document("it.txt", "it", "2019-05-02", "L'azienda, fondata tre anni fa, nel 2015, cresce.",
                                        [Spec("tre anni fa", Kind.YEAR, 2016, relative=("year", -3)),
                                         Spec("2015", Kind.YEAR, 2015)], story="s"))
    assert len(run(documents, claims)) == 1


def test_apposition_agreeing_en() -> None:
    """'founded two years ago, in 2019' in 2021 is consistent."""
    documents, claims = corpus(document("en.txt", "en", "2021-06-01", "The firm was founded two years ago, in 2019.",
                                        [Spec("two years ago", Kind.YEAR, 2019, relative=("year", -2)),
                                         Spec("2019", Kind.YEAR, 2019)], story="s"))
    assert run(documents, claims) == []


def test_same_event_in_two_sentences_disagreeing_zh() -> None:
    """A launch in 2008 and a relaunch 'after 11 years' (2009) in one 2020 article contradict."""
    documents, claims = corpus(document("zh.txt", "zh", "2020-04-07", "时隔11年,阿里巴巴再次启动计划。2008年,阿里巴巴推出该计划。",
                                        [Spec("时隔11年", Kind.YEAR, 2009, relative=("year", -11)),
                                         Spec("2008年", Kind.YEAR, 2008)], story="s"))
    findings = run(documents, claims)
    assert len(findings) == 1
    assert findings[0].fact == "s/launch-year"


def test_two_absolute_years_of_different_events_are_not_flagged_en() -> None:
    """A founding year and a launch year in one article are different facts."""
    documents, claims = corpus(document("en.txt", "en", "2020-04-07",
                                        "The company was founded in 1999. It launched the plan in 2008.",
                                        [Spec("1999", Kind.YEAR, 1999), Spec("2008", Kind.YEAR, 2008)], story="s"))
    assert run(documents, claims) == []


APPOSITIONS = {
    "en": ("The firm, founded {rel}, in {abs}, is growing.", "ten years ago", -10),
    "it": ("L'azienda, fondata {rel}, nel {abs}, cresce.", "dieci anni fa", -10),
    "zh": ("{rel},即{abs}年,公司成立。", "10年前", -10),
    "ko": ("{rel}인 {abs}년 회사가 설립되었다.", "10년 전", -10),
}


@pytest.mark.parametrize("lang", sorted(APPOSITIONS))
def test_apposition_in_each_language(lang: str) -> None:
    """In every language a relative year beside an absolute one is flagged only when they differ."""
    template, relative, amount = APPOSITIONS[lang]
    for absolute, expected in ((2010, 0), (2011, 1)):
        text = template.format(rel=relative, abs=absolute)
        year = f"{absolute}年" if lang == "zh" else f"{absolute}년" if lang == "ko" else str(absolute)
        documents, claims = corpus(document(f"{lang}.txt", lang, "2020-05-01", text,
                                            [Spec(relative, Kind.YEAR, 2020 + amount, relative=("year", amount)),
                                             Spec(year, Kind.YEAR, absolute)], story="s"))
        assert len(run(documents, claims)) == expected
