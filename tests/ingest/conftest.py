"""Shared fixtures for the ingest tests: a rule set and a small file writer."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.ingest import Corpus, load_corpus
from factcheck.model import Document
from factcheck.rules import RuleSet, load_rules


@pytest.fixture(scope="session")
def ruleset() -> RuleSet:
    """The shipped boilerplate pack alone, so ingest tests do not depend on other packs."""
    return load_rules(["boilerplate"])


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write text or bytes to a file under tmp_path and return its path."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_bytes(content.encode(encoding))
        return path

    return _write


@pytest.fixture
def load(ruleset: RuleSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Corpus]:
    """Load a corpus from paths relative to tmp_path, with tmp_path as the working directory."""
    monkeypatch.chdir(tmp_path)

    def _load(*paths: str, **options: object) -> Corpus:
        return load_corpus(list(paths) or ["."], ruleset=ruleset, **options)  # type: ignore[arg-type]

    return _load


@pytest.fixture
def one(load: Callable[..., Corpus]) -> Callable[[str], Document]:
    """Load a single file and return its document."""

    def _one(path: str) -> Document:
        corpus = load(path)
        assert len(corpus.documents) == 1
        return corpus.documents[0]

    return _one
