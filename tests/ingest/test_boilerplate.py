"""Boilerplate: site furniture is marked from declarative markers and from structure."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.ingest import load_corpus
from factcheck.model import Document
from factcheck.rules import RuleSet

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"

STORY_EN = ("The city council approved a budget of 4.5 million dollars for 12 new schools on Monday, "
            "after a debate that lasted more than six hours and drew 300 residents to the hall.")
STORY_EN_2 = ("Construction is due to start in 2025 and the first 3 buildings should open within two years, "
              "the mayor told reporters, adding that 450 teachers would be hired over the same period.")


def _share(doc: Document, needle: str) -> bool:
    return doc.in_boilerplate(doc.text.index(needle))


@pytest.fixture(scope="module")
def seeds(ruleset: RuleSet) -> dict[str, Document]:
    """The seed corpus, keyed by file number."""
    return {Path(d.path).name[:3]: d for d in load_corpus([str(SEEDS)], ruleset=ruleset).documents}


def test_seed_footers_after_markers_are_boilerplate(seeds: dict[str, Document]) -> None:
    """Unrelated news after 延伸阅读 (001) and 더보기 (002) is boilerplate, as are comment forms and reviews."""
    assert _share(seeds["001"], "9月2日消息")
    assert _share(seeds["001"], "2024中国国际大数据产业博览会")
    assert _share(seeds["001"], "关键字: BSP 信息技术")
    assert _share(seeds["002"], "소비자를 성숙하게 교육해야 한다")
    assert _share(seeds["002"], "올 2025년 중국 대학 입학시험")
    assert _share(seeds["003"], "Please enter your name here")
    assert _share(seeds["004"], "Reviewed by PEOPLES MAIL")
    assert _share(seeds["000"], "Clicca qui per leggere anche")


def test_seed_article_bodies_are_not_boilerplate(seeds: dict[str, Document]) -> None:
    """Sentences of every seed story stay story text."""
    for key, needle in (("000", "1.000 fabbriche"), ("000", "14,2 milioni di dollari"), ("001", "12年前"),
                        ("001", "时隔11年"), ("001", "在全国建设1000个阿里巴巴数字农业基地"), ("002", "2009년 이후 11년 만에"),
                        ("002", "100 개의 공장"), ("003", "50 milioni di acquirenti"), ("004", "796,000 tons"),
                        ("004", "6 billion yuan ($849 million)"), ("004", "April 12")):
        assert not _share(seeds[key], needle), (key, needle)


def test_seed_breadcrumbs_and_counters_at_the_top_are_boilerplate(seeds: dict[str, Document]) -> None:
    """Navigation crumbs (当前位置:首页 > ..., 메뉴, Home ...) and bare share counters are boilerplate."""
    assert _share(seeds["001"], "当前位置")
    assert _share(seeds["002"], "메뉴")
    assert _share(seeds["003"], "Home Tecnologia")
    assert _share(seeds["003"], "30\n0") and seeds["003"].in_boilerplate(seeds["003"].text.index("30\n0") + 3)


def test_inline_read_more_link_does_not_swallow_the_story(write: Callable[..., Path],
                                                          one: Callable[[str], Document]) -> None:
    """A 'Read more:' line between story paragraphs is boilerplate alone; the story after it is not."""
    write("a.txt", f"Budget approved\n\n{STORY_EN}\n\nRead more: Mayor resigns over 2019 contracts\n\n"
                   f"{STORY_EN}\n\n{STORY_EN_2}\n")
    doc = one("a.txt")
    assert _share(doc, "Read more: Mayor resigns")
    assert not _share(doc, STORY_EN_2)
    assert not doc.in_boilerplate(doc.text.rindex(STORY_EN))


def test_marker_word_starting_a_sentence_is_not_a_marker(write: Callable[..., Path],
                                                         one: Callable[[str], Document]) -> None:
    """'Related to this, ...' or 'Comments by the minister ...' as prose do not open a footer."""
    write("a.txt", f"Budget approved\n\n{STORY_EN}\n\nRelated to this, the council sold 2 buildings for "
                   "3 million dollars.\n\nComments by the minister followed.\n")
    doc = one("a.txt")
    assert not _share(doc, "Related to this") and not _share(doc, "3 million dollars")


def test_footer_without_marker_is_found_from_its_shape(write: Callable[..., Path],
                                                       one: Callable[[str], Document]) -> None:
    """A trailing run of short headline-like lines after the story is boilerplate even without a marker."""
    write("a.txt", f"Budget approved\n\n{STORY_EN}\n\n{STORY_EN_2}\n\n"
                   "Storm leaves 40,000 homes without power in the north\n"
                   "Police arrest 3 men after a bank robbery in the centre\n"
                   "Stock market closes 2% higher as tech shares rally\n")
    doc = one("a.txt")
    assert _share(doc, "Storm leaves 40,000 homes")
    assert _share(doc, "Stock market closes 2% higher")
    assert not _share(doc, STORY_EN_2)


def test_story_ending_with_a_bullet_list_keeps_it(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """A closing list of the story's own points is not taken for a list of headlines."""
    write("a.md", f"# Budget\n\n{STORY_EN}\n\nThe plan includes:\n\n- 12 new schools in the east district\n"
                  "- 450 new teachers across the city schools\n- 3 sports halls near the river park\n")
    doc = one("a.md")
    assert not _share(doc, "450 new teachers")


