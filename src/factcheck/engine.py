"""The pipeline: ingest, extract, normalize, validate the table, check, suppress.

``run`` turns a :class:`RunConfig` into a :class:`~factcheck.model.Report`.
Everything is collected before reporting; a crash inside one document becomes
an engine finding for that document, not a lost run.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import os
import signal
import subprocess
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from . import __version__
from .model import Claim, Document, Fact, Finding, Report, Severity, Status, column_of, line_of
from .rules import RuleSet, load_rules

if TYPE_CHECKING:
    from .cache import ClaimCache
    from .fx import FxTable
    from .incremental import AnalysisStore, Snapshot, Spool, StoryResult, StorySummary
    from .ingest import Corpus, Reuse

__all__ = [
    "EXIT_ERROR",
    "EXIT_FINDINGS",
    "EXIT_OK",
    "ConfigError",
    "RunConfig",
    "exit_code",
    "extract_only",
    "process_document",
    "run",
]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2

# Below this many documents, worker start-up costs more than it saves.
PARALLEL_THRESHOLD = 24


class ConfigError(Exception):
    """A usage or configuration problem: the CLI prints it as one line and exits 2."""


@dataclass
class RunConfig:
    """Everything one run needs; the CLI and suites build it."""

    paths: list[str]
    exclude: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=lambda: ["default"])
    rules_base: Path | None = None
    rates_file: Path | None = None
    severities: dict[str, str] = field(default_factory=dict)
    enabled: list[str] | None = None
    fail_on: str = "error"
    fail_on_skipped: bool = False
    formats: list[str] = field(default_factory=lambda: ["json"])
    output: Path = Path("factcheck-report")
    # "cited": report.json carries only the claims findings cite, and the Report holds only those
    # (with the others' counts) unless a format or ``keep_claims`` needs them all (see _cites_only)
    claims_mode: str = "all"
    jobs: int = 0
    use_cache: bool = True
    cache_dir: Path = Path(".factcheck-cache")
    engine: str = "local"
    scheduler: str | None = None
    max_bytes: int = 20_000_000
    baseline: Path | None = None
    ignore_file: Path | None = None
    changed: list[str] | None = None
    since: str | None = None
    reproducible: bool = False
    suite: str | None = None
    # a suite's repository root: manifests and article paths may not escape it
    root: Path | None = None
    progress: Callable[[int, int], None] | None = None
    # the caller ends soon after the run (the command line): the run's objects are frozen when
    # the cycle collector resumes, instead of walked by its first pass
    short_lived: bool = False
    # keep every claim in the report even when report.json carries only the cited ones (a claims table)
    keep_claims: bool = False


def process_document(doc: Document, ruleset: RuleSet, fx: FxTable) -> tuple[list[Claim], list[Finding]]:
    """Extract and normalize the claims of one checked document (ids not yet assigned)."""
    from .extract import extract_claims
    from .normalize import normalize_claims

    try:
        claims = extract_claims(doc, ruleset)
        normalized, findings = normalize_claims(claims, doc, fx, ruleset)
    except Exception as exc:  # a bug on one article must not lose the run
        return [], [_document_finding(doc, "engine", Severity.ERROR, f"extraction failed: {type(exc).__name__}: {exc}")]
    return list(normalized), list(findings)


def _document_finding(doc: Document, check: str, severity: Severity, message: str, line: int = 1) -> Finding:
    return Finding(check=check, severity=severity, message=message, path=doc.path, line=line, column=1)


DocumentResult = tuple[list[Claim], list[Finding]]


def process_documents(documents: Sequence[Document], ruleset: RuleSet, fx: FxTable) -> list[DocumentResult]:
    """Extract, normalize and validate a batch of checked documents.

    Returns per document its claims (numbered within the batch, line and
    column set) and its findings: extraction's, then a ``claims-schema``
    warning per claim the pandera schema rejects.  Validation is row by row,
    so a document's verdict does not depend on its batch, and it is cached
    with the claims: a later run validates only what it extracts again.
    """
    return _validated(documents, [process_document(doc, ruleset, fx) for doc in documents], ruleset)


def _validated(documents: Sequence[Document], raw: Sequence[DocumentResult], ruleset: RuleSet) -> list[DocumentResult]:
    """Number and validate the claims of extracted documents; add each document's schema findings."""
    from .table import validate_claims

    texts = {d.path: d.text for d in documents}
    numbered = _assign_claim_ids([c for claims, _findings in raw for c in claims], texts)
    schema = validate_claims(numbered, texts, ruleset)
    claims_of: dict[str, list[Claim]] = {d.path: [] for d in documents}
    for claim in numbered:
        claims_of[claim.path].append(claim)
    findings_of = {doc.path: _cite_by_span(list(findings), claims_of[doc.path])
                   for doc, (_claims, findings) in zip(documents, raw, strict=True)}
    for finding in schema:
        # a table-wide problem cites no claim: the batch's first document carries it
        path = finding.claims[0].path if finding.claims else documents[0].path
        findings_of[path].append(finding)
    return [(claims_of[d.path], findings_of[d.path]) for d in documents]


# Worker state for process pools: each worker loads rules and rates once.
_WORKER: dict[str, object] = {}


def _worker_init(rule_names: tuple[str, ...], rules_base: str | None, glossary: dict[str, list[str]],
                 rates_file: str | None) -> None:
    from .fx import FxTable

    gc.enable()  # forked from a run that paused it: a long-lived worker collects its own cycles
    ruleset = load_rules(rule_names, Path(rules_base) if rules_base else None).with_glossary(glossary)
    _WORKER["ruleset"] = ruleset
    _WORKER["fx"] = FxTable.load(Path(rates_file) if rates_file else None)


def _worker_adopt(ruleset: RuleSet, rates_file: Path | None) -> None:
    """Initialize a forked worker with the parent's rule set (inherited, not reloaded) and lazy rates."""
    _WORKER["ruleset"] = ruleset
    _WORKER["fx"] = _rates(rates_file)


def _worker_batch(documents: Sequence[Document]) -> list[tuple[DocumentResult, bytes]]:
    """Extract a batch and encode each document's cache entry here, in parallel, not in the parent."""
    from .cache import encode_entry

    ruleset = _WORKER["ruleset"]
    assert isinstance(ruleset, RuleSet)
    results = process_documents(documents, ruleset, _WORKER["fx"])  # type: ignore[arg-type]
    return [(result, encode_entry(*result)) for result in results]


