"""Korean extraction: 만/억/조 scales with spaces, Sino-Korean numerals, counters and particles."""

from __future__ import annotations

import pytest

from factcheck.model import Kind

from .conftest import Extract, claim_with


@pytest.mark.parametrize(("text", "quote", "kind", "value", "unit"), [
    ("정부는 2조 4180억 원을 투입한다.", "2조 4180억 원", Kind.MONEY, 2.418e12, "KRW"),
    ("2조 3천억 달러에 달했다.", "2조 3천억 달러", Kind.MONEY, 2.3e12, "USD"),
    ("연간 830억 원 규모다.", "830억 원", Kind.MONEY, 8.3e10, "KRW"),
    ("월 2만 위안을 받는다.", "2만 위안", Kind.MONEY, 2e4, "CNY"),
    ("27만 가구에 공급한다.", "27만 가구", Kind.COUNT, 2.7e5, "household"),
    ("면적은 1만 2000제곱미터다.", "1만 2000제곱미터", Kind.QUANTITY, 12_000, "square_meter"),
    ("약 3630평 규모다.", "3630평", Kind.QUANTITY, 3630, "pyeong"),
    ("발전 용량은 500메가와트다.", "500메가와트", Kind.QUANTITY, 500, "megawatt"),
    ("27퍼센트 늘었다.", "27퍼센트", Kind.PERCENT, 27, "percent"),
    ("삼천 명이 모였다.", "삼천 명", Kind.COUNT, 3000, None),
    ("100 개의 공장을 짓는다.", "100 개의 공장", Kind.COUNT, 100, "factory"),
])
def test_amounts(extract: Extract, text: str, quote: str, kind: Kind, value: float, unit: str | None) -> None:
    """Each amount is read with its scale, counter or unit."""
    claim = claim_with(extract(text, "ko"), quote)
    assert claim.quote == quote
    assert (claim.kind, claim.value, claim.unit) == (kind, pytest.approx(value), unit)


def test_counted_noun_before_the_number(extract: Extract) -> None:
    """간호사 800명 counts nurses although the noun comes first."""
    claim = claim_with(extract("간호사 800명을 충원한다.", "ko"), "800명")
    assert claim.unit == "nurse"


def test_markers_after_the_amount(extract: Extract) -> None:
    """6만여 is approximate; 3천 명 이상 and 1 억 개가 넘는 are lower bounds."""
    claims = extract("6만여 명이 일하고 3천 명 이상이 떠났다. 1 억 개가 넘는 판매.", "ko")
    assert claim_with(claims, "6만여").approx
    assert claim_with(claims, "3천 명").bound == "gt"
    over = claim_with(claims, "1 억")
    assert (over.value, over.bound) == (1e8, "gt")


def test_dates_and_ranges(extract: Extract) -> None:
    """10월 12일부터 20일까지 gives two dates; 7일 alone is a day of the month."""
    claims = extract("10월 12일부터 20일까지 열린다. 7일 발표했다.", "ko")
    assert [c.parts for c in claims] == [(None, 10, 12), (None, 10, 20), (None, None, 7)]


def test_relative_times_and_durations(extract: Extract) -> None:
    """재작년, 12년 전 and 11년 만에 point back; 5년간 is a duration."""
    claims = extract("재작년보다 늘었다. 12년 전 시작해 11년 만에 재개했고 5년간 이어진다.", "ko")
    assert [c.relative.amount for c in claims if c.relative is not None] == [-2, -12, -11]
    span = claim_with(claims, "5년")
    assert (span.kind, span.value) == (Kind.DURATION, 5)


@pytest.mark.parametrize("text", [
    "오후 3시에 시작한다.",
    "그는 45세이다.",
    "첫 번째 계약이다. 3번째 기록이다.",
    "코로나19 바이러스가 퍼졌다.",
    "봄 천둥 프로젝트가 시작됐다.",
    "일파만파로 퍼졌다.",
])
def test_not_measurements(extract: Extract, text: str) -> None:
    """Times of day, ages, ordinals, disease names and numeral-looking words give no claim."""
    assert extract(text, "ko") == []


def test_native_numerals_before_counters(extract: Extract) -> None:
    """두 명, 세 곳의 공장 and 열 개 기업 count; 두 번째 (ordinal), 세금 (tax) and 한 명 (one) do not."""
    claims = extract("두 명이 다쳤고 세 곳의 공장이 멈췄다. 열 개 기업이 참여했다. 두 번째 계약, 세금, 한 명.", "ko")
    assert [(c.value, c.unit) for c in claims] == [(2, None), (3, "factory"), (10, "company")]
