"""Checks: one module per check, registered here explicitly.

``analyze`` is what the engine calls: it groups documents into stories,
assigns facts, runs the enabled checks and returns the findings with
severities resolved (the suite's ``checks:`` map, then the rule pack's rule
entries, then the check's default).  A crashing check becomes a finding with
its id, never a lost run.
"""

from __future__ import annotations

import dataclasses
import traceback
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

from factcheck.checks import conversion, fact_agreement, internal_consistency, reference, relative_time
from factcheck.checks.context import CheckContext
from factcheck.model import Claim, Document, Fact, Finding, Severity

if TYPE_CHECKING:
    from factcheck.facts import Assignment
    from factcheck.fx import FxTable
    from factcheck.rules import RuleSet

__all__ = ["ALIASES", "REGISTRY", "Analysis", "CheckContext", "active_checks", "analyze", "documentation", "resolve",
           "run_checks"]

REGISTRY: dict[str, ModuleType] = {
    module.ID: module
    for module in (fact_agreement, internal_consistency, conversion, relative_time, reference)
}
# renamed check ids keep working under their old names
ALIASES: dict[str, str] = {}


@dataclass(frozen=True)
class Analysis:
    """Claims with story and fact assigned, the facts, the checks' findings, and each document's story."""

    claims: list[Claim]
    facts: list[Fact]
    findings: list[Finding]
    # path -> story id for every checked document, including those without claims
    stories: dict[str, str] = field(default_factory=dict)


def resolve(check_id: str) -> ModuleType:
    """Return the module of a check id (or alias).

    Raises:
        KeyError: an unknown id, listing the known ones.
    """
    key = ALIASES.get(check_id, check_id)
    if key not in REGISTRY:
        raise KeyError(f"unknown check '{check_id}' (known checks: {', '.join(sorted(REGISTRY))})")
    return REGISTRY[key]


def documentation(check_id: str) -> str:
    """Return a check's documentation: its module docstring.

    Raises:
        KeyError: an unknown id, listing the known ones.
    """
    return (resolve(check_id).__doc__ or "").strip()


def _rule_entries(ruleset: RuleSet, check_id: str) -> list[Mapping[str, Any]]:
    return [e for e in ruleset.rule_entries if ALIASES.get(str(e.get("check")), e.get("check")) == check_id]


