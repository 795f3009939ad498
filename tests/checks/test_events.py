"""Distinct events of one class: ordinals and past versus planned keep two openings apart."""

from __future__ import annotations

import pytest

from factcheck.checks import analyze
from factcheck.facts import assign_facts
from factcheck.fx import FxTable
from factcheck.model import Finding, Kind

from .builders import Spec, corpus, document, rules

FX = FxTable.load(None)

# the first line opened, the second is planned; {a} and {b} are the two years
LINES = {
    "en": ("The first line opened in {a}, and the second line will open in {b}.", "{y}"),
    "it": ("La prima linea è entrata in funzione nel {a}, la seconda linea entrerà in funzione nel {b}.", "{y}"),
    "zh": ("第一条线路于{a}年开通，第二条线路将于{b}年开通。", "{y}年"),
    "ko": ("첫 번째 노선은 {a}년에 개통됐고, 두 번째 노선은 {b}년 개통 예정이다.", "{y}년"),
}
# two phases, both in the past, in one clause: only the ordinals tell them apart
PHASES = {
    "en": ("Phase one was inaugurated in {a} and phase two was inaugurated in {b}.", "{y}"),
    "it": ("La prima fase è stata inaugurata nel {a} e la seconda fase è stata inaugurata nel {b}.", "{y}"),
    "zh": ("一期工程于{a}年投运，二期工程于{b}年投运。", "{y}年"),
    "ko": ("1단계는 {a}년에 가동됐고 2단계는 {b}년에 가동됐다.", "{y}년"),
}


def run(documents, claims, enabled=("fact-agreement",)) -> list[Finding]:
    """Run the given checks over hand-built claims."""
    return analyze(documents, claims, rules(), fx=FX, enabled=set(enabled)).findings


def versions(templates: dict[str, tuple[str, str]], first: int, second: int, published: str,
             deviating: str | None = None, wrong: int = 0):
    """Build the four language versions; ``deviating`` states ``wrong`` for the second event."""
    parts = []
    for lang, (template, quote) in templates.items():
        b = wrong if lang == deviating else second
        text = template.format(a=first, b=b)
        parts.append(document(f"{lang}.txt", lang, published, text,
                              [Spec(quote.format(y=first), Kind.YEAR, first),
                               Spec(quote.format(y=b), Kind.YEAR, b)], story="s"))
    return corpus(*parts)


@pytest.mark.parametrize("templates", [LINES, PHASES], ids=["past-and-planned", "two-phases"])
def test_two_events_stated_alike_everywhere_are_silent(templates: dict[str, tuple[str, str]]) -> None:
    """Two openings of one story, told apart by ordinals, never contradict each other."""
    first, second, published = (2015, 2027, "2025-05-05") if templates is LINES else (2012, 2018, "2024-05-05")
    assert run(*versions(templates, first, second, published)) == []


@pytest.mark.parametrize("lang", sorted(LINES))
@pytest.mark.parametrize("templates", [LINES, PHASES], ids=["past-and-planned", "two-phases"])
def test_a_wrong_year_for_the_second_event_is_flagged_against_that_event(
        templates: dict[str, tuple[str, str]], lang: str) -> None:
    """A version giving another year for the second event deviates from that event only, in each language."""
    first, second, published = (2015, 2027, "2025-05-05") if templates is LINES else (2012, 2018, "2024-05-05")
    findings = run(*versions(templates, first, second, published, deviating=lang, wrong=second + 1))
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.observed, finding.expected) == (second + 1, second)
    assert not any(str(first) in c.quote for c in finding.claims)
    assert {c.lang for c in finding.claims} == {"en", "it", "zh", "ko"}


