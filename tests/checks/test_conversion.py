"""conversion: an amount in two currencies or units in one sentence, checked against ECB rates or pint."""

from __future__ import annotations

import pytest

from factcheck.checks import analyze
from factcheck.fx import FxTable
from factcheck.model import Finding, Kind

from .builders import Spec, corpus, document, rules

FX = FxTable.load(None)


def run(path: str, lang: str, published: str, text: str, first: Spec, second: Spec) -> list[Finding]:
    """Run the conversion check over one sentence holding two amounts."""
    documents, claims = corpus(document(path, lang, published, text, [first, second], story="s"))
    return analyze(documents, claims, rules(), fx=FX, enabled={"conversion"}).findings


@pytest.mark.parametrize(("lang", "published", "text", "first", "second"), [
    ("it", "2020-04-08", "Vendite per oltre 100 milioni di yuan (circa 14,2 milioni di dollari) entro tre anni.",
     Spec("100 milioni di yuan", Kind.MONEY, 1e8, "CNY", bound="gt", precision=0.005),
     Spec("14,2 milioni di dollari", Kind.MONEY, 1.42e7, "USD", approx=True, precision=0.05 / 14.2)),
    ("en", "2020-04-20", "JD.com will invest more than 6 billion yuan ($849 million) in Hubei.",
     Spec("6 billion yuan", Kind.MONEY, 6e9, "CNY", bound="gt", precision=0.5 / 6),
     Spec("$849 million", Kind.MONEY, 8.49e8, "USD", precision=0.5 / 849)),
    ("ko", "2020-04-08", "총 1억 위안(약 1,300만 유로)을 투자한다.",
     Spec("1억 위안", Kind.MONEY, 1e8, "CNY", precision=0.5),
     Spec("1,300만 유로", Kind.MONEY, 1.3e7, "EUR", approx=True, precision=0.5 / 1300)),
    ("zh", "2020-04-08", "投资60亿元人民币(约合8.49亿美元)。",
     Spec("60亿元人民币", Kind.MONEY, 6e9, "CNY", precision=0.5 / 60),
     Spec("8.49亿美元", Kind.MONEY, 8.49e8, "USD", approx=True, precision=0.005 / 8.49)),
    ("en", "2022-01-10", "The trail runs 12 miles (about 19 km) along the coast.",
     Spec("12 miles", Kind.QUANTITY, 12, "mile", precision=0.5 / 12),
     Spec("19 km", Kind.QUANTITY, 19, "kilometer", approx=True, precision=0.5 / 19)),
])
def test_correct_conversions_stay_silent(lang: str, published: str, text: str, first: Spec, second: Spec) -> None:
    """A correctly rounded conversion in any language yields nothing."""
    assert run(f"{lang}.txt", lang, published, text, first, second) == []


@pytest.mark.parametrize(("lang", "published", "text", "first", "second"), [
    ("en", "2020-04-20", "JD.com will invest 6 billion yuan ($8.49 billion) in Hubei.",
     Spec("6 billion yuan", Kind.MONEY, 6e9, "CNY", precision=0.5 / 6),
     Spec("$8.49 billion", Kind.MONEY, 8.49e9, "USD", precision=0.005 / 8.49)),
    ("it", "2020-04-08", "Vendite per 100 milioni di yuan (circa 142 milioni di dollari).",
     Spec("100 milioni di yuan", Kind.MONEY, 1e8, "CNY", precision=0.005),
     Spec("142 milioni di dollari", Kind.MONEY, 1.42e8, "USD", approx=True, precision=0.5 / 142)),
    ("ko", "2020-04-08", "총 1억 위안(약 1,420만 유로)을 투자한다.",
     Spec("1억 위안", Kind.MONEY, 1e8, "CNY", precision=0.005),
     Spec("1,420만 유로", Kind.MONEY, 1.42e7, "EUR", approx=True, precision=0.5 / 1420)),
    ("zh", "2020-04-08", "投资60亿元人民币(约合84.9亿美元)。",
     Spec("60亿元人民币", Kind.MONEY, 6e9, "CNY", precision=0.5 / 60),
     Spec("84.9亿美元", Kind.MONEY, 8.49e9, "USD", approx=True, precision=0.05 / 84.9)),
    ("en", "2022-01-10", "The trail runs 12 miles (about 12 km) along the coast.",
     Spec("12 miles", Kind.QUANTITY, 12, "mile", precision=0.5 / 12),
     Spec("12 km", Kind.QUANTITY, 12, "kilometer", approx=True, precision=0.5 / 12)),
])
def test_wrong_conversions_are_flagged(lang: str, published: str, text: str, first: Spec, second: Spec) -> None:
    """A conversion off by a scale word or a wrong currency is an error citing both amounts."""
    findings = run(f"{lang}.txt", lang, published, text, first, second)
    assert len(findings) == 1
    assert {c.quote for c in findings[0].claims} == {first.quote, second.quote}


def test_explanation_shows_rate_date_and_arithmetic() -> None:
    """The explanation names the ECB rate, its date and the difference against the tolerance."""
    findings = run("en.txt", "en", "2020-04-20", "It will invest 6 billion yuan ($8.49 billion).",
                   Spec("6 billion yuan", Kind.MONEY, 6e9, "CNY", precision=0.5 / 6),
                   Spec("$8.49 billion", Kind.MONEY, 8.49e9, "USD", precision=0.005 / 8.49))
    explanation = findings[0].explanation
    assert "ECB 2020-04-20" in explanation and "USD/CNY" in explanation and "tolerance" in explanation


def test_two_amounts_far_apart_are_not_a_conversion() -> None:
    """Two currencies in one sentence but not side by side are two different amounts."""
    findings = run("en.txt", "en", "2020-04-20",
                   "Alpha raised 6 billion yuan last year while its rival Beta spent $100 million on ads.",
                   Spec("6 billion yuan", Kind.MONEY, 6e9, "CNY"), Spec("$100 million", Kind.MONEY, 1e8, "USD"))
    assert findings == []


def test_rate_after_the_table_ends_only_warns() -> None:
    """An article newer than the ECB table is checked at the last known rate, as a warning."""
    from factcheck.model import Severity

    late = (FX.last_date.replace(year=FX.last_date.year + 1)).isoformat()
    findings = run("en.txt", "en", late, "It will invest 6 billion yuan ($8.49 billion).",
                   Spec("6 billion yuan", Kind.MONEY, 6e9, "CNY", precision=0.5 / 6),
                   Spec("$8.49 billion", Kind.MONEY, 8.49e9, "USD", precision=0.005 / 8.49))
    assert [f.severity for f in findings] == [Severity.WARNING]
    assert "last known rate" in findings[0].explanation