def _options(module: ModuleType, entries: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    options: dict[str, Any] = dict(getattr(module, "DEFAULTS", {}))
    for entry in entries:
        if not entry.get("fact"):
            options.update(entry.get("options") or {})
    return options


def _configure(finding: Finding, module: ModuleType, entries: Sequence[Mapping[str, Any]],
               suite: str | None) -> Finding:
    """Resolve a finding's severity, rule id and message: suite map > rule pack entry > check default.

    A finding the check itself downgraded (an arguable comparison) stays at
    most as severe as it was relative to the check's default.  A rule entry's
    ``message`` with ``{fact}``, ``{observed}``, ``{expected}`` or ``{message}``
    placeholders replaces the check's message.
    """
    default = Severity(getattr(module, "DEFAULT_SEVERITY", Severity.ERROR))
    rule = ""
    template = ""
    configured = default
    for entry in entries:
        fact = entry.get("fact")
        if fact and not (finding.fact and (finding.fact == fact or finding.fact.endswith("/" + str(fact)))):
            continue
        if entry.get("severity"):
            configured = Severity(entry["severity"])
        rule = str(entry.get("id") or "")
        template = str(entry.get("message") or "")
    if suite and suite in {s.value for s in Severity}:
        configured = Severity(suite)
    severity = configured
    if finding.severity.rank < default.rank:
        lowered = configured.rank - (default.rank - finding.severity.rank)
        severity = sorted(Severity, key=lambda s: s.rank)[max(lowered, 0)]
    message = finding.message
    if "{" in template:
        fields = {"fact": finding.fact or "", "observed": finding.observed, "expected": finding.expected,
                  "message": finding.message, "check": finding.check}
        try:
            message = template.format(**fields)
        except (KeyError, IndexError, ValueError):
            message = finding.message  # a broken template must not hide the finding
    return dataclasses.replace(finding, severity=severity, rule=finding.rule or rule or finding.check, message=message)


def analyze(documents: Sequence[Document], claims: Sequence[Claim], ruleset: RuleSet, *, fx: FxTable,
            severities: Mapping[str, str] | None = None, enabled: Collection[str] | None = None,
            stories: Mapping[str, str] | None = None, corpus: Sequence[Document] | None = None,
            skip: Collection[str] = ()) -> Analysis:
    """Assign stories and facts, run the enabled checks, and return claims, facts and findings.

    Args:
        documents: the documents to analyse (skipped documents take no part).
        claims: normalized claims with ids, of those documents.
        ruleset: merged rule packs (glossary, concepts, qualifiers, rule entries, expected values).
        fx: the ECB rate table for conversions.
        severities: the suite's ``checks:`` map (check id -> severity or ``off``).
        enabled: check ids to run (default: every registered check not turned off).
        stories: path -> story id when the caller grouped the corpus already.
        corpus: every document of the run when ``documents`` are some of its stories (the checks
            name articles among all of them); default ``documents``.
        skip: check ids not to run in this call.

    Facts and checks are local to a story, so analysing some stories of a
    corpus gives exactly their part of analysing it whole.
    """
    from factcheck.facts import assign_facts
    from factcheck.stories import assign_stories

    severities = dict(severities or {})
    if stories is None:
        stories = assign_stories(documents, claims, ruleset)
    assignment = assign_facts(documents, claims, stories, ruleset)
    findings = run_checks(assignment, corpus if corpus is not None else documents, stories, ruleset, fx=fx,
                          severities=severities, enabled=enabled, skip=skip)
    return Analysis(claims=assignment.claims, facts=assignment.facts, findings=findings, stories=dict(stories))


def active_checks(severities: Mapping[str, str], enabled: Collection[str] | None) -> list[str]:
    """Return the ids of the checks a run takes part with, in registry order."""
    wanted = [ALIASES.get(c, c) for c in (enabled if enabled is not None else REGISTRY)]
    return [c for c in REGISTRY if c in wanted and severities.get(c) != "off"]


def run_checks(assignment: Assignment, documents: Sequence[Document], stories: Mapping[str, str],
               ruleset: RuleSet, *, fx: FxTable | None, severities: Mapping[str, str],
               enabled: Collection[str] | None, skip: Collection[str] = (),
               only: Collection[str] | None = None) -> list[Finding]:
    """Run the active checks (all but ``skip``, or ``only`` these) over analysed claims; return sorted findings."""
    active = active_checks(severities, enabled)
    docs = {d.path: d for d in documents}
    ctx = CheckContext(documents=docs, claims=assignment.claims, facts=assignment.facts, ruleset=ruleset,
                       fx=fx, enabled=frozenset(active), arguable=assignment.arguable, stories=stories,
                       subjects=assignment.subjects)
    active = [c for c in active if c not in skip and (only is None or c in only)]
    findings: list[Finding] = []
    for check_id in active:
        module = REGISTRY[check_id]
        entries = _rule_entries(ruleset, check_id)
        try:
            produced = list(module.check(ctx, _options(module, entries)))
        except Exception as exc:
            where = traceback.extract_tb(exc.__traceback__)[-1]
            findings.append(Finding(
                check=check_id, severity=Severity.ERROR,
                message=f"check crashed: {type(exc).__name__}: {exc}",
                explanation=f"at {where.filename.rsplit('/', 1)[-1]}:{where.lineno}; the other checks ran",
            ))
            continue
        for finding in produced:
            findings.append(_configure(finding, module, entries, severities.get(check_id)))
    findings.sort(key=lambda f: f.sort_key())
    return findings
