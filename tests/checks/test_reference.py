"""reference: rule-pack expected values, run as a great-expectations suite over the claims table."""

from __future__ import annotations

import sys

from factcheck.checks import analyze
from factcheck.fx import FxTable
from factcheck.model import Kind, Severity

from .builders import Spec, corpus, document, rules

FX = FxTable.load(None)


def launch_corpus():
    """Three articles stating the launch year of one programme, one of them wrongly."""
    return corpus(
        document("zh.txt", "zh", "2020-04-07", "2008年,阿里巴巴推出了该计划。", [Spec("2008年", Kind.YEAR, 2008)], story="s"),
        document("ko.txt", "ko", "2020-04-08", "이 계획은 2009년에 시작되었다.", [Spec("2009년", Kind.YEAR, 2009)], story="s"),
        document("en.txt", "en", "2020-04-08", "It employs 1,000 workers; the plan was launched in 2009.",
                 [Spec("1,000 workers", Kind.COUNT, 1000, "worker"), Spec("2009", Kind.YEAR, 2009)], story="s"),
    )


def test_failed_expectation_becomes_a_finding_citing_the_claim() -> None:
    """An expected launch year of 2009 flags the article that says 2008, and only it."""
    documents, claims = launch_corpus()
    ruleset = rules(expected=[{"fact": "launch-year", "value": 2009, "note": "first launch"},
                              {"fact": "worker", "min": 900, "max": 1100}])
    findings = analyze(documents, claims, ruleset, fx=FX, enabled={"reference"}).findings
    assert len(findings) == 1
    finding = findings[0]
    assert finding.check == "reference" and finding.severity is Severity.ERROR
    assert [c.quote for c in finding.claims] == ["2008年"]
    assert finding.observed == [2008] and finding.expected == 2009
    assert "great-expectations" in finding.explanation


def test_entry_severity_and_story_filter() -> None:
    """An entry's severity is used, and an entry for another story checks nothing."""
    documents, claims = launch_corpus()
    ruleset = rules(expected=[{"fact": "launch-year", "value": 2009, "severity": "warning"},
                              {"fact": "launch-year", "story": "other", "value": 1990}])
    findings = analyze(documents, claims, ruleset, fx=FX, enabled={"reference"}).findings
    assert [f.severity for f in findings] == [Severity.WARNING]


def test_no_expected_entries_never_imports_great_expectations() -> None:
    """Without expected values the check is silent and great-expectations is not imported."""
    documents, claims = launch_corpus()
    sys.modules.pop("great_expectations", None)
    findings = analyze(documents, claims, rules(), fx=FX, enabled={"reference"}).findings
    assert findings == []
    assert "great_expectations" not in sys.modules


FOUNDED = {
    "en": ("The company was founded in {y}.", "{y}"),
    "it": ("La società è stata fondata nel {y}.", "{y}"),
    "zh": ("该公司成立于{y}年。", "{y}年"),
    "ko": ("이 회사는 {y}년 설립되었다.", "{y}년"),
}


def test_expected_founding_year_in_each_language() -> None:
    """An expected founding year flags the wrong year in every language and passes the right one."""
    parts = []
    for lang, (template, quote) in sorted(FOUNDED.items()):
        for year in (1999, 2000):
            parts.append(document(f"{lang}-{year}.txt", lang, "2020-01-01", template.format(y=year),
                                  [Spec(quote.format(y=year), Kind.YEAR, year)], story="s"))
    documents, claims = corpus(*parts)
    ruleset = rules(expected=[{"fact": "founded-year", "value": 1999}])
    findings = analyze(documents, claims, ruleset, fx=FX, enabled={"reference"}).findings
    assert len(findings) == 1
    assert sorted(c.path for c in findings[0].claims) == [f"{lang}-2000.txt" for lang in sorted(FOUNDED)]
