"""Front matter and manifests: metadata precedence, and broken metadata that must not crash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.ingest import Corpus
from factcheck.model import Document, Status

BODY = "Il comune ha assunto 2.500 insegnanti nel 2024, ha detto il sindaco ai giornalisti in conferenza stampa.\n"


def test_front_matter_sets_metadata_and_body_start(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """Front matter keys fill the document and body_start points just after the closing line."""
    head = "---\nlang: it\npublished: 2024-05-02\ntitle: Scuole\nstory: scuole-2024\nsource: true\nextra: ignored\n---\n"
    write("a.md", head + BODY)
    doc = one("a.md")
    assert doc.status is Status.CHECKED
    assert (doc.lang, doc.lang_origin) == ("it", "front-matter")
    assert (doc.published, doc.published_origin) == (dt.date(2024, 5, 2), "front-matter")
    assert (doc.title, doc.story, doc.source) == ("Scuole", "scuole-2024", True)
    assert doc.text[doc.body_start:] == BODY
    assert (0, doc.body_start) in doc.masked


def test_unclosed_front_matter_is_skipped_with_line(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """A '---' block that never closes skips the file, naming the opening line."""
    write("a.md", "---\nlang: it\n" + BODY)
    doc = one("a.md")
    assert doc.status is Status.SKIPPED
    assert doc.reason == "front matter: unclosed '---' block opened at line 1"


def test_invalid_yaml_front_matter_is_skipped_with_parser_message(write: Callable[..., Path],
                                                                  one: Callable[[str], Document]) -> None:
    """Invalid YAML in front matter skips the file with the parser's problem and the file line."""
    write("a.md", "---\nlang: it\ntitle: [unclosed\n---\n" + BODY)
    doc = one("a.md")
    assert doc.status is Status.SKIPPED
    assert doc.reason is not None and doc.reason.startswith("front matter: invalid YAML at line ")
    assert "\n" not in doc.reason


def test_front_matter_that_is_not_a_mapping_is_skipped(write: Callable[..., Path],
                                                       one: Callable[[str], Document]) -> None:
    """A front matter block holding a list is skipped with a reason."""
    write("a.md", "---\n- a\n- b\n---\n" + BODY)
    doc = one("a.md")
    assert doc.status is Status.SKIPPED
    assert "front matter" in (doc.reason or "")


def test_published_not_a_date_warns_and_leaves_date_unknown(write: Callable[..., Path],
                                                            one: Callable[[str], Document]) -> None:
    """'published: not-a-date' keeps the file, leaves the date unknown and warns with the line."""
    write("a.md", "---\nlang: it\npublished: not-a-date\n---\nROMA, 3 maggio 2024 – " + BODY)
    doc = one("a.md")
    assert doc.status is Status.CHECKED
    assert (doc.published, doc.published_origin) == (None, "unknown")
    assert any(w.startswith("front matter, line 3: published 'not-a-date' is not a date") for w in doc.warnings)


def test_unknown_lang_falls_back_to_detection_with_warning(write: Callable[..., Path],
                                                           one: Callable[[str], Document]) -> None:
    """'lang: xx' is not a language: the language is detected and a warning says so."""
    write("a.md", "---\nlang: xx\n---\n" + BODY)
    doc = one("a.md")
    assert (doc.lang, doc.lang_origin) == ("it", "detected")
    assert any("lang 'xx' is not a known language" in w and "'it'" in w for w in doc.warnings)


def test_region_subtags_are_reduced_to_the_primary_language(write: Callable[..., Path],
                                                            one: Callable[[str], Document]) -> None:
    """'lang: zh-CN' is recorded as zh."""
    write("a.md", "---\nlang: zh-CN\n---\n阿里巴巴将在三年内帮助1000个工厂。\n")
    assert one("a.md").lang == "zh"


def test_manifest_gives_metadata_and_glossary(write: Callable[..., Path], load: Callable[..., Corpus]) -> None:
    """A manifest.yaml next to the files supplies lang, published, title and the glossary."""
    write("news/manifest.yaml", "files:\n  a.txt: {lang: it, published: 2024-05-02, title: Scuole}\n"
                                "glossary:\n  Milano: [Milan, 米兰]\n")
    write("news/a.txt", BODY)
    corpus = load("news")
    doc = corpus.documents[0]
    assert (doc.lang, doc.lang_origin, doc.published, doc.published_origin, doc.title) == (
        "it", "manifest", dt.date(2024, 5, 2), "manifest", "Scuole")
    assert corpus.glossary == {"Milano": ["Milan", "米兰"]}
    assert corpus.problems == []


def test_front_matter_wins_over_manifest(write: Callable[..., Path], load: Callable[..., Corpus]) -> None:
    """Front matter values take precedence over the manifest entry of the same file."""
    write("news/manifest.yaml", "files:\n  a.md: {lang: en, published: 2020-01-01, title: Old}\n")
    write("news/a.md", "---\npublished: 2024-05-02\n---\n" + BODY)
    doc = load("news").documents[0]
    assert (doc.published, doc.published_origin) == (dt.date(2024, 5, 2), "front-matter")
    assert (doc.lang, doc.lang_origin, doc.title) == ("en", "manifest", "Old")


