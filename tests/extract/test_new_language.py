"""A new language is data only: a German pack written in the test extracts German figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.extract import extract_claims
from factcheck.model import Kind
from factcheck.rules import load_rules

from .conftest import claim_with, make_doc

GERMAN = """\
version: 1
name: test-de
languages:
  de:
    script: latin
    decimal: ","
    group: ["."]
    compound_words: true
    words: {eins: 1, ein: 1, eine: 1, zwei: 2, drei: 3, vier: 4, "fünf": 5, sechs: 6, sieben: 7, acht: 8,
            neun: 9, zehn: 10, zwanzig: 20, dreißig: 30, vierzig: 40, "fünfzig": 50, halbe: 0.5}
    weak_words: [ein, eine]
    multipliers: {hundert: 100}
    scales: {tausend: 1000, Million: 1000000, Millionen: 1000000, Milliarde: 1000000000,
             Milliarden: 1000000000, "Mrd.": 1000000000, "Mio.": 1000000}
    joiners: [und]
    percent: {suffix: ["%", Prozent]}
    currencies:
      prefix: {"€": EUR, "$": USD}
      suffix: {Euro: EUR, Dollar: USD, "US-Dollar": USD, Yuan: CNY}
    units: {Tonnen: tonne, Hektar: hectare, Quadratmeter: square_meter, Kilometer: kilometer, Megawatt: megawatt}
    time_units: {Jahre: year, Jahren: year, Jahr: year, Monate: month, Monaten: month, Tage: day, Tagen: day}
    linkers: []
    approx: {prefix: [rund, etwa, circa, knapp]}
    bound: {gt_prefix: [mehr als, über], lt_prefix: [weniger als, unter]}
    relative:
      ago_prefix: [vor]
      words: {gestern: {unit: day, amount: -1}}
      last_prefix: [letztes, letzten, vergangenes]
    duration: {prefix: [innerhalb von, binnen, seit]}
    dates:
      months: {Januar: 1, Februar: 2, März: 3, April: 4, Mai: 5, Juni: 6, Juli: 7, August: 8, September: 9,
               Oktober: 10, November: 11, Dezember: 12}
      to: [bis, "-"]
      from: [vom]
      year_prefix: [im, seit]
concepts:
  ferry:
    kind: count
    label: ferries
    cues: {de: [Fähren, Fähre]}
"""

STORY = ("Die Reederei investiert rund 1,5 Mrd. Euro in 12 Fähren. Der neue Hafen umfasst 340 Hektar "
         "und soll 2.400 Tonnen pro Tag umschlagen. Vor drei Jahren lag der Anteil bei 7,5 Prozent; "
         "gestern kündigte sie über dreihundert Millionen Dollar an, zahlbar innerhalb von fünf Jahren, "
         "vom 12. bis 20. Oktober.")


@pytest.fixture(scope="module")
def german_claims(tmp_path_factory: pytest.TempPathFactory) -> list:
    """Load the default packs plus the German pack from a temporary file and extract the story."""
    path = Path(tmp_path_factory.mktemp("packs")) / "de.yaml"
    path.write_text(GERMAN, encoding="utf-8")
    rules = load_rules(["default", str(path)])
    return extract_claims(make_doc(STORY, "de"), rules)


@pytest.mark.parametrize(("quote", "kind", "value", "unit"), [
    ("1,5 Mrd. Euro", Kind.MONEY, 1.5e9, "EUR"),
    ("12 Fähren", Kind.COUNT, 12, "ferry"),
    ("340 Hektar", Kind.QUANTITY, 340, "hectare"),
    ("2.400 Tonnen", Kind.QUANTITY, 2400, "tonne"),
    ("7,5 Prozent", Kind.PERCENT, 7.5, "percent"),
    ("dreihundert Millionen Dollar", Kind.MONEY, 3e8, "USD"),
    ("fünf Jahren", Kind.DURATION, 5, "year"),
])
def test_german_amounts(german_claims: list, quote: str, kind: Kind, value: float, unit: str) -> None:
    """German grouping, decimal comma, glued number words, currencies and units come from the pack alone."""
    claim = claim_with(german_claims, quote)
    assert (claim.kind, claim.value, claim.unit) == (kind, pytest.approx(value), unit)


def test_german_markers_and_relative_times(german_claims: list) -> None:
    """rund is approximate, über a lower bound, Vor drei Jahren and gestern point back."""
    assert claim_with(german_claims, "1,5 Mrd.").approx
    assert claim_with(german_claims, "dreihundert").bound == "gt"
    ago = claim_with(german_claims, "drei Jahren")
    assert ago.quote == "Vor drei Jahren" and ago.relative is not None and ago.relative.amount == -3
    yesterday = claim_with(german_claims, "gestern")
    assert yesterday.relative is not None and yesterday.relative.amount == -1
