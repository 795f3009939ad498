"""One article states the same moment two ways that do not agree.

*Why*: a relative time ("12年前", "11년 만에", "40 anni fa", "two years ago")
and an absolute year for the same event must resolve to the same year.  When
they do not, the article contradicts itself, whatever the other articles say.

Two cases are reported: a relative and an absolute year side by side in one
sentence ("12年前,在2009年", "tre anni fa, nel 2016") that resolve to
different years; and one event of the article (same fact: event class and
qualifiers) given an absolute year in one place and a relative time resolving
to another year elsewhere.  Two events of one class that ordinals or past
versus planned tell apart ("the first line opened ten years ago ... the
second will open in 2027") are not one event stated twice.

*Options*:

- ``max_gap`` (default ``12``): the most characters between a relative and an
  absolute year to read them as one apposition.

*Passes*:

- ko: "2009년 이후 11년 만에 다시 시작" (2020: 11 years after 2009)
- zh: "12年前,在2008年全球金融危机中" (2020 − 12 = 2008)
- it: "quarant'anni fa, nel 1981" (2021)
- en: "founded two years ago, in 2019" (2021)

*Fails*:

- zh: "2008年...推出春雷计划" and "时隔11年,再次启动" in one article of 2020 (2008 vs 2009)
- it: "tre anni fa, nel 2015" in an article of 2019
- en: "ten years ago, in 2012" in an article of 2020
- ko: "5년 전인 2014년" in an article of 2020
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterator, Mapping
from typing import Any

from factcheck.checks.context import CheckContext
from factcheck.facts import Cluster, cluster_claims, doc_label, event_groups, explain_claim, format_value, numeric_value
from factcheck.model import Claim, Finding, Kind, Severity

ID = "internal-consistency"
DEFAULT_SEVERITY = Severity.WARNING
OPTIONS = {"max_gap": int}
DEFAULTS: dict[str, Any] = {"max_gap": 12}

__all__ = ["DEFAULTS", "DEFAULT_SEVERITY", "ID", "OPTIONS", "check"]


def _finding(ctx: CheckContext, relative: Claim, absolute: Claim, why: str,
             others: tuple[Claim, ...] = ()) -> Finding:
    label = doc_label(relative.path, list(ctx.documents))
    cited = tuple(dict.fromkeys((relative, absolute, *others)))
    lines = [why]
    lines.extend(explain_claim(c, label) for c in cited)
    return Finding(
        check=ID,
        severity=DEFAULT_SEVERITY,
        message=(f"{label} ({ctx.lang_of(relative.path)}) states {format_value(absolute)} "
                 f"(\"{absolute.quote}\") and {format_value(relative)} (\"{relative.quote}\") for the same moment"),
        claims=cited,
        fact=absolute.fact or relative.fact,
        story=absolute.story,
        expected=_value(absolute),
        observed=_value(relative),
        explanation="\n".join(lines),
    )


def _value(claim: Claim) -> Any:
    if claim.kind is Kind.DATE:
        return claim.canonical_value
    value = numeric_value(claim)
    return int(value) if value is not None else None


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding per relative/absolute pair of one article that resolve differently."""
    max_gap = int(options.get("max_gap", DEFAULTS["max_gap"]))
    reported: set[tuple[str, str]] = set()
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for claim in ctx.claims:
        if claim.kind is Kind.YEAR and not claim.boilerplate:
            by_sentence[(claim.path, claim.sentence_start)].append(claim)
    for group in by_sentence.values():
        group.sort(key=lambda c: c.start)
        for first, second in itertools.pairwise(group):
            if (first.relative is None) == (second.relative is None):
                continue
            if second.start - first.end > max_gap:
                continue
            if numeric_value(first) is None or numeric_value(first) == numeric_value(second):
                continue
            relative, absolute = (first, second) if first.relative is not None else (second, first)
            reported.add((relative.id or str(relative.start), absolute.id or str(absolute.start)))
            yield _finding(ctx, relative, absolute,
                           "a relative and an absolute year side by side name one moment")
    for fact in ctx.facts:
        if not fact.claims or fact.claims[0].kind is not Kind.YEAR:
            continue
        per_path: dict[str, list[Claim]] = defaultdict(list)
        for claim in fact.claims:
            if not claim.boilerplate:
                per_path[claim.path].append(claim)
        for claims in per_path.values():
            # "the first line opened in 2015 ... the second will open in 2027" are two events
            for group in event_groups(claims):
                clusters = cluster_claims(group)
                if len(clusters) < 2:
                    continue
                yield from _event_findings(ctx, clusters, reported)


def _event_findings(ctx: CheckContext, clusters: list[Cluster], reported: set[tuple[str, str]]) -> Iterator[Finding]:
    for one, other in itertools.combinations(clusters, 2):
        for left, right in ((one, other), (other, one)):
            relative = next((c for c in left.claims if c.relative is not None), None)
            absolute = next((c for c in right.claims if c.relative is None), None)
            if relative is None or absolute is None:
                continue
            key = (relative.id or str(relative.start), absolute.id or str(absolute.start))
            if key in reported:
                continue
            reported.add(key)
            others = tuple(c for c in (*left.claims, *right.claims) if c not in (relative, absolute))
            yield _finding(ctx, relative, absolute,
                           f"one event ({absolute.fact}) given two different years in one article", others)
            break
