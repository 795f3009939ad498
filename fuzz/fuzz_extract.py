"""Fuzz ingest + extraction with atheris: arbitrary bytes must never crash either.

Each input is written as a file (suffix picked by its first byte: .md, .txt,
.html) and ingested with :func:`factcheck.ingest.load_document` (decoding,
front matter, masking, boilerplate, language and dateline detection), then its
claims are extracted for the detected language and for each shipped language.
Invariants: no exception, every claim's span lies inside the text, and
``text[start:end] == quote``.

Run ``python fuzz/fuzz_extract.py -max_total_time=300`` (``nox -s fuzz``);
libFuzzer options pass through.  It prints executions per second at the end.
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


def check(data: bytes) -> None:
    """Ingest and extract one input, asserting the span invariants."""
    STATS["runs"] += 1
    if time.perf_counter() - STATS["shown"] > REPORT_EVERY_S:
        STATS["shown"] = time.perf_counter()
        _report()
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


def main() -> None:
    """Start libFuzzer on :func:`check`."""
    import atexit
    import shutil

    atexit.register(shutil.rmtree, WORKDIR, True)
    atexit.register(_report)
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
