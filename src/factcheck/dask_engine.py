"""The Dask engine: extraction as a Dask bag, the claims table as a Dask DataFrame.

``factcheck run --engine dask`` spreads the per-document work (ingested
documents → :func:`factcheck.engine.process_document`) over a
``dask.distributed`` cluster: the scheduler given by ``--scheduler ADDRESS``,
or a local cluster of two single-threaded worker processes by default.  The
claims table is then built per partition as a Dask DataFrame, validated with
the pandera :class:`factcheck.table.ClaimsSchema` (pandera validates Dask frames
partition by partition) and grouped with Dask (claims per language and kind,
per concept and unit).  Stories, facts and checks run afterwards on the
collected claims exactly as with the local engine, so both engines return the
same claims in the same order.

Dask is imported only here, so runs with the local engine never pay for it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from .model import Claim, Document, Finding, line_of
from .rules import RuleSet

if TYPE_CHECKING:
    import pandas as pd

    from .cache import ClaimCache
    from .fx import FxTable

__all__ = ["DaskStats", "extract_with_dask", "npartitions_for"]

ProcessFunction = Callable[[Document, RuleSet, Any], tuple[list[Claim], list[Finding]]]


@dataclass
class DaskStats:
    """What the Dask run did: how the work was split and where it ran."""

    npartitions: int = 0
    workers: set[str] = field(default_factory=set)  # addresses of workers that ran extraction tasks
    cluster_workers: set[str] = field(default_factory=set)  # every worker the scheduler knew
    scheduler: str = ""
    tasks: int = 0
    claims: int = 0
    invalid_rows: int = 0  # rows the pandera schema rejected
    cached: int = 0  # documents read from the incremental cache, not sent to the cluster
    per_kind: dict[str, int] = field(default_factory=dict)  # "lang/kind" -> claims
    per_concept: dict[str, int] = field(default_factory=dict)  # "concept/unit" -> claims

    def to_dict(self) -> dict[str, Any]:
        """Return the stats as JSON-ready values (sets sorted)."""
        return {
            "npartitions": self.npartitions,
            "workers": sorted(self.workers),
            "cluster_workers": sorted(self.cluster_workers),
            "scheduler": self.scheduler,
            "tasks": self.tasks,
            "claims": self.claims,
            "invalid_rows": self.invalid_rows,
            "cached": self.cached,
            "per_kind": dict(sorted(self.per_kind.items())),
            "per_concept": dict(sorted(self.per_concept.items())),
        }


def npartitions_for(n_documents: int, n_workers: int) -> int:
    """Pick a partition count: a few per worker, never fewer than two, never empty ones."""
    if n_documents <= 1:
        return 1
    wanted = max(2, n_workers * 4, n_documents // 2000)
    return max(1, min(wanted, n_documents))


def _process(doc: Document, ruleset: RuleSet, fx: FxTable, process: ProcessFunction | None) -> tuple[
        list[Claim], list[Finding]]:
    if process is None:
        from .engine import process_document

        return process_document(doc, ruleset, fx)
    return process(doc, ruleset, fx)


def _partition_frame(docs: Sequence[Document], results: Sequence[tuple[list[Claim], list[Finding]]]) -> pd.DataFrame:
    """Build the claims table of one partition (ids are assigned later, by the engine)."""
    from .table import to_frame

    texts = {doc.path: doc.text for doc in docs}
    claims: list[Claim] = []
    for doc, (doc_claims, _findings) in zip(docs, results, strict=True):
        for claim in doc_claims:
            # Lines are usually set by the engine after collection; the schema wants them now.
            claims.append(claim if claim.line else replace(claim, line=line_of(doc.text, claim.start)))
    return to_frame(claims, texts)


def _validate_partition(frame: pd.DataFrame) -> pd.DataFrame:
    """Validate one partition lazily; mark rejected rows instead of failing the run."""
    from pandera.errors import SchemaError, SchemaErrors

    from .table import ClaimsSchema

    frame = frame.copy()
    frame["valid"] = True
    if frame.empty:
        return frame
    try:
        ClaimsSchema.validate(frame.drop(columns=["valid"]), lazy=True)
    except SchemaErrors as errors:
        bad = errors.failure_cases["index"].dropna()
        frame.loc[frame.index.isin(bad), "valid"] = False
        if frame["valid"].all():  # a table-wide failure names no row: reject all
            frame["valid"] = False
    except SchemaError:
        frame["valid"] = False
    return frame


@contextlib.contextmanager
def _client(scheduler: str | None, n_workers: int) -> Iterator[Any]:
    from dask.distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler, set_as_default=False) as client:
            yield client
        return
    with (
        LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None,
                     silence_logs=40) as cluster,
        Client(cluster, set_as_default=False) as client,
    ):
        # Every worker registered before the graph is submitted, so work can spread.
        client.wait_for_workers(n_workers, timeout=60)
        yield client


def extract_with_dask(
    documents: Sequence[Document],
    ruleset: RuleSet,
    fx: FxTable,
    scheduler: str | None = None,
    n_workers: int = 2,
    *,
    process: ProcessFunction | None = None,
    npartitions: int | None = None,
    cache: ClaimCache | None = None,
) -> tuple[list[Claim], list[Finding], DaskStats]:
    """Extract and normalize ``documents`` on a Dask cluster.

    Args:
        documents: The checked documents, in the run's order.
        ruleset: The run's rule packs (shipped to each worker once).
        fx: The rate table (shipped to each worker once).
        scheduler: A ``dask.distributed`` scheduler address; None starts a local cluster.
        n_workers: Worker processes of the local cluster.
        process: The per-document function (default :func:`factcheck.engine.process_document`).
        npartitions: Override the partition count.
        cache: An incremental cache: documents it holds are not sent to the
            cluster, and the cluster's results are stored in it.

    Returns:
        The claims and findings in document order (as the local engine gives
        them), and what the cluster did.
    """
    import dask.bag as db
    import dask.dataframe as dd
    from dask.delayed import delayed
    from dask.distributed import get_task_stream

    every = list(documents)
    stats = DaskStats()
    cached: dict[int, tuple[list[Claim], list[Finding]]] = {}
    if cache is not None:
        for index, doc in enumerate(every):
            hit = cache.get(doc)
            if hit is not None:
                cached[index] = hit
    stats.cached = len(cached)
    docs = [doc for index, doc in enumerate(every) if index not in cached]
    if not docs:
        return _merge(every, cached, [], stats)
    parts = npartitions or npartitions_for(len(docs), n_workers)
    stats.npartitions = parts
    with _client(scheduler, n_workers) as client:
        stats.scheduler = str(client.scheduler.address)
        stats.cluster_workers = set(client.scheduler_info().get("workers", {}))
        # One graph key each, so the rules and rates travel to a worker once, not per task.
        shared_rules = delayed(ruleset, pure=True)
        shared_fx = delayed(fx, pure=True)
        bag = db.from_sequence(docs, npartitions=parts)
        extracted = bag.map(_process, shared_rules, shared_fx, process)
        with get_task_stream(client) as stream:
            extracted = client.persist(extracted)
            doc_parts = bag.to_delayed()
            result_parts = extracted.to_delayed()
            stats.npartitions = len(result_parts)
            frames = [delayed(_partition_frame, pure=True)(d, r) for d, r in zip(doc_parts, result_parts,
                                                                                       strict=True)]
            from .table import to_frame

            meta = _validate_partition(to_frame([], {}))
            table = dd.from_delayed(frames, meta=meta.drop(columns=["valid"]), verify_meta=False)
            validated = table.map_partitions(_validate_partition, meta=meta)
            valid = validated[validated["valid"]]
            per_kind = valid.groupby(["lang", "kind"]).size()
            per_concept = valid.assign(concept=valid["concept"].fillna("-"), unit=valid["unit"].fillna("-")) \
                .groupby(["concept", "unit"]).size()
            invalid = (~validated["valid"]).sum()
            # Bags and frames are computed apart: dask warns when graph kinds are mixed in one call.
            results = client.compute(extracted, sync=True)
            kind_counts, concept_counts, invalid_rows = client.compute([per_kind, per_concept, invalid], sync=True)
        for record in stream.data:
            if "_process" in str(record.get("key", "")):
                stats.workers.add(str(record.get("worker")))
        stats.tasks = len(stream.data)
        if not stats.workers:  # task streams can be trimmed on busy schedulers; where results live tells too
            stats.workers = {str(w) for holders in client.who_has(extracted).values() for w in holders}
    stats.invalid_rows = int(invalid_rows)
    stats.per_kind = {f"{lang}/{kind}": int(n) for (lang, kind), n in kind_counts.items()}
    stats.per_concept = {f"{concept}/{unit}": int(n) for (concept, unit), n in concept_counts.items()}
    if cache is not None:
        cache.put_many((doc, doc_claims, doc_findings) for doc, (doc_claims, doc_findings) in zip(docs, results,
                                                                                                   strict=True))
    return _merge(every, cached, list(results), stats)


def _merge(every: Sequence[Document], cached: dict[int, tuple[list[Claim], list[Finding]]],
           computed: list[tuple[list[Claim], list[Finding]]], stats: DaskStats) -> tuple[
        list[Claim], list[Finding], DaskStats]:
    """Interleave cached and computed results back into document order."""
    claims: list[Claim] = []
    findings: list[Finding] = []
    fresh = iter(computed)
    for index in range(len(every)):
        doc_claims, doc_findings = cached[index] if index in cached else next(fresh)
        claims.extend(doc_claims)
        findings.extend(doc_findings)
    stats.claims = len(claims)
    return claims, findings, stats
