"""Contradictions the synthetic benchmark once missed, and alarms it once raised, in small end-to-end stories."""

from __future__ import annotations

import json
from pathlib import Path

from factcheck.checks import Analysis
from factcheck.model import Claim, Severity

from .test_corpus import run


def analyze(tmp_path: Path, articles: dict[str, tuple[str, str]],
            glossary: dict[str, list[str]] | None = None) -> Analysis:
    """Write one story's articles (name -> (lang, body)) with front matter and analyze them."""
    for name, (lang, body) in articles.items():
        text = f"---\nlang: {lang}\npublished: 2024-03-04\nstory: s\n---\n{body}\n"
        (tmp_path / name).write_text(text, encoding="utf-8")
    if glossary:
        manifest = "files: {}\nglossary:\n" + "".join(
            f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in glossary.items())
        (tmp_path / "manifest.yaml").write_text(manifest, encoding="utf-8")
    _documents, analysis = run(tmp_path)
    return analysis


def errors(analysis: Analysis) -> list[str]:
    """Return the messages of the fact-agreement errors."""
    return [f.message for f in analysis.findings if f.check == "fact-agreement" and f.severity is Severity.ERROR]


def flagged_files(analysis: Analysis) -> set[str]:
    """Return the file names cited by fact-agreement errors."""
    return {Path(c.path).name for f in analysis.findings
            if f.check == "fact-agreement" and f.severity is Severity.ERROR for c in f.claims}


def claim(analysis: Analysis, name: str, quote: str) -> Claim:
    """Return the claim of a file whose quote contains ``quote``."""
    found = [c for c in analysis.claims if Path(c.path).name == name and quote in c.quote]
    assert len(found) == 1, [c.quote for c in analysis.claims if Path(c.path).name == name]
    return found[0]


CAPACITY = {
    "en.md": ("en", "Once finished, the mill can produce 200,000 tonnes a year."),
    "it.md": ("it", "La cartiera avrà una capacità di 200.000 tonnellate all'anno."),
    "zh.md": ("zh", "该纸厂年产能为20万吨。"),
    "ko.md": ("ko", "완공되면 이 제지공장은 연간 20만톤을 생산할 수 있다."),
}


def test_what_a_plant_can_produce_a_year_is_its_annual_capacity(tmp_path: Path) -> None:
    """'Can produce X a year', 'capacità di X all'anno', 年产能 and '생산할 수 있다' state one fact."""
    analysis = analyze(tmp_path, CAPACITY)
    facts = {claim(analysis, name, "20").fact for name in CAPACITY}
    assert len(facts) == 1 and next(iter(facts), "").endswith("capacity[per=year]")
    assert errors(analysis) == []


def test_an_annual_capacity_stated_wrongly_in_one_language_is_flagged(tmp_path: Path) -> None:
    """The Chinese 年产能 of 200万吨 contradicts 200,000 tonnes a year stated as ability elsewhere."""
    articles = dict(CAPACITY, **{"zh.md": ("zh", "该纸厂年产能为200万吨。")})
    assert flagged_files(analyze(tmp_path, articles)) >= {"zh.md", "en.md"}


def test_what_a_plant_produced_is_output_not_capacity(tmp_path: Path) -> None:
    """'Produced 150,000 tonnes last year' is output, never compared with the capacity."""
    articles = dict(CAPACITY, **{"out.md": ("en", "The mill can produce 200,000 tonnes a year. "
                                                   "It produced 150,000 tonnes in 2023.")})
    analysis = analyze(tmp_path, articles)
    assert "capacity" not in (claim(analysis, "out.md", "150,000").fact or "")
    assert errors(analysis) == []


def test_one_leading_digit_is_not_a_rounding_within_half_its_value(tmp_path: Path) -> None:
    """'$1 million' and '$500,000' of one revenue contradict, as do '2 million' and '1 million'."""
    analysis = analyze(tmp_path, {
        "a.md": ("en", "Nordline reported revenue of $500,000 for the last fiscal year."),
        "b.md": ("en", "Nordline reported revenue of $1 million for the last fiscal year."),
        "c.md": ("it", "Nordline ha registrato ricavi per 1 milione di dollari nell'ultimo esercizio."),
        "d.md": ("en", "Nordline will invest $2 million in the new depot."),
        "e.md": ("en", "Nordline will invest $1 million in the new depot."),
        "f.md": ("zh", "Nordline将投资100万美元建设新仓库。"),
    })
    assert flagged_files(analysis) >= {"a.md", "d.md"}


