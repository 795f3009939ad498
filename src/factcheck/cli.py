"""The ``factcheck`` command line: thin glue over the engine and the formatters."""

from __future__ import annotations

import enum
import json
import os
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .engine import EXIT_ERROR, EXIT_OK, ConfigError, RunConfig, exit_code

__all__ = ["app", "main"]

app = typer.Typer(
    name="factcheck",
    help="Catch numbers that disagree across articles about the same story, in several languages.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
rules_app = typer.Typer(help="Inspect and validate rule packs.", no_args_is_help=True)
cache_app = typer.Typer(help="Manage the incremental cache.", no_args_is_help=True)
app.add_typer(rules_app, name="rules")
app.add_typer(cache_app, name="cache")


class ExtractFormat(str, enum.Enum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


class ClaimsMode(str, enum.Enum):
    all = "all"
    cited = "cited"


class Engine(str, enum.Enum):
    local = "local"
    dask = "dask"


def _fail(message: str) -> typer.Exit:
    for line in message.splitlines() or [message]:
        typer.echo(f"factcheck: error: {line}", err=True)
    return typer.Exit(EXIT_ERROR)


def _located_errors(exc: Any) -> typer.Exit:
    """Print every located problem of an invalid rule pack, suite or config; exit 2."""
    for error in exc.errors:
        typer.echo(f"factcheck: error: {error}", err=True)
    return typer.Exit(EXIT_ERROR)


def _in_ci() -> bool:
    return bool(os.environ.get("CI")) or os.environ.get("GITHUB_ACTIONS") == "true"


def _console(stderr: bool = False) -> Any:
    from .report.terminal import make_console

    return make_console(sys.stderr if stderr else sys.stdout)


def write_atomic(path: Path, content: str) -> None:
    """Write ``content`` to ``path`` through a temp file and rename, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


@contextmanager
def _interruptible() -> Iterator[None]:
    """Turn SIGTERM into KeyboardInterrupt so both stop the run before any report is replaced."""
    def handler(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _split_formats(values: list[str] | None) -> list[str]:
    formats: list[str] = []
    for value in values or []:
        formats.extend(part.strip() for part in value.split(",") if part.strip())
    return formats


def _load_rules_or_exit(names: list[str], base: Path | None = None) -> Any:
    from .rules import RulePackError, load_rules

    try:
        return load_rules(names, base)
    except RulePackError as exc:
        raise _located_errors(exc) from None


@app.command()
def run(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, directories or globs; none: run checks/*.yaml suites.")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Directory for the reports.")] = None,
    fmt: Annotated[list[str] | None, typer.Option("--format", "-f", help="Output formats, comma-separated: html,json,sarif,junit,github,markdown,rdjson.")] = None,
    rules: Annotated[list[str] | None, typer.Option("--rules", "-r", help="Rule packs by shipped name or path (repeatable).")] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", help="Glob of files to leave out (repeatable).")] = None,
    fail_on: Annotated[str | None, typer.Option(help="Exit 1 on findings at or above: info, warning, error, never.")] = None,
    fail_on_skipped: Annotated[bool, typer.Option(help="Exit 1 when any input file was skipped.")] = False,
    claims: Annotated[ClaimsMode, typer.Option("--claims", help="Which claims report.json carries.")] = ClaimsMode.all,
    claims_table: Annotated[Path | None, typer.Option(help="Write the full claims table to this Parquet/CSV file.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Extraction processes (0: all cores).")] = 0,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Ignore and do not write the incremental cache.")] = False,
    cache_dir: Annotated[Path, typer.Option(help="Incremental cache directory.")] = Path(".factcheck-cache"),
    engine: Annotated[Engine, typer.Option(help="Execution engine.")] = Engine.local,
    scheduler: Annotated[str | None, typer.Option(help="dask.distributed scheduler address (with --engine dask).")] = None,
    rates: Annotated[Path | None, typer.Option(help="A newer ECB history CSV (eurofxref-hist format).")] = None,
    baseline: Annotated[Path | None, typer.Option(help="Report only findings not in this baseline file.")] = None,
    ignore_file: Annotated[Path | None, typer.Option(help="Suppressions file (default: factcheck-ignore.yaml when present).")] = None,
    changed: Annotated[list[str] | None, typer.Option("--changed", help="Changed files: check only their stories (repeatable).")] = None,
    since: Annotated[str | None, typer.Option(help="Check the stories of files changed since this git ref.")] = None,
    max_bytes: Annotated[int, typer.Option(help="Skip input files larger than this.")] = 20_000_000,
    reproducible: Annotated[bool, typer.Option(help="Zero timestamps so outputs are byte-identical.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary.")] = False,
) -> None:
    """Check articles and write the validation report."""
    from .config import SuiteError, discover_suites, load_project_config

    root = Path.cwd()
    try:
        project = load_project_config(root)
    except SuiteError as exc:
        raise _located_errors(exc) from None

    base = RunConfig(
        paths=list(paths or project.get("paths", [])),
        exclude=list(exclude or project.get("exclude", [])),
        rules=list(rules or project.get("rules", ["default"])),
        rates_file=rates,
        fail_on=fail_on or project.get("fail_on", "error"),
        fail_on_skipped=fail_on_skipped,
        formats=_split_formats(fmt) or list(project.get("formats", ["json"])),
        output=output or Path(project.get("output", "factcheck-report")),
        claims_mode=claims.value,
        jobs=jobs or int(project.get("jobs", 0)),
        use_cache=not no_cache,
        cache_dir=cache_dir,
        engine=engine.value,
        scheduler=scheduler,
        max_bytes=max_bytes or int(project.get("max_bytes", 20_000_000)),
        baseline=baseline or (Path(project.get("baseline")) if project.get("baseline") else None),
        ignore_file=ignore_file or _default_ignore_file(root, project.get("ignore")),
        changed=list(changed) if changed else None,
        since=since,
        reproducible=reproducible,
        short_lived=True,
        keep_claims=claims_table is not None,
    )
    if base.fail_on not in ("info", "warning", "error", "never"):
        raise _fail(f"--fail-on must be one of info, warning, error, never (got '{base.fail_on}')")
    if base.paths:
        configs = [base]
    else:
        try:
            suites = discover_suites(root)
        except SuiteError as exc:
            raise _located_errors(exc) from None
        if not suites:
            raise _fail("no paths given and no check suites in checks/*.yaml (try `factcheck init`)")
        configs = [_suite_config(base, suite, explicit_output=output is not None, explicit_formats=bool(fmt),
                                 explicit_fail_on=fail_on is not None) for suite in suites]
    worst = EXIT_OK
    for config in configs:
        worst = max(worst, _run_one(config, claims_table, quiet))
    raise typer.Exit(worst)


def _default_ignore_file(root: Path, configured: str | None) -> Path | None:
    if configured:
        return Path(configured)
    candidate = root / "factcheck-ignore.yaml"
    return candidate if candidate.is_file() else None


def _suite_config(base: RunConfig, suite: Any, *, explicit_output: bool, explicit_formats: bool,
                  explicit_fail_on: bool) -> RunConfig:
    from dataclasses import replace

    return replace(
        base,
        paths=[str(suite.root / a) for a in suite.articles],
        root=suite.root,
        exclude=base.exclude + suite.exclude,
        rules=[r if "/" not in r and not r.endswith(".yaml") else str(suite.root / r) for r in suite.rules],
        severities=dict(suite.checks),
        fail_on=base.fail_on if explicit_fail_on else suite.fail_on,
        formats=base.formats if explicit_formats else list(suite.outputs),
        output=(base.output if explicit_output else Path("factcheck-report")) / suite.name,
        baseline=base.baseline or (suite.root / suite.baseline if suite.baseline else None),
        ignore_file=base.ignore_file or (suite.root / suite.ignore if suite.ignore else None),
        suite=suite.name,
    )


def _run_one(config: RunConfig, claims_table: Path | None, quiet: bool) -> int:
    from .engine import run as run_engine
    from .report import FORMATS
    from .rules import RulePackError

    unknown = [f for f in config.formats if f not in FORMATS]
    if unknown:
        raise _fail(f"unknown format '{unknown[0]}' (known: {', '.join(sorted(FORMATS))})")
    formats = list(config.formats)
    if os.environ.get("GITHUB_ACTIONS") == "true" and "github" not in formats:
        formats.append("github")

    console = _console()
    try:
        with _interruptible(), _progress(config) as progress:
            config.progress = progress
            report = run_engine(config)
            rendered = {name: FORMATS[name].render(report) for name in formats}
    except KeyboardInterrupt:
        typer.echo("factcheck: interrupted; previous reports left as they were", err=True)
        return 130
    except RulePackError as exc:
        raise _located_errors(exc) from None
    except ConfigError as exc:
        raise _fail(str(exc)) from None

    for name, content in rendered.items():
        module = FORMATS[name]
        if name == "github":
            sys.stdout.write(content)
            summary = os.environ.get("GITHUB_STEP_SUMMARY")
            if summary:
                with open(summary, "a", encoding="utf-8") as handle:
                    handle.write(FORMATS["markdown"].render(report))
            continue
        write_atomic(config.output / module.FILENAME, content)
    if claims_table is not None:
        _write_claims_table(report, claims_table)

    from .report.terminal import print_report, print_summary

    (print_summary if quiet else print_report)(report, console)
    written = ", ".join(str(config.output / FORMATS[n].FILENAME) for n in formats if n != "github")
    if written:
        console.print(f"reports: {written}")
    return exit_code(report, config.fail_on, config.fail_on_skipped)


@contextmanager
def _progress(config: RunConfig) -> Iterator[Any]:
    """A progress bar on a TTY outside CI; nothing otherwise."""
    if not sys.stderr.isatty() or _in_ci() or "NO_COLOR" in os.environ:
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True, console=_console(stderr=True)) as bar:
        task = bar.add_task("extracting", total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def _write_claims_table(report: Any, path: Path) -> None:
    import pandas as pd

    frame = pd.DataFrame([c.to_dict() for c in report.claims])
    for column in ("bound", "relative", "qualifiers", "parts"):
        if column in frame:
            frame[column] = frame[column].map(lambda v: json.dumps(v, ensure_ascii=False) if v is not None else None)
    frame["canonical_value"] = frame["canonical_value"].map(lambda v: None if v is None else str(v))
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix == ".parquet":
        try:
            frame.to_parquet(path, index=False)
        except ImportError as exc:
            raise _fail(f"--claims-table {path}: writing Parquet needs pyarrow ({exc.name or 'pyarrow'} missing)") from None
    else:
        frame.to_csv(path, index=False)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or globs.")],
    fmt: Annotated[ExtractFormat, typer.Option("--format", "-f", help="jsonl, csv or a table for people.")] = ExtractFormat.jsonl,
    rules: Annotated[list[str] | None, typer.Option("--rules", "-r", help="Rule packs (repeatable).")] = None,
    exclude: Annotated[list[str] | None, typer.Option("--exclude", help="Glob to leave out (repeatable).")] = None,
) -> None:
    """Print every claim found in the articles (DESIGN.md claim fields)."""
    from .engine import extract_only

    ruleset = _load_rules_or_exit(list(rules or ["default"]))
    try:
        documents, claims, findings = extract_only(paths, ruleset, exclude=list(exclude or []))
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    for finding in findings:
        path, line, column = finding.location
        typer.echo(f"{path}:{line}:{column}: {finding.severity.value} [{finding.check}] {finding.message}", err=True)
    rows = [c.to_dict() for c in claims]
    if fmt is ExtractFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False, sort_keys=True) + "\n")
    elif fmt is ExtractFormat.csv:
        import csv

        fields = list(rows[0]) if rows else ["id", "path", "start", "end", "quote", "kind", "value", "unit"]
        writer = csv.DictWriter(sys.stdout, fieldnames=fields)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: json.dumps(v, ensure_ascii=False) if isinstance(v, dict | list) else v
                             for k, v in row.items()})
    else:
        from rich.table import Table

        table = Table("id", "file:line", "quote", "kind", "value", "unit", "canonical", "fact/concept", title="claims")
        for claim in claims:
            canonical = "" if claim.canonical_value is None else f"{claim.canonical_value} {claim.canonical_unit or ''}"
            table.add_row(claim.id, f"{claim.path}:{claim.line}", claim.quote, claim.kind.value,
                          "" if claim.value is None else f"{claim.value:g}", claim.unit or "", canonical,
                          claim.concept or "")
        _console().print(table)
    skipped = [d for d in documents if d.status.value == "skipped"]
    for doc in skipped:
        typer.echo(f"{doc.path}: skipped: {doc.reason}", err=True)


@app.command()
def hook(
    files: Annotated[list[str] | None, typer.Argument(help="Changed files (pre-commit passes the staged ones).")] = None,
    rules: Annotated[list[str] | None, typer.Option("--rules", "-r")] = None,
) -> None:
    """Pre-commit entry: check the stories of the given files against the whole project."""
    from .config import SuiteError, load_project_config

    try:
        project = load_project_config(Path.cwd())
    except SuiteError as exc:
        raise _fail(str(exc)) from None
    if not files:
        raise typer.Exit(EXIT_OK)
    config = RunConfig(
        paths=list(project.get("paths", ["."])),
        exclude=list(project.get("exclude", [])),
        rules=list(rules or project.get("rules", ["default"])),
        fail_on=project.get("fail_on", "error"),
        formats=[],
        changed=list(files),
    )
    raise typer.Exit(_run_one(config, None, quiet=False))


@app.command()
def explain(check: Annotated[str, typer.Argument(help="A check id, e.g. fact-agreement.")]) -> None:
    """Print a check's documentation."""
    from .checks import documentation

    try:
        typer.echo(documentation(check))
    except KeyError as exc:
        raise _fail(str(exc.args[0]) if exc.args else f"unknown check '{check}'") from None


@app.command("baseline")
def write_baseline_command(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, directories or globs.")] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Baseline file to write.")] = Path("factcheck-baseline.json"),
    rules: Annotated[list[str] | None, typer.Option("--rules", "-r")] = None,
) -> None:
    """Record the current findings so later runs with --baseline report only new ones."""
    from .baseline import write_baseline
    from .engine import run as run_engine
    from .rules import RulePackError

    config = RunConfig(paths=list(paths or ["."]), rules=list(rules or ["default"]), formats=[])
    try:
        report = run_engine(config)
    except RulePackError as exc:
        raise _located_errors(exc) from None
    except ConfigError as exc:
        raise _fail(str(exc)) from None
    write_baseline(output, list(report.active_findings()))
    typer.echo(f"baseline: {sum(1 for _ in report.active_findings())} findings written to {output}")