def test_signature_block_is_not_a_headline_run(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """A short signature and date after the last paragraph stay story text."""
    write("a.txt", f"{STORY_EN}\n\n{STORY_EN_2}\n\nJohn Smith\n\nMayor\n\n2024-05-02\n")
    doc = one("a.txt")
    assert not _share(doc, "2024-05-02")


def test_markers_of_any_language_apply(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """An English theme marker frames an Italian article; a Korean marker a Chinese-language page."""
    write("a.txt", "Il sindaco ha detto che la città assumerà 2.500 insegnanti entro il 2026, con un costo di "
                   "14 milioni di euro, più di quanto previsto nel bilancio approvato lo scorso anno dal consiglio.\n"
                   "\nLEAVE A REPLY\n\nYou have 5 seconds\n")
    doc = one("a.txt")
    assert _share(doc, "You have 5 seconds")
    assert not _share(doc, "2.500 insegnanti")


def test_trailing_markdown_link_list_is_boilerplate(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """A closing bullet list of links to other stories is boilerplate even without a marker."""
    write("a.md", f"# Budget\n\n{STORY_EN}\n\n{STORY_EN_2}\n\n"
                  "- [Storm leaves 40,000 homes without power](https://news.example/storm)\n"
                  "- [Police arrest 3 men after a bank robbery](https://news.example/robbery)\n"
                  "- [Stock market closes 2% higher on tech rally](https://news.example/stocks)\n")
    doc = one("a.md")
    assert _share(doc, "Storm leaves 40,000 homes")
    assert not _share(doc, STORY_EN_2)


def test_short_chinese_paragraphs_start_the_story_and_footer_follows(write: Callable[..., Path],
                                                                    one: Callable[[str], Document]) -> None:
    """Chinese paragraphs of a few dozen characters count as story, so the editor line and related news after them are a footer."""
    write("a.txt", "首页 > 新闻 > 财经\n某市将投资45亿元新建12所学校\n2023-03-03 10:21 来源：新华网\n"
                   "市政府周二宣布，将在未来五年内投资45亿元新建12所学校，预计新增学位8000个，这是该市历史上最大规模的教育投资。\n"
                   "据介绍，首批3所学校将于2024年开工建设，全部项目预计在2028年前完工。\n"
                   "责任编辑：王五\n相关新闻\n某市GDP首破万亿元 同比增长6.5%\n某地出台楼市新政 首付比例降至20%\n")
    doc = one("a.txt")
    assert _share(doc, "首页 > 新闻") and _share(doc, "同比增长6.5%") and _share(doc, "首付比例降至20%")
    assert not _share(doc, "投资45亿元新建12所学校，预计") and not _share(doc, "2028年前完工")
    assert (doc.published_origin, doc.title) == ("dateline", "某市将投资45亿元新建12所学校")


def test_korean_copyright_line_opens_the_footer(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """'저작권자 © ... 무단전재' and the related-article list after it are boilerplate; the story is not."""
    write("a.txt", "홈 > 경제 > 부동산\n서울시, 5년간 4500억원 들여 학교 12곳 신설\n"
                   "서울시가 향후 5년간 4500억원을 투입해 학교 12곳을 새로 짓는다고 3일 밝혔다. 이는 사상 최대 규모다.\n"
                   "저작권자 © 뉴시스, 무단전재 및 재배포 금지\n관련기사\n서울 아파트값 3주 연속 하락…0.5% 떨어져\n")
    doc = one("a.txt")
    assert _share(doc, "0.5% 떨어져") and _share(doc, "홈 > 경제")
    assert not _share(doc, "4500억원을 투입해")
