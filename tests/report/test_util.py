"""Display helpers shared by the formatters: numbers, values, positions, languages."""

from __future__ import annotations

import dataclasses

import pytest

from factcheck.model import Claim, Document, Kind, Severity
from factcheck.report._util import (
    claim_end,
    first_doc_line,
    format_claim_value,
    format_number,
    format_value,
    language_label,
    severity_count,
    utf8_column,
)


@pytest.mark.parametrize(
    ("value", "text"),
    [(1200, "1,200"), (4.6e9, "4.6 billion"), (587379012.69, "587.4 million"), (0.05, "0.05"), (2.5e12, "2.5 trillion")],
)
def test_format_number_scales_and_groups(value: float, text: str) -> None:
    """Numbers print grouped below a million and with a scale word above."""
    assert format_number(value) == text


def test_years_and_dates_are_not_grouped() -> None:
    """A year prints as 2012, never 2,012, and a date string prints as given."""
    assert format_value(2012.0, "year", Kind.YEAR) == "2012"
    assert format_value("2020-04-07", None, Kind.DATE) == "2020-04-07"
    assert format_value(None, "EUR") == "—"
    assert format_value(27.0, "percent") == "27 %"


def test_claim_value_marks_approximation_bounds_and_ranges() -> None:
    """Approximate, one-sided and range claims carry ≈, > and low–high."""
    base = Claim(path="a", start=0, end=1, quote="x", kind=Kind.COUNT, lang="ko", value=600.0, unit="store")
    assert format_claim_value(dataclasses.replace(base, approx=True, bound="gt")) == "≈ > 600 store"
    assert format_claim_value(dataclasses.replace(base, bound=(60.0, 70.0))) == "60–70 store"


def test_claim_end_handles_line_breaks_inside_a_quote() -> None:
    """A quote spanning a line break ends on the next line, one past its last character."""
    claim = Claim(path="a", start=0, end=9, quote="4,6\nmiliardi", kind=Kind.MONEY, lang="it", line=3, column=7)
    assert claim_end(claim) == (4, 9)
    single = Claim(path="a", start=0, end=5, quote="46亿元", kind=Kind.MONEY, lang="zh", line=2, column=3)
    assert claim_end(single) == (2, 7)


def test_utf8_column_counts_bytes_of_the_line() -> None:
    """Byte columns count multi-byte characters before the offset on its own line."""
    document = Document(path="a", text="첫 줄\n이 사업으로 1200개")
    offset = document.text.index("1200")
    assert utf8_column(document, offset, 8) == len("이 사업으로 ".encode()) + 1
    assert utf8_column(None, offset, 8) == 8


def test_language_labels_and_counts() -> None:
    """Languages show with their endonym; info stays uncountable; doc summaries are one line."""
    assert language_label("ko") == "ko · 한국어"
    assert language_label("zh-Hant") == "zh-Hant · 中文"
    assert language_label(None) == "unknown language"
    assert severity_count(2, Severity.WARNING) == "2 warnings"
    assert severity_count(3, Severity.INFO) == "3 info"
    assert first_doc_line("Summary that\nwraps.\n\nDetails.") == "Summary that wraps."
