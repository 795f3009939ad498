"""The Dask engine gives the local engine's results while spreading the work over a cluster."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from factcheck.cache import ClaimCache
from factcheck.dask_engine import extract_with_dask, npartitions_for
from factcheck.engine import RunConfig, process_document, run
from factcheck.fx import FxTable
from factcheck.ingest import load_corpus
from factcheck.model import Claim, Status
from factcheck.rules import load_rules
from factcheck.synth import generate_corpus

pytest.importorskip("dask.distributed", reason="the dask extra is part of the test dependencies")


def _key(claim: Claim) -> tuple[str, int, int, str]:
    return (claim.path, claim.start, claim.end, claim.kind.value)


def test_partition_count_is_at_least_two_and_never_empty() -> None:
    """Small inputs still split in two; partitions never outnumber documents."""
    assert npartitions_for(1, 2) == 1
    assert npartitions_for(3, 2) == 3
    assert npartitions_for(60, 2) == 8
    assert npartitions_for(100_000, 2) == 50


def test_dask_extraction_matches_local_on_two_workers(tmp_path: Path) -> None:
    """On two workers, extraction returns exactly the local claims, in order, from both; a warm cache skips the cluster."""
    generate_corpus(tmp_path / "corpus", 48, seed=11)
    ruleset = load_rules(["default"])
    corpus = load_corpus([str(tmp_path / "corpus")], ruleset=ruleset)
    ruleset = ruleset.with_glossary(corpus.glossary)
    docs = [d for d in corpus.documents if d.status is Status.CHECKED]
    fx = FxTable.load(None)
    local_claims: list[Claim] = []
    for doc in docs:
        local_claims.extend(process_document(doc, ruleset, fx)[0])
    assert local_claims, "the synthetic corpus states numbers"

    cache = ClaimCache(tmp_path / "cache", ruleset.digest, "test")
    claims, _findings, stats = extract_with_dask(docs, ruleset, fx, None, n_workers=2, cache=cache)

    assert claims == local_claims
    assert sorted(claims, key=_key) == sorted(local_claims, key=_key)
    assert stats.npartitions > 1
    assert len(stats.cluster_workers) == 2
    assert stats.workers == stats.cluster_workers, f"tasks ran on {stats.workers} only"
    assert stats.claims == len(local_claims)
    assert sum(stats.per_kind.values()) + stats.invalid_rows == len(local_claims)

    again, _findings, warm = extract_with_dask(docs, ruleset, fx, None, n_workers=2, cache=cache)
    assert again == local_claims
    assert warm.cached == len(docs) and warm.npartitions == 0, "a warm cache sends nothing to the cluster"


def test_dask_run_report_equals_local_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A whole run with --engine dask reports the same claims, facts and findings as the local engine."""
    generate_corpus(tmp_path / "corpus", 24, seed=12)
    monkeypatch.chdir(tmp_path)
    base = RunConfig(paths=["corpus"], use_cache=False, reproducible=True, jobs=1)
    local = run(base).to_dict()
    distributed = run(dataclasses.replace(base, engine="dask")).to_dict()
    for section in ("documents", "claims", "facts", "findings", "summary"):
        assert distributed[section] == local[section], section
