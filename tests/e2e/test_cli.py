"""End-to-end behaviour of the command line: exit codes, outputs, determinism, isolation."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from factcheck.cli import app, write_atomic

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "seeds"
runner = CliRunner()


def _run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    old = Path.cwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(app, args)
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A copy of the bundled seed corpus in a scratch directory."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def test_run_on_seeds_writes_report_and_fails(corpus: Path) -> None:
    """The seed corpus holds contradictions, so run exits 1 and report.json lists every file."""
    code, _out, _err = _run(["run", "seeds", "--format", "json", "--output", "out", "--no-cache"], corpus.parent)
    assert code == 1
    report = json.loads((corpus.parent / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["schema_version"] == 1
    assert len(report["documents"]) == 5
    assert all(d["status"] == "checked" for d in report["documents"])
    ids = {c["id"] for c in report["claims"]}
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert errors, "the seed corpus has contradictions"
    for finding in errors:
        assert len(finding["claims"]) >= 2 and set(finding["claims"]) <= ids


def test_run_without_paths_uses_suites(tmp_path: Path) -> None:
    """With no paths, run executes every suite in checks/ into factcheck-report/<suite>/."""
    shutil.copytree(SEEDS, tmp_path / "articles")
    (tmp_path / "checks").mkdir()
    (tmp_path / "checks" / "news.yaml").write_text("articles: [articles]\noutputs: [json]\nfail_on: never\n")
    code, _out, _err = _run(["run", "--no-cache"], tmp_path)
    assert code == 0
    assert (tmp_path / "factcheck-report" / "news" / "report.json").is_file()


def test_invalid_rule_pack_exits_2_with_location(corpus: Path) -> None:
    """A broken rule pack stops the run with exit 2 and a file:line message, no traceback."""
    pack = corpus.parent / "bad.yaml"
    pack.write_text("version: 1\nrules:\n  - id: x\n    check: fact-agreement\n    severity: fatal\n")
    code, _out, err = _run(["run", "seeds", "--rules", "default", "--rules", "bad.yaml", "--no-cache"], corpus.parent)
    assert code == 2
    assert "bad.yaml:5:15" in err and "Traceback" not in err


def test_no_input_exits_2(tmp_path: Path) -> None:
    """A path with no readable articles is a usage error."""
    (tmp_path / "empty").mkdir()
    code, _out, err = _run(["run", "empty", "--no-cache"], tmp_path)
    assert code == 2 and "factcheck: error:" in err


def test_unknown_format_exits_2(corpus: Path) -> None:
    """An unknown output format names the known ones."""
    code, _out, err = _run(["run", "seeds", "--format", "pdf", "--no-cache"], corpus.parent)
    assert code == 2 and "unknown format 'pdf'" in err


def test_skipped_file_fails_only_with_flag(tmp_path: Path) -> None:
    """A binary file is skipped with its reason; it changes the exit code only with --fail-on-skipped."""
    articles = tmp_path / "a"
    articles.mkdir()
    (articles / "ok.md").write_text("---\nlang: en\npublished: 2021-03-01\n---\nThe plant employs 2,500 people.\n")
    (articles / "blob.md").write_bytes(b"\x00\x01\x02\x89PNG\x00" * 50)
    code, _out, _err = _run(["run", "a", "--output", "o", "--no-cache"], tmp_path)
    assert code == 0
    report = json.loads((tmp_path / "o" / "report.json").read_text())
    skipped = [d for d in report["documents"] if d["status"] == "skipped"]
    assert [d["path"] for d in skipped] == ["a/blob.md"] and skipped[0]["reason"]
    code, _out, _err = _run(["run", "a", "--output", "o", "--no-cache", "--fail-on-skipped"], tmp_path)
    assert code == 1


def test_outputs_are_byte_identical_across_runs(corpus: Path) -> None:
    """Same inputs and --reproducible give byte-identical machine outputs."""
    formats = "json,sarif,junit,markdown"
    outputs = []
    for name in ("one", "two"):
        _run(["run", "seeds", "--format", formats, "--output", name, "--reproducible", "--no-cache"], corpus.parent)
        outputs.append({p.name: p.read_bytes() for p in sorted((corpus.parent / name).iterdir())})
    assert outputs[0] == outputs[1] and len(outputs[0]) == 4


def test_jobs_do_not_change_results(tmp_path: Path) -> None:
    """Extraction in several processes gives the same report as one process."""
    for index in range(14):
        shutil.copytree(SEEDS, tmp_path / "corpus" / f"set{index:02d}")
    reports = []
    for jobs in ("1", "2"):
        _run(["run", "corpus", "--format", "json", "--output", f"j{jobs}", "--jobs", jobs, "--reproducible",
              "--no-cache"], tmp_path)
        reports.append((tmp_path / f"j{jobs}" / "report.json").read_bytes())
    assert reports[0] == reports[1]


def test_write_atomic_keeps_previous_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An interrupted write leaves the previous report in place and no temp file behind."""
    target = tmp_path / "report.json"
    target.write_text("previous")

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "new")
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def _cli(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", "from factcheck.cli import main; main()", *args], cwd=cwd,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def test_sigterm_leaves_previous_report(tmp_path: Path) -> None:
    """A run stopped by SIGTERM exits non-zero and leaves the previous report intact."""
    for index in range(60):
        shutil.copytree(SEEDS, tmp_path / "corpus" / f"set{index:02d}")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "report.json").write_text("previous")
    process = _cli(["run", "corpus", "--output", "out", "--no-cache", "--jobs", "1"], tmp_path)
    time.sleep(2.5)
    process.send_signal(signal.SIGTERM)
    _out, err = process.communicate(timeout=120)
    assert process.returncode != 0
    assert (tmp_path / "out" / "report.json").read_text() == "previous"
    assert "Traceback" not in err


