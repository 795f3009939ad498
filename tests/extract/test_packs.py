"""The shipped language packs: units parse in pint, currencies are ISO codes, unknown keys are errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.numbers import list_currencies

from factcheck.rules import RulePackError, RuleSet, load_rules
from factcheck.units import registry

LANGS = ["en", "it", "zh", "ko"]


@pytest.mark.parametrize("lang", LANGS)
def test_unit_aliases_are_pint_units(rules: RuleSet, lang: str) -> None:
    """Every unit a pack maps to parses in the registry the normalizer converts with."""
    units = registry(rules)
    for unit in {*rules.language(lang)["units"].values(), *rules.language(lang)["time_units"].values()}:
        units.parse(unit)


@pytest.mark.parametrize("lang", LANGS)
def test_currency_aliases_are_iso_codes(rules: RuleSet, lang: str) -> None:
    """Every currency alias maps to an ISO 4217 code."""
    codes = set(list_currencies())
    currencies = rules.language(lang)["currencies"]
    assert {*currencies["prefix"].values(), *currencies["suffix"].values()} <= codes


def test_counted_things_have_cues_in_every_shipped_language(rules: RuleSet) -> None:
    """Each counted thing of counted.yaml can be found in all four shipped languages."""
    concepts = rules.section("concepts")
    counted = [c for c in concepts.values() if c.get("kind") == "count"]
    assert len(counted) >= 30
    for concept in counted:
        assert set(LANGS) <= set(concept["cues"]), concept["label"]


def test_unknown_language_key_is_an_error(tmp_path: Path) -> None:
    """A misspelt key in a language section fails validation with its file and line."""
    pack = tmp_path / "bad.yaml"
    pack.write_text("version: 1\nlanguages:\n  de:\n    decimal: \",\"\n    scale_words: {Million: 1000000}\n",
                    encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_rules([str(pack)])
    assert "scale_words" in str(caught.value)
    assert "bad.yaml:5" in str(caught.value)


def test_wrong_value_type_is_an_error(tmp_path: Path) -> None:
    """A currency mapped to something other than an ISO code is rejected."""
    pack = tmp_path / "bad.yaml"
    pack.write_text("version: 1\nlanguages:\n  de:\n    currencies: {suffix: {Euro: euro}}\n", encoding="utf-8")
    with pytest.raises(RulePackError):
        load_rules([str(pack)])
