"""Facts: concepts from cue words, qualifiers, tolerances and clustering."""

from __future__ import annotations

import dataclasses
import math

from factcheck.facts import agree, assign_facts, cluster_claims, comparison_interval, conflicts, conversion_pairs
from factcheck.model import Kind

from .builders import Spec, corpus, document, rules


def facts_of(text: str, lang: str, specs: list[Spec], published: str = "2020-04-08") -> dict[str, str | None]:
    """Assign facts in one document and return quote -> fact name."""
    documents, claims = corpus(document("d.txt", lang, published, text, specs, story="s"))
    assignment = assign_facts(documents, claims, {"d.txt": "s"}, rules())
    return {c.quote: (c.fact.split("/", 1)[1] if c.fact else None) for c in assignment.claims}


def test_nearest_event_cue_goes_to_the_nearest_date() -> None:
    """In '8 APR – ... ieri hanno lanciato' the launch is yesterday, not the dateline."""
    facts = facts_of("HANGZHOU, 8 APR – Alibaba ieri ha lanciato un piano.", "it",
                     [Spec("8 APR", Kind.DATE, 8, canonical="2020-04-08"),
                      Spec("ieri", Kind.DATE, -1, canonical="2020-04-07", relative=("day", -1))])
    assert facts == {"8 APR": None, "ieri": "launch-date"}


def test_measure_cues_pick_the_nearest_concept_of_the_right_kind() -> None:
    """'Revenue rose 12% to 2.3 billion euros': the percent is growth, the amount is revenue."""
    facts = facts_of("Revenue rose 12% to 2.3 billion euros.", "en",
                     [Spec("12%", Kind.PERCENT, 12, "percent"), Spec("2.3 billion euros", Kind.MONEY, 2.3e9, "EUR")])
    assert facts == {"12%": "growth-rate", "2.3 billion euros": "revenue"}


def test_uncued_amounts_are_not_compared() -> None:
    """An amount with no measure cue in its sentence gets no fact."""
    assert facts_of("Il totale è di 5 milioni di euro.", "it",
                    [Spec("5 milioni di euro", Kind.MONEY, 5e6, "EUR")]) == {"5 milioni di euro": None}


def test_compound_counted_things_stay_apart() -> None:
    """Live-streaming bases and agricultural bases are different counted things."""
    facts = facts_of("设立100个直播基地,建设1000个数字农业基地。", "zh",
                     [Spec("100个", Kind.COUNT, 100, "base"), Spec("1000个", Kind.COUNT, 1000, "base")])
    assert facts == {"100个": "livestream-base", "1000个": "agricultural-base"}


def test_not_only_is_no_scope_marker() -> None:
    """不仅 ('not only') does not restrict the scope of a figure."""
    facts = facts_of("该项目不仅帮助了企业,还让4000万家企业受益。", "zh",
                     [Spec("4000万家企业", Kind.COUNT, 4e7, "company")])
    assert facts == {"4000万家企业": "company"}


def test_qualifiers_split_facts_in_the_number_clause() -> None:
    """A period marker in the clause makes another fact: 'a year earlier' vs now."""
    facts = facts_of("The chain runs 250 stores, up from 180 stores a year earlier.", "en",
                     [Spec("250 stores", Kind.COUNT, 250, "store"), Spec("180 stores", Kind.COUNT, 180, "store")])
    assert facts == {"250 stores": "store", "180 stores": "store[period=prior]"}


def test_tolerance_from_precision_approximation_and_bounds() -> None:
    """Half a unit of the last digit, widened for 'about', one-sided for 'more than'."""
    _docs, (about, exact, more) = corpus(document("d.txt", "en", "2020-01-01", "about 2.9 billion, 2.94 billion, 6,000",
                                                  [Spec("2.9 billion", Kind.MONEY, 2.9e9, "EUR", approx=True,
                                                        precision=0.05 / 2.9),
                                                   Spec("2.94 billion", Kind.MONEY, 2.94e9, "EUR",
                                                        precision=0.005 / 2.94),
                                                   Spec("6,000", Kind.COUNT, 6000, "job", bound="gt")]))
    assert agree(about, exact)
    low, high = comparison_interval(more) or (0.0, 0.0)
    assert low < 6000 and math.isinf(high)


