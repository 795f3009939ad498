"""Ingest cost: no language detection when metadata states the language, and a generous speed guard."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from factcheck import ingest
from factcheck.ingest import load_corpus
from factcheck.rules import RuleSet
from factcheck.synth import generate_corpus


def _refuse(*_args: object, **_kwargs: object) -> str | None:
    raise AssertionError("language detection ran although metadata states the language")


def test_no_detection_when_front_matter_or_manifest_gives_the_language(
        tmp_path: Path, ruleset: RuleSet, monkeypatch: pytest.MonkeyPatch) -> None:
    """Files whose language comes from front matter or the manifest never reach the detector."""
    (tmp_path / "a.md").write_text("---\nlang: it\n---\nIl comune ha speso 3,5 milioni di euro.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("The council hired 300 teachers.\n", encoding="utf-8")
    (tmp_path / "manifest.yaml").write_text("files:\n  b.txt: {lang: en, published: 2021-01-02}\n", encoding="utf-8")
    monkeypatch.setattr(ingest, "detect_language", _refuse)
    corpus = load_corpus([str(tmp_path)], ruleset=ruleset)
    assert [(Path(d.path).name, d.lang, d.lang_origin) for d in corpus.documents] == [
        ("a.md", "it", "front-matter"), ("b.txt", "en", "manifest")]


def test_synthetic_corpus_ingests_fast(tmp_path: Path, ruleset: RuleSet) -> None:
    """Three hundred synthetic articles ingest within a generous 10 s guard (no costly per-file setup)."""
    generate_corpus(tmp_path / "corpus", 300, seed=1)
    started = time.perf_counter()
    corpus = load_corpus([str(tmp_path / "corpus")], ruleset=ruleset)
    elapsed = time.perf_counter() - started
    assert len([d for d in corpus.documents if d.status.value == "checked"]) >= 300
    assert elapsed < 10, elapsed
