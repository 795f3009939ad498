"""Articles of one story state different values for the same fact.

*Why*: translations and rewrites of one story drift: a dropped zero, a
mistranslated scale word, a figure from another paragraph.  Each article is
internally plausible; only comparing them shows the error.

Claims are compared only within one story and one fact (the counted thing or
measure cue, plus qualifiers: scope, period, target).  Tolerance comes from
the text: half a unit of the last stated digit ("about 2.9 billion" covers
2.85-2.95), at most 25% ("$1 million" is no "$500,000"), widened by
approximation markers (about / circa / 约 / 약, at most 30% then), one sided
for bounds (more than / oltre / 逾 / 이상), never below the floor.  Two counts
of things agree only when some whole number fits both ("2 factories" and
"3 factories" never meet at 2.5).
Amounts in two currencies are compared in euro at each article's ECB rate,
with ``fx_tolerance`` on top.  An event has one moment, so any second value
deviates, once ordinals ("the first line" / "the second line", 第二期, 두 번째)
and past versus planned (by the publication date, or "will", 将于, 예정) have
told different events apart.  A measure may hold several values (60% and
40%), so agreement is story-level: a value deviates only when no other article
of the story states it within tolerance and another article states a value
its own article lacks ("60%" beside "60% and 40%" is an omission, not a
contradiction).  The finding cites the deviating value, its nearest rival and
the values two or more articles confirm (the consensus).  Two figures whose
clauses name different subjects of the story (Alpha's and Beta's investment)
are not compared.  With a source
article (``source: true``), a translation that disagrees with it is reported
as the deviation; otherwise every disagreeing side is cited.  The finding is
an ``error``, or a ``warning`` when a qualifier in the sentence (outside the
number's clause) makes the comparison arguable.

*Options*:

- ``floor`` (default ``0.005``): the smallest relative tolerance.
- ``approx`` (default ``0.05``): relative widening for approximate figures.
- ``fx_tolerance`` (default ``0.03``): added tolerance between amounts in two currencies.

*Passes*:

- it: "Alibaba aiuterà 1.000 fabbriche" / zh: "帮助1000个工厂" / ko: "1,000개의 공장"
- en: "about 2.9 billion yuan" / zh: "29.4亿元"
- it: "oltre 6.000 dipendenti" / en: "6,000 employees"
- en: "1.8 million visitors" / zh: "180万游客" / ko: "180만 명의 방문객"
- en: "grew 18%" / it: "cresciuto del 4,2%" / zh: "增长4.2% … 增长18%" (every value confirmed somewhere)
- en: "the first line opened in 2015, and the second line will open in 2027" / zh: "第一条线路于2015年开通，第二条线路将于2027年开通"
- en: "a monthly pass will cost €58" / it: "è costato 1,9 miliardi di euro" (a rate is not the total)

*Fails*:

- it: "1.000 fabbriche" / ko: "100 개의 공장" (factories: 100 vs 1,000)
- zh: "2008年推出" / ko: "2009년 시작" (launch year: 2008 vs 2009)
- en: "invest 6 billion yuan" / it: "investirà 600 milioni di yuan"
- en: "the second line will open in 2027" / ko: "두 번째 노선은 2028년 개통 예정" (second opening: 2027 vs 2028)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from factcheck.checks.context import CheckContext
from factcheck.facts import (
    Cluster,
    cluster_claims,
    conflicts,
    doc_label,
    explain_claim,
    format_value,
    json_value,
    numeric_value,
)
from factcheck.model import Finding, Kind, Severity

ID = "fact-agreement"
DEFAULT_SEVERITY = Severity.ERROR
OPTIONS = {"floor": float, "approx": float, "fx_tolerance": float}
DEFAULTS: dict[str, Any] = {"floor": 0.005, "approx": 0.05, "fx_tolerance": 0.03}

__all__ = ["DEFAULTS", "DEFAULT_SEVERITY", "ID", "OPTIONS", "check"]


def check(ctx: CheckContext, options: Mapping[str, Any]) -> Iterator[Finding]:
    """Yield a finding per pair of disagreeing value clusters of a fact.

    Conflicts in which one side holds nothing but relative expressions are
    left to ``relative-time`` when that check runs.
    """
    floor = float(options.get("floor", DEFAULTS["floor"]))
    approx = float(options.get("approx", DEFAULTS["approx"]))
    fx_tolerance = float(options.get("fx_tolerance", DEFAULTS["fx_tolerance"]))
    delegate_relative = "relative-time" in ctx.enabled
    for fact in ctx.facts:
        sources = ctx.source_paths(fact.story)
        found = conflicts(fact.claims, sources, floor=floor, approx=approx, fx_tolerance=fx_tolerance,
                          subjects=ctx.subjects)
        if not found:
            continue
        confirmed = [c for c in cluster_claims([c for c in fact.claims if not c.boilerplate], floor=floor,
                                               approx=approx, fx_tolerance=fx_tolerance) if len(c.paths) > 1]
        for deviating, reference in found:
            if delegate_relative and (deviating.relative_only or reference.relative_only):
                continue
            yield build_finding(ID, ctx, fact.id, fact.label or fact.id, fact.story, deviating, reference,
                                bool(sources & set(reference.paths)), floor=floor, approx=approx,
                                consensus=confirmed)


def sides(ctx: CheckContext, cluster: Cluster, all_paths: list[str]) -> str:
    """Name the articles of a cluster: ``002 (ko), 001 (zh)``."""
    return ", ".join(f"{doc_label(p, all_paths)} ({ctx.lang_of(p)})" for p in cluster.paths)


def value_of(cluster: Cluster) -> Any:
    """Return a JSON-friendly value of a cluster: a year as int, a date as ISO, else a float."""
    return json_value(cluster.representative)


def build_finding(check_id: str, ctx: CheckContext, fact_id: str, label: str, story: str | None,
                  deviating: Cluster, reference: Cluster, from_source: bool, *,
                  floor: float, approx: float, consensus: Sequence[Cluster] = ()) -> Finding:
    """Build the finding of one conflict, citing both sides with the arithmetic.

    ``consensus`` holds the fact's values that two or more articles confirm;
    the explanation lists them, so a reader sees what the story agrees on.
    """
    paths = sorted(set(deviating.paths) | set(reference.paths) | set(ctx.stories_paths(story)))
    dev_value = format_value(deviating.representative)
    ref_value = format_value(reference.representative)
    sources = sorted(ctx.source_paths(story) & set(reference.paths))
    if from_source and sources:
        source = ", ".join(f"{doc_label(p, paths)} ({ctx.lang_of(p)})" for p in sources)
        message = f"{label}: {dev_value} in {sides(ctx, deviating, paths)} deviates from the source {source}: {ref_value}"
    else:
        message = (f"{label}: {dev_value} in {sides(ctx, deviating, paths)} "
                   f"vs {ref_value} in {sides(ctx, reference, paths)}")
    lines = [f"fact {fact_id}"]
    for name, cluster in (("one side", deviating), ("other side", reference)):
        lines.append(f"{name}: {format_value(cluster.representative)}")
        for claim in cluster.claims:
            lines.append("  " + explain_claim(claim, doc_label(claim.path, paths), floor=floor, approx=approx))
    first, second = numeric_value(deviating.representative), numeric_value(reference.representative)
    if first is not None and second is not None and second != 0 and deviating.representative.kind not in (
            Kind.YEAR, Kind.DATE):
        lines.append(f"difference {abs(first - second) / abs(second) * 100:.3g}% of {ref_value}: "
                     "the two sides do not overlap within their tolerances")
    elif first is not None and second is not None:
        unit = "years" if deviating.representative.kind is Kind.YEAR else "days"
        lines.append(f"{abs(first - second):g} {unit} apart: the two sides do not overlap within their tolerances")
    else:
        lines.append("the two sides do not overlap within their tolerances")
    if consensus:
        agreed = "; ".join(f"{format_value(c.representative)} in {sides(ctx, c, paths)}" for c in consensus)
        lines.append(f"story consensus (values two or more articles state): {agreed}")
    arguable = any(c.id in ctx.arguable for c in (*deviating.claims, *reference.claims))
    if arguable:
        lines.append("a qualifier elsewhere in the sentence may make these different facts")
    return Finding(
        check=check_id,
        severity=Severity.WARNING if arguable else Severity.ERROR,
        message=message,
        claims=(*deviating.claims, *reference.claims),
        fact=fact_id,
        story=story,
        expected=value_of(reference),
        observed=value_of(deviating),
        explanation="\n".join(lines),
    )
