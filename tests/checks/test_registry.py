"""The check registry, documentation, severity precedence and crash containment."""

from __future__ import annotations

import pytest

from factcheck import checks
from factcheck.checks import REGISTRY, analyze, documentation
from factcheck.fx import FxTable
from factcheck.model import Kind, Severity
from factcheck.rules import RuleSet

from .builders import Spec, corpus, document, rules

FX = FxTable.load(None)


def test_registry_holds_the_five_checks() -> None:
    """Every check is registered under its stable id."""
    assert set(REGISTRY) == {"fact-agreement", "internal-consistency", "conversion", "relative-time", "reference"}


@pytest.mark.parametrize("check_id", sorted(REGISTRY))
def test_each_check_documents_itself(check_id: str) -> None:
    """A check's docstring has a summary, Why, Options and Passes/Fails examples; its module has the contract."""
    module = REGISTRY[check_id]
    text = documentation(check_id)
    assert text.splitlines()[0].endswith(".")
    for section in ("*Why*", "*Options*", "*Passes*", "*Fails*"):
        assert section in text
    assert module.ID == check_id
    assert isinstance(module.DEFAULT_SEVERITY, Severity)
    assert set(module.DEFAULTS) == set(module.OPTIONS)


def test_unknown_check_lists_the_known_ones() -> None:
    """An unknown id fails with the known ids in the message."""
    with pytest.raises(KeyError, match="fact-agreement"):
        documentation("no-such-check")


def _pair():
    return corpus(
        document("a.txt", "en", "2024-06-01", "Alpha runs 1,000 factories.",
                 [Spec("1,000 factories", Kind.COUNT, 1000, "factory")], story="s"),
        document("b.txt", "it", "2024-06-01", "Alpha gestisce 100 fabbriche.",
                 [Spec("100 fabbriche", Kind.COUNT, 100, "factory")], story="s"),
    )


def test_rule_pack_severity_applies_when_the_suite_is_silent() -> None:
    """A rule entry's severity beats the check's default; the suite map beats the entry."""
    base = rules()
    entries = (*[e for e in base.rule_entries if e["check"] != "fact-agreement"],
               {"id": "project-agreement", "check": "fact-agreement", "severity": "warning"})
    ruleset = RuleSet(base.data, base.sources, base.digest + "w", entries)
    findings = analyze(*_pair(), ruleset, fx=FX, enabled={"fact-agreement"}).findings
    assert [(f.severity, f.rule) for f in findings] == [(Severity.WARNING, "project-agreement")]
    findings = analyze(*_pair(), ruleset, fx=FX, enabled={"fact-agreement"},
                       severities={"fact-agreement": "error"}).findings
    assert [f.severity for f in findings] == [Severity.ERROR]


def test_off_in_the_suite_disables_a_check() -> None:
    """'off' in the suite map runs nothing for that check."""
    assert analyze(*_pair(), rules(), fx=FX, severities={"fact-agreement": "off"}).findings == []


def test_crashing_check_becomes_a_finding(monkeypatch: pytest.MonkeyPatch) -> None:
    """A check that raises yields one error finding with its id; the other checks still run."""
    def broken(ctx, options):
        raise RuntimeError("boom")

    monkeypatch.setattr(checks.conversion, "check", broken)
    findings = analyze(*_pair(), rules(), fx=FX, enabled={"conversion", "fact-agreement"}).findings
    crashed = [f for f in findings if f.check == "conversion"]
    assert len(crashed) == 1 and crashed[0].message.startswith("check crashed: RuntimeError: boom")
    assert any(f.check == "fact-agreement" for f in findings)


def test_analysis_assigns_story_and_fact_to_claims() -> None:
    """Every claim comes back with its story, and compared claims with their fact; facts carry a consensus."""
    analysis = analyze(*_pair(), rules(), fx=FX)
    assert {c.story for c in analysis.claims} == {"s"}
    assert {c.fact for c in analysis.claims} == {"s/factory"}
    assert [f.id for f in analysis.facts] == ["s/factory"]
    assert analysis.facts[0].consensus in (100.0, 1000.0)


def test_documents_without_claims_still_get_a_story() -> None:
    """The analysis maps every checked document to a story, even one with no claims."""
    documents, claims = _pair()
    analysis = analyze(documents, [c for c in claims if c.path == "a.txt"], rules(), fx=FX)
    assert analysis.stories == {"a.txt": "s", "b.txt": "s"}


def test_fact_specific_rule_entry_sets_severity_and_message() -> None:
    """A rule entry naming a fact applies to that fact's findings with its message template."""
    base = rules()
    entries = (*base.rule_entries,
               {"id": "factory-count", "check": "fact-agreement", "fact": "factory", "severity": "warning",
                "message": "{fact}: {observed} here, {expected} elsewhere"})
    ruleset = RuleSet(base.data, base.sources, base.digest + "m", entries)
    findings = analyze(*_pair(), ruleset, fx=FX, enabled={"fact-agreement"}).findings
    assert [(f.severity, f.rule) for f in findings] == [(Severity.WARNING, "factory-count")]
    finding = findings[0]
    assert finding.message == f"s/factory: {finding.observed} here, {finding.expected} elsewhere"
    assert {finding.observed, finding.expected} == {100.0, 1000.0}
