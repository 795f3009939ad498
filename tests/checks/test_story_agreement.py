"""Story-level agreement of many-valued facts: a value deviates only when no other article confirms it."""

from __future__ import annotations

from factcheck.checks import analyze
from factcheck.facts import assign_facts
from factcheck.fx import FxTable
from factcheck.model import Finding, Kind
from factcheck.rules import RuleSet

from .builders import Spec, corpus, document, rules

FX = FxTable.load(None)


def run(documents, claims, ruleset=None) -> list[Finding]:
    """Run fact-agreement alone over hand-built claims."""
    return analyze(documents, claims, ruleset or rules(), fx=FX, enabled={"fact-agreement"}).findings


def pct(quote: str, value: float) -> Spec:
    """A percentage claim."""
    return Spec(quote, Kind.PERCENT, value, "percent")


def test_every_value_with_a_counterpart_is_silent() -> None:
    """en {18%}, it {4.2%}, ko and zh {18%, 4.2%}: each value is confirmed by another article, so nothing fires."""
    documents, claims = corpus(
        document("en.txt", "en", "2025-11-14", "Container traffic grew 18% at the eastern terminal.",
                 [pct("18%", 18)], story="s"),
        document("it.txt", "it", "2025-11-14", "Il traffico complessivo è cresciuto del 4,2%.",
                 [pct("4,2%", 4.2)], story="s"),
        document("ko.txt", "ko", "2025-11-14", "전체 물동량은 4.2% 증가했다. 동부 터미널은 18% 증가했다.",
                 [pct("4.2%", 4.2), pct("18%", 18)], story="s"),
        document("zh.txt", "zh", "2025-11-14", "总吞吐量增长4.2%。东部码头增长18%。",
                 [pct("4.2%", 4.2), pct("18%", 18)], story="s"),
    )
    assert run(documents, claims) == []


def test_two_lone_articles_that_differ_are_both_cited() -> None:
    """A {100} against B {1000}: neither value has a counterpart, and the finding cites both."""
    documents, claims = corpus(
        document("en.txt", "en", "2025-01-10", "The co-operative supplies 100 schools.",
                 [Spec("100 schools", Kind.COUNT, 100, "school")], story="s"),
        document("it.txt", "it", "2025-01-10", "La cooperativa rifornisce 1.000 scuole.",
                 [Spec("1.000 scuole", Kind.COUNT, 1000, "school")], story="s"),
    )
    findings = run(documents, claims)
    assert len(findings) == 1
    assert {c.quote for c in findings[0].claims} == {"100 schools", "1.000 scuole"}


def test_lone_value_is_cited_with_its_nearest_rival_and_the_consensus() -> None:
    """A value no other article states is cited with the nearest value its article lacks and the story's consensus."""
    documents, claims = corpus(
        document("en.txt", "en", "2025-01-10", "The fund backs 60 startups and 12 incubators.",
                 [Spec("60 startups", Kind.COUNT, 60, "company"), Spec("12 incubators", Kind.COUNT, 12, "company")],
                 story="s"),
        document("zh.txt", "zh", "2025-01-10", "该基金支持60家企业和12家孵化企业。",
                 [Spec("60家企业", Kind.COUNT, 60, "company"), Spec("12家孵化企业", Kind.COUNT, 12, "company")],
                 story="s"),
        document("ko.txt", "ko", "2025-01-10", "이 펀드는 16개 기업과 60개 기업을 지원한다.",
                 [Spec("16개 기업", Kind.COUNT, 16, "company"), Spec("60개 기업", Kind.COUNT, 60, "company")],
                 story="s"),
    )
    findings = run(documents, claims)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.observed, finding.expected) == (16, 12)
    assert {c.quote for c in finding.claims} == {"16개 기업", "12 incubators", "12家孵化企业"}
    assert "story consensus" in finding.explanation and "60" in finding.explanation


