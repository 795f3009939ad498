"""Language and dateline detection for files without metadata."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.ingest_detect import detect_language, find_dateline
from factcheck.model import Document, Status


@pytest.mark.parametrize(("text", "lang"), [
    ("上海市政府昨天宣布，将在五年内新建两千所学校。", "zh"),
    ("該市政府昨天宣佈，將在五年內新建兩千所學校。", "zh"),
    ("서울시는 어제 5년 안에 학교 2천 곳을 새로 짓겠다고 발표했다.", "ko"),
    ("東京都は昨日、5年以内に学校を2000校新設すると発表した。", "ja"),
    ("The city said yesterday it would build two thousand schools within five years.", "en"),
    ("Il comune ha annunciato ieri che costruirà duemila scuole entro cinque anni.", "it"),
    ("Die Stadt kündigte gestern an, innerhalb von fünf Jahren zweitausend Schulen zu bauen.", "de"),
    ("La ciudad anunció ayer que construirá dos mil escuelas en cinco años.", "es"),
    ("La ville a annoncé hier qu'elle construirait deux mille écoles d'ici cinq ans.", "fr"),
])
def test_language_from_script_then_lingua(text: str, lang: str) -> None:
    """CJK scripts decide by characters; Latin-script text goes to lingua among the candidates."""
    assert detect_language(text) == lang


def test_mixed_language_article_takes_the_dominant_script(write: Callable[..., Path],
                                                          one: Callable[[str], Document]) -> None:
    """A Korean article quoting English names and phrases is Korean."""
    write("a.txt", "알리바바는 봄 천둥 프로젝트(Spring Thunder Plan)를 시작했다. 회장 겸 CEO인 장용(Daniel Zhang)은 "
                   "\"We must act now\"라고 말했다. 이 계획은 중소기업 100만 곳을 지원한다.\n")
    doc = one("a.txt")
    assert (doc.lang, doc.lang_origin) == ("ko", "detected")


def test_text_without_letters_has_unknown_language_and_a_warning(write: Callable[..., Path],
                                                                 one: Callable[[str], Document]) -> None:
    """A file of numbers only is checked with language unknown and a warning."""
    write("a.txt", "2024 2025 2026\n1,000 2,000\n")
    doc = one("a.txt")
    assert doc.status is Status.CHECKED
    assert (doc.lang, doc.lang_origin) == (None, "unknown")
    assert any("language could not be detected" in w for w in doc.warnings)


def test_zero_number_article_is_checked(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """An article with no numbers at all is an ordinary checked document."""
    write("a.md", "# Quiet day\n\nNothing happened in the village today, the mayor said with a smile.\n")
    doc = one("a.md")
    assert (doc.status, doc.reason, doc.lang, doc.published) == (Status.CHECKED, None, "en", None)
    assert doc.title == "Quiet day"


TODAY = dt.date(2026, 1, 1)


@pytest.mark.parametrize(("story", "lang", "expected"), [
    ("北京2020年4月7日电 阿里巴巴宣布……", "zh", dt.date(2020, 4, 7)),
    ("서울 2020년 4월 7일 — 알리바바는…", "ko", dt.date(2020, 4, 7)),
    ("Published 2020-04-07 by staff. The council…", "en", dt.date(2020, 4, 7)),
    ("NEW YORK, April 7, 2020 — The council…", "en", dt.date(2020, 4, 7)),
    ("ROMA, 8 aprile 2020 – Il comune…", "it", dt.date(2020, 4, 8)),
    ("MADRID, 7 de abril de 2020. El ayuntamiento…", "es", dt.date(2020, 4, 7)),
    ("BERLIN, 7. April 2020 – Die Stadt…", "de", dt.date(2020, 4, 7)),
])
def test_dateline_near_the_start_gives_the_date(story: str, lang: str, expected: dt.date) -> None:
    """A dated dateline near the start of the story is read in the article's language."""
    found = find_dateline(story, 0, lang, today=TODAY)
    assert found is not None and found.date == expected


def test_dateline_without_year_takes_it_from_the_same_day_later() -> None:
    """'4月7日上午消息' takes its year from '2020年4月7日' stated later in the story."""
    story = "4月7日上午消息，公司宣布一项计划。\n" + "正文。" * 300 + "\n2020年4月7日\n"
    found = find_dateline(story, 10, "zh", today=TODAY)
    assert found is not None and found.date == dt.date(2020, 4, 7) and found.start == 10


def test_dateline_without_any_year_stays_partial(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """'HANGZHOU, 8 APR' with no year anywhere leaves the date unknown and says why, with the line."""
    write("a.txt", "Titolo\n(XINHUA) – HANGZHOU, 8 APR – La provincia e il gruppo hanno lanciato ieri un'iniziativa "
                   "per le piccole imprese della regione.\n")
    doc = one("a.txt")
    assert (doc.published, doc.published_origin) == (None, "unknown")
    assert any(w.startswith("line 2: dateline '8 APR' states no year") for w in doc.warnings)


def test_dateline_sets_published_with_its_origin(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """Without metadata the dateline is the publication date and the origin says so."""
    write("a.txt", "Titolo\n\nROMA, 8 aprile 2020 – Il comune ha assunto 2.500 insegnanti, ha detto il sindaco.\n")
    doc = one("a.txt")
    assert (doc.published, doc.published_origin, doc.lang) == (dt.date(2020, 4, 8), "dateline", "it")


def test_impossible_dates_and_far_dates_are_not_datelines() -> None:
    """31 February or a year beyond next year is no dateline; a later date in the window is used."""
    assert find_dateline("2020-02-31 and 3999-01-01", 0, "en", today=TODAY) is None
    found = find_dateline("Ref 2020-02-31, filed April 2, 2021.", 0, "en", today=TODAY)
    assert found is not None and found.date == dt.date(2021, 4, 2)


def test_html_language_is_read_past_a_long_head(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """Scripts and styles before the article, however long, do not hide its language."""
    head = "<html><head><style>" + ".c{color:red}\n" * 3000 + "</style></head><body>"
    write("a.html", head + "<p>Il comune ha annunciato ieri che costruirà duemila scuole entro cinque anni.</p>"
                           "</body></html>")
    assert one("a.html").lang == "it"


def test_html_dateline_is_found_after_markup(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """The dateline window counts visible text, so a long head of markup does not push it out."""
    head = "<html><head><script>" + "var a = 1;\n" * 500 + "</script></head><body>"
    write("a.html", head + "<p>MILANO, 3 maggio 2023 – Il comune ha assunto 2.500 insegnanti.</p></body></html>")
    doc = one("a.html")
    assert (doc.published, doc.published_origin) == (dt.date(2023, 5, 3), "dateline")
