"""Markdown summary: every finding listed, article text escaped."""

from __future__ import annotations

from factcheck.report import markdown

from .sample import build_report

HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7*7 }}|**x**'


def test_summary_lists_every_active_finding_with_counts() -> None:
    """The headline counts severities and every finding has a row and a details block."""
    text = markdown.render(build_report())
    assert text.startswith("## factcheck · sample: 1 error, 1 warning, 1 info\n")
    assert text.count("<details>") == 3
    assert "| 🛑 error | fact-agreement | corpus/hub/it.txt:9:20 |" in text


def test_article_text_cannot_inject_markup_or_break_tables() -> None:
    """Quotes, sentences and paths with HTML, pipes and emphasis render as literal text."""
    text = markdown.render(build_report(hostile=HOSTILE))
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "\\|\\*\\*x\\*\\*" in text
    for line in text.splitlines():
        if line.startswith("| ") and "corpus/hub/it.txt" in line and "Il progetto" in line:
            # Six columns: the escaped pipe in the hostile text does not add a cell.
            assert line.replace("\\|", "").count("|") == 7


def test_clean_report_says_so() -> None:
    """A report without findings gets a clean headline and no findings table."""
    import dataclasses

    clean = dataclasses.replace(build_report(), findings=())
    text = markdown.render(clean)
    assert "✅ no findings" in text.splitlines()[0]
    assert "### Findings" not in text


def test_long_reports_are_capped_and_point_to_the_full_reports() -> None:
    """Past MAX_ROWS findings the table stops with a count of the rest; details stop within a PR comment's size."""
    import dataclasses

    report = build_report()
    many = tuple(
        dataclasses.replace(report.findings[0], id=f"f{i}") for i in range(markdown.MAX_ROWS + 5)
    )
    text = markdown.render(dataclasses.replace(report, findings=many))
    assert f"… and 5 more findings: {markdown.ELSEWHERE}." in text
    shown = text.count("<details>")
    assert 0 < shown <= markdown.MAX_DETAILS
    assert f"Details of the first {shown} findings only" in text
    assert len(text) < 65_536  # GitHub's limit for a pull-request comment