def test_an_omitted_value_is_no_contradiction() -> None:
    """One article giving only one of two values ('60%' beside '60% and 40%') omits, it does not contradict."""
    documents, claims = corpus(
        document("it.txt", "it", "2025-02-02", "Alpha detiene una quota del 60%, Beta una quota del 40%.",
                 [pct("60%", 60), pct("40%", 40)], story="s"),
        document("ko.txt", "ko", "2025-02-02", "Alpha의 지분은 60%이다.", [pct("60%", 60)], story="s"),
        document("zh.txt", "zh", "2025-02-02", "Beta持股40%。", [pct("40%", 40)], story="s"),
    )
    assert run(documents, claims) == []


def test_with_a_source_only_the_translation_deviates() -> None:
    """With a source article, a translation's value the source lacks deviates from the source's nearest value."""
    documents, claims = corpus(
        document("it.txt", "it", "2025-02-02", "Alpha detiene una quota del 60%, Beta una quota del 40%.",
                 [pct("60%", 60), pct("40%", 40)], story="s", source=True),
        document("en.txt", "en", "2025-02-02", "Alpha holds a 60% stake and Beta a 45% stake.",
                 [pct("60%", 60), pct("45%", 45)], story="s"),
    )
    findings = run(documents, claims)
    assert len(findings) == 1
    assert "deviates from the source" in findings[0].message
    assert (findings[0].observed, findings[0].expected) == (45, 40)


def test_change_flag_lets_a_rate_of_change_keep_its_fact_against_a_prior_period() -> None:
    """A concept declared ``change: true`` is not split by 'from a year earlier'; without the flag it is."""
    base = rules()
    concepts = dict(base.section("concepts") or {})
    churn = {"kinds": ["percent"], "label": "churn", "cues": {"en": ["churn"]}}
    text = "Churn was 7% compared with a year earlier."
    for flag, expected in ((True, "churn"), (False, "churn[period=prior]")):
        data = dict(base.data)
        data["concepts"] = {**concepts, "churn": {**churn, "change": flag}}
        ruleset = RuleSet(data, base.sources, base.digest + f"churn{flag}", base.rule_entries)
        documents, claims = corpus(document("d.txt", "en", "2025-01-01", text, [pct("7%", 7)], story="s"))
        assignment = assign_facts(documents, claims, {"d.txt": "s"}, ruleset)
        assert [(c.fact or "").split("/", 1)[-1] for c in assignment.claims] == [expected]


def test_price_per_month_is_not_the_project_cost() -> None:
    """'A monthly pass will cost €58' is a rate, its own fact, never a rival of the €1.9 billion project cost."""
    def eur(quote: str, value: float) -> Spec:
        return Spec(quote, Kind.MONEY, value, "EUR")

    documents, claims = corpus(
        document("en.txt", "en", "2026-03-02", "The project cost €1.9 billion. A monthly pass will cost €58.",
                 [eur("€1.9 billion", 1.9e9), eur("€58", 58)], story="s"),
        document("it.txt", "it", "2026-03-02",
                 "Il progetto è costato 1,9 miliardi di euro. Gli abbonamenti costeranno 58 euro al mese.",
                 [eur("1,9 miliardi di euro", 1.9e9), eur("58 euro", 58)], story="s"),
        document("zh.txt", "zh", "2026-03-02", "项目总造价19亿欧元。每月月票费用为58欧元。",
                 [eur("19亿欧元", 1.9e9), eur("58欧元", 58)], story="s"),
        document("ko.txt", "ko", "2026-03-02", "총사업비는 19억 유로다. 한 달 정기권 비용은 58유로다.",
                 [eur("19억 유로", 1.9e9), eur("58유로", 58)], story="s"),
    )
    assignment = assign_facts(documents, claims, {d.path: "s" for d in documents}, rules())
    names = {(c.lang, c.value): (c.fact or "").split("/", 1)[-1] for c in assignment.claims}
    assert {names[(lang, 1.9e9)] for lang in ("en", "it", "zh", "ko")} == {"budget"}
    assert {names[(lang, 58)] for lang in ("en", "it", "zh", "ko")} == {"budget[rate=per]"}
    assert run(documents, claims) == []
