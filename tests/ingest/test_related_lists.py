"""Related-reading lists: a marker alone on its line marks the list under it, an inline link only itself."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from factcheck.model import Document

ZH_STORY = "星河港务局周三表示，今年前三季度港口共处理集装箱420万标准箱，同比增长7.5%，创下历史同期最高纪录。"
ZH_STORY_2 = "港务局还计划在2027年前投资85亿元扩建东区码头，新增泊位6个，预计每年可多处理集装箱150万标准箱。"
ZH_STORY_3 = "一位港务局官员说，扩建工程将分三期进行，第一期已于今年5月开工，目前进展顺利，预计明年年底前完工。"
IT_STORY = ("Il consorzio delle cantine della valle ha imbottigliato 3,4 milioni di bottiglie nel 2023, "
            "il 12 per cento in più rispetto all'anno precedente, grazie a una vendemmia abbondante.")
IT_STORY_2 = ("Secondo il presidente del consorzio, le esportazioni verso il Giappone sono cresciute fino a "
              "quota 280 mila bottiglie, mentre il mercato interno è rimasto stabile per il terzo anno.")
KO_STORY = "한빛시는 올해 시내버스 노선 27개를 새로 개편하고 전기버스 340대를 추가로 도입한다고 12일 밝혔다. 총 사업비는 1200억원이다."
KO_STORY_2 = "시 관계자는 이번 개편으로 출퇴근 시간 평균 배차 간격이 8분에서 5분으로 줄어들 것이라고 설명했다. 새 노선은 다음 달부터 운행된다."
EN_STORY = ("The orchard cooperative shipped 18,000 tonnes of apples this season, up 9% on last year, "
            "and expects to hire 140 seasonal pickers before the autumn harvest begins in earnest.")
EN_STORY_2 = ("Its chair said that storage costs had risen by a third since 2021, which is why members voted "
              "on Tuesday to build a second cold store with room for 6,000 tonnes of fruit.")


def _marked(doc: Document, needle: str) -> bool:
    """Whether every visible character of ``needle`` in the document is boilerplate."""
    start = doc.text.index(needle)
    return all(doc.in_boilerplate(i) for i in range(start, start + len(needle)) if not doc.text[i].isspace())


def _clear(doc: Document, needle: str) -> bool:
    """Whether no character of ``needle`` in the document is boilerplate."""
    start = doc.text.index(needle)
    return not any(doc.in_boilerplate(i) for i in range(start, start + len(needle)))


def test_zh_marker_alone_after_a_short_story_marks_its_list(write: Callable[..., Path],
                                                           one: Callable[[str], Document]) -> None:
    """延伸阅读： after two short paragraphs marks every headline under it, not only the marker line."""
    write("a.md", "星河港务局公布扩建计划。\n\n该项目预计将创造2000个就业岗位。\n\n延伸阅读：\n"
                  "- 蓝湾物流将在北城开设60家仓库\n- 海港科技营收增长14%\n")
    doc = one("a.md")
    assert _marked(doc, "蓝湾物流将在北城开设60家仓库") and _marked(doc, "海港科技营收增长14%")
    assert _clear(doc, "该项目预计将创造2000个就业岗位")


def test_zh_list_between_story_paragraphs_ends_where_the_story_resumes(write: Callable[..., Path],
                                                                      one: Callable[[str], Document]) -> None:
    """A related list in the middle of a Chinese story is boilerplate; the two paragraphs after it are story."""
    write("a.txt", f"星河港务局扩建东区码头\n\n{ZH_STORY}\n\n相关阅读\n南湾港吞吐量首次突破百万标准箱\n"
                   f"北岛机场新航站楼投入使用 年旅客量达3000万\n\n{ZH_STORY_2}\n\n{ZH_STORY_3}\n")
    doc = one("a.txt")
    assert _marked(doc, "相关阅读") and _marked(doc, "年旅客量达3000万")
    assert _clear(doc, ZH_STORY) and _clear(doc, ZH_STORY_2) and _clear(doc, ZH_STORY_3)


def test_it_marker_alone_marks_a_closing_list_of_links(write: Callable[..., Path],
                                                      one: Callable[[str], Document]) -> None:
    """'Leggi anche' alone heads a list of Markdown links running to the end: all of it is boilerplate."""
    write("a.md", f"# Vendemmia record\n\n{IT_STORY}\n\n{IT_STORY_2}\n\nLeggi anche\n\n"
                  "- [Olio, la produzione cala del 20 per cento](https://esempio.it/olio)\n"
                  "- [Il prezzo del grano sale a 310 euro](https://esempio.it/grano)\n")
    doc = one("a.md")
    assert _marked(doc, "Olio, la produzione cala del 20 per cento") and _marked(doc, "310 euro")
    assert _clear(doc, IT_STORY_2)


def test_it_inline_read_also_marks_only_its_line(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """An inline 'Leggi anche: <titolo>' followed by one story paragraph leaves that paragraph as story."""
    write("a.txt", f"Vendemmia record\n\n{IT_STORY}\n\nLeggi anche: Olio, la produzione cala del 20 per cento\n\n"
                   f"{IT_STORY_2}\n")
    doc = one("a.txt")
    assert _marked(doc, "Leggi anche: Olio, la produzione cala del 20 per cento")
    assert _clear(doc, IT_STORY_2) and _clear(doc, IT_STORY)


def test_ko_related_articles_list_then_story_and_signature(write: Callable[..., Path],
                                                           one: Callable[[str], Document]) -> None:
    """관련기사 alone marks the headlines under it; the paragraph and byline after them stay story."""
    write("a.txt", f"한빛시, 전기버스 340대 도입\n\n{KO_STORY}\n\n관련기사\n바다시 지하철 3호선 연장 확정\n"
                   f"새빛시 공영자전거 5000대 추가 배치\n\n{KO_STORY_2}\n\n김민수 기자\n")
    doc = one("a.txt")
    assert _marked(doc, "바다시 지하철 3호선 연장 확정") and _marked(doc, "공영자전거 5000대 추가 배치")
    assert _clear(doc, KO_STORY_2) and _clear(doc, KO_STORY) and _clear(doc, "김민수 기자")


def test_en_related_alone_at_the_end_marks_the_whole_list(write: Callable[..., Path],
                                                          one: Callable[[str], Document]) -> None:
    """'Related' alone on its line after the story marks the headline lines under it to the end."""
    write("a.txt", f"Apple harvest\n\n{EN_STORY}\n\n{EN_STORY_2}\n\nRelated\n\n"
                   "Pear growers warn of 30% drop in yields\nDairy farmers win 2 million pound subsidy\n")
    doc = one("a.txt")
    assert _marked(doc, "Pear growers warn of 30% drop") and _marked(doc, "2 million pound subsidy")
    assert _clear(doc, EN_STORY_2)


def test_en_inline_read_more_before_the_last_paragraph_and_a_closing_run(
        write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """'Read more: <headline>' before the last paragraph marks only itself, even when headlines close the page."""
    write("a.txt", f"Apple harvest\n\n{EN_STORY}\n\nRead more: Pear growers warn of 30% drop in yields\n\n"
                   f"{EN_STORY_2}\n\nDairy farmers win 2 million pound subsidy after long campaign\n"
                   "City council approves 40 new bus shelters for the centre\n"
                   "Rail operator cancels 12 evening trains over staff shortage\n")
    doc = one("a.txt")
    assert _marked(doc, "Read more: Pear growers")
    assert _clear(doc, EN_STORY_2)
    assert _marked(doc, "40 new bus shelters")


def test_teasers_cut_short_keep_the_list_open(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """After a marker, other stories' summaries (one complete, then cut short) are boilerplate to the end."""
    write("a.txt", f"Apple harvest\n\n{EN_STORY}\n\n{EN_STORY_2}\n\nMore stories\n\n"
                   "A regional bakery chain said on Friday that it would open 25 new shops over the next "
                   "two years, creating about 300 jobs in the area.\n\n"
                   "Business | 3 hours ago\n\n"
                   "The port authority reported that container traffic rose by 11% in the first half, "
                   "driven by exports of machinery and...\n")
    doc = one("a.txt")
    assert _marked(doc, "open 25 new shops") and _marked(doc, "rose by 11%")
    assert _clear(doc, EN_STORY_2)
