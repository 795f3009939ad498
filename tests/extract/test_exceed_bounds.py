"""Verbs of exceeding ("exceeded", "hanno superato i", "突破", "돌파") state a lower bound, not an exact figure."""

from __future__ import annotations

import pytest

from factcheck.extract import extract_claims
from factcheck.model import Document
from factcheck.rules import load_rules

RULES = load_rules(["default"])


@pytest.mark.parametrize(
    ("lang", "text", "quote_part", "value"),
    [
        ("it", "Quest'anno 38 marchi hanno superato i 50 milioni di euro di vendite.", "50 milioni di euro", 5e7),
        ("en", "Online sales exceeded $40 million in the first week.", "$40 million", 4e7),
        ("zh", "首日线上销售额突破3亿元。", "3亿元", 3e8),
        ("ko", "누적 가입자는 300만 명 돌파했다.", "300만 명", 3e6),
    ],
)
def test_exceeding_verb_is_a_lower_bound(lang: str, text: str, quote_part: str, value: float) -> None:
    """The figure after (or, in Korean, before) a verb of exceeding is extracted with bound gt."""
    claims = extract_claims(Document(path="t.md", text=text, lang=lang), RULES)
    matching = [c for c in claims if quote_part in c.quote]
    assert matching, [c.quote for c in claims]
    assert matching[0].value == pytest.approx(value)
    assert matching[0].bound == "gt"
