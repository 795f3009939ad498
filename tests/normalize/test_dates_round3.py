"""Dates without a year: the same article's full dates, an adjacent relative month, and coming dates."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.extract import extract_claims
from factcheck.fx import FxTable
from factcheck.model import Claim, Document, Kind, Relative
from factcheck.normalize import normalize_claims
from factcheck.rules import RuleSet, load_rules

RULES = RuleSet({})
Parts = tuple[int | None, int | None, int | None]


@pytest.fixture(scope="module")
def fx() -> FxTable:
    """The bundled ECB history, loaded once for the module."""
    return FxTable.load()


def document(text: str, lang: str, published: dt.date | None) -> Document:
    """A document holding the text the claims quote."""
    return Document(path=f"news/{lang}.md", published=published, lang=lang, text=text)


def date_at(text: str, quote: str, parts: Parts, relative: Relative | None = None, nth: int = 0) -> Claim:
    """A date claim as extraction hands it over, located at the nth occurrence of its quote."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return Claim(path="news/x.md", start=start, end=start + len(quote), quote=quote, kind=Kind.DATE,
                 lang="xx", parts=parts, relative=relative, line=1, column=start + 1)


def next_month(expression: str) -> Relative:
    """The relative month ``next month`` in any language."""
    return Relative(expression=expression, unit="month", amount=1)


def normalized(text: str, lang: str, published: dt.date | None, claims: list[Claim],
               fx: FxTable) -> dict[str, str | float | None]:
    """Normalize one document's claims; map each quote (last wins) to its canonical value."""
    result, _ = normalize_claims(claims, document(text, lang, published), fx, RULES)
    return {c.quote: c.canonical_value for c in result}


JAN_2026 = dt.date(2026, 1, 20)


@pytest.mark.parametrize(("text", "lang", "short", "short_parts", "full", "full_parts"), [
    ("# 大桥12月14日通车\n\n跨海大桥定于2026年12月14日通车。", "zh",
     "12月14日", (None, 12, 14), "2026年12月14日", (2026, 12, 14)),
    ("# 다리 12월 14일 개통\n\n해상 다리는 2026년 12월 14일 개통한다.", "ko",
     "12월 14일", (None, 12, 14), "2026년 12월 14일", (2026, 12, 14)),
    ("# Il ponte apre il 14 dicembre\n\nIl ponte sullo stretto apre il 14 dicembre 2026.", "it",
     "14 dicembre", (None, 12, 14), "14 dicembre 2026", (2026, 12, 14)),
    ("# Bridge opens December 14\n\nThe harbour bridge opens on December 14, 2026.", "en",
     "December 14", (None, 12, 14), "December 14, 2026", (2026, 12, 14)),
])
def test_headline_date_takes_the_year_the_body_states(text: str, lang: str, short: str, short_parts: Parts,
                                                      full: str, full_parts: Parts, fx: FxTable) -> None:
    """A headline's yearless date takes the year of the same day stated in full in the body, not a past year."""
    claims = [date_at(text, short, short_parts), date_at(text, full, full_parts)]
    result, findings = normalize_claims(claims, document(text, lang, JAN_2026), fx, RULES)
    assert findings == []
    assert [c.canonical_value for c in result] == ["2026-12-14", "2026-12-14"]
    assert result[0].parts == (2026, 12, 14)
    assert result[0].note is not None and "same article" in result[0].note


@pytest.mark.parametrize(("text", "lang", "month", "full", "full_parts"), [
    ("新馆9月开放。施工方表示，2026年9月3日完成验收。", "zh", "9月", "2026年9月3日", (2026, 9, 3)),
    ("새 역사는 9월 문을 연다. 준공은 2026년 9월 3일이다.", "ko", "9월", "2026년 9월 3일", (2026, 9, 3)),
    ("Il museo riapre a settembre, dopo il collaudo del 3 settembre 2026.", "it",
     "settembre", "3 settembre 2026", (2026, 9, 3)),
    ("The museum reopens in September, after the inspection on September 3, 2026.", "en",
     "September", "September 3, 2026", (2026, 9, 3)),
])
def test_month_alone_takes_the_year_of_a_full_date_in_that_month(text: str, lang: str, month: str, full: str,
                                                                 full_parts: Parts, fx: FxTable) -> None:
    """A month stated alone takes the year of a full date in the same month elsewhere in the article."""
    values = normalized(text, lang, JAN_2026, [date_at(text, month, (None, 9, None)),
                                               date_at(text, full, full_parts)], fx)
    assert values[month] == "2026-09"


def test_day_and_month_take_a_full_date_of_the_same_month_when_no_same_day(fx: FxTable) -> None:
    """Without a full date of the same day, a full date in the same month gives the year."""
    text = "决赛12月20日举行，门票于2026年12月1日开售。"
    values = normalized(text, "zh", JAN_2026, [date_at(text, "12月20日", (None, 12, 20)),
                                               date_at(text, "2026年12月1日", (2026, 12, 1))], fx)
    assert values["12月20日"] == "2026-12-20"


def test_nearest_full_date_wins_when_the_article_states_two_years(fx: FxTable) -> None:
    """When two years state the same day, the full date nearest in the text gives the year."""
    text = "Il 14 dicembre 2025 fu posata la prima pietra; il 14 dicembre 2026 apre. Il 14 dicembre è festa."
    claims = [date_at(text, "14 dicembre 2025", (2025, 12, 14)), date_at(text, "14 dicembre 2026", (2026, 12, 14)),
              date_at(text, "14 dicembre", (None, 12, 14), nth=2)]
    result, _ = normalize_claims(claims, document(text, "it", JAN_2026), fx, RULES)
    assert result[2].canonical_value == "2026-12-14"