@pytest.mark.parametrize("lang", sorted(LINES))
def test_ordinals_and_tense_are_read_in_each_language(lang: str) -> None:
    """The first line is (first, past) and the second (second, future) in every language: two facts."""
    documents, claims = versions({lang: LINES[lang]}, 2015, 2027, "2025-05-05")
    assignment = assign_facts(documents, claims, {f"{lang}.txt": "s"}, rules())
    marks = [dict(c.qualifiers) for c in assignment.claims]
    assert marks == [{"sequence": "first", "tense": "past"}, {"sequence": "second", "tense": "future"}]
    assert [c.fact for c in assignment.claims] == ["s/opens-year[sequence=first,tense=past]",
                                                   "s/opens-year[sequence=second,tense=future]"]
    assert len(assignment.facts) == 2


def test_unmarked_year_meets_the_event_it_misstates() -> None:
    """'The line will open in 2028' (no ordinal) is compared with the planned second line, not the first."""
    documents, claims = corpus(
        document("en.txt", "en", "2025-05-05", LINES["en"][0].format(a=2015, b=2027),
                 [Spec("2015", Kind.YEAR, 2015), Spec("2027", Kind.YEAR, 2027)], story="s"),
        document("it.txt", "it", "2025-05-05", "La nuova linea entrerà in funzione nel 2028.",
                 [Spec("2028", Kind.YEAR, 2028)], story="s"),
    )
    findings = run(documents, claims)
    assert len(findings) == 1
    assert {c.quote for c in findings[0].claims} == {"2027", "2028"}


def test_unmarked_year_joins_the_fact_of_the_event_it_agrees_with() -> None:
    """An unmarked '该线路于2015年开通' shares the fact of the first line opened in 2015, not the second's."""
    documents, claims = corpus(
        document("en.txt", "en", "2025-05-05", LINES["en"][0].format(a=2015, b=2027),
                 [Spec("2015", Kind.YEAR, 2015), Spec("2027", Kind.YEAR, 2027)], story="s"),
        document("zh.txt", "zh", "2025-05-05", "该线路于2015年开通。",
                 [Spec("2015年", Kind.YEAR, 2015)], story="s"),
    )
    assignment = assign_facts(documents, claims, {d.path: "s" for d in documents}, rules())
    facts = {c.quote: c.fact for c in assignment.claims}
    assert facts["2015年"] == facts["2015"] != facts["2027"]


def test_future_marker_decides_within_the_publication_year() -> None:
    """In a 2025 article, 'will open in 2025' is planned and 'opened in 2025' is not marked."""
    documents, claims = corpus(
        document("en.txt", "en", "2025-03-01", "The museum will open in 2025. The library opened in 2025.",
                 [Spec("2025", Kind.YEAR, 2025), Spec("2025", Kind.YEAR, 2025, occurrence=1)], story="s"),
    )
    assignment = assign_facts(documents, claims, {"en.txt": "s"}, rules())
    assert [dict(c.qualifiers).get("tense") for c in assignment.claims] == ["future", None]


def test_secondo_meaning_according_to_is_no_ordinal() -> None:
    """'secondo il comune' (according to the council) marks no second event."""
    documents, claims = corpus(
        document("it.txt", "it", "2025-05-05", "Secondo il comune la linea è entrata in funzione nel 2015.",
                 [Spec("2015", Kind.YEAR, 2015)], story="s"),
    )
    assignment = assign_facts(documents, claims, {"it.txt": "s"}, rules())
    assert "sequence" not in dict(assignment.claims[0].qualifiers)


def test_two_events_in_one_article_are_no_internal_inconsistency() -> None:
    """'opened ten years ago' for the first line and 2027 for the second are two events, not one stated twice."""
    documents, claims = corpus(
        document("en.txt", "en", "2025-05-05",
                 "The first line opened ten years ago. The second line will open in 2027.",
                 [Spec("ten years ago", Kind.YEAR, 2015, relative=("year", -10)), Spec("2027", Kind.YEAR, 2027)],
                 story="s"),
    )
    assert run(documents, claims, enabled=("internal-consistency",)) == []
