"""Extraction batches and story analysis shared out among worker processes give the serial run's report."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import engine, stories
from factcheck.engine import RunConfig, _story_parts, run
from factcheck.model import Claim, Document, Kind
from factcheck.report import FORMATS, terminal
from factcheck.report.json import render
from factcheck.synth import generate_corpus


def test_workers_give_the_serial_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every threshold lowered so batches, grouping and stories go to two workers, the report is byte-identical."""
    truth = generate_corpus(tmp_path / "corpus", 60, seed=2)
    assert truth.contradictions
    reports = []
    for jobs in (1, 2):
        if jobs == 2:
            monkeypatch.setattr(engine, "PARALLEL_ANALYSIS_CLAIMS", 1)
            monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", 2)
            monkeypatch.setattr(stories, "PARALLEL_GROUPING_DOCS", 2)
        config = RunConfig(paths=[str(tmp_path / "corpus")], jobs=jobs, use_cache=False, reproducible=True)
        reports.append(render(run(config)))
    assert reports[0] == reports[1]
    assert '"severity": "error"' in reports[0]


def test_story_parts_balance_claims_deterministically() -> None:
    """Stories are shared out by claim count, heaviest first, the same way every time."""
    documents = [Document(path=f"{name}.md") for name in "abcde"]
    story_of = {"a.md": "s1", "b.md": "s1", "c.md": "s2", "d.md": "s3", "e.md": "s4"}
    claims = [Claim(path=path, start=i, end=i + 1, quote="1", kind=Kind.COUNT, lang="en")
              for path, count in (("a.md", 5), ("b.md", 5), ("c.md", 6), ("d.md", 2), ("e.md", 1)) for i in range(count)]
    parts = _story_parts(documents, story_of, 2, claims)
    assert parts == _story_parts(documents, story_of, 2, claims)
    assert sorted(map(sorted, parts)) == [["s1"], ["s2", "s3", "s4"]]
    assert _story_parts(documents, story_of, 1, claims) == [{"s1", "s2", "s3", "s4"}]


def test_cited_only_runs_give_the_report_of_runs_holding_every_claim(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A run holding only cited claims (serial, shared out, cold or after an edit) writes the same report.json.

    The shared-out runs group apart too, so the edited run updates the grouping the cold run stored.
    """
    truth = generate_corpus(tmp_path / "corpus", 60, seed=3)
    corpus = tmp_path / "corpus"
    monkeypatch.setattr(engine, "PARALLEL_SUMMARY_DOCS", 2)
    monkeypatch.setattr(engine, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(stories, "PARALLEL_GROUPING_DOCS", 2)  # grouped apart, handing back the stored form

    def report(jobs: int, keep: bool, cache: str | None) -> tuple[str, int]:
        config = RunConfig(paths=[str(corpus)], jobs=jobs, claims_mode="cited", keep_claims=keep,
                           use_cache=cache is not None, cache_dir=tmp_path / (cache or "unused"), reproducible=True)
        result = run(config)
        # every format but the HTML fact table (which asks for every claim) reads the same from either run
        outputs = [FORMATS[name].render(result) for name in sorted(FORMATS) if name != "html"]
        return "\n".join([*outputs, terminal.render(result)]), len(result.claims)

    held, every = report(1, True, None)
    for jobs, cache in ((1, None), (2, None), (2, "cache"), (2, "cache")):
        text, claims = report(jobs, False, cache)
        assert text == held
        assert claims < every  # only the cited claims were kept
    edited = corpus / truth.contradictions[0].path
    edited.write_text(edited.read_text(encoding="utf-8").replace(truth.contradictions[0].quote, "7 things", 1),
                      encoding="utf-8")
    assert report(2, False, "cache")[0] == report(1, True, None)[0]
    assert '"severity": "error"' in held
