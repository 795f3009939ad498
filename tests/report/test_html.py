"""HTML report: self-contained, escaped, and showing what an editor needs."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from factcheck.baseline import load_ignore_file
from factcheck.report import html

from .sample import build_report

HOSTILE_PARTS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{ 7*7 }}")
HOSTILE = "".join(HOSTILE_PARTS)


class _Elements(HTMLParser):
    """Collect start tags with their attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record a start tag."""
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        """Leave a script element."""
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        """Keep script text."""
        if self._in_script:
            self.scripts[-1] += data


def _parse(text: str) -> _Elements:
    """Return the parsed elements of an HTML document."""
    parser = _Elements()
    parser.feed(text)
    return parser


def test_hostile_article_text_is_escaped_and_inert() -> None:
    """Quotes, sentences, paths and messages holding markup or template syntax render as literal text."""
    page = html.render(build_report(hostile=HOSTILE))
    parsed = _parse(page)
    assert [tag for tag, _ in parsed.tags].count("script") == 1
    assert not any(tag == "img" for tag, _ in parsed.tags)
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "{{ 7*7 }}" in page and ">49<" not in page


def test_page_is_self_contained_with_a_strict_policy() -> None:
    """No external resource is referenced and the CSP allows only the report's own script by hash."""
    page = html.render(build_report())
    parsed = _parse(page)
    for _tag, attrs in parsed.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not re.match(r"^(https?:)?//", value), value
    csp = next(attrs["content"] for tag, attrs in parsed.tags if tag == "meta" and attrs.get("http-equiv"))
    assert csp is not None and "default-src 'none'" in csp
    digest = base64.b64encode(hashlib.sha256(parsed.scripts[0].encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def test_finding_shows_both_sides_with_the_number_highlighted() -> None:
    """Each cited claim is shown in its sentence with its quote inside <mark>, with language and location."""
    page = html.render(build_report())
    assert "Il progetto creerà <mark>1.800 posti di lavoro</mark>." in page
    assert "项目预计创造<mark>1200个就业岗位</mark>。" in page
    assert "이 사업으로 <mark>1200개 일자리</mark>가 생길 전망이다." in page
    assert "corpus/hub/ko.txt:9:8" in page and "ko · 한국어" in page
    assert "12년 전 → 2012 (counted from 2024-03-13)" in page  # resolution shown in the fact table
    assert "ECB reference rate of 2024-03-13" in page
    assert "<details class=\"doc\" data-check=\"fact-agreement\">" in page
    assert "Articles of one story state the same fact" in page and "Why: a translation or rewrite" in page


def test_fact_table_marks_the_disagreeing_cell() -> None:
    """The story's fact table has a row per fact and marks the Italian jobs cell as dissenting."""
    context = html.context(build_report())
    (story,) = context["stories"]
    assert [row.id for row in story.rows] == ["first-warehouse-year", "investment", "jobs-created"]
    assert [d.lang for d in story.documents] == ["zh", "it", "ko"]  # the source article first
    jobs = story.rows[2]
    assert [cell.state for cell in jobs.cells] == ["cited", "dissent", "cited"]
    assert [cell.state for cell in story.rows[1].cells] == ["agree", "agree", "agree"]
    assert jobs.consensus == "1,200 job"


def test_filters_offer_every_severity_check_language_and_story() -> None:
    """The filter bar lists the report's checks, languages and stories, and each finding carries its data."""
    page = html.render(build_report())
    for value in ("fact-agreement", "conversion", "input", "milan-logistics-hub"):
        assert f'<option value="{value}">' in page
    for lang in ("it", "ko", "zh"):
        assert f'<option value="{lang}">' in page
    assert page.count('class="chip ') == 3
    assert 'data-langs="it ko zh"' in page


def test_sentence_that_no_longer_contains_the_quote_still_shows_the_number() -> None:
    """When the offset does not point at the quote, the quote is still highlighted on its own."""
    import dataclasses

    report = build_report()
    claim = dataclasses.replace(report.findings[0].claims[0], sentence="Testo riformulato senza il numero.")
    finding = dataclasses.replace(report.findings[0], claims=(claim, *report.findings[0].claims[1:]))
    page = html.render(dataclasses.replace(report, findings=(finding,)))
    assert "<mark>1.800 posti di lavoro</mark>" in page and "Testo riformulato senza il numero." in page


def test_a_fact_stated_by_one_article_is_not_marked_as_agreeing() -> None:
    """A fact with claims from a single article shows its value without the agreement tick."""
    import dataclasses

    report = build_report()
    fact = report.facts[1]
    lonely = dataclasses.replace(fact, claims=fact.claims[:1])
    context = html.context(dataclasses.replace(report, facts=(lonely,)))
    (story,) = context["stories"]
    assert [cell.state for cell in story.rows[0].cells] == ["empty", "single", "empty"]


def test_suppressed_findings_are_hidden_behind_a_toggle_and_say_why() -> None:
    """A suppressed finding is rendered hidden, names what suppressed it, and the toggle appears."""
    import dataclasses

    report = build_report()
    claim = report.findings[0].claims[0]
    documents = tuple(
        dataclasses.replace(d, suppressed=((claim.start, claim.end, ("fact-agreement",)),)) if d.path == claim.path else d
        for d in report.documents
    )
    findings = (dataclasses.replace(report.findings[0], suppressed=True), *report.findings[1:])
    page = html.render(dataclasses.replace(report, documents=documents, findings=findings))
    assert 'data-suppressed="true" hidden>' in page
    assert "suppressed by an inline factcheck-ignore comment in the article" in page
    assert 'id="filter-suppressed"' in page


def test_accept_snippet_is_a_valid_ignore_file(tmp_path: Path) -> None:
    """The 'accept this finding' YAML shown per finding loads as an ignore file naming that fingerprint."""
    import html as html_lib

    report = build_report()
    page = html.render(report)
    snippet = html_lib.unescape(re.findall(r"<pre>(ignore:.*?)</pre>", page, re.S)[0])
    path = tmp_path / "factcheck-ignore.yaml"
    path.write_text(snippet, encoding="utf-8")
    assert list(load_ignore_file(path)) == [report.findings[0].fingerprint]