def test_unrelated_full_date_leaves_the_inference_alone(fx: FxTable) -> None:
    """A full date of another month does not change the year inferred from the publication date."""
    text = "12월 14일 개통했다. 착공은 2024년 3월 2일이었다."
    values = normalized(text, "ko", JAN_2026, [date_at(text, "12월 14일", (None, 12, 14)),
                                               date_at(text, "2024년 3월 2일", (2024, 3, 2))], fx)
    assert values["12월 14일"] == "2025-12-14"


@pytest.mark.parametrize(("text", "lang", "relative", "day"), [
    ("새 요금은 다음 달 1일 시행된다.", "ko", "다음 달", "1일"),
    ("新票价下个月1日起实施。", "zh", "下个月", "1日"),
    ("新票价将于下月 15日起实施。", "zh", "下月", "15日"),
])
def test_day_right_after_next_month_is_in_next_month(text: str, lang: str, relative: str, day: str,
                                                     fx: FxTable) -> None:
    """A day written right after a relative month is that day of the resolved month, not of the current one."""
    number = int(day.rstrip("일日"))
    claims = [date_at(text, relative, (None, None, None), next_month(relative)),
              date_at(text, day, (None, None, number))]
    values = normalized(text, lang, JAN_2026, claims, fx)
    assert values[relative] == "2026-02"
    assert values[day] == f"2026-02-{number:02d}"


def test_next_month_crosses_the_year(fx: FxTable) -> None:
    """``다음 달 1일`` in a December article is the first of January of the next year."""
    text = "다음 달 1일부터 적용된다."
    claims = [date_at(text, "다음 달", (None, None, None), next_month("다음 달")),
              date_at(text, "1일", (None, None, 1))]
    assert normalized(text, "ko", dt.date(2026, 12, 18), claims, fx)["1일"] == "2027-01-01"


def test_relative_year_fills_a_following_month_and_day(fx: FxTable) -> None:
    """``明年3月5日`` (a relative year then a yearless date) is 5 March of the year after publication."""
    text = "工程明年3月5日竣工。"
    claims = [date_at(text, "明年", (None, None, None), Relative(expression="明年", unit="year", amount=1)),
              date_at(text, "3月5日", (None, 3, 5))]
    assert normalized(text, "zh", JAN_2026, claims, fx)["3月5日"] == "2027-03-05"


def test_day_apart_from_the_relative_month_keeps_the_current_inference(fx: FxTable) -> None:
    """A day separated from ``next month`` by other words is not combined with it."""
    text = "다음 달 요금이 오른다. 공사는 1일 끝났다."
    claims = [date_at(text, "다음 달", (None, None, None), next_month("다음 달")),
              date_at(text, "1일", (None, None, 1))]
    assert normalized(text, "ko", JAN_2026, claims, fx)["1일"] == "2026-01-01"


@pytest.mark.parametrize(("text", "lang", "quote", "parts"), [
    ("新航站楼将于1月14日开通。", "zh", "1月14日", (None, 1, 14)),
    ("새 터미널은 1월 14일 개통 예정이다.", "ko", "1월 14일", (None, 1, 14)),
    ("Il nuovo terminal aprirà il 14 gennaio.", "it", "14 gennaio", (None, 1, 14)),
    ("The new terminal will open on 14 January.", "en", "14 January", (None, 1, 14)),
])
def test_coming_date_in_a_late_december_article_is_next_year(text: str, lang: str, quote: str, parts: Parts,
                                                             fx: FxTable) -> None:
    """A yearless date announced in late December resolves to its upcoming occurrence, in the next year."""
    values = normalized(text, lang, dt.date(2026, 12, 22), [date_at(text, quote, parts)], fx)
    assert values[quote] == "2027-01-14"


@pytest.mark.parametrize(("text", "lang", "quote"), [
    ("新航站楼将于12月30日开通。", "zh", "12月30日"),
    ("새 터미널은 12월 30일 개통 예정이다.", "ko", "12월 30일"),
    ("The new terminal will open on 30 December.", "en", "30 December"),
])
def test_coming_date_later_in_the_same_december_stays_this_year(text: str, lang: str, quote: str,
                                                                fx: FxTable) -> None:
    """A yearless date a few days after a late-December publication is this year's, not last year's."""
    values = normalized(text, lang, dt.date(2026, 12, 22), [date_at(text, quote, (None, 12, 30))], fx)
    assert values[quote] == "2026-12-30"


def test_extracted_article_uses_its_own_full_date_and_next_month(fx: FxTable) -> None:
    """Through real extraction, a headline date takes the body's year and 下个月1日 is next month's first."""
    text = "# 新线12月14日开通\n\n地铁新线将于2026年12月14日开通。下个月1日起实施新票价。"
    doc = document(text, "zh", dt.date(2026, 1, 5))
    ruleset = load_rules(["default"])
    result, _ = normalize_claims(extract_claims(doc, ruleset), doc, fx, ruleset)
    dates = {c.quote: c.canonical_value for c in result if c.kind is Kind.DATE}
    assert dates["12月14日"] == "2026-12-14"
    assert dates["1日"] == "2026-02-01"