def test_a_round_figure_still_covers_its_rounding(tmp_path: Path) -> None:
    """'$1 million' and '$1.1 million' of one investment agree: one is the other rounded."""
    analysis = analyze(tmp_path, {
        "a.md": ("en", "Nordline will invest $1 million in the new depot."),
        "b.md": ("en", "Nordline will invest $1.1 million in the new depot."),
    })
    assert errors(analysis) == []


def test_counts_are_whole_numbers(tmp_path: Path) -> None:
    """'2 factories' against '3 factories' is a contradiction: no whole count rounds to both."""
    analysis = analyze(tmp_path, {
        "a.md": ("en", "Nordline will help 2 factories sell online."),
        "b.md": ("en", "Nordline now works with 3 factories in the region."),
        "c.md": ("it", "Nordline collabora ora con tre fabbriche nella regione."),
    })
    assert "a.md" in flagged_files(analysis)


def test_a_place_after_the_number_is_no_rival_subject(tmp_path: Path) -> None:
    """A city named after the figure ('in the region around Brembate') does not make another company's figure."""
    analysis = analyze(tmp_path, {
        "a.md": ("en", "Nordline Foods will help 138 factories sell online. Nordline Foods is based in Brembate."),
        "b.md": ("en", "The group now works with 46 factories in the region around Brembate. Nordline Foods said so."),
        "c.md": ("it", "Il gruppo collabora ora con 46 fabbriche nella regione di Brembate. Lo dice Nordline Foods."),
    })
    assert "a.md" in flagged_files(analysis)


def test_two_companies_named_before_their_figures_stay_apart(tmp_path: Path) -> None:
    """Alpha's and Beta's investments, each company named before its figure, never contradict."""
    analysis = analyze(tmp_path, {
        "a.md": ("en", "Alphacorp will invest 2 billion euros in the port. Betacorp is a partner."),
        "b.md": ("it", "Betacorp investirà 5 miliardi di euro nel porto. Alphacorp è partner."),
    })
    assert errors(analysis) == []


def test_a_short_alias_inside_a_longer_han_name_is_no_subject(tmp_path: Path) -> None:
    """夸托 (Quato) inside 齐夸托菲 names nobody: the Chinese 300亿韩元 contradicts 10 billion won."""
    analysis = analyze(tmp_path, {
        "zh.md": ("zh", "齐夸托菲科技将在新基地投资300亿韩元。"),
        "en.md": ("en", "Ziquatofi Technologies will invest 10 billion won in the new site."),
        "en2.md": ("en", "Ziquatofi Technologies will invest 10 billion won in the new site, it said."),
    }, glossary={"Quato": ["夸托", "콰토"]})
    assert "zh.md" in flagged_files(analysis)


def test_italian_plans_to_open_is_a_plan_as_in_english(tmp_path: Path) -> None:
    """'Prevede di aprire 85 negozi' and 'plans to open 850 stores' are one fact, so they contradict."""
    analysis = analyze(tmp_path, {
        "it.md": ("it", "Il gruppo Nordline prevede di aprire 85 negozi entro la fine dell'anno."),
        "en.md": ("en", "Nordline Foods plans to open 850 stores by the end of the year."),
        "zh.md": ("zh", "Nordline计划在年底前开设850家门店。"),
    })
    assert "it.md" in flagged_files(analysis)
    assert "target" not in dict(claim(analysis, "it.md", "85").qualifiers)


def test_italian_plans_to_raise_stays_a_target(tmp_path: Path) -> None:
    """'Prevede di portare la rete a 850 negozi' is a figure to reach: a target."""
    analysis = analyze(tmp_path, {
        "it.md": ("it", "Il gruppo Nordline prevede di portare la rete a 850 negozi."),
        "en.md": ("en", "Nordline Foods runs 400 stores."),
    })
    assert dict(claim(analysis, "it.md", "850").qualifiers).get("target") == "target"


def test_a_name_starting_with_solo_is_no_restricted_scope(tmp_path: Path) -> None:
    """'400 posti di lavoro a Solorafa' is the total (Solorafa is a city), while 'solo a Solorafa' is a part."""
    analysis = analyze(tmp_path, {
        "a.md": ("it", "Il progetto dovrebbe creare 400 posti di lavoro a Solorafa."),
        "b.md": ("it", "Di questi, 100 posti di lavoro solo a Solorafa."),
    })
    assert "scope" not in dict(claim(analysis, "a.md", "400").qualifiers)
    assert dict(claim(analysis, "b.md", "100").qualifiers).get("scope") == "restricted"