def test_manifest_naming_missing_files_is_a_problem_not_a_crash(write: Callable[..., Path],
                                                                load: Callable[..., Corpus]) -> None:
    """A manifest entry for a file that does not exist is reported with manifest file and line."""
    write("news/manifest.yaml", "files:\n  a.txt: {lang: it}\n  gone.txt: {lang: zh}\n")
    write("news/a.txt", BODY)
    corpus = load("news")
    assert [d.status for d in corpus.documents] == [Status.CHECKED]
    assert corpus.problems == ["news/manifest.yaml:3: files.gone.txt: no such file next to the manifest"]
    finding = corpus.problems_findings()[0]
    assert (finding.check, finding.path, finding.line) == ("input", "news/manifest.yaml", 3)


def test_manifest_paths_cannot_escape_its_directory(write: Callable[..., Path], load: Callable[..., Corpus]) -> None:
    """A manifest entry pointing outside its directory is ignored and reported."""
    write("outside.txt", BODY)
    write("news/manifest.yaml", "files:\n  ../outside.txt: {lang: zh}\n")
    write("news/a.txt", BODY)
    corpus = load("news", "outside.txt")
    outside = next(d for d in corpus.documents if d.path == "outside.txt")
    assert outside.lang_origin == "detected"
    assert any("escapes the manifest's directory" in p for p in corpus.problems)


@pytest.mark.parametrize("manifest", ["files: [a, b\n", "files:\n  a.txt: {lang: it}\n  a.txt: {lang: zh}\n",
                                      "files: 3\n", "- just\n- a list\n"])
def test_broken_manifest_is_reported_and_files_still_load(manifest: str, write: Callable[..., Path],
                                                          load: Callable[..., Corpus]) -> None:
    """A manifest with a syntax error, duplicate keys or a wrong shape is a located problem; files still load."""
    write("news/manifest.yaml", manifest)
    write("news/a.txt", BODY)
    corpus = load("news")
    assert corpus.documents[0].status is Status.CHECKED
    assert corpus.problems and all(p.startswith("news/manifest.yaml:") for p in corpus.problems)


def test_manifest_in_parent_directory_covers_subdirectory_files(write: Callable[..., Path],
                                                                load: Callable[..., Corpus]) -> None:
    """A manifest may name files in subdirectories of the directory given."""
    write("news/manifest.yaml", "files:\n  2024/a.txt: {lang: it, published: 2024-05-02}\n")
    write("news/2024/a.txt", BODY)
    doc = load("news").documents[0]
    assert (doc.path, doc.published_origin) == ("news/2024/a.txt", "manifest")


def test_seed_manifest_covers_every_seed(ruleset: object) -> None:
    """The bundled seeds get their language and date from data/seeds/manifest.yaml."""
    from factcheck.ingest import load_corpus

    root = Path(__file__).resolve().parents[2] / "data" / "seeds"
    corpus = load_corpus([str(root)], ruleset=ruleset)  # type: ignore[arg-type]
    got = {Path(d.path).name[:3]: (d.lang, d.published.isoformat() if d.published else None, d.lang_origin)
           for d in corpus.documents}
    assert got == {
        "000": ("it", "2020-04-08", "manifest"), "001": ("zh", "2020-04-07", "manifest"),
        "002": ("ko", "2020-04-08", "manifest"), "003": ("it", "2026-02-13", "manifest"),
        "004": ("en", "2020-04-20", "manifest"),
    }
    assert corpus.problems == []
    assert "阿里巴巴" in corpus.glossary["Alibaba"]


def test_crlf_front_matter(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """Front matter with Windows line endings is read and the body starts after it."""
    write("a.md", "---\r\nlang: it\r\npublished: 2024-05-02\r\n---\r\n" + BODY)
    doc = one("a.md")
    assert (doc.lang, doc.published) == ("it", dt.date(2024, 5, 2))
    assert doc.text[doc.body_start:] == BODY


def test_datetime_and_quoted_dates_are_accepted(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """'published' may be a timestamp or a quoted ISO date."""
    write("a.md", "---\npublished: 2024-05-02T10:30:00Z\n---\n" + BODY)
    write("b.md", "---\npublished: '2024-05-03'\n---\n" + BODY)
    assert one("a.md").published == dt.date(2024, 5, 2)
    assert one("b.md").published == dt.date(2024, 5, 3)


def test_unknown_lang_in_manifest_warns_with_manifest_line(write: Callable[..., Path],
                                                           load: Callable[..., Corpus]) -> None:
    """A manifest 'lang: xx' falls back to detection; the warning names the manifest and its line."""
    write("news/manifest.yaml", "files:\n  a.txt:\n    lang: xx\n    published: 2024-05-02\n")
    write("news/a.txt", BODY)
    doc = load("news").documents[0]
    assert (doc.lang, doc.lang_origin, doc.published_origin) == ("it", "detected", "manifest")
    assert any(w.startswith("news/manifest.yaml, line 3: lang 'xx' is not a known language") for w in doc.warnings)


def test_hostile_yaml_is_refused_not_expanded(write: Callable[..., Path], load: Callable[..., Corpus]) -> None:
    """Alias bombs and deep nesting in a manifest or front matter never hang or crash ingest."""
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))
    write("news/manifest.yaml", bomb)
    write("news/a.md", "---\n" + bomb + "title: *i\n---\n" + BODY)
    write("news/b.md", "---\nx: " + "[" * 5000 + "]" * 5000 + "\n---\n" + BODY)
    corpus = load("news")
    by_path = {d.path: d for d in corpus.documents}
    assert by_path["news/a.md"].status is Status.CHECKED
    assert any("title must be text" in w for w in by_path["news/a.md"].warnings)
    assert by_path["news/b.md"].status is Status.SKIPPED
    assert any("aliases are not allowed" in p for p in corpus.problems)
