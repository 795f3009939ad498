"""Chinese extraction: myriad scales, CJK numerals (simplified and traditional), counters, markers."""

from __future__ import annotations

import pytest

from factcheck.model import Kind

from .conftest import Extract, claim_with


@pytest.mark.parametrize(("text", "quote", "kind", "value", "unit"), [
    ("吞吐量达四千二百万标准箱。", "四千二百万标准箱", Kind.QUANTITY, 4.2e7, "TEU"),
    ("投资460亿元建设码头。", "460亿元", Kind.MONEY, 4.6e10, "CNY"),
    ("建设2.5万平方米的厂房。", "2.5万平方米", Kind.QUANTITY, 25_000, "square_meter"),
    ("新建两万个就业岗位。", "两万个就业岗位", Kind.COUNT, 20_000, "job"),
    ("营收3億元新台币。", "3億元", Kind.MONEY, 3e8, "CNY"),
    ("出口额为8,250万美元。", "8,250万美元", Kind.MONEY, 8.25e7, "USD"),
    ("新增1200名医生。", "1200名医生", Kind.COUNT, 1200, "doctor"),
    ("同比增长百分之二十七。", "百分之二十七", Kind.PERCENT, 27, "percent"),
    ("占比7.5%。", "7.5%", Kind.PERCENT, 7.5, "percent"),
    ("下降1.2个百分点。", "1.2个百分点", Kind.PERCENT, 1.2, "percent"),
    ("全长55公里。", "55公里", Kind.QUANTITY, 55, "kilometer"),
    ("装机容量300兆瓦。", "300兆瓦", Kind.QUANTITY, 300, "megawatt"),
    ("种植5000亩小麦。", "5000亩", Kind.QUANTITY, 5000, "mu"),
    ("２０２３年该市ＧＤＰ为１２３４．５亿元。", "１２３４．５亿元", Kind.MONEY, 1.2345e11, "CNY"),
    ("全市人口一千二百萬人。", "一千二百萬人", Kind.COUNT, 1.2e7, "person"),
])
def test_amounts(extract: Extract, text: str, quote: str, kind: Kind, value: float, unit: str) -> None:
    """Each amount is read with its myriad scale, counter or unit."""
    claim = claim_with(extract(text, "zh"), quote)
    assert claim.quote == quote
    assert (claim.kind, claim.value, claim.unit) == (kind, pytest.approx(value), unit)


def test_bound_and_approximation_markers(extract: Extract) -> None:
    """逾 is a lower bound, 约 an approximation, 不到 an upper bound, 多 after a number approximate."""
    claims = extract("逾7万名员工参与,约3亿元投入,不到90名教师,1000多家企业。", "zh")
    assert claim_with(claims, "7万").bound == "gt"
    assert claim_with(claims, "3亿元").approx
    assert claim_with(claims, "90名").bound == "lt"
    firms = claim_with(claims, "1000多家")
    assert firms.approx and firms.unit == "company"


def test_vague_tens_is_a_range(extract: Extract) -> None:
    """数十家医院 is an approximate count of some tens of hospitals, between 10 and 99."""
    claim = claim_with(extract("数十家医院扩建。", "zh"), "数十家医院")
    assert claim.approx and claim.bound == (10, 99) and claim.unit == "hospital"


def test_dates_and_ranges(extract: Extract) -> None:
    """2018年10月24日 is a full date; 10月12日至20日 gives two dates in October."""
    claims = extract("于2018年10月24日通车,10月12日至20日举办展会。", "zh")
    assert [c.parts for c in claims] == [(2018, 10, 24), (None, 10, 12), (None, 10, 20)]


def test_years_relative_years_and_durations(extract: Extract) -> None:
    """2031年 is a year, 去年 and 前年 point back, 五年内 is a duration."""
    claims = extract("2031年建成,去年开工,前年立项,五年内完成。", "zh")
    assert claim_with(claims, "2031年").kind is Kind.YEAR
    assert [c.relative.amount for c in claims if c.relative is not None] == [-1, -2]
    span = claim_with(claims, "五年")
    assert (span.kind, span.value, span.unit) == (Kind.DURATION, 5, "year")


@pytest.mark.parametrize("text", [
    "这是一家百年老店。",
    "第一季度表现良好。",
    "下午3点开幕。",
    "他今年45岁。",
    "启动“春雷计划2020”。",
    "这一切都很好,千万别忘记。",
    "推进“十四五”规划。",
])
def test_not_measurements(extract: Extract, text: str) -> None:
    """Idioms, ordinals, times of day, ages, plan names and numeral-looking words give no claim."""
    assert extract(text, "zh") == []


def test_traditional_script_and_named_currency_before_the_amount(extract: Extract) -> None:
    """新台幣 before 元 makes the amount TWD; 萬 alone is ten thousand; 戶 and 工程師 are counted things."""
    claims = extract("投資新台幣3,000億元,創造逾萬個就業機會,兩千多名工程師到職,約3.5萬戶停電。", "zh")
    money = claim_with(claims, "3,000億元")
    assert (money.quote, money.value, money.unit) == ("新台幣3,000億元", 3e11, "TWD")
    jobs = claim_with(claims, "萬個")
    assert (jobs.value, jobs.unit, jobs.bound) == (1e4, "job", "gt")
    assert claim_with(claims, "兩千多名").unit == "engineer"
    assert claim_with(claims, "3.5萬戶").unit == "household"