def test_years_are_exact() -> None:
    """2008 and 2009 never agree, however small the relative difference."""
    _docs, (first, second) = corpus(document("d.txt", "en", "2020-01-01", "2008 and 2009",
                                             [Spec("2008", Kind.YEAR, 2008), Spec("2009", Kind.YEAR, 2009)]))
    assert not agree(first, second)
    assert len(cluster_claims([first, second])) == 2


def test_one_article_alone_never_conflicts() -> None:
    """Conflicts need two articles; one article's two values are not fact-agreement's business."""
    _docs, claims = corpus(document("d.txt", "en", "2020-01-01", "2008 and 2009",
                                    [Spec("2008", Kind.YEAR, 2008), Spec("2009", Kind.YEAR, 2009)]))
    assert conflicts(claims) == []


def test_conversion_pairs_need_brackets_or_a_marker() -> None:
    """'X yuan (about Y dollars)' is a conversion; two amounts apart in a sentence are not."""
    _docs, claims = corpus(document("d.txt", "en", "2020-01-01",
                                    "It lent 2 billion yuan (about 256 million euros). Alpha spent 5 euros and later 9 yuan.",
                                    [Spec("2 billion yuan", Kind.MONEY, 2e9, "CNY"),
                                     Spec("256 million euros", Kind.MONEY, 2.56e8, "EUR"),
                                     Spec("5 euros", Kind.MONEY, 5, "EUR"), Spec("9 yuan", Kind.MONEY, 9, "CNY")]))
    pairs = conversion_pairs(claims, rules())
    assert [(a.quote, b.quote) for a, b in pairs] == [("2 billion yuan", "256 million euros")]


def test_month_precision_dates_cover_their_month() -> None:
    """'giugno 2025' agrees with 15 June 2025 and not with 2 July 2025."""
    _docs, (month, day, other) = corpus(document("d.txt", "it", "2025-08-01", "giugno 2025, 15 giugno 2025, 2 luglio 2025",
                                                 [Spec("giugno 2025", Kind.DATE, 6, canonical="2025-06"),
                                                  Spec("15 giugno 2025", Kind.DATE, 15, canonical="2025-06-15"),
                                                  Spec("2 luglio 2025", Kind.DATE, 2, canonical="2025-07-02")]))
    assert agree(month, day)
    assert not agree(month, other)


def test_sequential_growth_is_another_period() -> None:
    """Growth against the previous quarter (环比) is not growth against a year earlier (同比)."""
    facts = facts_of("营收同比增长12%,环比增长3%。", "zh",
                     [Spec("12%", Kind.PERCENT, 12, "percent"), Spec("3%", Kind.PERCENT, 3, "percent")])
    assert facts == {"12%": "growth-rate", "3%": "growth-rate[period=sequential]"}


def test_dates_compare_on_the_parts_both_state() -> None:
    """'14 dicembre' (year inferred as 2025) agrees with '14 dicembre 2026' and not with '15 dicembre 2026'."""
    _docs, (day, full, other) = corpus(document("d.txt", "it", "2026-03-01",
                                                "14 dicembre, 14 dicembre 2026, 15 dicembre 2026",
                                                [Spec("14 dicembre", Kind.DATE, 14, canonical="2025-12-14",
                                                      extra={"parts": (2025, 12, 14)}),
                                                 Spec("14 dicembre 2026", Kind.DATE, 14, canonical="2026-12-14",
                                                      extra={"parts": (2026, 12, 14)}),
                                                 Spec("15 dicembre 2026", Kind.DATE, 15, canonical="2026-12-15",
                                                      extra={"parts": (2026, 12, 15)})]))
    assert agree(day, full)
    assert not agree(day, other)


