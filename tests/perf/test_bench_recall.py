"""The benchmark's recall scoring matches findings to planted contradictions by file and span."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

from factcheck.synth import GroundTruth, PlantedContradiction

BENCH = Path(__file__).resolve().parents[2] / "bench" / "run_bench.py"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("run_bench", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["run_bench"] = module
    spec.loader.exec_module(module)
    return module


def _planted(path: str, start: int, end: int) -> PlantedContradiction:
    return PlantedContradiction(path=path, story="s1", fact="factories", lang="it", quote="x" * (end - start),
                                start=start, end=end, right_value=1000.0, wrong_value=100.0, unit="factory")


def test_recall_counts_overlapping_cited_claims_and_lists_misses(tmp_path: Path) -> None:
    """A planted figure counts as found only when a finding cites a claim overlapping it in the same file."""
    truth = GroundTruth(root=str(tmp_path), seed=0, n_articles=3,
                        contradictions=[_planted("000001-it.md", 40, 53), _planted("000002-en.md", 10, 20)])
    report = {
        "claims": [
            {"id": "c1", "path": "corpus/000001-it.md", "start": 40, "end": 53},
            {"id": "c2", "path": "corpus/000003-zh.md", "start": 10, "end": 20},
            {"id": "c3", "path": "corpus/000002-en.md", "start": 30, "end": 35},
        ],
        "findings": [
            {"check": "fact-agreement", "severity": "error", "claims": ["c1", "c2"]},
            {"check": "fact-agreement", "severity": "error", "claims": ["c3"]},
        ],
        "summary": {},
    }
    path = tmp_path / "report.json"
    path.write_text(json.dumps(report), encoding="utf-8")
    scored = _bench().recall(path, truth)
    assert scored["found"] == 1 and scored["planted"] == 2
    assert [m["path"] for m in scored["missed"]] == ["000002-en.md"]
    assert scored["error_findings"] == 2
