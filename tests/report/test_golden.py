"""Golden-file tests: the sample report rendered in every machine format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from factcheck.report import FORMATS

from .sample import build_report

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
CASES = [("json", "json"), ("sarif", "sarif"), ("junit", "xml"), ("github", "github.txt"), ("markdown", "md")]


def _without_timestamps(name: str, text: str) -> str:
    """Blank the run's start time, the one field that is a clock reading."""
    if name != "json":
        return text
    data = json.loads(text)
    data["run"]["started"] = ""
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize(("name", "suffix"), CASES)
def test_sample_matches_golden(name: str, suffix: str, update_golden: bool) -> None:
    """Each formatter renders the sample report byte for byte as its reviewed golden file."""
    rendered = _without_timestamps(name, FORMATS[name].render(build_report()))
    golden = GOLDEN / f"sample.{suffix}"
    if update_golden or not golden.exists():
        golden.write_text(rendered, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"{golden} did not exist and was written; review it and commit it")
    assert rendered == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_rendering_is_deterministic(name: str) -> None:
    """Rendering the same report twice yields identical text, for every format."""
    assert FORMATS[name].render(build_report()) == FORMATS[name].render(build_report())


def test_formats_declare_name_and_filename() -> None:
    """Every registered formatter is keyed by its NAME and writes a distinct file."""
    filenames = [module.FILENAME for module in FORMATS.values()]
    assert all(name == module.NAME for name, module in FORMATS.items())
    assert len(set(filenames)) == len(filenames)
    assert {"json", "html", "sarif", "junit", "github", "markdown", "rdjson"} <= set(FORMATS)
