"""The general rule packs alone carry fees, seats, targets and exonyms in en / it / zh / ko.

Every snippet is written here (no seed or evaluation text) and goes through
extraction, normalization and analysis with the default packs only: no
per-story glossary, no story-specific concept.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Sequence

from factcheck.checks import Analysis, analyze
from factcheck.extract import extract_claims
from factcheck.fx import FxTable
from factcheck.model import Claim, Document
from factcheck.normalize import normalize_claims
from factcheck.rules import RuleSet, load_rules

_HAN = re.compile(r"[\u3400-\u9fff]")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


@functools.lru_cache(maxsize=1)
def _rules() -> RuleSet:
    return load_rules(["default"])


def doc(path: str, lang: str, text: str, *, title: str | None = None, story: str | None = None,
        published: str = "2026-01-15") -> Document:
    """Build a checked document published on ``published``."""
    return Document(path=path, text=text, lang=lang, published=dt.date.fromisoformat(published), title=title,
                    story=story)


def run(documents: Sequence[Document]) -> Analysis:
    """Extract, normalize, number and analyze ``documents`` with the default packs."""
    ruleset = _rules()
    fx = FxTable.load(None)
    claims: list[Claim] = []
    for document in documents:
        normalized, _findings = normalize_claims(extract_claims(document, ruleset), document, fx, ruleset)
        claims.extend(normalized)
    claims = [dataclasses.replace(c, id=f"c{i}") for i, c in enumerate(claims, start=1)]
    return analyze(list(documents), claims, ruleset, fx=fx)


def facts_of(analysis: Analysis, quote: str) -> set[str]:
    """Return the fact names (story prefix dropped) of the claims quoting ``quote``."""
    return {(c.fact or "").split("/", 1)[-1] for c in analysis.claims if c.quote == quote}


def agreement_findings(analysis: Analysis) -> list[tuple[str, set[str]]]:
    """Return (fact name, quotes cited) for every fact-agreement finding."""
    return [((f.fact or "").split("/", 1)[-1], {c.quote for c in f.claims})
            for f in analysis.findings if f.check == "fact-agreement"]


def groups(analysis: Analysis) -> list[set[str]]:
    """Return the documents of each story, as sets of paths."""
    found: dict[str, set[str]] = {}
    for claim in analysis.claims:
        if claim.story:
            found.setdefault(claim.story, set()).add(claim.path)
    return sorted(found.values(), key=sorted)


FEE_DOCS = (
    doc("fee-en.md", "en", "Verona signed the midfielder for a transfer fee of €30 million.", story="s"),
    doc("fee-it.md", "it", "Il Verona ha pagato il cartellino del centrocampista 30 milioni di euro.", story="s"),
    doc("fee-zh.md", "zh", "维罗纳以3000万欧元的转会费签下这名中场球员。", story="s"),
    doc("fee-ko.md", "ko", "베로나는 이적료 3억 유로에 미드필더를 영입했다.", story="s"),
)


def test_fee_is_one_fact_in_four_languages() -> None:
    """A transfer fee (fee, cartellino, 转会费, 이적료) is the fee fact in every language."""
    analysis = run(FEE_DOCS)
    for quote in ("€30 million", "30 milioni di euro", "3000万欧元", "3억 유로"):
        assert facts_of(analysis, quote) == {"fee"}


def test_fee_disagreement_is_found() -> None:
    """The Korean fee ten times the others is a contradiction citing both sides."""
    analysis = run(FEE_DOCS)
    found = agreement_findings(analysis)
    assert [name for name, _quotes in found] == ["fee"]
    assert {"3억 유로", "€30 million"} <= found[0][1]


def test_fees_that_agree_are_silent() -> None:
    """The same fee in four languages (€30 million = 3000万欧元 = 3000만 유로) raises nothing."""
    agreeing = (*FEE_DOCS[:3],
                doc("fee-ko.md", "ko", "베로나는 이적료 3000만 유로에 미드필더를 영입했다.", story="s"))
    assert agreement_findings(run(agreeing)) == []


def test_seats_are_counted_in_four_languages() -> None:
    """Seats (seats, posti a sedere, 座位, 좌석) are one counted thing, and a slipped digit contradicts."""
    analysis = run((
        doc("seat-en.md", "en", "The new arena has 18,000 seats.", story="s"),
        doc("seat-it.md", "it", "La nuova arena ha 18.000 posti a sedere.", story="s"),
        doc("seat-zh.md", "zh", "新球馆设有1.8万个座位。", story="s"),
        doc("seat-ko.md", "ko", "새 경기장은 좌석 1만3000개를 갖췄다.", story="s"),
    ))
    assert facts_of(analysis, "18,000 seats") == facts_of(analysis, "18.000 posti a sedere") == {"seat"}
    assert facts_of(analysis, "1.8万个座位") == {"seat"}
    assert [name for name, _quotes in agreement_findings(analysis)] == ["seat"]


ACHIEVED_EN = doc("cap-en.md", "en", "The wind farm's installed capacity is 300 MW.", story="s")
TARGETS = (
    doc("cap-it.md", "it", "Il gestore punta a portare la capacità installata a 500 MW entro il 2030.", story="s"),
    doc("cap-zh.md", "zh", "运营商计划到2030年将装机容量提升至500兆瓦。", story="s"),
    doc("cap-ko.md", "ko", "운영사는 2030년까지 설비용량을 500MW로 늘릴 계획이다.", story="s"),
)


def test_target_and_achieved_figures_are_different_facts() -> None:
    """A 2030 target (punta a, 计划到, 늘릴 계획) is not the capacity achieved: nothing is flagged."""
    analysis = run((ACHIEVED_EN, *TARGETS))
    assert facts_of(analysis, "300 MW") == {"capacity"}
    for quote in ("500 MW", "500兆瓦", "500MW"):
        assert facts_of(analysis, quote) == {"capacity[target=target]"}
    assert agreement_findings(analysis) == []


def test_an_achieved_figure_without_target_marker_still_contradicts() -> None:
    """The same sentence stating 500 MW as achieved is compared with 300 MW (the target test is not vacuous)."""
    achieved_it = doc("cap-it.md", "it", "Il gestore ha una capacità installata di 500 MW.", story="s")
    found = agreement_findings(run((ACHIEVED_EN, achieved_it)))
    assert [(name, quotes) for name, quotes in found] == [("capacity", {"300 MW", "500 MW"})]


def test_english_target_markers_make_a_target() -> None:
    """'plans to raise ... to' and 'aims to' mark an English target figure."""
    analysis = run((
        doc("t-en.md", "en", "The operator plans to raise capacity to 500 MW by 2030.", story="s"),
        doc("t2-en.md", "en", "The port aims to handle 9 million TEU.", story="s"),
    ))
    assert facts_of(analysis, "500 MW") == {"capacity[target=target]"}
    assert facts_of(analysis, "9 million TEU") == {"cargo-volume[target=target]"}


def test_exonyms_link_one_story_across_languages() -> None:
    """Milan / Milano / 米兰 / 밀라노 and Lombardy / Lombardia group four versions with no glossary or story key."""
    analysis = run((
        doc("m-en.md", "en", "Milan will open a new tram depot in Lombardy. The depot will have 120 trams.",
            title="Milan tram depot"),
        doc("m-it.md", "it", "Milano aprirà un nuovo deposito tranviario in Lombardia. Il deposito avrà 120 tram.",
            title="Milano, nuovo deposito"),
        doc("m-zh.md", "zh", "米兰将在伦巴第大区开设新的有轨电车车辆段，可停放120辆电车。", title="米兰新建电车车辆段"),
        doc("m-ko.md", "ko", "밀라노는 롬바르디아에 새 트램 차량기지를 연다. 트램 120대를 수용한다.", title="밀라노 새 트램 기지"),
        doc("t-en.md", "en", "Tokyo opened a new fish market hall with 400 stalls.", title="Tokyo fish market"),
        doc("t-zh.md", "zh", "东京新鱼市场大厅启用，设有400个摊位。", title="东京鱼市场新馆启用"),
    ))
    assert groups(analysis) == [{"m-en.md", "m-it.md", "m-ko.md", "m-zh.md"}, {"t-en.md", "t-zh.md"}]


def test_a_shared_home_city_does_not_merge_unrelated_stories() -> None:
    """Two unrelated Chinese (or Korean) articles naming only their own city stay two stories."""
    analysis = run((
        doc("a-zh.md", "zh", "上海地铁新线今天开通，全长12公里，设站8座。", title="上海地铁新线开通"),
        doc("b-zh.md", "zh", "上海一家医院新院区启用，新增床位800张。", title="上海医院新院区启用"),
        doc("a-ko.md", "ko", "서울시는 한강 공원에 수영장 3곳을 새로 열었다.", title="서울 한강 수영장 개장"),
        doc("b-ko.md", "ko", "서울 지하철 연장 구간 5km가 개통했다.", title="서울 지하철 연장 개통"),
    ))
    assert len(groups(analysis)) == 4


def test_place_termbase_is_names_only_and_unambiguous() -> None:
    """Every place alias belongs to one entry, holds no digit, and countries carry no Han or Hangul form."""
    places = load_rules(["places"]).glossary
    owner: dict[str, str] = {}
    for name, aliases in places.items():
        for alias in aliases:
            assert not any(ch.isdigit() for ch in alias), alias
            assert owner.setdefault(alias.lower(), name) == name, alias
    for country in ("China", "United States", "South Korea", "Japan", "Italy", "Germany", "India"):
        assert not any(_HAN.search(a) or _HANGUL.search(a) for a in places[country]), country
    assert len(places) >= 150


def test_measure_concepts_have_cues_in_four_languages() -> None:
    """Every measure and compound counted thing of the general concepts pack has cues in en, it, zh and ko."""
    concepts = load_rules(["concepts"]).section("concepts") or {}
    for concept_id, spec in concepts.items():
        cues = spec.get("cues") or {}
        if cues:
            assert {"en", "it", "zh", "ko"} <= set(cues), concept_id


def test_plan_noun_followed_by_will_is_no_target() -> None:
    """该计划将… ("the plan will…") is a noun and a future verb, not a target marker: the figure stays achieved."""
    from factcheck.rules import load_rules

    markers = load_rules(["default"]).language("zh")["target_markers"]
    assert "计划将" not in markers
    assert "计划到" in markers