class _RatesOnDemand:
    """The bundled rate table, parsed on first use: a run whose new claims state no amount never reads it."""

    def __init__(self) -> None:
        self._table: FxTable | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") or name == "_table":
            raise AttributeError(name)
        if self._table is None:
            from .fx import FxTable

            self._table = FxTable.load(None)
        return getattr(self._table, name)


def _rates(rates_file: Path | None) -> FxTable:
    """Return the rate table: a ``--rates`` file is read (and checked) now, the bundled one on first use."""
    if rates_file is not None:
        return _load_rates(rates_file)
    return cast("FxTable", _RatesOnDemand())


class _Prefetch:
    """A forked worker that extracts the edited documents of an incremental run while this process works.

    An incremental run spends most of its time on fixed costs on two sides:
    extracting the edited articles needs the schema library imported, the
    unit registry built and the rate table read; the snapshot needs
    decoding and the grouping updating.  The worker starts as soon as the
    rule packs are loaded and warms up while the inputs are read; it then
    extracts the documents it is sent.  On two cores both sides overlap.
    Any failure of the worker only means the main process extracts.
    """

    def __init__(self, ruleset: RuleSet, rates_file: Path | None) -> None:
        import multiprocessing

        self._connection, child = multiprocessing.get_context("fork").Pipe()
        # a bare fork: the helper is reaped when it is done, never waited for (taking down a
        # process that shares this one's memory costs the kernel a noticeable fraction of a second)
        _reap()
        self._pid = os.fork()
        if self._pid == 0:  # pragma: no cover - runs in the helper, which ends in os._exit
            try:
                self._connection.close()
                _prefetch_worker(child, ruleset, rates_file)
            finally:
                os._exit(0)
        child.close()
        self.paths: list[str] = []

    def submit(self, documents: Sequence[Document], glossary: dict[str, list[str]]) -> None:
        """Send the documents to extract (an empty list lets the worker go)."""
        self.paths = [d.path for d in documents]
        try:
            self._connection.send((list(documents), glossary) if documents else None)
        except (OSError, ValueError):
            self.paths = []

    def results(self) -> dict[str, DocumentResult]:
        """Return path -> result of the documents sent; empty when the worker failed."""
        if not self.paths:
            return {}
        try:
            # a helper that cannot finish (forked while another thread held a lock it needs) must
            # not stall the run: past the wait, this process extracts the documents itself
            if not self._connection.poll(PREFETCH_WAIT_S):
                return {}
            return dict(zip(self.paths, self._connection.recv(), strict=True))
        except (OSError, EOFError, ValueError, TypeError):
            return {}
        finally:
            self.paths = []

    def close(self) -> None:
        """Stop the worker if it still runs, without waiting for it to end."""
        with contextlib.suppress(OSError, ValueError):
            self._connection.close()
        with contextlib.suppress(OSError):
            finished, _status = os.waitpid(self._pid, os.WNOHANG)
            if not finished:
                os.kill(self._pid, signal.SIGTERM)
                _UNREAPED.append(self._pid)  # reaped by a later run in this process, or with it


# The longest an incremental run waits for the extraction helper before extracting itself.
PREFETCH_WAIT_S = 60.0
# helpers stopped but not yet reaped
_UNREAPED: list[int] = []


def _reap() -> None:
    """Collect the helpers that have ended since they were stopped."""
    for pid in list(_UNREAPED):
        try:
            finished, _status = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            finished = pid
        if finished:
            _UNREAPED.remove(pid)


def _prefetch_worker(connection: Any, ruleset: RuleSet, rates_file: Path | None) -> None:
    # the command's own SIGTERM handling is for the run, not for this helper: stopped, it just ends
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        from . import table, units  # the schema library and the unit registry, while the parent reads inputs

        del table
        units.registry(ruleset)
        fx = _rates(rates_file)
        message = connection.recv()
        if message is None:
            return
        documents, glossary = message
        connection.send(process_documents(documents, ruleset.with_glossary(glossary), fx))
    except Exception:  # the parent extracts what it does not receive
        return
    finally:
        connection.close()
        # nothing of this forked helper needs tearing down (its parent owns every file and the cache)
        os._exit(0)


def _start_prefetch(ruleset: RuleSet, config: RunConfig) -> _Prefetch | None:
    """Start the extraction worker of an incremental run, when a spare core and fork are there."""
    import multiprocessing

    if config.engine != "local" or (config.jobs or os.cpu_count() or 1) < 2 \
            or "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        return _Prefetch(ruleset, config.rates_file)
    except OSError:
        return None


