"""Round trips: numbers written by independent formatters are extracted back to the same value.

The formatters are babel (digit grouping per locale), num2words (Italian and
English words), cn2an (Chinese numerals) and a small Korean 만/억/조 writer
written here; none of them shares code with the extractor.
"""

from __future__ import annotations

from decimal import Decimal

import cn2an
import pytest
from babel.numbers import format_decimal
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from num2words import num2words

from factcheck.model import Kind

from .conftest import extract_text

SETTINGS = settings(max_examples=50, deadline=None)
AMOUNTS = st.one_of(
    st.integers(min_value=0, max_value=10**12),
    st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
)
SENTENCES = {
    "it": ("La regione ha speso {} euro per il progetto.", "EUR"),
    "en": ("The agency said it spent {} dollars last spring.", "USD"),
    "zh": ("该项目累计投资{}元。", "CNY"),
    "ko": ("정부는 {}달러를 추가로 투입했다.", "USD"),
}


def korean_amount(n: int) -> str:
    """Write ``n`` the way Korean news does: digit groups with 조, 억 and 만 (27만, 2조 4180억)."""
    parts: list[str] = []
    for unit, name in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
        quotient, n = divmod(n, unit)
        if quotient:
            parts.append(f"{quotient}{name}")
    if n or not parts:
        parts.append(str(n))
    return " ".join(parts)


def only_money(claims: list, unit: str) -> float:
    """Return the value of the single money claim in ``unit``."""
    money = [c for c in claims if c.kind is Kind.MONEY and c.unit == unit]
    assert len(money) == 1, [c.quote for c in claims]
    assert money[0].value is not None
    return money[0].value


@pytest.mark.parametrize("lang", sorted(SENTENCES))
@SETTINGS
@given(amount=AMOUNTS)
def test_babel_grouping_round_trip(lang: str, amount: int | Decimal) -> None:
    """A figure grouped and pointed by babel for the locale reads back to the same value."""
    template, unit = SENTENCES[lang]
    written = format_decimal(amount, locale=lang)
    value = only_money(extract_text(template.format(written), lang), unit)
    assert value == pytest.approx(float(amount), rel=1e-12, abs=1e-9)


@SETTINGS
@given(n=st.integers(min_value=2, max_value=10**9))
def test_italian_words_round_trip(n: int) -> None:
    """An amount written in Italian words by num2words reads back to the same value."""
    words = num2words(n, lang="it")
    # num2words writes 18 after cento as "dicotto" (it elides the wrong vowel); Italian has no such word.
    assume("dicotto" not in words)
    linker = " di" if words.split()[-1] in ("milione", "milioni", "miliardo", "miliardi") else ""
    text = f"Il comune ha ricevuto {words}{linker} euro di contributi."
    assert only_money(extract_text(text, "it"), "EUR") == n


@SETTINGS
@given(n=st.integers(min_value=2, max_value=10**9))
def test_english_words_round_trip(n: int) -> None:
    """An amount written in English words by num2words reads back to the same value."""
    text = f"The foundation donated {num2words(n, lang='en')} dollars to the library."
    assert only_money(extract_text(text, "en"), "USD") == n


@SETTINGS
@given(n=st.integers(min_value=2, max_value=10**12))
def test_chinese_numerals_round_trip(n: int) -> None:
    """An amount written in Chinese numerals by cn2an reads back to the same value."""
    text = f"该市今年共发放补贴{cn2an.an2cn(str(n))}元。"
    assert only_money(extract_text(text, "zh"), "CNY") == n


@SETTINGS
@given(n=st.integers(min_value=1, max_value=10**15))
def test_korean_myriad_round_trip(n: int) -> None:
    """An amount written with 조/억/만 digit groups reads back to the same value."""
    text = f"시는 올해 {korean_amount(n)} 원의 예산을 편성했다."
    assert only_money(extract_text(text, "ko"), "KRW") == n


FRAGMENTS = st.sampled_from([
    "1", "2.500", "4,7", "8,250", "２０", "．", ".", ",", " ", "\n", "-", "~", "%", "$", "€", "¥", "元", "亿", "万",
    "四千二百", "两", "零", "年", "月", "日", "前", "时隔", "约", "逾", "个", "工厂", "百分之", "억", "만", "조", "천",
    "년", "월", "일", " 만에", "명", "개의", "공장", "약", "이상", "million", "milioni", "tre", "mila", "di", "yuan",
    "dollars", "ago", "fa", "ieri", "about", "more than", "oltre", "giugno", "June", "tons", "A380", "COVID-19",
    "p.m.", "第", "岁", "세", "“", "”", "(", ")", "数", "十", "hundreds of", "m", "bn", "2019", "-year-old",
])


@pytest.mark.parametrize("lang", ["en", "it", "zh", "ko", None])
@settings(max_examples=60, deadline=None)
@given(pieces=st.lists(FRAGMENTS, max_size=30))
def test_any_mix_of_fragments_extracts_without_error(lang: str | None, pieces: list[str]) -> None:
    """Random mixes of number fragments never crash extraction, and every quote is its own span."""
    text = "".join(pieces)
    for claim in extract_text(text, lang):
        assert text[claim.start:claim.end] == claim.quote
        assert claim.start < claim.end
        assert claim.value is None or claim.value == claim.value  # never NaN
