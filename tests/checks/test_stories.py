"""Stories: automatic grouping by rare shared names, glossary aliases across scripts, and dates."""

from __future__ import annotations

import datetime as dt

from factcheck.model import Document, Status
from factcheck.stories import StoryOptions, assign_stories

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