def _extract_all(documents: Sequence[Document], ruleset: RuleSet, fx: FxTable, config: RunConfig,
                 glossary: dict[str, list[str]],
                 prefetched: _Prefetch | None = None) -> dict[str, DocumentResult]:
    """Return path -> (claims, findings) of the checked documents, from the cache or extracted now."""
    checked = [d for d in documents if d.status is Status.CHECKED]
    if config.engine == "dask":
        from .dask_engine import extract_with_dask

        dask_claims, dask_findings, _stats = extract_with_dask(
            checked, ruleset, fx, config.scheduler, n_workers=config.jobs or 2, cache=_open_cache(config, ruleset))
        raw: dict[str, tuple[list[Claim], list[Finding]]] = {d.path: ([], []) for d in checked}
        for claim in dask_claims:
            raw[claim.path][0].append(claim)
        for finding in dask_findings:
            raw[finding.location[0]][1].append(finding)
        return dict(zip(raw, _validated(checked, list(raw.values()), ruleset), strict=True)) if checked else {}

    cache = _open_cache(config, ruleset)
    results: dict[str, DocumentResult] = {}
    todo: list[Document] = []
    early = prefetched.results() if prefetched is not None else {}
    fresh: list[Document] = []
    for doc in checked:
        cached = cache.get(doc) if cache is not None and doc.path not in early else None
        if cached is not None:
            results[doc.path] = (list(cached[0]), list(cached[1]))
        elif doc.path in early:
            results[doc.path] = early[doc.path]
            fresh.append(doc)
        else:
            todo.append(doc)
            fresh.append(doc)

    jobs = config.jobs or os.cpu_count() or 1
    done = len(results)
    total = len(checked)
    stored: set[str] = set()
    if jobs > 1 and len(todo) >= PARALLEL_THRESHOLD:
        from .workers import fork_server_context

        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=fork_server_context(),
            initializer=_worker_init,
            initargs=(tuple(config.rules), str(config.rules_base) if config.rules_base else None, glossary,
                      str(config.rates_file) if config.rates_file else None),
        ) as pool:
            # batches big enough for the schema check's fixed cost, small enough to share the work out
            size = max(1, min(EXTRACTION_BATCH, len(todo) // (jobs * 4) or 1))
            batches = [todo[i:i + size] for i in range(0, len(todo), size)]
            for batch, batch_results in zip(batches, pool.map(_worker_batch, batches), strict=True):
                for doc, (result, payload) in zip(batch, batch_results, strict=True):
                    results[doc.path] = result
                    if cache is not None:  # stored as it arrives: an archive's entries are never all in memory
                        cache.put_encoded(doc, payload)
                        stored.add(doc.path)
                done += len(batch)
                if config.progress:
                    config.progress(done, total)
    elif todo:
        for doc, result in zip(todo, process_documents(todo, ruleset, fx), strict=True):
            results[doc.path] = result
        if config.progress:
            config.progress(total, total)
    if cache is not None:
        for doc in fresh:
            if doc.path not in stored:
                cache.put(doc, *results[doc.path])
    return {d.path: results[d.path] for d in checked}  # document order, whatever order the workers finished in


def _load_input(paths: Sequence[str], ruleset: RuleSet, *, exclude: Sequence[str] = (),
                max_bytes: int = 20_000_000, root: Path | None = None, jobs: int = 1,
                reuse: Reuse | None = None) -> Corpus:
    """Ingest the inputs; no path that exists, or no file at all, is a configuration error."""
    from .ingest import InputError, load_corpus

    try:
        corpus = load_corpus(paths, exclude=exclude, ruleset=ruleset, max_bytes=max_bytes, explicit_root=root,
                             jobs=jobs, reuse=reuse)
    except InputError as exc:
        raise ConfigError(str(exc)) from exc
    if not corpus.documents:
        raise ConfigError("no input files found in " + ", ".join(paths or ["."]))
    return corpus


def _load_rates(rates_file: Path | None) -> FxTable:
    """Load the ECB history (bundled, or --rates); a bad rates file is a configuration error."""
    from .fx import FxError, FxTable

    try:
        return FxTable.load(rates_file)
    except FxError as exc:
        raise ConfigError(f"--rates: {exc}") from exc


def _open_cache(config: RunConfig, ruleset: RuleSet) -> ClaimCache | None:
    """Open the incremental cache, keyed also by the rates file so newer rates re-convert."""
    if not config.use_cache:
        return None
    import hashlib

    from .cache import ClaimCache

    # local entries hold each document's schema verdict too; Dask validates apart
    extra = "validated" if config.engine == "local" else ""
    if config.rates_file is not None:
        try:
            extra += hashlib.sha256(config.rates_file.read_bytes()).hexdigest()
        except OSError as exc:
            raise ConfigError(f"--rates {config.rates_file}: {exc.strerror or exc}") from exc
    return ClaimCache(config.cache_dir, ruleset.digest, __version__, extra=extra)


def _assign_claim_ids(claims: Iterable[Claim], texts: dict[str, str]) -> list[Claim]:
    ordered = sorted(claims, key=lambda c: (c.path, c.start, c.end, c.kind.value))
    result = []
    for index, claim in enumerate(ordered, start=1):
        text = texts.get(claim.path, "")
        line = claim.line or line_of(text, claim.start)
        column = claim.column or column_of(text, claim.start)
        result.append(replace(claim, id=f"c{index}", line=line, column=column))
    return result


def _input_findings(documents: Sequence[Document]) -> list[Finding]:
    findings = []
    for doc in documents:
        if doc.status is Status.SKIPPED:
            findings.append(_document_finding(doc, "input", Severity.INFO, f"skipped: {doc.reason}",
                                              line=_reason_line(doc.reason)))
        for warning in doc.warnings:
            findings.append(_document_finding(doc, "input", Severity.INFO, warning, line=_reason_line(warning)))
    return findings


def _reason_line(reason: str | None) -> int:
    """Pick a ``line N`` out of a reason, so the finding points at it."""
    import re

    match = re.search(r"\bline (\d+)", reason or "")
    return int(match.group(1)) if match else 1


def _changed_paths(config: RunConfig) -> set[str] | None:
    changed: set[str] = set()
    if config.changed is None and config.since is None:
        return None
    for path in config.changed or []:
        changed.add(_display_path(path))
    if config.since:
        try:
            out = subprocess.run(
                ["git", "diff", "--name-only", f"{config.since}...HEAD"],
                check=True, capture_output=True, text=True, timeout=60,
            ).stdout
            local = subprocess.run(["git", "diff", "--name-only", "HEAD"], check=True, capture_output=True,
                                   text=True, timeout=60).stdout
        except (OSError, subprocess.SubprocessError) as exc:
            raise ConfigError(f"--since {config.since}: git diff failed: {exc}") from exc
        for line in (out + local).splitlines():
            if line.strip():
                changed.add(_display_path(line.strip()))
    return changed


def _display_path(path: str) -> str:
    candidate = Path(path)
    try:
        return candidate.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return candidate.as_posix()


def run(config: RunConfig) -> Report:
    """Run the whole pipeline and return the report (nothing is written here).

    Raises:
        RulePackError: a rule pack is invalid.
        ConfigError: bad options or no readable input at all.
    """
    # A run builds millions of small acyclic objects (claims, decoded rows) and keeps most of
    # them to the end: the cycle collector would rescan them again and again for nothing.
    collecting = gc.isenabled()
    gc.disable()
    prefetched = None
    snapshot = None
    try:
        started = dt.datetime.now(dt.UTC).replace(microsecond=0)
        ruleset = load_rules(config.rules, config.rules_base)
        store = _open_store(config, ruleset)
        # forked before the snapshot is read, so its warm-up overlaps the reading
        prefetched = _start_prefetch(ruleset, config) if store is not None and store.path.is_file() else None
        snapshot = store.load() if store is not None else None
        return _run(config, started, ruleset, store, snapshot, prefetched)
    finally:
        if collecting:
            if config.short_lived:
                # what the run made is its result, kept and acyclic: frozen, it is not scanned by
                # the first collection after the pause (which would otherwise walk every claim once)
                gc.freeze()
            gc.enable()
        if prefetched is not None:
            prefetched.close()
        if snapshot is not None:
            snapshot.close()


def _run(config: RunConfig, started: dt.datetime, ruleset: RuleSet, store: AnalysisStore | None,
         snapshot: Snapshot | None, prefetched: _Prefetch | None) -> Report:
    corpus = _load_input(config.paths, ruleset, exclude=config.exclude, max_bytes=config.max_bytes,
                         root=config.root, jobs=config.jobs or os.cpu_count() or 1,
                         reuse=store.reuse if store is not None else None)
    documents = list(corpus.documents)
    ruleset = ruleset.with_glossary(corpus.glossary)

    from .stories import compact_grouping, group_stories, grouping_from_json, grouping_to_json

    previous = store.previous() if store is not None else {}
    changed = {d.path for d in documents if (old := previous.get(d.path)) is not d and old != d}
    checked_changed = {d.path for d in documents if d.path in changed and d.status is Status.CHECKED}
    if prefetched is not None:
        edited = [d for d in documents if d.path in checked_changed]
        prefetched.submit(edited if len(edited) < PARALLEL_THRESHOLD else [], corpus.glossary)
    story_of, grouping = group_stories(documents, ruleset,
                                       state=grouping_from_json(snapshot.grouping, snapshot.rows) if snapshot else None,
                                       previous=previous, changed=checked_changed,
                                       jobs=config.jobs or os.cpu_count() or 1)
    compact_grouping(grouping)
    # encoded now, the grouping's figures take a fraction of the memory the analysis wants
    record = grouping_to_json(grouping)
    del grouping
    if store is None and record is not None:
        record.close()
        record = None
    cited_only = _cites_only(config, ruleset)
    results, reused = _reusable_stories(story_of, snapshot, changed, cited_only)
    stale = {path for path, story in story_of.items() if story not in results}
    fx = _rates(config.rates_file)
    stale_documents = [d for d in documents if d.path in stale]
    claim_counts: dict[str, int] | None = None
    spool = None
    if cited_only:
        if stale:
            spool = _spool() if store is not None else None
            results.update(_summarise_stories(stale_documents, documents, story_of, ruleset, fx, config,
                                              corpus.glossary, prefetched, spool))
        claims, facts, claim_counts, checks_findings, engine_findings = _gather_summaries(
            cast("dict[str, StorySummary]", results))
    else:
        if stale:
            results.update(_analyse_stories(stale_documents, documents, story_of, ruleset, fx, config,
                                            corpus.glossary, prefetched))
        analysed = cast("dict[str, StoryResult]", results)
        claims = sorted((c for r in analysed.values() for c in r.claims), key=_claim_order)
        _number_claims(claims)
        facts = [f for name in sorted(analysed) for f in analysed[name].facts]
        checks_findings = [f for name in sorted(analysed) for f in analysed[name].findings]
        engine_findings = [f for name in sorted(analysed) for f in analysed[name].engine_findings]
        checks_findings.extend(_corpus_checks(claims, facts, documents, story_of, ruleset, fx, config))
    del stale_documents
    checks_findings.sort(key=lambda f: f.sort_key())
    if store is not None:
        if stale or changed or len(reused) != len(store.snapshot.stories) or (record and record.complete):
            store.save(documents, results, reused, record, spool)
    if record is not None:
        record.close()
    if spool is not None:
        spool.close()
    del results

    documents = [_with_story(d, story_of.get(d.path)) for d in documents]
    engine_findings = engine_findings + _input_findings(documents) + corpus.problems_findings()
    # the checks apply the suite's severities themselves (with their own deliberate downgrades)
    findings = _apply_severity_overrides(engine_findings, config.severities) + checks_findings
    findings = _scope_to_changed(findings, config, documents)

    from .baseline import (
        BaselineError,
        IgnoreFileError,
        apply_suppressions,
        fingerprint,
        load_baseline,
        load_ignore_file,
    )

    try:
        baseline = load_baseline(config.baseline) if config.baseline else set()
        ignores = load_ignore_file(config.ignore_file) if config.ignore_file else {}
    except (BaselineError, IgnoreFileError) as exc:
        raise ConfigError(str(exc)) from exc
    findings = [replace(f, fingerprint=f.fingerprint or fingerprint(f)) for f in findings]
    findings = apply_suppressions(findings, baseline, ignores, documents)
    findings = sorted(findings, key=_finding_order)
    findings = [replace(f, id=f"f{index}") for index, f in enumerate(findings, start=1)]

    from .checks import REGISTRY, documentation

    docs = {check_id: documentation(check_id) for check_id in REGISTRY}
    return Report(
        documents=tuple(documents),
        claims=tuple(claims),
        facts=tuple(facts),
        findings=tuple(findings),
        tool_version=__version__,
        started="" if config.reproducible else started.isoformat(),
        as_of="" if config.reproducible else started.date().isoformat(),
        rules=ruleset.sources,
        suite=config.suite,
        check_docs=docs,
        claims_mode=config.claims_mode,
        claim_counts=claim_counts,
    )


# checks over every claim of the run at once (expected values name facts of any story)
_CORPUS_CHECKS = ("reference",)


def _claim_order(claim: Claim) -> tuple[str, int, int, str]:
    return (claim.path, claim.start, claim.end, claim.kind.value)


def _finding_order(finding: Finding) -> tuple[tuple[str, int, int, str, str], tuple[tuple[str, int, int], ...]]:
    """Order findings by location, then by what they cite, whatever order they were gathered in."""
    return finding.sort_key(), tuple((c.path, c.start, c.end) for c in finding.claims)


def _with_story(doc: Document, story: str | None) -> Document:
    """Return ``doc`` with the story grouping gave it (a declared story stays)."""
    if not story or doc.story:
        return doc
    return replace(doc, story=story)


def _number_claims(claims: Sequence[Claim]) -> None:
    """Give the run's claims their report ids ``c1``... in document order.

    The claims are this run's own objects (decoded from the snapshot or just
    analysed) and the facts and findings cite them by identity, so setting
    the id in place renumbers every citation at once.
    """
    for index, claim in enumerate(claims, start=1):
        object.__setattr__(claim, "id", f"c{index}")


def _open_store(config: RunConfig, ruleset: RuleSet) -> AnalysisStore | None:
    """Open the analysis snapshot of runs with these settings (none without cache or on Dask)."""
    if not config.use_cache or config.engine != "local":
        return None
    import hashlib
    import json

    from .incremental import AnalysisStore

    rates = ""
    if config.rates_file is not None:
        try:
            rates = hashlib.sha256(config.rates_file.read_bytes()).hexdigest()
        except OSError as exc:
            raise ConfigError(f"--rates {config.rates_file}: {exc.strerror or exc}") from exc
    settings = json.dumps([__version__, ruleset.digest, rates, config.severities, config.enabled, config.max_bytes,
                           [str(p) for p in config.paths], config.exclude, str(config.root)], sort_keys=True)
    return AnalysisStore(config.cache_dir, hashlib.sha256(settings.encode()).hexdigest())


def _cites_only(config: RunConfig, ruleset: RuleSet) -> bool:
    """Whether the run may hold only the claims findings cite, and counts of the others.

    So when report.json carries only cited claims, no format shows every claim
    (the HTML fact table does), no claims table is asked for, and no rule pack
    states expected values (the reference check reads every claim).  A run
    over an archive then never holds all its claims at once: each story's are
    let go once the story is analysed and stored.
    """
    return (config.claims_mode == "cited" and config.engine == "local" and not config.keep_claims
            and not set(config.formats) & FORMATS_SHOWING_EVERY_CLAIM and not ruleset.section("expected"))


# Formats that show claims no finding cites.
FORMATS_SHOWING_EVERY_CLAIM = frozenset({"html"})


def _reusable_stories(story_of: dict[str, str], snapshot: Snapshot | None, changed: set[str],
                      cited_only: bool = False) -> tuple[dict[str, StoryResult | StorySummary], list[str]]:
    """Return the stored results (summaries, when ``cited_only``) of the stories whose members are unchanged."""
    if snapshot is None or not snapshot.stories:
        return {}, []
    members: dict[str, list[str]] = {}
    for path, story in story_of.items():
        members.setdefault(story, []).append(path)
    results: dict[str, StoryResult | StorySummary] = {}
    for story, paths in members.items():
        if changed.intersection(paths):
            continue
        key = tuple(sorted(paths))
        stored = snapshot.summary(story, key) if cited_only else snapshot.story(story, key)
        if stored is not None:
            results[story] = stored
    return results, list(results)


def _spool() -> Spool | None:
    """Open a spool for stored forms (None when no temporary file can be made: they stay in memory)."""
    from .incremental import Spool

    try:
        return Spool()
    except OSError:
        return None


def _gather_summaries(summaries: dict[str, StorySummary]) -> tuple[
        list[Claim], list[Fact], dict[str, int], list[Finding], list[Finding]]:
    """Number the cited claims as if every claim were held; return claims, facts, counts and findings.

    Report ids run over every claim in document order, so a claim's id is the
    number of claims in the documents before its own plus its rank in its
    document; a story's claims are ordered by member, then position.
    """
    from bisect import bisect_right

    counts: dict[str, int] = {}
    for summary in summaries.values():
        counts.update(zip(summary.members, summary.counts, strict=True))
    before: dict[str, int] = {}
    running = 0
    for path in sorted(counts):
        before[path] = running
        running += counts[path]
    claims: list[Claim] = []
    facts: list[Fact] = []
    findings: list[Finding] = []
    engine_findings: list[Finding] = []
    for name in sorted(summaries):
        summary = summaries[name]
        firsts: list[int] = []
        begin = 0
        for count in summary.counts:
            firsts.append(begin)
            begin += count

        def number(index: int, summary: StorySummary = summary, firsts: list[int] = firsts) -> str:
            member = bisect_right(firsts, index) - 1
            return f"c{before[summary.members[member]] + index - firsts[member] + 1}"

        for index, claim in summary.cited.items():
            object.__setattr__(claim, "id", number(index))
            claims.append(claim)
        facts.extend(Fact(ident, story, (), consensus, label, tuple(number(i) for i in cited))
                     for ident, story, cited, consensus, label in summary.facts())
        findings.extend(summary.findings)
        engine_findings.extend(summary.engine_findings)
    claims.sort(key=_claim_order)
    return claims, facts, counts, findings, engine_findings


def _analyse_stories(documents: list[Document], corpus: Sequence[Document], story_of: dict[str, str],
                     ruleset: RuleSet, fx: FxTable, config: RunConfig, glossary: dict[str, list[str]],
                     prefetched: _Prefetch | None = None) -> dict[str, StoryResult]:
    """Extract, validate and check the documents of some stories; return each story's result."""
    claims, valid, findings = _numbered(_extract_all(documents, ruleset, fx, config, glossary, prefetched))
    jobs = config.jobs or os.cpu_count() or 1
    parallel = jobs > 1 and len(valid) >= PARALLEL_ANALYSIS_CLAIMS
    parts = _story_parts(documents, story_of, jobs * SHARES_PER_WORKER if parallel else 1, valid)
    if len(parts) < 2:
        return _analyse_part(parts[0] if parts else set(), documents, claims, valid, findings, corpus, story_of,
                             ruleset, fx, config)
    # Workers started by a fork server receive one share of stories at a time: its documents and
    # claims, and the other articles' metadata, which messages name.  Forked, each would hold a
    # copy of this whole process once it touched it; with the shares all sent at once, this
    # process would hold every claim twice (sent and analysed).  A share's claims are let go here
    # once its result is back.
    part_of = {story: k for k, part in enumerate(parts) for story in part}
    shares: list[tuple[list[Any], ...]] = [([], [], [], []) for _ in parts]
    valid_ids = {c.id for c in valid}
    for doc in documents:
        if doc.path in story_of:
            shares[part_of[story_of[doc.path]]][0].append(doc)
    for claim in claims:
        share = shares[part_of[story_of[claim.path]]]
        share[1].append(claim)
        if claim.id in valid_ids:
            share[2].append(claim)
    for path, finding in findings:
        shares[part_of[story_of[path]]][3].append((path, finding))
    del valid, findings, valid_ids
    # the claims stay here, one object each: workers send back what analysis changed in them
    by_id = {c.id: c for c in claims}

    def send(k: int) -> tuple[Any, ...]:
        share, shares[k] = shares[k], ([], [], [], [])
        return (_analyse_share, parts[k], *share)

    results: dict[str, StoryResult] = {}
    for answer in _shares_on_workers(len(parts), send, config, glossary, corpus, story_of):
        results.update(_apply_share(answer, by_id))
    return results


def _shares_on_workers(count: int, send: Callable[[int], tuple[Any, ...]], config: RunConfig,
                       glossary: dict[str, list[str]], corpus: Sequence[Document],
                       story_of: dict[str, str]) -> Iterator[Any]:
    """Run ``count`` shares of stories on fork-server analysis workers; yield each answer as it comes.

    ``send(k)`` returns the function and arguments of share ``k``; it is
    called only when a worker is free, so at most one share per worker is
    built and in flight at once.  Answers come in the order the shares finish.
    """
    from concurrent.futures import FIRST_COMPLETED, wait

    from .workers import fork_server_context

    jobs = config.jobs or os.cpu_count() or 1
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=fork_server_context(), initializer=_analysis_worker_init,
        initargs=(tuple(config.rules), str(config.rules_base) if config.rules_base else None, glossary,
                  str(config.rates_file) if config.rates_file else None, [_outline(d) for d in corpus], story_of,
                  replace(config, progress=None)),
    ) as pool:
        waiting = list(range(count))
        running: set[Any] = set()
        while waiting or running:
            while waiting and len(running) < jobs:
                function, *arguments = send(waiting.pop(0))
                running.add(pool.submit(function, *arguments))
                del arguments
            finished, running = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                yield future.result()


def _numbered(extracted: dict[str, DocumentResult]) -> tuple[list[Claim], list[Claim], list[tuple[str, Finding]]]:
    """Number extracted claims in document order; return them, the valid ones and each finding with its path."""
    # extraction numbered the claims of each batch (line and column set): numbering them again in place
    # keeps one object per claim instead of a second copy of every claim of the run
    claims = sorted((c for doc_claims, _f in extracted.values() for c in doc_claims), key=_claim_order)
    _number_claims(claims)
    # each document's findings stay with its story (a table-wide schema problem cites no claim)
    owners = [path for path, (_c, doc_findings) in extracted.items() for _f in doc_findings]
    cited = _cite_by_span([f for _c, doc_findings in extracted.values() for f in doc_findings], claims)
    findings = list(zip(owners, cited, strict=True))
    rejected = {c.id for _path, f in findings if f.check == "claims-schema" for c in f.claims}
    return claims, [c for c in claims if c.id not in rejected], findings


# At least this many documents to analyse before a run keeping only cited claims shares stories out.
PARALLEL_SUMMARY_DOCS = 3_000
# About this many documents per share: a worker's memory grows with its share, not with the corpus.
SUMMARY_SHARE_DOCS = 2_000


def _summarise_stories(documents: list[Document], corpus: Sequence[Document], story_of: dict[str, str],
                       ruleset: RuleSet, fx: FxTable, config: RunConfig, glossary: dict[str, list[str]],
                       prefetched: _Prefetch | None = None, spool: Spool | None = None) -> dict[str, StorySummary]:
    """Extract, validate and check the documents of some stories; return each story's summary.

    On several cores each worker takes a share of stories whole: it extracts
    their documents (the cache's entries come with them), analyses them and
    sends back their summaries and stored forms, so this process never holds
    the claims of more than the findings cite.  Stored forms go to ``spool``
    as they arrive.
    """
    jobs = config.jobs or os.cpu_count() or 1
    checked = [d for d in documents if d.status is Status.CHECKED]
    answers: Iterable[tuple[dict[str, StorySummary], list[tuple[str, bytes]]]]
    if jobs < 2 or len(checked) < PARALLEL_SUMMARY_DOCS:
        # one answer, from this process, whose extraction stores its own cache entries
        cache = None
        answers = [({story: result.summary() for story, result in _analyse_stories(
            documents, corpus, story_of, ruleset, fx, config, glossary, prefetched).items()}, [])]
    else:
        cache = _open_cache(config, ruleset)
        answers = _summarised_shares(documents, corpus, story_of, config, glossary, prefetched, cache)
    results: dict[str, StorySummary] = {}
    by_path = {d.path: d for d in documents}
    done = 0
    for summaries, payloads in answers:
        results.update(summaries)  # by story: the order shares finish in does not matter
        for story, summary in summaries.items():
            if spool is not None:
                spool.put(story, summary)
        if cache is not None:  # stored as they arrive: an archive's entries are never all in memory
            for path, payload in payloads:
                cache.put_encoded(by_path[path], payload)
        done += len(payloads)
        if config.progress and payloads:
            config.progress(done, len(checked))
    return results


def _summarised_shares(documents: list[Document], corpus: Sequence[Document], story_of: dict[str, str],
                       config: RunConfig, glossary: dict[str, list[str]], prefetched: _Prefetch | None,
                       cache: ClaimCache | None) -> Iterator[tuple[dict[str, StorySummary], list[tuple[str, bytes]]]]:
    """Yield each share's summaries and new cache entries as fork-server workers finish it.

    A share's documents go with the entries ``cache`` (or the prefetching
    helper) already has for them.
    """
    jobs = config.jobs or os.cpu_count() or 1
    checked = sum(1 for d in documents if d.status is Status.CHECKED)
    early = prefetched.results() if prefetched is not None else {}
    parts = _story_parts(documents, story_of, max(jobs * SHARES_PER_WORKER, checked // SUMMARY_SHARE_DOCS))
    part_of = {story: k for k, part in enumerate(parts) for story in part}
    members: list[list[Document]] = [[] for _ in parts]
    for doc in documents:
        if (k := part_of.get(story_of.get(doc.path, ""))) is not None:
            members[k].append(doc)

    def send(k: int) -> tuple[Any, ...]:
        own, members[k] = members[k], []
        cached: dict[str, DocumentResult] = {}
        for doc in own:
            if doc.status is not Status.CHECKED:
                continue
            if doc.path in early:
                cached[doc.path] = early[doc.path]
                if cache is not None:
                    cache.put(doc, *early[doc.path])
            elif cache is not None and (entry := cache.get(doc)) is not None:
                cached[doc.path] = (list(entry[0]), list(entry[1]))
        return _summarise_share, parts[k], own, cached

    yield from _shares_on_workers(len(parts), send, config, glossary, corpus, story_of)


def _summarise_share(stories: set[str], documents: Sequence[Document],
                     cached: dict[str, DocumentResult]) -> tuple[dict[str, StorySummary], list[tuple[str, bytes]]]:
    """Extract and analyse one share of stories; return their summaries and the new cache entries."""
    ruleset, config, fx = _WORKER["ruleset"], _WORKER["config"], _WORKER["fx"]
    corpus, story_of = _WORKER["outline"], _WORKER["story_of"]
    assert isinstance(ruleset, RuleSet) and isinstance(config, RunConfig)
    todo = [d for d in documents if d.status is Status.CHECKED and d.path not in cached]
    extracted = dict(cached)
    payloads: list[tuple[str, bytes]] = []
    for offset in range(0, len(todo), EXTRACTION_BATCH):
        batch = todo[offset:offset + EXTRACTION_BATCH]
        for doc, (result, payload) in zip(batch, _worker_batch(batch), strict=True):
            extracted[doc.path] = result
            payloads.append((doc.path, payload))
    claims, valid, findings = _numbered({d.path: extracted[d.path] for d in documents if d.path in extracted})
    own = {d.path: d for d in documents}
    results = _analyse_part(stories, documents, claims, valid, findings,
                            [own.get(d.path, d) for d in corpus],  # type: ignore[attr-defined]
                            story_of, ruleset, fx, config)  # type: ignore[arg-type]
    return {story: result.summary() for story, result in results.items()}, payloads


# Documents per extraction batch: big enough for the schema check's fixed cost, small enough to share out.
EXTRACTION_BATCH = 256


def _apply_share(share: list[tuple[Any, ...]], by_id: dict[str, Claim]) -> dict[str, StoryResult]:
    """Turn a worker's answer into story results over this process's claims (changed in place)."""
    from .incremental import StoryResult

    results: dict[str, StoryResult] = {}
    # equal values (a fact's id, common qualifiers) arrive once per claim: keep one object of each
    shared: dict[Any, Any] = {}
    for story, members, claim_ids, changes, facts, findings, engine_findings in share:
        for claim_id, changed in changes:
            claim = by_id[claim_id]
            for name, value in changed:
                if isinstance(value, str | tuple):
                    value = shared.setdefault(value, value)
                # this run's own claim, not yet seen by anything that hashes it: the analysis's
                # values (story, concept, qualifiers, fact) are written into it instead of a copy
                object.__setattr__(claim, name, value)
        results[story] = StoryResult(
            members, [by_id[i] for i in claim_ids],
            [Fact(ident, fact_story, tuple(by_id[i] for i in cited), consensus, label)
             for ident, fact_story, cited, consensus, label in facts],
            [replace(f, claims=tuple(by_id[i] for i in cited)) for f, cited in findings],
            [replace(f, claims=tuple(by_id[i] for i in cited)) for f, cited in engine_findings])
    return results


# Shares of stories per analysis worker: a worker holds one share at a time.
SHARES_PER_WORKER = 4


def _outline(doc: Document) -> Document:
    """Return a document's metadata without its text or spans (what checks ask of other articles)."""
    return Document(path=doc.path, lang=doc.lang, published=doc.published, title=doc.title, story=doc.story,
                    source=doc.source, status=doc.status, lang_origin=doc.lang_origin,
                    published_origin=doc.published_origin, encoding=doc.encoding, sha256=doc.sha256)


# At least this many claims to analyse before stories are shared out among worker processes.
PARALLEL_ANALYSIS_CLAIMS = 20_000


def _story_parts(documents: Sequence[Document], story_of: dict[str, str], jobs: int,
                 claims: Sequence[Claim] = ()) -> list[set[str]]:
    """Share the stories out into at most ``jobs`` parts of about equal work each (deterministically).

    A story weighs its claims, or the length of its documents' text when no
    claims are given (before extraction).
    """
    weight: dict[str, int] = {story_of[d.path]: 0 for d in documents if d.path in story_of}
    if claims:
        for claim in claims:
            weight[story_of[claim.path]] += 1
    else:
        for doc in documents:
            if doc.path in story_of:
                weight[story_of[doc.path]] += len(doc.text)
    if jobs < 2 or len(weight) < 2:
        return [set(weight)] if weight else []
    parts: list[set[str]] = [set() for _ in range(min(jobs, len(weight)))]
    loads = [0] * len(parts)
    for story in sorted(weight, key=lambda s: (-weight[s], s)):
        lightest = loads.index(min(loads))
        parts[lightest].add(story)
        loads[lightest] += weight[story] + 1
    return parts


def _analysis_worker_init(rule_names: tuple[str, ...], rules_base: str | None, glossary: dict[str, list[str]],
                          rates_file: str | None, outline: list[Document], story_of: dict[str, str],
                          config: RunConfig) -> None:
    _worker_init(rule_names, rules_base, glossary, rates_file)
    _WORKER["outline"] = outline
    _WORKER["story_of"] = story_of
    _WORKER["config"] = config


def _analyse_share(stories: set[str], documents: Sequence[Document], claims: Sequence[Claim], valid: Sequence[Claim],
                   findings: Sequence[tuple[str, Finding]]) -> list[tuple[Any, ...]]:
    """Analyse one share of stories; return per story what changed, citing claims by id."""
    ruleset, config = _WORKER["ruleset"], _WORKER["config"]
    corpus, story_of = _WORKER["outline"], _WORKER["story_of"]
    assert isinstance(ruleset, RuleSet) and isinstance(config, RunConfig)
    own = {d.path: d for d in documents}
    results = _analyse_part(stories, documents, claims, valid, findings,
                            [own.get(d.path, d) for d in corpus],  # type: ignore[attr-defined]
                            story_of, ruleset, _WORKER["fx"], config)  # type: ignore[arg-type]
    originals = {c.id: c for c in claims}
    answer: list[tuple[Any, ...]] = []
    for story, result in results.items():
        changes = []
        for claim in result.claims:
            original = originals[claim.id]
            if claim is not original:
                changed = [(name, value) for name in _CLAIM_FIELDS
                           if (value := getattr(claim, name)) != getattr(original, name)]
                if changed:
                    changes.append((claim.id, changed))
        answer.append((story, result.members, [c.id for c in result.claims], changes,
                       [(f.id, f.story, [c.id for c in f.claims], f.consensus, f.label) for f in result.facts],
                       [(replace(f, claims=()), [c.id for c in f.claims]) for f in result.findings],
                       [(replace(f, claims=()), [c.id for c in f.claims]) for f in result.engine_findings]))
    return answer


_CLAIM_FIELDS = tuple(f.name for f in dataclass_fields(Claim))


def _analyse_part(stories: set[str], documents: Sequence[Document], claims: Sequence[Claim],
                  valid: Sequence[Claim], findings: Sequence[tuple[str, Finding]], corpus: Sequence[Document],
                  story_of: dict[str, str], ruleset: RuleSet, fx: FxTable, config: RunConfig) -> dict[str, StoryResult]:
    """Check the given stories (facts and checks are local to a story); return each one's result."""
    from .checks import analyze
    from .incremental import StoryResult

    def mine(path: str) -> bool:
        return story_of.get(path) in stories

    analysis = analyze([d for d in documents if mine(d.path)], [c for c in valid if mine(c.path)], ruleset, fx=fx,
                       severities=config.severities, enabled=config.enabled, stories=story_of, corpus=corpus,
                       skip=_CORPUS_CHECKS)
    by_id = {c.id: c for c in analysis.claims}
    results: dict[str, StoryResult] = {}

    def result(story: str) -> StoryResult:
        found = results.get(story)
        if found is None:
            found = results[story] = StoryResult(())
        return found

    for claim in claims:
        if mine(claim.path):
            result(story_of[claim.path]).claims.append(by_id.get(claim.id, claim))
    for fact in analysis.facts:
        result(fact.story).facts.append(fact)
    owned = [(path, finding) for path, finding in findings if mine(path)]
    for (path, _old), finding in zip(owned, _refresh_cited([f for _p, f in owned], by_id), strict=True):
        result(story_of[path]).engine_findings.append(finding)
    for finding in analysis.findings:
        result(finding.story or story_of.get(finding.location[0], "")).findings.append(finding)
    members: dict[str, list[str]] = {}
    for doc in documents:
        if mine(doc.path):
            members.setdefault(story_of[doc.path], []).append(doc.path)
    for story, paths in members.items():
        result(story).members = tuple(sorted(paths))
    return results


def _corpus_checks(claims: list[Claim], facts: list[Fact], documents: Sequence[Document], story_of: dict[str, str],
                   ruleset: RuleSet, fx: FxTable | None, config: RunConfig) -> list[Finding]:
    """Run the checks that look at every claim of the run at once."""
    from .checks import active_checks, run_checks
    from .facts import Assignment

    if not set(_CORPUS_CHECKS) & set(active_checks(config.severities, config.enabled)):
        return []
    return run_checks(Assignment(claims, facts, frozenset()), documents, story_of, ruleset, fx=fx,
                      severities=config.severities, enabled=config.enabled, only=_CORPUS_CHECKS)


def _span_key(claim: Claim) -> tuple[str, int, int, str]:
    return (claim.path, claim.start, claim.end, claim.kind.value)


def _cite_by_span(findings: list[Finding], claims: Sequence[Claim]) -> list[Finding]:
    """Point findings raised before ids were assigned at the numbered claims."""
    by_span = {_span_key(c): c for c in claims}
    return [replace(f, claims=tuple(by_span.get(_span_key(c), c) for c in f.claims)) for f in findings]


def _refresh_cited(findings: list[Finding], by_id: dict[str, Claim]) -> list[Finding]:
    """Point engine findings at the analysed claims (with story and fact set)."""
    return [replace(f, claims=tuple(by_id.get(c.id, c) for c in f.claims)) for f in findings]


def _apply_severity_overrides(findings: list[Finding], severities: dict[str, str]) -> list[Finding]:
    """Apply the suite's ``checks:`` map to the engine's own findings (input, fx-rate, claims-schema)."""
    if not severities:
        return findings
    result = []
    for finding in findings:
        wanted = severities.get(finding.check)
        if wanted and wanted != "off":
            finding = replace(finding, severity=Severity(wanted))
        if wanted == "off":
            continue
        result.append(finding)
    return result


def _scope_to_changed(findings: list[Finding], config: RunConfig, documents: Sequence[Document]) -> list[Finding]:
    """Keep only findings that involve a changed file (pull-request scope)."""
    changed = _changed_paths(config)
    if changed is None:
        return findings
    kept = []
    for finding in findings:
        paths = {c.path for c in finding.claims} | ({finding.location[0]} if finding.location[0] else set())
        if paths & changed:
            kept.append(finding)
    return kept


def exit_code(report: Report, fail_on: str, fail_on_skipped: bool = False) -> int:
    """Return EXIT_FINDINGS when an active finding is at or above ``fail_on``."""
    if fail_on != "never":
        threshold = Severity(fail_on).rank
        if any(f.severity.rank >= threshold for f in report.active_findings()):
            return EXIT_FINDINGS
    if fail_on_skipped and any(d.status is Status.SKIPPED for d in report.documents):
        return EXIT_FINDINGS
    return EXIT_OK


def extract_only(paths: Sequence[str], ruleset: RuleSet, *, exclude: Sequence[str] = (),
                 rates_file: Path | None = None) -> tuple[list[Document], list[Claim], list[Finding]]:
    """Ingest and extract without stories or checks (``factcheck extract``).

    Raises:
        ConfigError: no readable input at all.
    """
    corpus = _load_input(list(paths), ruleset, exclude=list(exclude))
    ruleset = ruleset.with_glossary(corpus.glossary)
    fx = _load_rates(rates_file)
    serial = RunConfig(paths=list(paths), jobs=1, use_cache=False)
    extracted = _extract_all(corpus.documents, ruleset, fx, serial, corpus.glossary)
    texts = {d.path: d.text for d in corpus.documents}
    numbered = _assign_claim_ids([c for claims, _f in extracted.values() for c in claims], texts)
    findings = [f for _c, doc_findings in extracted.values() for f in doc_findings]
    return list(corpus.documents), numbered, _cite_by_span(findings, numbered)
