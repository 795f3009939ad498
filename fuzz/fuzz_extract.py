"""Fuzz ingest + extraction with atheris: arbitrary bytes must never crash either.

Each input is written as a file (suffix picked by its first byte: .md, .txt,
.html) and ingested with :func:`factcheck.ingest.load_document` (decoding,
front matter, masking, boilerplate, language and dateline detection), then its
claims are extracted for the detected language and for each shipped language.
Invariants: no exception, every claim's span lies inside the text, and
``text[start:end] == quote``.

Run ``python fuzz/fuzz_extract.py -max_total_time=300`` (``nox -s fuzz``);
libFuzzer options and corpus directories pass through.  Without a corpus
directory it starts from a dozen synthetic articles in a temporary directory.  It prints executions per second at the end.
A crash writes the input to ``crash-*``: add it to the regression tests.
"""

from __future__ import annotations

import dataclasses
import os
import sys
import tempfile
import time
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["factcheck"]):
    from factcheck.extract import extract_claims
    from factcheck.ingest import load_document
    from factcheck.model import Status
    from factcheck.rules import load_rules

RULESET = load_rules(["default"])
LANGS = ("en", "it", "zh", "ko")
SUFFIXES = (".md", ".txt", ".html")
WORKDIR = Path(tempfile.mkdtemp(prefix="factcheck-fuzz-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
STATS = {"runs": 0, "started": time.perf_counter(), "shown": time.perf_counter()}
# libFuzzer may end the process without running Python's exit hooks: report as we go too.
REPORT_EVERY_S = 30.0


# FACTCHECK_FUZZ_TRIAGE=DIR: keep going after a failure, saving one input per distinct
# failure (exception type and innermost factcheck frame) to DIR, to collect several bugs per run.
TRIAGE = os.environ.get("FACTCHECK_FUZZ_TRIAGE")
FAILURES: dict[str, int] = {}


def check(data: bytes) -> None:
    """Ingest and extract one input, asserting the span invariants."""
    STATS["runs"] += 1
    if time.perf_counter() - STATS["shown"] > REPORT_EVERY_S:
        STATS["shown"] = time.perf_counter()
        _report()
    if not TRIAGE:
        _check(data)
        return
    try:
        _check(data)
    except Exception as exc:
        import hashlib
        import traceback

        frames = [f for f in traceback.extract_tb(exc.__traceback__) if "factcheck" in f.filename]
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
        signature = f"{type(exc).__name__} at {where}"
        if signature not in FAILURES:
            Path(TRIAGE).mkdir(parents=True, exist_ok=True)
            name = f"failure-{hashlib.sha1(data).hexdigest()[:12]}"
            (Path(TRIAGE) / name).write_bytes(data)
            print(f"fuzz_extract: new failure {signature}: {exc!s:.200} -> {Path(TRIAGE) / name}", flush=True)
        FAILURES[signature] = FAILURES.get(signature, 0) + 1


def _check(data: bytes) -> None:
    suffix = SUFFIXES[data[0] % len(SUFFIXES)] if data else ".md"
    path = WORKDIR / f"input{suffix}"
    path.write_bytes(data[1:])
    doc = load_document(path, ruleset=RULESET)
    if doc.status is not Status.CHECKED:
        assert doc.reason, "a skipped document names its reason"
        return
    text = doc.text
    for lang in dict.fromkeys((doc.lang, *LANGS)):
        for claim in extract_claims(dataclasses.replace(doc, lang=lang), RULESET):
            assert 0 <= claim.start < claim.end <= len(text), (claim.start, claim.end, len(text))
            assert text[claim.start:claim.end] == claim.quote, (claim.quote, text[claim.start:claim.end])


def _report() -> None:
    elapsed = time.perf_counter() - STATS["started"]
    runs = STATS["runs"]
    print(f"fuzz_extract: {runs} executions in {elapsed:.0f} s, {runs / max(elapsed, 1e-9):.0f} exec/s", flush=True)
    for signature, count in sorted(FAILURES.items()):
        print(f"fuzz_extract: {count} x {signature}", flush=True)


def _seed_corpus() -> Path:
    """Write a few synthetic articles (one per language and suffix) as the starting corpus."""
    from factcheck.synth import generate_corpus

    seeds = WORKDIR / "seeds"
    articles = WORKDIR / "articles"
    generate_corpus(articles, 12, seed=7)
    seeds.mkdir()
    for index, article in enumerate(sorted(articles.glob("*.md"))):
        # The first byte picks the suffix (see check); the rest is the file.
        (seeds / f"seed-{index}").write_bytes(bytes([index % len(SUFFIXES)]) + article.read_bytes())
    return seeds


def main() -> None:
    """Start libFuzzer on :func:`check`, from synthetic articles unless corpus directories are given."""
    import atexit
    import shutil

    atexit.register(shutil.rmtree, WORKDIR, True)
    atexit.register(_report)
    argv = list(sys.argv)
    if not any(not arg.startswith("-") for arg in argv[1:]):
        # libFuzzer adds what it finds to the first directory: a temporary one, never the repository.
        argv.append(str(_seed_corpus()))
    atheris.Setup(argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