def test_no_network_access(corpus: Path, tmp_path: Path) -> None:
    """A full run with sockets blocked still succeeds: nothing touches the network."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(
        "import socket\n"
        "def _blocked(*a, **k):\n    raise RuntimeError('network access attempted')\n"
        "socket.socket.connect = _blocked\nsocket.create_connection = _blocked\nsocket.getaddrinfo = _blocked\n"
    )
    env = {"PYTHONPATH": str(guard) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    process = _cli(["run", "seeds", "--format", "json,html,sarif", "--output", "out", "--no-cache"], corpus.parent, env)
    _out, err = process.communicate(timeout=300)
    assert process.returncode in (0, 1), err
    assert "network access attempted" not in err


def test_help_does_not_import_heavy_dependencies() -> None:
    """Importing the CLI pays for neither great-expectations nor pandas."""
    code = "import sys, factcheck.cli; print(sorted(m for m in ('great_expectations', 'pandas', 'dask') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_seed_report_validates_against_shipped_schema(corpus: Path) -> None:
    """The report.json of a real run validates against the JSON Schema shipped in the package."""
    import jsonschema

    from factcheck.report.json import SCHEMA_PATH

    _run(["run", "seeds", "--format", "json", "--output", "out", "--no-cache"], corpus.parent)
    report = json.loads((corpus.parent / "out" / "report.json").read_text(encoding="utf-8"))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(report, schema)


def test_claims_cited_keeps_only_cited_claims(corpus: Path) -> None:
    """--claims cited keeps report.json proportional to the findings."""
    _run(["run", "seeds", "--format", "json", "--output", "out", "--no-cache", "--claims", "cited"], corpus.parent)
    report = json.loads((corpus.parent / "out" / "report.json").read_text(encoding="utf-8"))
    cited = {cid for f in report["findings"] for cid in f["claims"]}
    assert {c["id"] for c in report["claims"]} == cited
    assert report["summary"]["claims"] > len(cited)


def test_extract_jsonl_spans_match_quotes(corpus: Path) -> None:
    """factcheck extract prints one claim per line whose span matches its quote in the file."""
    code, out, _err = _run(["extract", "seeds", "--format", "jsonl"], corpus.parent)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) > 20
    for row in rows:
        text = (corpus.parent / row["path"]).read_text(encoding="utf-8")
        assert text[row["start"]:row["end"]] == row["quote"]


def test_explain_prints_check_documentation(tmp_path: Path) -> None:
    """factcheck explain prints a check's docstring; an unknown id exits 2."""
    code, out, _err = _run(["explain", "fact-agreement"], tmp_path)
    assert code == 0 and "*Why*" in out
    code, _out, err = _run(["explain", "nope"], tmp_path)
    assert code == 2 and "fact-agreement" in err


