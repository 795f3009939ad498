"""Bad and unusual input through the whole ingest: huge lines, bare front matter, BOM, CRLF, odd names, markup."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.extract import extract_claims
from factcheck.model import Claim, Document, Status
from factcheck.rules import RuleSet, load_rules


@pytest.fixture(scope="module")
def full_rules() -> RuleSet:
    """Every shipped pack, since these tests extract claims after ingest."""
    return load_rules(["default"])


def _claims(doc: Document, rules: RuleSet) -> list[Claim]:
    claims = extract_claims(doc, rules)
    for claim in claims:
        assert doc.text[claim.start:claim.end] == claim.quote
    return claims


@pytest.mark.parametrize("name", ["digits.md", "digits.txt"])
def test_megabyte_line_of_digits_goes_through_ingest_quickly(name: str, write: Callable[..., Path],
                                                             one: Callable[[str], Document]) -> None:
    """A 1 MB line of digits, commas and dots is masked, scanned for boilerplate and detected well under 10 s."""
    line = ("1,234.567.89," * 80_000)[:1_000_000]
    write(name, f"# Figures\n\nThe council approved 12 new schools on Monday.\n\n{line}\n\nThe end of the report.\n")
    started = time.perf_counter()
    doc = one(name)
    elapsed = time.perf_counter() - started
    assert doc.status is Status.CHECKED and len(doc.text) > 1_000_000
    assert elapsed < 10, elapsed


def test_front_matter_without_body_is_checked_with_a_warning(write: Callable[..., Path], one: Callable[[str], Document],
                                                             full_rules: RuleSet) -> None:
    """A file holding only front matter keeps its metadata, yields no claim and warns that it has no body."""
    write("a.md", "---\nlang: en\npublished: 2020-01-02\ntitle: Council budget 2020\n---\n")
    doc = one("a.md")
    assert (doc.status, doc.lang, doc.title, doc.body_start) == (Status.CHECKED, "en", "Council budget 2020",
                                                                 len(doc.text))
    assert "only front matter: the file has no body text" in doc.warnings
    assert _claims(doc, full_rules) == []


def test_bom_before_front_matter(write: Callable[..., Path], one: Callable[[str], Document],
                                 full_rules: RuleSet) -> None:
    """A UTF-8 BOM before '---' still opens front matter; the BOM is dropped and offsets match the text."""
    write("a.md", "\ufeff---\nlang: it\npublished: 2021-03-04\n---\nIl comune ha speso 3,5 milioni di euro.\n")
    doc = one("a.md")
    assert (doc.lang, doc.lang_origin, str(doc.published), doc.encoding) == ("it", "front-matter", "2021-03-04",
                                                                             "utf-8-sig")
    assert doc.text.startswith("---") and doc.text[doc.body_start:].startswith("Il comune")
    assert [c.quote for c in _claims(doc, full_rules)] == ["3,5 milioni di euro"]


CRLF_BODY = ("---\nlang: en\npublished: 2021-03-04\ntitle: Schools\n---\nThe city spent $4.5 million on 12 schools "
             "last year, the mayor said.\nIt hired 300 teachers in 2020 and plans\nto hire 45 more.\n\n"
             "Read more\nHarbour traffic rises by 8% in spring\nMuseum visitors top 2 million in record year\n")


def test_crlf_everywhere_keeps_offsets_and_claims(write: Callable[..., Path], load: Callable[..., object],
                                                  full_rules: RuleSet) -> None:
    """CRLF line endings give the same claims, metadata and boilerplate as LF, with exact offsets into the text."""
    write("lf.md", CRLF_BODY)
    write("crlf.md", CRLF_BODY.replace("\n", "\r\n"))
    corpus = load("lf.md", "crlf.md")
    crlf, lf = corpus.documents  # type: ignore[attr-defined]
    assert "\r\n" in crlf.text and (crlf.lang, crlf.published, crlf.title) == (lf.lang, lf.published, lf.title)
    crlf_claims, lf_claims = _claims(crlf, full_rules), _claims(lf, full_rules)
    assert [c.quote.replace("\r\n", "\n") for c in crlf_claims] == [c.quote for c in lf_claims]
    assert [(c.value, c.unit, c.kind, c.boilerplate) for c in crlf_claims] == \
        [(c.value, c.unit, c.kind, c.boilerplate) for c in lf_claims]
    assert any(c.boilerplate for c in crlf_claims) and any(c.quote == "300 teachers" for c in crlf_claims)


def test_file_name_with_spaces_and_non_ascii(write: Callable[..., Path], load: Callable[..., object]) -> None:
    """A file whose name has spaces and accented or CJK characters is found in a directory and by name."""
    write("notizie/Città del porto 港口 é.md", "Il porto ha movimentato 420 mila container nel 2023.\n")
    by_dir = load("notizie").documents  # type: ignore[attr-defined]
    by_name = load("notizie/Città del porto 港口 é.md").documents  # type: ignore[attr-defined]
    assert [d.path for d in by_dir] == [d.path for d in by_name] == ["notizie/Città del porto 港口 é.md"]
    assert by_dir[0].status is Status.CHECKED and by_dir[0].lang == "it"


def test_html_script_numbers_are_no_claims(write: Callable[..., Path], one: Callable[[str], Document],
                                           full_rules: RuleSet) -> None:
    """Numbers inside <script> (code and JSON-LD) never become claims; the paragraph's do."""
    write("a.html", "<html><head><script>var views = 123456; window.sizes = [1, 2, 3.5];</script></head>"
                    "<body><p>The city hired 300 teachers.</p><script type=\"application/ld+json\">"
                    "{\"datePublished\": \"2020-01-01\", \"wordCount\": 777}</script></body></html>")
    doc = one("a.html")
    assert [c.quote for c in _claims(doc, full_rules)] == ["300 teachers"]


