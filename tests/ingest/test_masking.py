"""Markdown and HTML masking: numbers in code, links and markup are never story text."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from factcheck.ingest_markup import mask_markup
from factcheck.model import Document


def _masked(doc: Document, needle: str) -> bool:
    start = doc.text.index(needle)
    end = start + len(needle)
    return any(s <= start and end <= e for s, e in doc.masked)


def _visible(doc: Document, needle: str) -> bool:
    start = doc.text.index(needle)
    end = start + len(needle)
    return not any(s < end and start < e for s, e in doc.masked)


MARKDOWN = """# Budget 2024

The city will spend 4,7 million euro on 12 new schools.

```python
rate = 0.0375  # fenced code
```

    indented_code = 991

- a list item with 77 pupils
      not code inside the list: 88 desks

Inline `x = 4242` code, a [link](https://example.org/2019/report-555.html), an image ![chart 3](img/fig-2020.png).
See https://stats.example.com/q?year=2018 and <span data-year="1999">1,200 teachers</span>.
<!-- editor note: check 31337 -->

[ref]: https://example.org/ref-606
"""


def test_markdown_masks_code_links_images_urls_and_markup(write: Callable[..., Path],
                                                          one: Callable[[str], Document]) -> None:
    """Code blocks, inline code, link targets, images, URLs, tags and comments are masked; prose is not."""
    write("a.md", MARKDOWN)
    doc = one("a.md")
    for hidden in ("rate = 0.0375", "indented_code = 991", "x = 4242", "(https://example.org/2019/report-555.html)",
                   "![chart 3](img/fig-2020.png)", "https://stats.example.com/q?year=2018", '<span data-year="1999">',
                   "<!-- editor note: check 31337 -->", "[ref]: https://example.org/ref-606"):
        assert _masked(doc, hidden), hidden
    for shown in ("4,7 million euro on 12 new schools", "77 pupils", "88 desks", "1,200 teachers", "[link"):
        assert _visible(doc, shown), shown


def test_plain_text_keeps_indented_paragraphs(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """In a .txt file an indented paragraph is prose, not a code block; URLs are still masked."""
    write("a.txt", "Title\n\n    The firm hired 350 engineers in 2023.\n\nSource: http://example.com/a-2023-9\n")
    doc = one("a.txt")
    assert _visible(doc, "350 engineers in 2023")
    assert _masked(doc, "http://example.com/a-2023-9")


HTML = """<!DOCTYPE html>
<html><head><title>Jobs report 2024</title>
<style>.c { width: 960px; }</style>
<script>var id = 123456; if (a < b) { x = 2 }</script></head>
<body>
<nav><a href="/page/7">Page 7</a> | <a href="/">Home</a></nav>
<article><h1>Jobs report</h1>
<p class="lead" data-id="42">The region added <b>3,400</b> jobs&nbsp;in March &#8364; 5 million.</p>
<!-- 999 hidden -->
</article>
<footer>© 2024 Example News, 88 Main Street</footer>
</body></html>
"""


def test_html_masks_markup_scripts_styles_and_entities(write: Callable[..., Path],
                                                       one: Callable[[str], Document]) -> None:
    """HTML keeps only its text nodes: tags, attributes, scripts, styles, comments and entities are masked."""
    write("a.html", HTML)
    doc = one("a.html")
    for hidden in ("var id = 123456", "width: 960px", 'data-id="42"', "<!-- 999 hidden -->", "&#8364;", "&nbsp;",
                   '<a href="/page/7">'):
        assert _masked(doc, hidden), hidden
    for shown in ("The region added ", "3,400", " 5 million.", "Jobs report 2024"):
        assert _visible(doc, shown), shown
    assert doc.title == "Jobs report 2024"


def test_html_navigation_and_footer_are_boilerplate(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """Text inside nav and footer elements is boilerplate, the article is not."""
    write("a.html", HTML)
    doc = one("a.html")
    assert doc.in_boilerplate(doc.text.index("Page 7"))
    assert doc.in_boilerplate(doc.text.index("88 Main Street"))
    assert not doc.in_boilerplate(doc.text.index("3,400"))


def test_ignore_comment_suppresses_the_next_paragraph(write: Callable[..., Path],
                                                      one: Callable[[str], Document]) -> None:
    """A factcheck-ignore comment covers the following paragraph only, with its list of checks."""
    text = ("First paragraph with 10 items.\n\n<!-- factcheck-ignore: fact-agreement, conversion -->\n"
            "Second paragraph with 20 items\nstill the same paragraph, 30.\n\nThird paragraph with 40 items.\n"
            "\n<!-- factcheck-ignore -->\nFourth with 50.\n")
    write("a.md", text)
    doc = one("a.md")
    first, second = doc.suppressed
    assert doc.text[first[0]:first[1]] == "Second paragraph with 20 items\nstill the same paragraph, 30."
    assert first[2] == ("conversion", "fact-agreement")
    assert doc.text[second[0]:second[1]] == "Fourth with 50.\n"
    assert second[2] == ()


def test_masking_is_linear_on_a_megabyte_line_of_digits() -> None:
    """A 1 MB line of digits, commas and dots is masked in well under the guard bound (no backtracking)."""
    line = ("1,234.567.89," * 80_000)[:1_000_000]
    text = f"Intro.\n\n{line}\n"
    started = time.perf_counter()
    mask_markup(text, 0, markdown=True)
    assert time.perf_counter() - started < 10