def test_event_cue_prefers_the_side_its_language_puts_time_on() -> None:
    """'Il cantiere partirà nel 2026 e l'inaugurazione è prevista per il 2029': the opening is 2029."""
    facts = facts_of("Il cantiere partirà nella primavera del 2026 e l'inaugurazione è prevista per il 2029.", "it",
                     [Spec("2026", Kind.YEAR, 2026), Spec("2029", Kind.YEAR, 2029)], published="2025-09-15")
    assert facts["2029"] == "opens-year"
    assert facts["2026"] != "opens-year"


def test_growth_against_a_year_earlier_is_the_growth_itself() -> None:
    """'in aumento del 12,4% rispetto a un anno prima' is the same growth as '同比增长14.2%' (and contradicts it)."""
    facts = facts_of("Ricavi in aumento del 12,4% rispetto ai 1.620 miliardi di un anno prima.", "it",
                     [Spec("12,4%", Kind.PERCENT, 12.4, "percent")])
    assert facts == {"12,4%": "growth-rate"}


def test_unconverted_amounts_are_never_contradictions() -> None:
    """An amount the rate table could not convert agrees with anything in another currency."""
    _docs, (rupees, euros) = corpus(document("d.txt", "en", "2020-01-01", "5 million rupees, 5 million euros",
                                             [Spec("5 million rupees", Kind.MONEY, 5e6, "XYZ", canonical=None),
                                              Spec("5 million euros", Kind.MONEY, 5e6, "EUR")]))
    assert agree(dataclasses.replace(rupees, canonical_value=None), euros)


def test_acronyms_are_not_cue_words() -> None:
    """'la NATO nel 2024' is no founding ('nato' = born), while 'nato 12 anni fa' is."""
    assert facts_of("Il vertice della NATO nel 2024 a Washington.", "it",
                    [Spec("2024", Kind.YEAR, 2024)]) == {"2024": None}
    assert facts_of("Il gruppo, nato 12 anni fa come fornitore, cresce.", "it",
                    [Spec("12 anni fa", Kind.YEAR, 2014, relative=("year", -12))], published="2026-01-20") \
        == {"12 anni fa": "founded-year"}


def test_bracketed_other_amount_is_not_a_conversion() -> None:
    """'$5 million (with €2 million from the EU)' states two amounts, not one converted."""
    _docs, claims = corpus(document("d.txt", "en", "2020-01-01", "It raised $5 million (with €2 million from the EU).",
                                    [Spec("$5 million", Kind.MONEY, 5e6, "USD"), Spec("€2 million", Kind.MONEY, 2e6, "EUR")]))
    assert conversion_pairs(claims, rules()) == []


def test_industrial_belts_and_clusters_are_different_things() -> None:
    """'产业带集群' is a cluster, '산업용 벨트' a belt: compound heads decide the counted thing."""
    assert facts_of("打造10个产值过百亿的数字化产业带集群。", "zh",
                    [Spec("10个", Kind.COUNT, 10, "cluster")]) == {"10个": "industrial-cluster"}
    assert facts_of("5 개의 산업용 벨트를 지원한다.", "ko",
                    [Spec("5 개의 산업용 벨트", Kind.COUNT, 5, "belt")]) == {"5 개의 산업용 벨트": "industrial-belt"}


def test_dateline_is_no_event_date() -> None:
    """'XANBOMAR, July 25 — Alpha unveiled plans' dates the dispatch, not the launch."""
    facts = facts_of("XANBOMAR, July 25 — Alpha unveiled plans to expand.", "en",
                     [Spec("July 25", Kind.DATE, 25, canonical="2017-07-25")], published="2017-07-25")
    assert facts == {"July 25": None}
    facts = facts_of("Alpha unveiled its plan on July 25 in Xanbomar.", "en",
                     [Spec("July 25", Kind.DATE, 25, canonical="2017-07-25")], published="2017-07-28")
    assert facts == {"July 25": "launch-date"}
