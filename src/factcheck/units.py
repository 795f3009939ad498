"""Physical units: pint with the extra units news uses, and one comparison unit per dimension.

The registry is pint's default one plus the ``units.definitions`` lines of the
rule packs (``rules/units.yaml`` ships TEU, 평, 亩 and the Chinese market
units).  ``units.canonical`` names the unit each dimension is compared in; the
dimension is taken from that unit, so a pack adds a dimension with one line.

pint is imported lazily and a registry is built once per distinct ``units``
section (building one takes about a tenth of a second).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from factcheck.rules import RuleSet, rules_dir

if TYPE_CHECKING:
    import pint

__all__ = [
    "UnitError",
    "Units",
    "canonical_units",
    "convert",
    "dimension",
    "is_known",
    "registry",
    "to_canonical",
]

# Unit strings longer than this are not units but garbage from a bad extraction.
_MAX_UNIT_LENGTH = 200


class UnitError(Exception):
    """A unit pint does not know, or a conversion between different dimensions."""


@dataclass(frozen=True, eq=False)
class Units:
    """A pint registry with the canonical unit of each dimension.

    Attributes:
        registry: the pint ``UnitRegistry``.
        canonical: dimensionality string (``[length] ** 2``) -> (dimension name, unit string).
    """

    registry: pint.UnitRegistry[Any]
    canonical: Mapping[str, tuple[str, str]]
    # Parsed units and failure messages by string: the claims table parses the same few units many times.
    _parsed: dict[str, pint.Unit | str] = field(default_factory=dict, repr=False)

    def parse(self, unit: str) -> pint.Unit:
        """Parse a unit string; raise :class:`UnitError` naming it when pint does not know it."""
        cached = self._parsed.get(unit) if isinstance(unit, str) else None
        if cached is None:
            cached = self._parse(unit)
            if isinstance(unit, str) and len(self._parsed) < 65536:
                self._parsed[unit] = cached
        if isinstance(cached, str):
            raise UnitError(cached)
        return cached

    def _parse(self, unit: object) -> pint.Unit | str:
        text = unit.strip() if isinstance(unit, str) else ""
        if not text or len(text) > _MAX_UNIT_LENGTH:
            return f"unknown unit {unit!r}"
        try:
            return self.registry.parse_units(text)
        except Exception as exc:  # pint raises several unrelated types for bad strings
            return f"unknown unit {unit!r}: {exc}"

    def dimensionality(self, unit: str) -> str:
        """Return pint's dimensionality string of a unit, e.g. ``[length] ** 2``."""
        return str(self.parse(unit).dimensionality)


def _shipped_units() -> Mapping[str, Any]:
    """Read the ``units`` section of the shipped ``units.yaml`` (always part of the registry)."""
    path = _units_file()
    try:
        stat = path.stat()
    except OSError:
        return {}
    # parsing the YAML costs more than a whole unit lookup: read it once per version of the file
    return _read_units(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=1)
def _units_file() -> Path:
    """Return the path of the shipped ``units.yaml`` (finding the rules directory resolves paths on disk)."""
    return rules_dir() / "units.yaml"


@functools.lru_cache(maxsize=4)
def _read_units(path: str, mtime_ns: int, size: int) -> Mapping[str, Any]:
    """Parse the ``units`` section of a units file (cached by its path, time and size)."""
    del mtime_ns, size  # only the cache key
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return {}
    section = data.get("units") if isinstance(data, dict) else None
    return section if isinstance(section, dict) else {}


def _section(ruleset: RuleSet | None) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """Merge the shipped units with the rule set's: definitions appended, canonical overridden."""
    shipped = _shipped_units()
    definitions: list[str] = [str(d) for d in shipped.get("definitions") or []]
    canonical: dict[str, str] = {str(k): str(v) for k, v in (shipped.get("canonical") or {}).items()}
    if ruleset is not None:
        extra = ruleset.section("units") or {}
        for line in extra.get("definitions") or []:
            if str(line) not in definitions:
                definitions.append(str(line))
        canonical.update({str(k): str(v) for k, v in (extra.get("canonical") or {}).items()})
    return tuple(definitions), tuple(sorted(canonical.items()))


def registry(ruleset: RuleSet | None = None) -> Units:
    """Return the unit registry of a rule set (the shipped units when None), built once per content.

    Raises:
        UnitError: when a definition line of a pack is not valid pint, naming the line.
    """
    # looked up per claim: skip the merge when this rule set's units section was seen (kept alive here,
    # so the identity test cannot mistake a new object for it)
    digest = ruleset.digest if ruleset is not None else "<shipped>"
    section = ruleset.data.get("units") if ruleset is not None else None
    shipped = _shipped_units()
    cached = _BY_DIGEST.get(digest)
    if cached is not None and cached[0] is shipped and cached[1] is section:
        return cached[2]
    definitions, canonical = _section(ruleset)
    key = json.dumps([definitions, canonical], ensure_ascii=False)
    units = _build(key)
    if len(_BY_DIGEST) > 16:
        _BY_DIGEST.clear()
    _BY_DIGEST[digest] = (shipped, section, units)
    return units


