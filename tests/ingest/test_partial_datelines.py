"""Datelines with a day (and maybe a month) but no year: completed from full dates in the text, or unknown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from factcheck.ingest_detect import find_dateline
from factcheck.model import Document

TODAY = dt.date(2026, 1, 1)


def test_korean_day_alone_takes_month_and_year_from_a_full_date(write: Callable[..., Path],
                                                               one: Callable[[str], Document]) -> None:
    """'…7일 밝혔다' without metadata resolves against '2021년 3월 30일' stated later, and says so."""
    write("a.txt", "한빛시, 전기버스 340대 도입\n"
                   "한빛시는 전기버스 340대를 추가로 도입한다고 7일 밝혔다. 총 사업비는 1200억원이다.\n\n"
                   "시는 앞서 2021년 3월 30일 의회에 예산안을 제출했다.\n")
    doc = one("a.txt")
    assert (doc.published, doc.published_origin) == (dt.date(2021, 4, 7), "dateline")
    assert any(w.startswith("line 2: dateline '7일' states no year; read as 2021-04-07") for w in doc.warnings)


def test_chinese_month_day_takes_the_closest_year() -> None:
    """'4月7日' with '2019年12月3日' and '2020年3月28日' later becomes 2020-04-07 (closest to a stated date)."""
    story = "本报讯 4月7日，星河港务局宣布扩建计划。\n港务局曾于2019年12月3日提交方案，并于2020年3月28日获批。\n"
    found = find_dateline(story, 0, "zh", today=TODAY)
    assert found is not None and found.date == dt.date(2020, 4, 7) and found.completed


def test_italian_day_and_month_across_the_new_year() -> None:
    """'30 dicembre' in a story that states '2 gennaio 2021' is read as 30 December 2020."""
    story = "ROMA, 30 dicembre – Il comune ha approvato il bilancio. Le nuove tariffe partono il 2 gennaio 2021.\n"
    found = find_dateline(story, 0, "it", today=TODAY)
    assert found is not None and found.date == dt.date(2020, 12, 30)


def test_day_alone_without_any_full_date_stays_unknown_with_a_warning(write: Callable[..., Path],
                                                                      one: Callable[[str], Document]) -> None:
    """'7일' with no full date anywhere leaves the publication date unknown and names what is missing."""
    write("a.txt", "한빛시, 전기버스 도입\n한빛시는 전기버스 340대를 추가로 도입한다고 7일 밝혔다.\n")
    doc = one("a.txt")
    assert (doc.published, doc.published_origin) == (None, "unknown")
    assert any(w.startswith("line 2: dateline '7일' states no month or year") for w in doc.warnings)


def test_italian_day_month_without_year_stays_unknown(write: Callable[..., Path],
                                                      one: Callable[[str], Document]) -> None:
    """'7 aprile' with no year anywhere in the text stays unknown with a warning."""
    write("a.txt", "Titolo\nMILANO, 7 aprile – Il consorzio ha imbottigliato 3,4 milioni di bottiglie.\n")
    doc = one("a.txt")
    assert doc.published is None
    assert any("dateline '7 aprile' states no year; publication date unknown" in w for w in doc.warnings)


def test_metadata_date_wins_over_a_partial_dateline(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """With a front matter date, a day-only dateline changes nothing and raises no warning."""
    write("a.md", "---\nlang: ko\npublished: 2022-05-08\n---\n한빛시는 전기버스를 도입한다고 7일 밝혔다. "
                  "시는 2021년 3월 30일 예산안을 제출했다.\n")
    doc = one("a.md")
    assert (doc.published, doc.published_origin) == (dt.date(2022, 5, 8), "front-matter")
    assert not any("dateline" in w for w in doc.warnings)


def test_spans_of_days_are_not_datelines() -> None:
    """'7일간' and '30日内' state durations, not a day of the month."""
    found = find_dateline("행사는 7일간 열린다. 2021년 3월 1일 시작.", 0, "ko", today=TODAY)
    assert found is not None and found.date == dt.date(2021, 3, 1)
    found = find_dateline("行动将在30日内完成，方案于2021年3月1日公布。", 0, "zh", today=TODAY)
    assert found is not None and found.date == dt.date(2021, 3, 1)
    assert find_dateline("행사는 7일간 열린다.", 0, "ko", today=TODAY) is None
