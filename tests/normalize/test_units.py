"""Units: news units defined in rules/units.yaml, the canonical unit per dimension, lazy pint."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.rules import RuleSet, rules_dir, validate_pack_files
from factcheck.units import UnitError, convert, dimension, is_known, registry, to_canonical

RULES = RuleSet({})


def test_units_pack_is_valid() -> None:
    """The shipped units pack passes the rule-pack schema."""
    loaded, errors = validate_pack_files([rules_dir() / "units.yaml"])
    assert errors == []
    assert loaded and loaded[0][1]["units"]["definitions"]


def test_pyeong_and_mu_are_areas() -> None:
    """평 is 400/121 m² and 亩 is 2000/3 m², under their romanized and native names."""
    assert convert(121, "pyeong", "square_meter", RULES) == pytest.approx(400)
    assert convert(3, "mu", "square_meter", RULES) == pytest.approx(2000)
    assert convert(1, "평", "pyeong", RULES) == pytest.approx(1)
    assert convert(15, "亩", "hectare", RULES) == pytest.approx(1)
    assert dimension("pyeong", RULES) == dimension("mu", RULES) == "area"


def test_teu_is_its_own_dimension() -> None:
    """TEU counts containers: FEU is two TEU and no length or plain number converts to it."""
    assert convert(1, "FEU", "TEU", RULES) == 2
    assert dimension("TEU", RULES) == "containers"
    with pytest.raises(UnitError):
        convert(1, "TEU", "meter", RULES)
    with pytest.raises(UnitError):
        convert(1, "TEU", "dimensionless", RULES)


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (3.4, "hectare", 34_000),
    (2.5, "kilometer ** 2", 2_500_000),
    (700, "square_meter", 700),
    (1, "km**2", 1_000_000),
])
def test_areas_compare_in_square_meters(value: float, unit: str, expected: float) -> None:
    """Every area is compared in square metres, as rules/units.yaml states."""
    result, canonical, _note = to_canonical(value, unit, RULES)
    assert canonical == "square_meter"
    assert result == pytest.approx(expected)


@pytest.mark.parametrize(("unit", "canonical"), [
    ("tonne", "tonne"), ("kilogram", "tonne"), ("liter", "cubic_meter"), ("megawatt", "megawatt"),
    ("gigawatt_hour", "megawatt_hour"), ("kilometer", "meter"), ("TEU", "TEU"), ("year", "day"),
])
def test_each_dimension_has_its_canonical_unit(unit: str, canonical: str) -> None:
    """Mass, volume, power, energy, length, containers and time convert to their stated unit."""
    assert to_canonical(1, unit, RULES)[1] == canonical


def test_note_shows_the_conversion_and_is_empty_without_one() -> None:
    """The note states the arithmetic; a figure already canonical needs none."""
    assert to_canonical(3, "hectare", RULES)[2] == "3 hectare = 30,000 square_meter"
    assert to_canonical(796_000, "tonne", RULES) == (796_000, "tonne", "")


def test_unknown_unit_names_the_unit() -> None:
    """An unknown unit raises UnitError naming it; dimension() returns None for it."""
    with pytest.raises(UnitError, match="flurbs"):
        to_canonical(1, "flurbs", RULES)
    with pytest.raises(UnitError):
        to_canonical(1, "", RULES)
    assert dimension("flurbs", RULES) is None
    assert not is_known("flurbs", RULES)
    assert is_known("TEU", RULES)


def test_rule_pack_adds_units_and_changes_canonical() -> None:
    """A pack's definitions and canonical map extend the shipped ones without code."""
    custom = RuleSet({"units": {"definitions": ["bushel_test = 35.24 * liter"],
                                "canonical": {"length": "kilometer", "volume": "liter"}}})
    assert to_canonical(2, "bushel_test", custom)[:2] == (pytest.approx(70.48), "liter")
    assert to_canonical(1500, "meter", custom)[:2] == (pytest.approx(1.5), "kilometer")
    assert to_canonical(1, "pyeong", custom)[1] == "square_meter"
    assert not is_known("bushel_test", RULES)


def test_invalid_definition_is_unit_error() -> None:
    """A definition line pint rejects (here a redefinition of metre) is an error naming the line."""
    bad = RuleSet({"units": {"definitions": ["meter = 2 * foot"]}})
    with pytest.raises(UnitError, match="meter = 2 \\* foot"):
        registry(bad)


def test_registry_built_once_per_content() -> None:
    """Rule sets with the same units share one registry; pint is not rebuilt per call."""
    assert registry(RULES) is registry(RuleSet({"languages": {"zh": {}}}))
    assert registry(RULES) is registry(None)


def test_pint_is_imported_lazily() -> None:
    """Importing the units module does not import pint; the first conversion does."""
    code = ("import sys, factcheck.units as u; print('pint' in sys.modules); "
            "u.to_canonical(1, 'tonne'); print('pint' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).parent)
    assert result.stdout.split() == ["False", "True"]


@settings(max_examples=60, deadline=None)
@given(value=st.floats(min_value=1e-6, max_value=1e12),
       units=st.permutations(["hectare", "square_meter", "kilometer ** 2", "pyeong", "mu", "acre"]))
def test_area_round_trip(value: float, units: list[str]) -> None:
    """Converting an area to another unit and back returns the same figure."""
    there = convert(value, units[0], units[1], RULES)
    assert convert(there, units[1], units[0], RULES) == pytest.approx(value, rel=1e-9)


def test_repeated_conversions_give_what_pint_gives() -> None:
    """A remembered conversion equals a fresh one, and 1 / 1.0 / -0.0 each keep their own result."""
    from factcheck.units import _to_canonical

    units = registry()
    for value in (1, 1.0, -0.0, 0.0, 2.5, 12_000.0):
        for unit in ("km2", "acre", "tonne", "TEU"):
            first, second = to_canonical(value, unit), to_canonical(value, unit)
            assert first == second == _to_canonical(value, unit, units)
            assert str(first[0]) == str(_to_canonical(value, unit, units)[0])  # the sign of zero too
