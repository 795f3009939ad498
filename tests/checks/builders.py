"""Hand-built documents and claims for the checks' unit tests (no extraction involved)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.model import Claim, Document, Kind, Relative
from factcheck.rules import RuleSet, load_rules

_SENTENCE_END = re.compile(r"(?<=[.!?。！？])\s*|\n+")


@dataclass
class Spec:
    """One claim to place in a document: its quote and what extraction would say."""

    quote: str
    kind: Kind
    value: float
    unit: str | None = None
    canonical: float | str | None = None
    canonical_unit: str | None = None
    approx: bool = False
    bound: Any = "eq"
    precision: float = 0.0005
    relative: tuple[str, int] | None = None  # (unit, signed amount)
    concept: str | None = None
    occurrence: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def rules(**extra: Any) -> RuleSet:
    """Return the shipped concept, qualifier and check packs, plus extra sections (glossary, expected)."""
    base = load_rules(["concepts", "qualifiers", "checks"])
    if not extra:
        return base
    data = dict(base.data)
    data.update(extra)
    return RuleSet(data, base.sources, base.digest + repr(sorted(extra)), base.rule_entries)


def _sentence_of(text: str, offset: int) -> tuple[str, int]:
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            return text[start:match.start()], start
    return text[start:], start


def document(path: str, lang: str, published: str | None, text: str, specs: Sequence[Spec], *,
             title: str | None = None, story: str | None = None, source: bool = False,
             first_id: int = 1) -> tuple[Document, list[Claim]]:
    """Build a document and its claims, each quote located in the text."""
    date = dt.date.fromisoformat(published) if published else None
    doc = Document(path=path, text=text, lang=lang, published=date, title=title, story=story, source=source)
    claims: list[Claim] = []
    for number, spec in enumerate(specs):
        start = -1
        for _ in range(spec.occurrence + 1):
            start = text.index(spec.quote, start + 1)
        end = start + len(spec.quote)
        sentence, sentence_start = _sentence_of(text, start)
        canonical = spec.canonical
        if canonical is None:
            canonical = int(spec.value) if spec.kind is Kind.YEAR else spec.value
        relative = None
        if spec.relative is not None:
            unit, amount = spec.relative
            relative = Relative(spec.quote, unit, amount, anchor=published, resolved=str(canonical))
        claims.append(Claim(
            path=path, start=start, end=end, quote=spec.quote, kind=spec.kind, lang=lang, value=spec.value,
            unit=spec.unit, id=f"c{first_id + number}", line=text.count("\n", 0, start) + 1, column=1,
            canonical_value=canonical, canonical_unit=spec.canonical_unit or spec.unit, approx=spec.approx,
            bound=spec.bound, relative=relative, precision=spec.precision, sentence=sentence,
            sentence_start=sentence_start, concept=spec.concept or (spec.unit if spec.kind is Kind.COUNT else None),
            **spec.extra,
        ))
    return doc, claims


def corpus(*parts: tuple[Document, list[Claim]]) -> tuple[list[Document], list[Claim]]:
    """Join documents and renumber claim ids across them."""
    documents = [doc for doc, _ in parts]
    claims = [c for _, cs in parts for c in cs]
    claims = [dataclasses.replace(c, id=f"c{i}") for i, c in enumerate(claims, start=1)]
    return documents, claims
