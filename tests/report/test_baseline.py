"""Finding fingerprints, baselines, the ignore file and inline suppressions."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from factcheck.baseline import (
    BaselineError,
    IgnoreFileError,
    apply_suppressions,
    fingerprint,
    load_baseline,
    load_ignore_file,
    write_baseline,
)
from factcheck.model import Finding

from .sample import build_report


def _shift(finding: Finding, lines: int, chars: int) -> Finding:
    """Return ``finding`` as if ``lines`` lines of ``chars`` characters were inserted above its claims."""
    return dataclasses.replace(
        finding,
        fingerprint="",
        claims=tuple(
            dataclasses.replace(c, line=c.line + lines, start=c.start + chars, end=c.end + chars, sentence_start=c.sentence_start + chars)
            for c in finding.claims
        ),
    )


def test_fingerprint_survives_line_shifts() -> None:
    """Inserting lines above a claim changes its position but not the finding's fingerprint."""
    finding = build_report().findings[0]
    assert fingerprint(_shift(finding, 4, 120)) == fingerprint(finding)


def test_fingerprint_changes_with_the_quoted_number() -> None:
    """Editing the disagreeing figure yields a new fingerprint: it is a different finding."""
    finding = build_report().findings[0]
    edited = dataclasses.replace(finding.claims[0], quote="1.900 posti di lavoro")
    assert fingerprint(dataclasses.replace(finding, claims=(edited, *finding.claims[1:]))) != fingerprint(finding)


def test_fingerprint_ignores_width_and_spacing_variants() -> None:
    """Full-width digits and doubled spaces in a quote do not change the fingerprint."""
    finding = build_report().findings[0]
    zh = finding.claims[2]
    wide = dataclasses.replace(zh, quote="１２００个就业岗位")
    spaced = dataclasses.replace(finding.claims[1], quote="1200개  일자리")
    variant = dataclasses.replace(finding, claims=(finding.claims[0], spaced, wide))
    assert fingerprint(variant) == fingerprint(finding)


def test_fingerprints_differ_between_findings() -> None:
    """The sample's three findings have three distinct fingerprints."""
    assert len({fingerprint(f) for f in build_report().findings}) == 3


def test_baseline_round_trip_and_stable_bytes(tmp_path: Path) -> None:
    """A written baseline loads back as the findings' fingerprints, and rewriting it is byte-identical."""
    findings = build_report().findings
    path = tmp_path / "baseline.json"
    write_baseline(path, findings)
    first = path.read_bytes()
    write_baseline(path, reversed(findings))
    assert path.read_bytes() == first
    assert load_baseline(path) == {fingerprint(f) for f in findings}


def test_broken_baseline_is_reported_with_its_path(tmp_path: Path) -> None:
    """A baseline that is not JSON or not a baseline raises BaselineError naming the file."""
    path = tmp_path / "baseline.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(BaselineError, match=r"baseline\.json:1:2"):
        load_baseline(path)
    path.write_text('{"version": 1, "findings": [{"fingerprint": "zz"}]}', encoding="utf-8")
    with pytest.raises(BaselineError, match="not a fingerprint"):
        load_baseline(path)


def test_ignore_file_maps_fingerprints_to_reasons(tmp_path: Path) -> None:
    """factcheck-ignore.yaml yields fingerprint → reason."""
    path = tmp_path / "factcheck-ignore.yaml"
    path.write_text(
        "ignore:\n"
        "  - fingerprint: E0FCFAF15ACF47425A90\n"
        "    reason: The Italian desk counts seasonal jobs too.\n"
        "    check: fact-agreement\n",
        encoding="utf-8",
    )
    assert load_ignore_file(path) == {"e0fcfaf15acf47425a90": "The Italian desk counts seasonal jobs too."}


def test_malformed_ignore_entries_are_all_reported_with_file_and_line(tmp_path: Path) -> None:
    """Every bad entry is reported at once as file:line:col with the problem."""
    path = tmp_path / "factcheck-ignore.yaml"
    path.write_text(
        "ignore:\n"
        "  - fingerprint: e0fcfaf15acf47425a90\n"
        "  - fingerprint: not-hex!\n"
        "    reason: typo\n"
        "  - reason: no fingerprint\n"
        "    colour: red\n",
        encoding="utf-8",
    )
    with pytest.raises(IgnoreFileError) as caught:
        load_ignore_file(path)
    errors = caught.value.errors
    assert f"{path}:2:5: missing 'reason' (say why this finding is accepted)" in errors
    assert f"{path}:3:18: 'fingerprint' must be a hex digest as printed by factcheck" in errors
    assert f"{path}:5:5: missing 'fingerprint'" in errors
    assert any(e.startswith(f"{path}:6:5: unknown key 'colour'") for e in errors)


def test_invalid_yaml_in_ignore_file_names_the_position(tmp_path: Path) -> None:
    """A YAML syntax error is reported with file, line and column."""
    path = tmp_path / "factcheck-ignore.yaml"
    path.write_text("ignore:\n  - fingerprint: [unclosed\n", encoding="utf-8")
    with pytest.raises(IgnoreFileError, match=r"factcheck-ignore\.yaml:3:1: invalid YAML"):
        load_ignore_file(path)


def test_apply_suppressions_marks_baseline_and_ignore_matches() -> None:
    """Findings in the baseline or the ignore file are suppressed; the others stay active, all fingerprinted."""
    report = build_report()
    unset = [dataclasses.replace(f, fingerprint="") for f in report.findings]
    result = apply_suppressions(
        unset, {fingerprint(unset[0])}, {fingerprint(unset[2]): "scanned PDF"}, report.documents
    )
    assert [f.suppressed for f in result] == [True, False, True]
    assert [f.fingerprint for f in result] == [fingerprint(f) for f in unset]


def test_inline_comment_suppresses_only_the_named_check_at_the_reported_claim() -> None:
    """A factcheck-ignore span over the Italian paragraph silences fact-agreement there, not other checks or articles."""
    report = build_report()
    it_jobs = report.findings[0].claims[0]
    span = (it_jobs.start - 10, it_jobs.end + 10, ("fact-agreement",))
    documents = [dataclasses.replace(d, suppressed=(span,)) if d.path == it_jobs.path else d for d in report.documents]
    other_check = dataclasses.replace(report.findings[0], check="conversion")
    result = apply_suppressions([report.findings[0], other_check, report.findings[1]], set(), {}, documents)
    assert [f.suppressed for f in result] == [True, False, False]
    all_checks = [dataclasses.replace(d, suppressed=((span[0], span[1], ()),)) for d in documents]
    assert apply_suppressions([other_check], set(), {}, all_checks)[0].suppressed is True
