"""A claim disagrees with a value the rule packs state as known for its fact.

*Why*: some facts are known beforehand (a founding year, a programme's first
launch, an official figure); every article stating them can be checked
against the reference, not only against each other.  Entries under
``expected:`` in a rule pack compile to a great-expectations expectation
suite (``ExpectColumnValuesToBeBetween`` per entry) run over the claims table;
each failed expectation becomes a finding citing the claims outside the
range.  great-expectations is imported only when a pack states expected
values, with its analytics turned off.

An entry names a fact (``launch-year``, ``factory``, ``investment``; the fact id
without its story, or the full ``story/fact`` id), optionally a ``story``, and
either ``value`` (with ``tolerance``: relative for measures, in years or days
for years and dates) or ``min`` / ``max`` in the fact's comparison unit
(years; ISO dates; counts; EUR for money; the canonical unit of quantities).

*Options*: none; severity per entry with ``severity:``.

*Passes*:

- ``expected: [{fact: launch-year, value: 2009}]`` with ko "2009년 시작" / it "lanciato nel 2009"
- ``expected: [{fact: factory, min: 900, max: 1100}]`` with zh "1000个工厂"

*Fails*:

- ``expected: [{fact: launch-year, value: 2009}]`` with zh "2008年推出"
- ``expected: [{fact: founded-year, value: 1999}]`` with en "founded in 2000" / ko "2000년 설립"
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from factcheck.checks.context import CheckContext
from factcheck.facts import DocLabels, format_value, json_value, numeric_value
from factcheck.model import Claim, Finding, Kind, Severity

ID = "reference"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS: dict[str, type] = {}
DEFAULTS: dict[str, Any] = {}

__all__ = ["DEFAULTS", "DEFAULT_SEVERITY", "ID", "OPTIONS", "bounds", "check", "matches"]


def _fact_name(fact_id: str) -> str:
    name = fact_id.split("/", 1)[-1]
    return name.split("#", 1)[0]


def matches(entry: Mapping[str, Any], claim: Claim) -> bool:
    """Return whether an expected entry is about a claim's fact (and story, when given)."""
    if not claim.fact or claim.boilerplate:
        return False
    wanted = str(entry["fact"])
    if entry.get("story") and claim.story != entry["story"]:
        return False
    name = _fact_name(claim.fact)
    return claim.fact == wanted or name == wanted or (name.split("[", 1)[0] == wanted and "[" not in wanted \
        and "[" not in name)


def _number(value: Any, kind: Kind) -> float:
    if kind is Kind.DATE and isinstance(value, str | dt.date):
        return float(dt.date.fromisoformat(str(value)[:10]).toordinal())
    return float(value)


def bounds(entry: Mapping[str, Any], kind: Kind) -> tuple[float | None, float | None]:
    """Return the (min, max) an entry allows in the comparison space of ``kind``."""
    tolerance = float(entry.get("tolerance", 0.0))
    if "value" in entry:
        center = _number(entry["value"], kind)
        width = tolerance if kind in (Kind.YEAR, Kind.DATE) else abs(center) * tolerance
        return center - width, center + width
    low = _number(entry["min"], kind) if "min" in entry else None
    high = _number(entry["max"], kind) if "max" in entry else None
    return low, high


def _expected_text(entry: Mapping[str, Any]) -> str:
    if "value" in entry:
        tolerance = entry.get("tolerance")
        return f"{entry['value']}" + (f" ± {tolerance}" if tolerance else "")
    return f"between {entry.get('min', '−∞')} and {entry.get('max', '∞')}"


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Run the expected values of the rule packs as a great-expectations suite over the claims."""
    del options
    entries: Sequence[Mapping[str, Any]] = ctx.ruleset.section("expected") or []
    if not entries:
        return
    plans: list[tuple[Mapping[str, Any], list[Claim], float | None, float | None]] = []
    for entry in entries:
        claims = [c for c in ctx.claims if matches(entry, c) and numeric_value(c) is not None]
        if not claims:
            continue
        low, high = bounds(entry, claims[0].kind)
        plans.append((entry, claims, low, high))
    if not plans:
        return
    failures = _validate(plans)
    label = DocLabels({c.path for c in ctx.claims})
    for index, unexpected_ids in failures.items():
        entry, claims, _low, _high = plans[index]
        cited = tuple(c for c in claims if c.id in unexpected_ids) or tuple(claims)
        where = ", ".join(f"{format_value(c)} in {label(c.path)} ({ctx.lang_of(c.path)})" for c in cited)
        severity = Severity(entry["severity"]) if entry.get("severity") else DEFAULT_SEVERITY
        lines = [f"expected {entry['fact']}: {_expected_text(entry)}"
                 + (f" ({entry['note']})" if entry.get("note") else ""),
                 "great-expectations: expect_column_values_to_be_between failed for:"]
        lines.extend(f'  {label(c.path)} line {c.line}: "{c.quote}" → {format_value(c)}' for c in cited)
        yield Finding(
            check=ID,
            severity=severity,
            message=f"{entry['fact']}: {where}; expected {_expected_text(entry)}",
            claims=cited,
            fact=cited[0].fact,
            story=cited[0].story,
            expected=entry.get("value", [entry.get("min"), entry.get("max")]),
            observed=[json_value(c) for c in cited],
            explanation="\n".join(lines),
        )


def _validate(plans: Sequence[tuple[Mapping[str, Any], list[Claim], float | None, float | None]]) -> dict[int, set[str]]:
    """Build the claims table and the suite, validate, and return entry index -> failing claim ids."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    import great_expectations as gx
    import pandas as pd
    from great_expectations.data_context.types.base import ProgressBarsConfig
    from great_expectations.expectations.core.expect_column_values_to_be_between import (
        ExpectColumnValuesToBeBetween,
    )

    rows: dict[str, dict[str, Any]] = {}
    for index, (_entry, claims, _low, _high) in enumerate(plans):
        for claim in claims:
            row = rows.setdefault(claim.id, {"id": claim.id, "path": claim.path, "fact": claim.fact})
            row[f"e{index}"] = numeric_value(claim)
    frame = pd.DataFrame(list(rows.values()))
    for index in range(len(plans)):
        column = f"e{index}"
        if column not in frame:
            frame[column] = None
        frame[column] = frame[column].astype("float64")
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    datasource = context.data_sources.add_pandas(name="factcheck")
    asset = datasource.add_dataframe_asset(name="claims")
    batch = asset.add_batch_definition_whole_dataframe("all").get_batch(batch_parameters={"dataframe": frame})
    suite = gx.ExpectationSuite(name="factcheck-expected")
    for index, (_entry, _claims, low, high) in enumerate(plans):
        suite.add_expectation(ExpectColumnValuesToBeBetween(
            column=f"e{index}", min_value=low, max_value=high))
    result = batch.validate(suite, result_format={"result_format": "COMPLETE", "unexpected_index_column_names": ["id"]})
    failures: dict[int, set[str]] = {}
    for outcome in result.results:
        if outcome.success:
            continue
        column = str(outcome.expectation_config.kwargs.get("column", "")) if outcome.expectation_config else ""
        if not column.startswith("e"):
            continue
        ids = {str(item.get("id")) for item in outcome.result.get("unexpected_index_list") or []
               if isinstance(item, Mapping)}
        failures[int(column[1:])] = ids
    return failures
