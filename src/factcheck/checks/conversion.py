"""An amount given in two currencies or units in one sentence does not convert.

*Why*: "X yuan (about Y dollars)" is a claim about an exchange rate, and a
wrong scale word or a stale rate makes the second figure wrong even when the
first is right.  The first amount is converted at the ECB reference rate of
the publication date (the nearest earlier business day; rate and date in the
explanation), units with pint, and compared with the second figure.  The
tolerance is the stated precision of either figure plus ``tolerance`` for the
rate a writer may have used, widened by ``approx`` when either figure is
approximate.  When the rate table ends before the publication date, the
last known rate is used and the finding is only a ``warning``.

*Options*:

- ``tolerance`` (default ``0.01``): relative tolerance for the rate or rounding the writer used.
- ``approx`` (default ``0.03``): extra relative tolerance when a figure is approximate.

*Passes*:

- it: "100 milioni di yuan (circa 14,2 milioni di dollari)" (2020-04-08)
- en: "6 billion yuan ($849 million)" (2020-04-20)
- ko: "849 달러(약 6천 위안)" (2020)
- zh: "12英里(约19公里)"

*Fails*:

- en: "6 billion yuan ($8.49 billion)"
- it: "100 milioni di yuan (circa 142 milioni di dollari)"
- ko: "1억 위안(약 1,420만 유로)"
- zh: "60亿元人民币(约合84.9亿美元)"
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from factcheck.checks.context import CheckContext
from factcheck.facts import DocLabels, conversion_pairs
from factcheck.model import Claim, Finding, Kind, Severity

ID = "conversion"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS = {"tolerance": float, "approx": float}
DEFAULTS: dict[str, Any] = {"tolerance": 0.01, "approx": 0.03}

__all__ = ["DEFAULTS", "DEFAULT_SEVERITY", "ID", "OPTIONS", "check"]


def _amount(value: float) -> str:
    if abs(value) >= 1e4:
        return f"{value:,.0f}"
    return f"{value:,.6g}"


def _convert(ctx: CheckContext, first: Claim, second: Claim) -> tuple[float, str, bool] | None:
    """Convert the first figure into the second's unit: (value, arithmetic, stale rate); None when impossible."""
    assert first.value is not None and first.unit and second.unit
    if first.kind is Kind.MONEY:
        from factcheck.fx import FxError

        doc = ctx.documents.get(first.path)
        if ctx.fx is None or doc is None or doc.published is None:
            return None
        try:
            conversion = ctx.fx.convert(first.value, first.unit, second.unit, on=doc.published)
        except FxError:
            return None
        return conversion.value, conversion.note, conversion.stale
    from factcheck.units import convert

    try:
        value = convert(first.value, first.unit, second.unit, ctx.ruleset)
    except Exception:
        return None
    return value, f"{_amount(first.value)} {first.unit} = {_amount(value)} {second.unit} (pint)", False


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding per two-currency (or two-unit) statement whose figures do not convert."""
    tolerance = float(options.get("tolerance", DEFAULTS["tolerance"]))
    approx = float(options.get("approx", DEFAULTS["approx"]))
    live = [c for c in ctx.claims if not c.boilerplate]
    labels = DocLabels(ctx.documents)  # one index of the corpus, not a scan per finding
    for first, second in conversion_pairs(live, ctx.ruleset):
        converted = _convert(ctx, first, second)
        if converted is None or second.value is None:
            continue
        expected, note, stale = converted
        if expected == 0:
            continue
        allowed = max(first.precision, second.precision) + tolerance
        if first.approx or second.approx:
            allowed += approx
        deviation = abs(second.value - expected) / abs(expected)
        if deviation <= allowed:
            continue
        label = labels(first.path)
        explanation = "\n".join([
            note,
            f'stated: "{second.quote}" = {_amount(second.value)} {second.unit}',
            f"difference {deviation * 100:.1f}% > tolerance {allowed * 100:.1f}% "
            f"(stated precision {max(first.precision, second.precision) * 100:.2g}%, rate {tolerance * 100:g}%"
            + (f", approximate {approx * 100:g}%" if first.approx or second.approx else "") + ")",
        ] + (["the rate table ends before the publication date: the last known rate was used"] if stale else []))
        yield Finding(
            check=ID,
            # a rate older than the article may itself be the difference
            severity=Severity.WARNING if stale else DEFAULT_SEVERITY,
            message=(f'"{first.quote}" is {_amount(expected)} {second.unit}, not "{second.quote}" '
                     f"in {label} ({ctx.lang_of(first.path)})"),
            claims=(second, first),
            fact=second.fact or first.fact,
            story=first.story,
            expected=expected,
            observed=second.value,
            explanation=explanation,
        )
