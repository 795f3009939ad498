"""A relative time, once resolved, disagrees with the year or date sibling articles state.

*Why*: "12年前", "11년 만에", "40 anni fa", "ieri" and "two years ago" are
resolved against the publication date, and a translator who rewrites an
absolute year as a relative one (or the reverse) can shift it by one.  The
resolved value takes part in the comparison of its fact like any other; this
check reports the conflicts in which one side rests on relative expressions
only, and its explanation shows the resolution (``12年前 (2020-04-07 − 12
years) = 2008``).  Conflicts with absolute values on both sides are
``fact-agreement``'s, which shows resolutions in its explanation too.

*Options*:

- ``floor`` (default ``0.005``): passed to the comparison of non-year values.

*Passes*:

- it: "nel 2009" / zh: "时隔11年" (2020 − 11 = 2009)
- it: "8 APR – ... ieri hanno lanciato" / zh: "4月7日启动" (yesterday = 7 April)
- ko: "11년 만에" / en: "in 2009"

*Fails*:

- zh: "12年前推出" (2008) / ko: "2009년에 시작" / it: "nel 2009"
- en: "launched two years ago" (2018) / it: "lanciato nel 2017"
- it: "fondata 40 anni fa" (1981) / en: "founded in 1980"
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any

from factcheck.checks.context import CheckContext
from factcheck.checks.fact_agreement import build_finding
from factcheck.facts import conflicts
from factcheck.model import Finding, Severity

ID = "relative-time"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS = {"floor": float}
DEFAULTS: dict[str, Any] = {"floor": 0.005}

__all__ = ["DEFAULTS", "DEFAULT_SEVERITY", "ID", "OPTIONS", "check"]


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding per conflict of a fact in which one side is relative expressions only."""
    floor = float(options.get("floor", DEFAULTS["floor"]))
    for fact in ctx.facts:
        if not any(c.relative is not None for c in fact.claims):
            continue
        sources = ctx.source_paths(fact.story)
        for deviating, reference in conflicts(fact.claims, sources, floor=floor, subjects=ctx.subjects):
            if not (deviating.relative_only or reference.relative_only):
                continue
            finding = build_finding(ID, ctx, fact.id, fact.label or fact.id, fact.story, deviating, reference,
                                    bool(sources & set(reference.paths)), floor=floor, approx=0.05)
            severity = DEFAULT_SEVERITY if finding.severity is Severity.ERROR else Severity.INFO
            yield dataclasses.replace(finding, severity=severity)