def test_init_writes_starter_files(tmp_path: Path) -> None:
    """factcheck init writes a config and a suite that the run then accepts."""
    code, _out, _err = _run(["init"], tmp_path)
    assert code == 0
    assert (tmp_path / "factcheck.toml").is_file() and (tmp_path / "checks" / "content.yaml").is_file()


def test_malformed_ignore_file_exits_2(corpus: Path) -> None:
    """A broken factcheck-ignore.yaml is a configuration error with its location, not a traceback."""
    (corpus.parent / "factcheck-ignore.yaml").write_text("- fingerprint: [\n")
    code, _out, err = _run(["run", "seeds", "--no-cache", "--output", "o"], corpus.parent)
    assert code == 2 and "factcheck-ignore.yaml" in err and "Traceback" not in err


def test_baseline_hides_known_findings(corpus: Path) -> None:
    """After `factcheck baseline`, a run with --baseline reports no old finding and exits 0."""
    code, _out, _err = _run(["baseline", "seeds", "-o", "base.json"], corpus.parent)
    assert code == 0
    code, _out, _err = _run(["run", "seeds", "--baseline", "base.json", "--no-cache", "--output", "o"], corpus.parent)
    assert code == 0
    report = json.loads((corpus.parent / "o" / "report.json").read_text(encoding="utf-8"))
    assert report["findings"] and all(f["suppressed"] for f in report["findings"] if f["severity"] == "error")


def test_changed_scope_reports_only_findings_touching_changed_files(corpus: Path) -> None:
    """--changed keeps findings that cite the changed file and drops those that involve none."""
    args = ["run", "seeds", "--format", "json", "--no-cache", "--output"]
    _run([*args, "all"], corpus.parent)
    everything = json.loads((corpus.parent / "all" / "report.json").read_text(encoding="utf-8"))
    korean = "seeds/002_f67d130325da7e18.txt"
    _run([*args, "ko", "--changed", korean], corpus.parent)
    scoped = json.loads((corpus.parent / "ko" / "report.json").read_text(encoding="utf-8"))
    claims = {c["id"]: c["path"] for c in scoped["claims"]}
    assert scoped["findings"], "the Korean article takes part in a contradiction"
    assert len(scoped["findings"]) < len(everything["findings"])
    for finding in scoped["findings"]:
        assert korean in {claims[c] for c in finding["claims"]} | {finding["path"]}


def test_hook_checks_staged_files_against_the_project(corpus: Path) -> None:
    """The pre-commit entry checks the given files' stories against the project's paths."""
    (corpus.parent / "factcheck.toml").write_text('paths = ["seeds"]\n')
    code, out, _err = _run(["hook", "seeds/003_7650b45b2ca7b2dc.txt"], corpus.parent)
    assert code == 0, out
    code, out, _err = _run(["hook", "seeds/002_f67d130325da7e18.txt"], corpus.parent)
    assert code == 1 and "fact-agreement" in out


def test_bad_rates_file_exits_2(corpus: Path) -> None:
    """A --rates file that is no ECB history is a configuration error naming the file."""
    (corpus.parent / "rates.csv").write_text("garbage\n1,2\n")
    code, _out, err = _run(["run", "seeds", "--rates", "rates.csv", "--no-cache"], corpus.parent)
    assert code == 2 and "rates.csv" in err and "internal error" not in err


def test_claims_table_written_as_parquet(corpus: Path) -> None:
    """--claims-table writes the full claims table, one row per claim, while report.json keeps only cited ones."""
    import pandas as pd

    _run(["run", "seeds", "--no-cache", "--output", "o", "--claims", "cited", "--claims-table", "claims.parquet"],
         corpus.parent)
    table = pd.read_parquet(corpus.parent / "claims.parquet")
    report = json.loads((corpus.parent / "o" / "report.json").read_text(encoding="utf-8"))
    assert len(table) == report["summary"]["claims"] > len(report["claims"])
    assert {"id", "path", "start", "end", "quote", "kind", "canonical_value"} <= set(table.columns)