# rule set digest -> (the shipped units section, the rule set's units section, their registry)
_BY_DIGEST: dict[str, tuple[Mapping[str, Any], Any, Units]] = {}


@functools.lru_cache(maxsize=8)
def _build(key: str) -> Units:
    import pint

    definitions, canonical = json.loads(key)
    # on_redefinition="raise": a pack line that silently replaced a pint unit would change every figure.
    ureg: pint.UnitRegistry[Any] = pint.UnitRegistry(on_redefinition="raise", autoconvert_offset_to_baseunit=True)
    for line in definitions:
        try:
            ureg.define(line)
        except Exception as exc:
            raise UnitError(f"invalid unit definition {line!r} in rules units.definitions: {exc}") from None
    by_dimension: dict[str, tuple[str, str]] = {}
    for name, unit in canonical:
        try:
            dims = str(ureg.parse_units(unit).dimensionality)
        except Exception as exc:
            raise UnitError(f"unknown canonical unit {unit!r} for {name} in rules units.canonical: {exc}") from None
        by_dimension[dims] = (name, unit)
    return Units(registry=ureg, canonical=by_dimension)


def is_known(unit: str, ruleset: RuleSet | None = None) -> bool:
    """Tell whether pint (with the packs' definitions) knows a unit string."""
    try:
        registry(ruleset).parse(unit)
    except UnitError:
        return False
    return True


def dimension(unit: str, ruleset: RuleSet | None = None) -> str | None:
    """Return the dimension name of a unit (``area``, ``mass``...), or pint's dimensionality string.

    Returns None for a unit pint does not know.
    """
    units = registry(ruleset)
    try:
        dims = units.dimensionality(unit)
    except UnitError:
        return None
    named = units.canonical.get(dims)
    return named[0] if named else dims


def convert(value: float, unit: str, to_unit: str, ruleset: RuleSet | None = None) -> float:
    """Convert ``value`` from ``unit`` to ``to_unit``.

    Raises:
        UnitError: for an unknown unit or units of different dimensions.
    """
    units = registry(ruleset)
    source, target = units.parse(unit), units.parse(to_unit)
    try:
        result = units.registry.Quantity(value, source).to(target).magnitude
    except Exception as exc:
        raise UnitError(f"cannot convert {unit!r} to {to_unit!r}: {exc}") from None
    return float(result)


def to_canonical(value: float, unit: str, ruleset: RuleSet | None = None) -> tuple[float, str, str]:
    """Convert a quantity to the comparison unit of its dimension.

    A dimension without a canonical unit in the packs is compared in pint's
    base units.  The note shows the conversion (empty when none was needed).

    Raises:
        UnitError: for a unit pint does not know, naming the unit.
    """
    units = registry(ruleset)
    # pint takes a quarter of a millisecond per conversion; news repeats the same few figures and units
    if isinstance(value, int | float) and isinstance(unit, str):
        return _cached_canonical(value, type(value).__name__, math.copysign(1.0, value), unit, units)
    return _to_canonical(value, unit, units)


@functools.lru_cache(maxsize=8192)
def _cached_canonical(value: float, _type: str, _sign: float, unit: str, units: Units) -> tuple[float, str, str]:
    """:func:`_to_canonical` remembered; the type and sign of ``value`` are in the key (1 is not 1.0, -0.0 not 0.0)."""
    return _to_canonical(value, unit, units)


def _to_canonical(value: float, unit: str, units: Units) -> tuple[float, str, str]:
    """Convert a quantity to the comparison unit of its dimension in one registry."""
    source = units.parse(unit)
    named = units.canonical.get(str(source.dimensionality))
    try:
        if named is not None:
            target_name = named[1]
            result = float(units.registry.Quantity(value, source).to(units.parse(target_name)).magnitude)
        else:
            base = units.registry.Quantity(value, source).to_base_units()
            result, target_name = float(base.magnitude), f"{base.units:D}"
    except Exception as exc:
        raise UnitError(f"cannot convert {unit!r}: {exc}") from None
    if unit.strip() == target_name:
        return result, target_name, ""
    return result, target_name, f"{_number(value)} {unit.strip()} = {_number(result)} {target_name}"


def canonical_units(ruleset: RuleSet | None = None) -> dict[str, str]:
    """Map each named dimension to its comparison unit (for documentation and reports)."""
    return {name: unit for name, unit in registry(ruleset).canonical.values()}


def _number(value: float) -> str:
    """Format a figure for notes without float noise (``0.30000000000000004`` → ``0.3``)."""
    if not math.isfinite(value):
        return str(value)
    if value != 0 and (abs(value) >= 1e15 or abs(value) < 1e-4):
        return f"{value:.6g}"
    return f"{value:,.10g}" if abs(value) >= 1e4 else f"{value:.10g}"

