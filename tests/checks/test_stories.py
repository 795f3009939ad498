"""Stories: automatic grouping by rare shared names, glossary aliases across scripts, and dates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections import Counter
from collections.abc import Sequence

import pytest

from factcheck import stories
from factcheck.model import Document, Status
from factcheck.stories import (
    WEAK_MATCH_WEIGHT,
    GroupingRecord,
    StoryOptions,
    _vector,
    assign_stories,
    group_stories,
    grouping_from_json,
    grouping_to_json,
)

from .builders import rules


def doc(path: str, text: str, published: str | None, *, lang: str = "en", title: str | None = None,
        story: str | None = None, status: Status = Status.CHECKED) -> Document:
    """Build a document for grouping."""
    date = dt.date.fromisoformat(published) if published else None
    return Document(path=path, text=text, lang=lang, published=date, title=title, story=story, status=status)


GLOSSARY = {"Nordhavn": ["诺德港", "노르하운"], "Kessler": ["凯斯勒", "케슬러"]}


def corpus() -> list[Document]:
    """Two stories in four languages plus an old article naming the same company."""
    return [
        doc("a-en.txt", "The port of Nordhavn and Kessler Logistics open a new terminal. Kessler will hire staff.",
            "2023-05-02"),
        doc("a-it.txt", "Il porto di Nordhavn e Kessler Logistics aprono un nuovo terminal. Kessler assumerà.",
            "2023-05-02", lang="it"),
        doc("a-zh.txt", "诺德港与凯斯勒物流公司开设新码头。凯斯勒将招聘员工。", "2023-05-03", lang="zh"),
        doc("a-ko.txt", "노르하운 항과 케슬러 물류가 새 터미널을 연다. 케슬러는 직원을 채용한다.", "2023-05-03", lang="ko"),
        doc("b-en.txt", "Quillon Foods said Brennar Dairy will supply its plants. Quillon expects growth.",
            "2023-05-02"),
        doc("b-zh.txt", "Quillon Foods表示Brennar Dairy将为其工厂供货。Quillon预计增长。", "2023-05-03", lang="zh"),
        doc("c-en.txt", "Kessler Logistics opened its first Nordhavn warehouse. Kessler hired staff.", "2016-02-01"),
    ]


def test_glossary_links_names_across_scripts() -> None:
    """One story in four scripts is found through glossary aliases."""
    stories = assign_stories(corpus(), [], rules(glossary=GLOSSARY))
    assert len({stories[p] for p in ("a-en.txt", "a-it.txt", "a-zh.txt", "a-ko.txt")}) == 1


def test_latin_names_recur_in_chinese_text_without_glossary() -> None:
    """A story without glossary entries is found through Latin names in Chinese text."""
    stories = assign_stories(corpus(), [], rules(glossary=GLOSSARY))
    assert stories["b-en.txt"] == stories["b-zh.txt"]
    assert stories["b-en.txt"] != stories["a-en.txt"]


def test_date_window_keeps_an_old_story_apart() -> None:
    """An article of 2016 naming the same company is another story."""
    stories = assign_stories(corpus(), [], rules(glossary=GLOSSARY))
    assert stories["c-en.txt"] != stories["a-en.txt"]
    wide = assign_stories(corpus(), [], rules(glossary=GLOSSARY), StoryOptions(window_days=4000, decay_days=1e9))
    assert wide["c-en.txt"] == wide["a-en.txt"]


def test_front_matter_story_wins() -> None:
    """A declared story id is kept as is, and the rest are grouped automatically."""
    documents = corpus()
    documents[0] = doc("a-en.txt", documents[0].text, "2023-05-02", story="declared")
    stories = assign_stories(documents, [], rules(glossary=GLOSSARY))
    assert stories["a-en.txt"] == "declared"
    assert stories["a-it.txt"] == stories["a-zh.txt"]


def test_skipped_documents_get_no_story() -> None:
    """A skipped document takes no part in grouping."""
    documents = [*corpus(), doc("broken.txt", "", None, status=Status.SKIPPED)]
    assert "broken.txt" not in assign_stories(documents, [], rules())


def test_story_ids_are_readable_and_unique() -> None:
    """Story ids are slugs of a salient name and month, distinct per story."""
    stories = assign_stories(corpus(), [], rules(glossary=GLOSSARY))
    assert stories["a-en.txt"].endswith("2023-05")
    assert len(set(stories.values())) == 3


def test_capitalized_common_words_are_not_names() -> None:
    """Sentence-initial common words ('Inoltre', 'According') do not make two articles one story."""
    documents = [
        doc("x.txt", "Inoltre il mercato cresce. According to data, sales rose.", "2023-05-02"),
        doc("y.txt", "Inoltre la produzione cala. According to analysts, prices fell.", "2023-05-02"),
    ]
    stories = assign_stories(documents, [], rules())
    assert stories["x.txt"] != stories["y.txt"]


def test_undeclared_translation_joins_a_declared_story() -> None:
    """An article without story: joins the declared story it resembles; two declared stories stay apart."""
    documents = corpus()
    documents[0] = doc("a-en.txt", documents[0].text, "2023-05-02", story="terminal")
    documents[4] = doc("b-en.txt", documents[4].text, "2023-05-02", story="dairy")
    stories = assign_stories(documents, [], rules(glossary=GLOSSARY))
    assert stories["a-zh.txt"] == stories["a-ko.txt"] == "terminal"
    assert stories["b-zh.txt"] == "dairy"


PELSA = {"Pelsa": ["佩萨", "펠사"], "Quennet Foods": ["奎内食品", "퀘넷 식품"]}


def test_a_name_common_only_inside_longer_names_still_links_its_story() -> None:
    """A Han alias found mostly inside a longer name (卡佩萨市) does not make the name too common to pair by."""
    options = StoryOptions(max_token_docs=3, min_token_docs=3)
    documents = [
        doc("pelsa-en.txt", "Pelsa opened a new harbour terminal, the port of Pelsa said.", "2024-03-04"),
        doc("pelsa-ko.txt", "펠사시가 새 항만 터미널을 열었다. 펠사 항만청이 밝혔다.", "2024-03-04", lang="ko"),
        *[doc(f"kapelsa-{i}.txt", f"奎内食品在卡佩萨市开设第{i}家工厂。", "2024-03-07", lang="zh") for i in range(4)],
    ]
    stories = assign_stories(documents, [], rules(glossary=PELSA), options)
    assert stories["pelsa-en.txt"] == stories["pelsa-ko.txt"]
    assert stories["kapelsa-0.txt"] != stories["pelsa-en.txt"]


def test_weak_names_do_not_dilute_the_names_an_article_surely_holds() -> None:
    """Sure names are divided by the norm of the weights as counted; a weak one by its norm as if it were full."""
    tokens: Counter[str] = Counter({"g:quennet foods": 1, "g:pelsa": 6, "n:ostra": 2})
    df = {"g:quennet foods": 3, "g:pelsa": 5, "n:ostra": 2}
    named, _bigrams = _vector(tokens, {"g:pelsa"}, df, 10)
    weight = {t: (1 + math.log(n)) * math.log(1 + 10 / df[t]) for t, n in tokens.items()}
    counted = math.hypot(weight["g:quennet foods"], weight["n:ostra"], weight["g:pelsa"] * WEAK_MATCH_WEIGHT)
    full = math.hypot(*weight.values())
    assert named["g:quennet foods"] == pytest.approx(weight["g:quennet foods"] / counted)
    assert named["n:ostra"] == pytest.approx(weight["n:ostra"] / counted)
    assert named["g:pelsa"] == pytest.approx(weight["g:pelsa"] * WEAK_MATCH_WEIGHT / full)
    alone, _bigrams = _vector(Counter({"g:pelsa": 6}), {"g:pelsa"}, df, 10)
    assert alone == {"g:pelsa": pytest.approx(WEAK_MATCH_WEIGHT)}


class _Rows:
    """Stored grouping rows served from a record."""

    def __init__(self, record: GroupingRecord) -> None:
        self._vectors, self._holders = record.vectors, record.holders

    def vectors(self, positions: Sequence[int]) -> dict[int, bytes]:
        return {i: self._vectors[i] for i in positions if i in self._vectors}

    def holders(self, tokens: Sequence[str]) -> dict[str, bytes]:
        return {t: self._holders[t] for t in tokens if t in self._holders}


@pytest.mark.parametrize(("old", "new"), [("在佩萨市", "在卡佩萨市"), ("在卡佩萨市", "在佩萨市")])
def test_update_when_a_name_turns_weak_or_sure_equals_grouping_anew(old: str, new: str) -> None:
    """An edit making a name weak (or sure) in one article changes the pairs of the others exactly as grouping anew."""
    options = StoryOptions(max_token_docs=2, min_token_docs=2)
    ruleset = rules(glossary=PELSA)
    before = [
        doc("en.txt", "Pelsa opened a new harbour terminal.", "2024-03-04"),
        doc("ko.txt", "펠사시가 새 항만 터미널을 열었다.", "2024-03-04", lang="ko"),
        doc("zh.txt", f"奎内食品{old}开设工厂。", "2024-03-05", lang="zh"),
        doc("it.txt", "Quennet Foods apre uno stabilimento.", "2024-03-05", lang="it"),
    ]
    _stories, state = group_stories(before, ruleset, options)
    record = grouping_to_json(state)
    assert record is not None
    state = grouping_from_json(record.figures, _Rows(record))
    after = [dataclasses.replace(d, text=d.text.replace(old, new)) for d in before]
    updated, state = group_stories(after, ruleset, options, state=state, previous={d.path: d for d in before},
                                   changed={"zh.txt"})
    anew, fresh = group_stories(after, ruleset, options)
    assert updated == anew
    assert (state.similar, state.vectors, state.df, state.weak) == (fresh.similar, fresh.vectors, fresh.df, fresh.weak)
    assert ((0, 1) in fresh.similar) == (new == "在卡佩萨市")  # the sure holders now pair, or no longer


def test_grouping_apart_gives_the_stories_of_grouping_here(monkeypatch: pytest.MonkeyPatch) -> None:
    """Grouped in a worker process (articles sent in chunks), the stories and the stored rows are those of grouping here."""
    monkeypatch.setattr(stories, "PARALLEL_GROUPING_DOCS", 2)
    monkeypatch.setattr(stories, "_CHUNK_SENT", 3)
    ruleset = rules(glossary=GLOSSARY)
    here, state = group_stories(corpus(), ruleset)
    apart, record = group_stories(corpus(), ruleset, jobs=2)
    assert apart == here
    mine = grouping_to_json(state)
    assert isinstance(record, GroupingRecord) and mine is not None and record.rows is not None
    assert list(record.vector_rows()) == list(mine.vector_rows())
    assert list(record.holder_rows()) == list(mine.holder_rows())
    record.close()


def test_a_failing_grouping_worker_reports_its_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """An error inside the grouping worker reaches the run as one error carrying the worker's traceback."""
    monkeypatch.setattr(stories, "PARALLEL_GROUPING_DOCS", 2)
    options = dataclasses.replace(StoryOptions(), max_token_share="not a number")  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="ValueError: invalid literal"):
        group_stories(corpus(), rules(glossary=GLOSSARY), options, jobs=2)
