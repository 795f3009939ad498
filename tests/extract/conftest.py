"""Fixtures for extraction tests: the shipped rule set and a one-call extractor."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest

from factcheck.extract import extract_claims
from factcheck.model import Claim, Document
from factcheck.rules import RuleSet, load_rules

Extract = Callable[..., list[Claim]]


def make_doc(text: str, lang: str | None, path: str = "t.md", **fields: object) -> Document:
    """Build a Document from a string, as ingest would, without depending on ingest."""
    fields.setdefault("body_start", 0)
    return Document(path=path, text=text, lang=lang, **fields)  # type: ignore[arg-type]


def claim_with(claims: Sequence[Claim], quote: str) -> Claim:
    """Return the one claim whose quote contains ``quote``; fail listing the quotes otherwise."""
    found = [c for c in claims if quote in c.quote]
    assert len(found) == 1, f"{quote!r} in {[c.quote for c in claims]}"
    return found[0]


@pytest.fixture(scope="session")
def rules() -> RuleSet:
    """Load every shipped rule pack once."""
    return load_rules(["default"])


@pytest.fixture
def extract(rules: RuleSet) -> Extract:
    """Return a function extracting the claims of a string in one language."""

    def run(text: str, lang: str | None, **fields: object) -> list[Claim]:
        doc = make_doc(text, lang, **fields)
        claims = extract_claims(doc, rules)
        for claim in claims:
            assert doc.text[claim.start:claim.end] == claim.quote
        return claims

    return run


def extract_text(text: str, lang: str | None) -> list[Claim]:
    """Extract a string with the shipped packs (for hypothesis, which avoids function fixtures)."""
    doc = make_doc(text, lang)
    claims = extract_claims(doc, load_rules(["default"]))
    for claim in claims:
        assert doc.text[claim.start:claim.end] == claim.quote
    return claims
