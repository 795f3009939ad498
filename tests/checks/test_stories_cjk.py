"""Story grouping precision: Han and Hangul aliases inside longer names, and shared places as support only."""

from __future__ import annotations

import datetime as dt

import pytest

from factcheck.model import Document
from factcheck.stories import _tokens, assign_stories, glossary_index, name_prefixes, place_names

from .builders import rules

# made-up names: a town "Pelsa" and a city "Pelsalan" whose Han and Hangul forms start with Pelsa's
GLOSSARY = {
    "Pelsa": ["佩萨", "펠사"],
    "Dorvik Mining": ["多维克矿业", "도르빅 광업"],
    "Quennet Foods": ["奎内食品", "퀘넷 식품"],
}


def doc(path: str, text: str, published: str, lang: str = "en") -> Document:
    """Build a checked document for grouping."""
    return Document(path=path, text=text, lang=lang, published=dt.date.fromisoformat(published))


def glossary_tokens(text: str, glossary: dict[str, list[str]]) -> dict[str, float]:
    """Return the glossary tokens (strong "g:" and weak "w:") grouping counts in ``text``."""
    counted = _tokens(text, set(), glossary_index(glossary), 1.0, set(), boundaries=True,
                      prefixes=name_prefixes(rules()))
    return {t: n for t, n in counted.items() if t.startswith(("g:", "w:"))}


@pytest.mark.parametrize(("text", "token"), [
    ("佩萨兰市的人口增长。", "w:pelsa"),
    ("佩萨市的人口增长。", "g:pelsa"),
    ("工厂位于佩萨，规模很大。", "g:pelsa"),
    ("佩萨在去年扩建。", "g:pelsa"),
    ("펠사란시 인구가 늘었다.", "w:pelsa"),
    ("펠사시 인구가 늘었다.", "g:pelsa"),
    ("펠사에서 공장이 문을 열었다.", "g:pelsa"),
    ("공장은 펠사 외곽에 있다.", "g:pelsa"),
    ("엘펠사 공장이 문을 열었다.", "w:pelsa"),
])
def test_cjk_alias_inside_a_longer_name_is_weak(text: str, token: str) -> None:
    """A Han or Hangul alias glued to more characters of its script that are no known suffix counts as weak."""
    assert glossary_tokens(text, GLOSSARY) == {token: 1.0}


def test_longest_overlapping_alias_wins() -> None:
    """Among overlapping glossary matches only the longest counts."""
    glossary = {**GLOSSARY, "Pelsalan": ["佩萨兰", "펠사란"]}
    assert glossary_tokens("佩萨兰市的人口增长。", glossary) == {"g:pelsalan": 1.0}
    assert glossary_tokens("펠사란시 인구가 늘었다.", glossary) == {"g:pelsalan": 1.0}


def test_name_followed_by_another_name_is_strong() -> None:
    """A Han name directly followed by another glossary name ends where that name starts."""
    assert glossary_tokens("多维克矿业佩萨市工厂投产。", GLOSSARY) == {"g:dorvik mining": 1.0, "g:pelsa": 1.0}


@pytest.mark.parametrize(("text", "token"), [
    ("卡佩萨市的人口增长。", "w:pelsa"),        # glued after another character of a name: the city Kapelsa
    ("工厂迁往佩萨市。", "g:pelsa"),            # 往 stands before names
    ("工厂位于卡佩萨市。", "w:pelsa"),          # 于 stands before 卡佩萨, not before 佩萨
])
def test_han_alias_glued_after_another_character_is_weak(text: str, token: str) -> None:
    """A Han alias glued after a character that is no word standing before names (在, 往...) counts as weak."""
    assert glossary_tokens(text, GLOSSARY) == {token: 1.0}


@pytest.mark.parametrize(("text", "token"), [
    ("펠사로마시 인구가 늘었다.", "w:pelsa"),    # 로 opens the word 로마시, not the particle 로
    ("공장을 펠사로 옮겼다.", "g:pelsa"),
    ("펠사에서는 공장이 문을 열었다.", "g:pelsa"),  # particles may follow each other to the word's end
    ("펠사시의 인구가 늘었다.", "g:pelsa"),
])
def test_korean_suffixes_must_close_the_word(text: str, token: str) -> None:
    """A Korean alias ends a name only when known suffixes and particles fill the rest of its word."""
    assert glossary_tokens(text, GLOSSARY) == {token: 1.0}