def test_a_han_name_after_a_preposition_stays_a_subject(tmp_path: Path) -> None:
    """由阿尔法集团投资 names Alpha (集团 ends the name): Alpha's and Beta's investments stay apart."""
    analysis = analyze(tmp_path, {
        "zh.md": ("zh", "项目由阿尔法集团投资20亿欧元。贝塔是合作伙伴。"),
        "it.md": ("it", "Beta investirà 5 miliardi di euro nel porto. Alpha è partner."),
    }, glossary={"Alpha": ["阿尔法"], "Beta": ["贝塔"]})
    assert errors(analysis) == []


def test_a_korean_alias_continued_by_more_hangul_is_no_subject(tmp_path: Path) -> None:
    """오라고르 (Oragor) inside 오라고르사테크 names nobody: the English 300 jobs contradicts the Korean 100."""
    analysis = analyze(tmp_path, {
        "en.md": ("en", "Oragorsa Technologies said the plan would bring 300 jobs to the city."),
        "ko1.md": ("ko", "오라고르사테크는 이 계획이 일자리 100개를 가져올 것이라고 밝혔다."),
        "ko2.md": ("ko", "오라고르사테크는 이 계획이 일자리 100개를 가져올 것이라고 밝혔다고 전했다."),
        "en2.md": ("en", "Oragorsa Technologies is based in the city."),
    }, glossary={"Oragor": ["奥拉戈", "오라고르"]})
    assert "en.md" in flagged_files(analysis)


def test_a_han_alias_glued_after_another_character_is_no_subject(tmp_path: Path) -> None:
    """托蒙 (Tomon) inside the city 托托蒙市 names nobody, even though 市 could end a name."""
    analysis = analyze(tmp_path, {
        "zh.md": ("zh", "夸戈玛工业表示，该计划将为托托蒙市带来7000个就业岗位。"),
        "it1.md": ("it", "Quagormar creerà 700 posti di lavoro a Totomon."),
        "it2.md": ("it", "Quagormar creerà 700 posti di lavoro a Totomon, dice il gruppo."),
    }, glossary={"Tomon": ["托蒙", "토몬"]})
    assert "zh.md" in flagged_files(analysis)


def test_an_elided_article_is_no_name(tmp_path: Path) -> None:
    """"L'azienda conta 34.000 dipendenti" has no subject: it contradicts Tafenzu's 3,400 employees."""
    analysis = analyze(tmp_path, {
        "it1.md": ("it", "L'azienda conta 34.000 dipendenti."),
        "it2.md": ("it", "Il gruppo Tafenzu impiega 3.400 dipendenti. L'azienda cresce."),
        "en.md": ("en", "Tafenzu Industries employs 3,400 employees."),
    })
    assert "it1.md" in flagged_files(analysis)


def test_an_approximate_round_conversion_does_not_bridge_two_values(tmp_path: Path) -> None:
    """'약 1억 달러' beside 8500만 유로 does not make €45 million agree with €85 million."""
    analysis = analyze(tmp_path, {
        "en.md": ("en", "The total investment amounts to €45 million."),
        "ko.md": ("ko", "총 투자액은 8500만 유로(약 1억 달러)에 달한다."),
        "zh.md": ("zh", "项目总投资8,500万欧元。"),
    })
    assert "en.md" in flagged_files(analysis)


def test_yuehe_before_a_converted_amount_is_an_approximation(tmp_path: Path) -> None:
    """约合 ("about, converted") marks the amount after it approximate, as 약 and "about" do."""
    analysis = analyze(tmp_path, {"zh.md": ("zh", "项目总投资8,500万欧元（约合1亿美元）。"),
                                  "en.md": ("en", "The investment is €85 million.")})
    assert claim(analysis, "zh.md", "1亿美元").approx


def test_a_figure_a_year_earlier_is_the_prior_period_not_a_rate(tmp_path: Path) -> None:
    """'Up from 60,000 employees a year earlier' is last year's staff, the fact of 'dell'anno precedente'."""
    analysis = analyze(tmp_path, {
        "en.md": ("en", "Vika employs 75,000 employees, up from 60,000 employees a year earlier."),
        "it.md": ("it", "Vika impiega 75.000 dipendenti, rispetto ai 60.000 dipendenti dell'anno precedente."),
    })
    prior = claim(analysis, "en.md", "60,000")
    assert prior.fact == claim(analysis, "it.md", "60.000").fact
    assert "per" not in dict(prior.qualifiers)