def test_markdown_table_numbers_are_claims(write: Callable[..., Path], one: Callable[[str], Document],
                                           full_rules: RuleSet) -> None:
    """Figures in a Markdown pipe table are story claims, not masked and not boilerplate."""
    write("a.md", "# Budget\n\nThe table shows spending.\n\n| Year | Schools | Budget |\n|---|---:|---:|\n"
                  "| 2020 | 12 | $4.5 million |\n| 2021 | 15 | $5.2 million |\n")
    doc = one("a.md")
    claims = _claims(doc, full_rules)
    quotes = [c.quote for c in claims]
    assert "$4.5 million" in quotes and "$5.2 million" in quotes and "15" in quotes
    assert not any(c.boilerplate for c in claims)


def test_table_without_outer_pipes_is_not_a_breadcrumb(write: Callable[..., Path], one: Callable[[str], Document],
                                                       full_rules: RuleSet) -> None:
    """A GitHub table without outer pipes near the top is story, not a 'Home | News | ...' crumb trail."""
    write("a.md", "# Harvest\n\nYear | Tonnes | Pickers\n--- | ---: | ---:\n2022 | 16,500 | 120\n"
                  "2023 | 18,000 | 140\n\nThe cooperative expects a similar season next year.\n")
    doc = one("a.md")
    claims = _claims(doc, full_rules)
    assert {"16,500", "18,000", "140"} <= {c.quote for c in claims}
    assert not any(c.boilerplate for c in claims)


def test_nested_code_fences_are_masked_whole(write: Callable[..., Path], one: Callable[[str], Document],
                                             full_rules: RuleSet) -> None:
    """A four-backtick fence holding a three-backtick one masks all its content; prose after it is read."""
    write("a.md", "# Code\n\nThe city spent 40 million dollars.\n\n````markdown\nExample:\n\n```python\nx = 999\n```\n"
                  "\nvalue 31337\n````\n\nAfter the fence, 25 schools opened.\n")
    doc = one("a.md")
    quotes = [c.quote for c in _claims(doc, full_rules)]
    assert quotes == ["40 million dollars", "25 schools"]
    assert doc.in_boilerplate(doc.text.index("31337")) is False
    assert any(s <= doc.text.index("31337") < e for s, e in doc.masked)


def test_ingest_time_grows_linearly_with_a_digit_line(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """Ten times the digits cost well under a hundred times the time: no quadratic scan in ingest."""
    costs = []
    for size in (100_000, 1_000_000):
        line = ("9.876,54," * (size // 9 + 1))[:size]
        write(f"n{size}.md", f"# Figures\n\nThe council approved 12 new schools.\n\n{line}\n")
        started = time.process_time()
        one(f"n{size}.md")
        costs.append(time.process_time() - started)
    assert costs[1] < 30 * max(costs[0], 0.005), costs
