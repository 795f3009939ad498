"""Reading a large corpus in several processes gives exactly the documents one process gives."""

from __future__ import annotations

from pathlib import Path

from factcheck.ingest import PARALLEL_INGEST_THRESHOLD, load_corpus
from factcheck.rules import load_rules
from factcheck.synth import generate_corpus


def test_parallel_ingest_matches_serial(tmp_path: Path) -> None:
    """Documents, their spans and the manifest problems are the same with one or two processes."""
    generate_corpus(tmp_path / "corpus", PARALLEL_INGEST_THRESHOLD + 50, seed=3)
    extra = tmp_path / "corpus" / "extra"
    extra.mkdir()
    (extra / "manifest.yaml").write_text("files:\n  missing.md: {lang: en}\n  a.txt: {lang: it}\n", encoding="utf-8")
    (extra / "a.txt").write_text("Il comune ha stanziato 2,5 milioni di euro.\n", encoding="utf-8")
    ruleset = load_rules(["default"])
    serial = load_corpus([str(tmp_path / "corpus")], ruleset=ruleset, jobs=1)
    parallel = load_corpus([str(tmp_path / "corpus")], ruleset=ruleset, jobs=2)
    assert len(serial.documents) == PARALLEL_INGEST_THRESHOLD + 51
    assert parallel.documents == serial.documents
    assert parallel.glossary == serial.glossary
    assert parallel.problems == serial.problems and any("missing.md" in p for p in serial.problems)