def test_korean_name_glued_to_another_name_is_weak() -> None:
    """Korean writes spaces between words: two aliases glued together are parts of one longer name."""
    glossary = {**GLOSSARY, "Kelvan": ["凯尔万", "켈반"]}
    assert glossary_tokens("펠사켈반시에 공장이 있다.", glossary) == {"w:pelsa": 1.0, "w:kelvan": 1.0}
    assert glossary_tokens("佩萨凯尔万市有工厂。", glossary) == {"g:pelsa": 1.0, "g:kelvan": 1.0}


def test_shorter_alias_ending_a_name_beats_a_longer_one_inside_a_word() -> None:
    """Of two aliases starting at one place, one ending at a suffix wins over a longer one glued to more text."""
    glossary = {"Xanka": ["桑卡", "산카"], "Xankaxan": ["桑卡桑", "산카산"]}
    assert glossary_tokens("산카산업이 공장을 열었다.", glossary) == {"g:xanka": 1.0}   # 산업: Industries
    assert glossary_tokens("산카산시에 공장이 있다.", glossary) == {"g:xankaxan": 1.0}
    assert glossary_tokens("桑卡桑市有工厂。", glossary) == {"g:xankaxan": 1.0}


def pelsa_corpus() -> list[Document]:
    """Two stories: a mine in Pelsa, and a food plant in the city of Pelsalan (written with Pelsa's aliases)."""
    return [
        doc("mine-en.md", "Dorvik Mining reopened its copper mine near Pelsa after a long strike.", "2024-03-04"),
        doc("mine-zh.md", "多维克矿业重新开放了佩萨附近的铜矿，此前罢工持续很久。", "2024-03-04", "zh"),
        doc("mine-ko.md", "도르빅 광업이 파업 끝에 펠사 인근 구리 광산을 다시 열었다.", "2024-03-05", "ko"),
        doc("food-en.md", "Quennet Foods opened a bakery plant in Pelsalan, its largest so far.", "2024-03-06"),
        doc("food-zh.md", "奎内食品在佩萨兰市开设烘焙工厂，佩萨兰市政府表示欢迎。", "2024-03-06", "zh"),
        doc("food-ko.md", "퀘넷 식품이 펠사란시에 제빵 공장을 열었다. 펠사란시는 환영했다.", "2024-03-07", "ko"),
    ]


def test_alias_inside_a_longer_city_name_does_not_merge_stories() -> None:
    """Articles naming a city whose Han/Hangul form starts with another place's alias stay in their own story."""
    stories = assign_stories(pelsa_corpus(), [], rules(glossary=GLOSSARY))
    mine = {stories[p] for p in ("mine-en.md", "mine-zh.md", "mine-ko.md")}
    food = {stories[p] for p in ("food-en.md", "food-zh.md", "food-ko.md")}
    assert len(mine) == 1
    assert len(food) == 1
    assert mine != food


def test_places_are_recognised_from_the_termbase() -> None:
    """The place termbase's names are known places; a made-up company is not."""
    assert "milan" in place_names()
    assert "dorvik mining" not in place_names()


PLACES = {"Milan": ["Milano", "米兰", "밀라노"], "Lombardy": ["Lombardia", "伦巴第", "롬바르디아"]}


def milan_pair(first: str, second: str) -> list[Document]:
    """Two Chinese and Korean articles whose only shared names are places."""
    return [
        doc("zh.md", "米兰的地铁新线路开通，伦巴第大区官员出席。", first, "zh"),
        doc("ko.md", "밀라노에서 패션 주간이 열렸다. 롬바르디아 관광객이 늘었다.", second, "ko"),
    ]


def test_shared_places_alone_do_not_link_articles_days_apart() -> None:
    """Two articles sharing only place names, published days apart, are different stories."""
    stories = assign_stories(milan_pair("2024-05-02", "2024-05-09"), [], rules(glossary=PLACES))
    assert stories["zh.md"] != stories["ko.md"]


def test_shared_places_link_versions_published_together() -> None:
    """Versions of one report published the same day may be linked by their places alone."""
    stories = assign_stories(milan_pair("2024-05-02", "2024-05-02"), [], rules(glossary=PLACES))
    assert stories["zh.md"] == stories["ko.md"]


def test_a_place_supports_a_shared_company() -> None:
    """A shared company name still links articles days apart that also share a place."""
    documents = [
        doc("zh.md", "奎内食品在米兰开设工厂，伦巴第大区官员出席。", "2024-05-02", "zh"),
        doc("ko.md", "퀘넷 식품이 밀라노 공장을 확장했다. 롬바르디아 정부가 지원했다.", "2024-05-09", "ko"),
    ]
    stories = assign_stories(documents, [], rules(glossary={**PLACES, **GLOSSARY}))
    assert stories["zh.md"] == stories["ko.md"]