@app.command()
def init(force: Annotated[bool, typer.Option(help="Overwrite existing files.")] = False) -> None:
    """Write a starter factcheck.toml and check suite."""
    from .config import STARTER_CONFIG, STARTER_SUITE

    targets = {Path("factcheck.toml"): STARTER_CONFIG, Path("checks/content.yaml"): STARTER_SUITE}
    for path, content in targets.items():
        if path.exists() and not force:
            typer.echo(f"{path}: exists, left as it is (use --force to overwrite)")
            continue
        write_atomic(path, content)
        typer.echo(f"{path}: written")


@rules_app.command("validate")
def rules_validate(
    paths: Annotated[list[str] | None, typer.Argument(help="Rule pack files or directories; none: the shipped packs.")] = None,
) -> None:
    """Validate rule packs; print every problem with file, line and column."""
    from .rules import shipped_packs, validate_pack_files

    files: list[Path] = []
    for name in paths or []:
        candidate = Path(name)
        if candidate.is_dir():
            files.extend(sorted(candidate.rglob("*.yaml")))
        elif candidate.is_file():
            files.append(candidate)
        else:
            raise _fail(f"{name}: no such rule pack file or directory")
    if not paths:
        files = list(shipped_packs().values())
    _loaded, errors = validate_pack_files(files)
    for error in errors:
        typer.echo(str(error), err=True)
    if errors:
        typer.echo(f"{len(errors)} problem(s) in {len(files)} rule pack(s)", err=True)
        raise typer.Exit(EXIT_ERROR)
    typer.echo(f"{len(files)} rule pack(s) valid")


@rules_app.command("list")
def rules_list() -> None:
    """List the shipped rule packs."""
    from .rules import shipped_packs

    for name, path in shipped_packs().items():
        typer.echo(f"{name}\t{path}")


@cache_app.command("clear")
def cache_clear(cache_dir: Annotated[Path, typer.Option(help="Cache directory.")] = Path(".factcheck-cache")) -> None:
    """Delete the incremental cache."""
    import shutil

    if cache_dir.exists():
        shutil.rmtree(cache_dir)
        typer.echo(f"{cache_dir}: cleared")
    else:
        typer.echo(f"{cache_dir}: no cache")


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(f"factcheck {__version__}")


def main() -> None:
    """Console entry point: no traceback reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        typer.echo("factcheck: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:
        if os.environ.get("FACTCHECK_DEBUG"):
            raise
        typer.echo(f"factcheck: internal error: {type(exc).__name__}: {exc} (set FACTCHECK_DEBUG=1 for details)",
                   err=True)
        sys.exit(EXIT_ERROR)
