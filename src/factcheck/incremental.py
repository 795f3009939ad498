"""The analysis snapshot: what a run keeps so the next one redoes only what an edit touches.

Next to the claim cache (extraction, keyed by content), the snapshot keeps
the last run's analysis under one settings key (rule packs, options, rates,
factcheck version):

- each input file's stat and manifest entry with its ingested document, so
  an unchanged file is not even read;
- the story grouping's figures (see :func:`factcheck.stories.group_stories`),
  so an edit re-scores only the articles it touches;
- per story, its members and everything the analysis made of them (claims
  with story and fact, facts, findings), reused while the story keeps the
  same unchanged members: a summary (claim counts, the claims findings cite,
  facts, findings) apart from the compressed claims, so a run reporting only
  cited claims decodes summaries alone.

Values are JSON (never pickle: a cache restored from a shared CI store must
not be able to run code) in one SQLite database, written in one transaction
at the end of a run, so a killed run leaves the previous snapshot whole.  A
damaged or foreign snapshot is ignored: the run analyses everything.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import operator
import os
import sqlite3
import tempfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import finding_from_row, finding_to_row
from .model import Claim, Document, Fact, Finding, Kind, Relative, Status
from .stories import GroupingRecord, GroupingRows

__all__ = ["DB_NAME", "SNAPSHOT_FORMAT", "AnalysisStore", "Snapshot", "Spool", "StoryResult", "StorySummary", "stat_key"]

# Bumped when what the snapshot holds changes; part of the settings key.
SNAPSHOT_FORMAT = 10
DB_NAME = "analysis.sqlite3"

_DOCUMENT_FIELDS = tuple(f.name for f in dataclasses.fields(Document))
_FACT_FIELDS = tuple(f.name for f in dataclasses.fields(Fact))
_PUBLISHED_AT = _DOCUMENT_FIELDS.index("published")
_STATUS_AT = _DOCUMENT_FIELDS.index("status")
_SPANS_AT = tuple(_DOCUMENT_FIELDS.index(name) for name in ("boilerplate", "masked"))
_SUPPRESSED_AT = _DOCUMENT_FIELDS.index("suppressed")
_WARNINGS_AT = _DOCUMENT_FIELDS.index("warnings")
_STATUSES = {status.value: status for status in Status}
_FROM_ISO = dt.date.fromisoformat


def stat_key(info: os.stat_result) -> str:
    """Return what tells an unchanged file: size, modification time (ns), inode and device."""
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}:{info.st_dev}"


_CLAIM_FIELDS = tuple(f.name for f in dataclasses.fields(Claim))
_CLAIM_VALUES = operator.attrgetter(*_CLAIM_FIELDS)
_KIND_AT = _CLAIM_FIELDS.index("kind")
_RELATIVE_AT = _CLAIM_FIELDS.index("relative")
_RELATIVE_FIELDS = tuple(f.name for f in dataclasses.fields(Relative))
_RELATIVE_VALUES = operator.attrgetter(*_RELATIVE_FIELDS)
# fields that hold tuples, which JSON gives back as lists
_QUALIFIERS_AT = _CLAIM_FIELDS.index("qualifiers")
_CLAIM_TUPLES = (_CLAIM_FIELDS.index("bound"), _CLAIM_FIELDS.index("parts"))
_KINDS = {kind.value: kind for kind in Kind}
# text fields the claims of a story repeat: stored once per story
_SHARED_TEXTS = tuple(_CLAIM_FIELDS.index(name) for name in (
    "path", "sentence"))


def _claim_to_row(claim: Claim) -> list[Any]:
    """Encode a claim as the list of its field values (this runs for every claim of a cold run)."""
    row = list(_CLAIM_VALUES(claim))
    row[_KIND_AT] = claim.kind.value
    if claim.relative is not None:
        row[_RELATIVE_AT] = list(_RELATIVE_VALUES(claim.relative))
    return row


def _claim_from_row(row: list[Any]) -> Claim:
    """Decode :func:`_claim_to_row` output (this runs for every claim of an incremental run)."""
    if len(row) != len(_CLAIM_FIELDS):
        raise ValueError("claim row of another shape")
    row[_KIND_AT] = _KINDS[row[_KIND_AT]]
    if row[_RELATIVE_AT] is not None:
        row[_RELATIVE_AT] = Relative(*row[_RELATIVE_AT])
    if row[_QUALIFIERS_AT]:
        row[_QUALIFIERS_AT] = tuple(map(tuple, row[_QUALIFIERS_AT]))
    else:
        row[_QUALIFIERS_AT] = ()
    for index in _CLAIM_TUPLES:
        if row[index].__class__ is list:
            row[index] = tuple(row[index])
    return Claim(*row)


def _document_to_row(doc: Document) -> list[Any]:
    row: list[Any] = []
    for name in _DOCUMENT_FIELDS:
        value = getattr(doc, name)
        if isinstance(value, dt.date):
            value = value.isoformat()
        elif isinstance(value, Status):
            value = value.value
        row.append(value)
    return row


def _document_from_row(row: Sequence[Any]) -> Document:
    if len(row) != len(_DOCUMENT_FIELDS):
        raise ValueError("document row of another shape")
    # this runs for every document of an incremental run: the fields' shapes are known, so no generic walk
    row = list(row)
    if row[_PUBLISHED_AT]:
        row[_PUBLISHED_AT] = _FROM_ISO(row[_PUBLISHED_AT])
    row[_STATUS_AT] = _STATUSES[row[_STATUS_AT]]
    for index in _SPANS_AT:
        row[index] = tuple(map(tuple, row[index])) if row[index] else ()
    suppressed = row[_SUPPRESSED_AT]
    row[_SUPPRESSED_AT] = tuple((start, end, tuple(checks)) for start, end, checks in suppressed) if suppressed else ()
    row[_WARNINGS_AT] = tuple(row[_WARNINGS_AT])
    return Document(*row)


# A story's facts as stored: id, story, its claims by index in the story's claims, consensus, label.
CompactFact = tuple[str, str, list[int], Any, str]


@dataclass
class StoryResult:
    """What the analysis made of one story: its claims (story and fact set), facts and findings.

    ``findings`` holds the story's check findings, ``engine_findings`` the
    extraction and schema findings of its documents (before the suite's
    severities apply to them); neither is suppressed yet.  ``claims`` are in
    report order (document, then position), which orders them by member.
    """

    members: tuple[str, ...]
    claims: list[Claim] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    engine_findings: list[Finding] = field(default_factory=list)

    def encode(self) -> tuple[str, bytes]:
        """Return the stored form: the summary (JSON text) and every claim (compressed JSON).

        The summary holds what a report citing only the claims its findings
        cite needs (see :class:`StorySummary`), so such a run never decodes
        the other claims.  Facts and findings cite claims by their index in
        ``claims``; the texts claims repeat (path, sentence) are stored once
        and cited by index.
        """
        summary, claims, _counts, _cited, _facts = self._encoded()
        return summary, claims

    def _encoded(self) -> tuple[str, bytes, tuple[int, ...], list[int], str]:
        """Return the stored form, with the claim counts, cited indexes and facts text it was made of."""
        index = {id(c): i for i, c in enumerate(self.claims)}
        findings = [finding_to_row(f, self.claims) for f in self.findings]
        engine_findings = [finding_to_row(f, self.claims) for f in self.engine_findings]
        cited = sorted({i for row in (*findings, *engine_findings) for i in row[_FINDING_CLAIMS_AT]
                        if isinstance(i, int)})
        counts = dict.fromkeys(self.members, 0)
        for claim in self.claims:
            counts[claim.path] += 1
        facts = json.dumps([[fact.id, fact.story, [index[id(c)] for c in fact.claims], fact.consensus, fact.label]
                            for fact in self.facts], ensure_ascii=False, separators=(",", ":"))
        cited_texts: dict[str, int] = {}
        summary = json.dumps({
            "members": list(self.members),
            "counts": list(counts.values()),
            "cited": [[i, _shared_row(self.claims[i], cited_texts)] for i in cited],
            "texts": list(cited_texts),
            "facts": facts,
            "findings": findings,
            "engine_findings": engine_findings,
        }, ensure_ascii=False, separators=(",", ":"))
        texts: dict[str, int] = {}
        rows = [_shared_row(claim, texts) for claim in self.claims]
        # level 1: the claims of one sentence repeat much; the fastest level already shrinks them about 4x
        claims = zlib.compress(json.dumps({"texts": list(texts), "claims": rows}, ensure_ascii=False,
                                          separators=(",", ":")).encode("utf-8"), 1)
        return summary, claims, tuple(counts.values()), cited, facts

    @classmethod
    def decode(cls, summary: str, claims: bytes) -> StoryResult:
        """Decode :meth:`encode` output.

        Raises:
            ValueError: the data is not such a result.
        """
        data = json.loads(summary)
        stored = json.loads(zlib.decompress(claims))
        decoded = _claims_from_rows(stored["claims"], stored["texts"])
        facts = [Fact(ident, story, tuple(decoded[i] for i in members), consensus, label)
                 for ident, story, members, consensus, label in json.loads(data["facts"])]
        return cls(tuple(data["members"]), decoded, facts,
                   [finding_from_row(row, decoded) for row in data["findings"]],
                   [finding_from_row(row, decoded) for row in data["engine_findings"]])

    def summary(self) -> StorySummary:
        """Return the summary of this result, with its stored form."""
        summary, claims, counts, cited, facts = self._encoded()
        return StorySummary(self.members, counts, {i: self.claims[i] for i in cited}, facts,
                            list(self.findings), list(self.engine_findings), (summary, claims))


@dataclass
class StorySummary:
    """What a report citing only the claims its findings cite needs of one story.

    The story's claims are not held: only how many each member has, the
    claims findings cite (by index in the story's claims, the same index
    facts use), facts citing claims by that index, and findings.  ``stored``
    is the result as the snapshot keeps it, when it is not stored yet.
    """

    members: tuple[str, ...]
    counts: tuple[int, ...]
    cited: dict[int, Claim]
    # the facts as JSON text: an archive's facts are decoded once the workers analysing it are gone
    facts_text: str
    findings: list[Finding]
    engine_findings: list[Finding]
    stored: tuple[str, bytes] | None = None

    @classmethod
    def decode(cls, summary: str, claims: bytes | None = None) -> StorySummary:
        """Decode the summary part of :meth:`StoryResult.encode` output (``claims`` is kept to store it).

        Raises:
            ValueError: the data is not such a summary.
        """
        data = json.loads(summary)
        texts = data["texts"]
        cited = dict(zip([i for i, _row in data["cited"]],
                         _claims_from_rows([row for _i, row in data["cited"]], texts), strict=True))
        counts = tuple(data["counts"])
        members = tuple(data["members"])
        if len(counts) != len(members):
            raise ValueError("counts of another shape")
        facts = data["facts"]
        if not isinstance(facts, str) or not isinstance(json.loads(facts), list):
            raise ValueError("facts of another shape")
        return cls(members, counts, cited, facts,
                   [finding_from_row(row, cited) for row in data["findings"]],  # type: ignore[arg-type]
                   [finding_from_row(row, cited) for row in data["engine_findings"]],  # type: ignore[arg-type]
                   (summary, claims) if claims is not None else None)


    def facts(self) -> list[CompactFact]:
        """Return the facts: id, story, claims by index in the story's claims, consensus, label."""
        return [tuple(fact) for fact in json.loads(self.facts_text)]  # type: ignore[misc]


class Spool:
    """The stored forms of newly analysed stories, kept in a temporary file until the snapshot is written.

    A cold run over an archive makes a stored form per story; spooled, they
    cost disk, not the memory the analysis of the other stories wants.
    """

    def __init__(self) -> None:
        """Open an anonymous temporary file (gone when closed, or when the process ends)."""
        self._file = tempfile.TemporaryFile()
        self._where: dict[str, tuple[int, int, int]] = {}

    def __contains__(self, name: object) -> bool:
        return name in self._where

    def put(self, name: str, summary: StorySummary) -> None:
        """Move a summary's stored form to the file."""
        if summary.stored is None:
            return
        text = summary.stored[0].encode("utf-8")
        self._file.seek(0, os.SEEK_END)
        self._where[name] = (self._file.tell(), len(text), len(summary.stored[1]))
        self._file.write(text)
        self._file.write(summary.stored[1])
        summary.stored = None

    def get(self, name: str) -> tuple[str, bytes]:
        """Return the stored form of a story put here."""
        offset, text, claims = self._where[name]
        self._file.seek(offset)
        return self._file.read(text).decode("utf-8"), self._file.read(claims)

    def close(self) -> None:
        """Delete the file."""
        self._file.close()


_FINDING_CLAIMS_AT = tuple(f.name for f in dataclasses.fields(Finding)).index("claims")


def _shared_row(claim: Claim, texts: dict[str, int]) -> list[Any]:
    """Encode a claim, its repeated texts replaced by their index in ``texts``."""
    row = _claim_to_row(claim)
    for at in _SHARED_TEXTS:
        if row[at] is not None:
            row[at] = texts.setdefault(row[at], len(texts))
    return row


def _claims_from_rows(rows: list[list[Any]], texts: list[str]) -> list[Claim]:
    for row in rows:
        for at in _SHARED_TEXTS:
            if row[at] is not None:
                row[at] = texts[row[at]]
    return [_claim_from_row(row) for row in rows]


@dataclass
class Snapshot:
    """The previous run, as far as it is still usable."""

    documents: dict[str, tuple[str, str, Document]] = field(default_factory=dict)
    # story name -> members, summary, compressed claims (see :meth:`StoryResult.encode`)
    stories: dict[str, tuple[tuple[str, ...], str, bytes]] = field(default_factory=dict)
    grouping: str | None = None
    rows: GroupingRows | None = None

    def close(self) -> None:
        """Let go of the stored grouping rows."""
        if isinstance(self.rows, _StoredRows):
            self.rows.close()

    def story(self, name: str, members: tuple[str, ...]) -> StoryResult | None:
        """Return the stored result of a story with exactly these members, or None."""
        stored = self.stories.get(name)
        if stored is None or stored[0] != members:
            return None
        try:
            return StoryResult.decode(stored[1], stored[2])
        except (ValueError, KeyError, TypeError, IndexError, zlib.error):
            return None

    def summary(self, name: str, members: tuple[str, ...]) -> StorySummary | None:
        """Return the stored summary of a story with exactly these members, or None."""
        stored = self.stories.get(name)
        if stored is None or stored[0] != members:
            return None
        try:
            return StorySummary.decode(stored[1])
        except (ValueError, KeyError, TypeError, IndexError):
            return None


class _StoredRows:
    """The stored grouping's rows, read when the grouping update asks (see :class:`factcheck.stories.GroupingRows`).

    Reads check that the snapshot still has the settings it was loaded with: a
    run writing in between makes every read fail, and the update falls back
    to grouping anew.
    """

    def __init__(self, path: Path, settings: str) -> None:
        self._path = path
        self._settings = settings
        self._connection: sqlite3.Connection | None = None

    def _query(self, sql: str, keys: Sequence[Any]) -> list[tuple[Any, Any]]:
        if self._connection is None:
            self._connection = sqlite3.connect(self._path, timeout=30.0)
        found: list[tuple[Any, Any]] = []
        try:
            (settings,) = self._connection.execute("SELECT value FROM meta WHERE name = 'settings'").fetchone()
            if settings != self._settings:
                raise KeyError("the snapshot changed since it was read")
            for offset in range(0, len(keys), 500):
                chunk = list(keys[offset:offset + 500])
                marks = ",".join("?" * len(chunk))
                found.extend(self._connection.execute(sql.format(marks), chunk).fetchall())
        except (sqlite3.Error, TypeError) as exc:
            raise KeyError(str(exc)) from exc
        return found

    def vectors(self, positions: Sequence[int]) -> dict[int, bytes]:
        """Return position -> stored vectors."""
        return dict(self._query("SELECT position, data FROM vectors WHERE position IN ({})", positions))

    def holders(self, tokens: Sequence[str]) -> dict[str, bytes]:
        """Return token -> packed positions of the articles holding it."""
        return dict(self._query("SELECT token, positions FROM holders WHERE token IN ({})", tokens))

    def close(self) -> None:
        """Close the reading connection."""
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None


_EMPTY = Snapshot()


class AnalysisStore:
    """The snapshot database under the cache directory, for one settings key."""

    def __init__(self, root: Path, settings: str) -> None:
        """Open (lazily) ``root/analysis.sqlite3`` for runs with these settings."""
        self.path = root / DB_NAME
        self.settings = f"{SNAPSHOT_FORMAT}:{settings}"
        self.snapshot = _EMPTY
        self._reused: dict[str, Document] = {}
        self._stats: dict[str, tuple[str, str]] = {}

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=30.0, isolation_level=None)
        connection.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
        connection.execute("CREATE TABLE IF NOT EXISTS documents "
                           "(path TEXT PRIMARY KEY, stat TEXT, entry TEXT, doc TEXT) WITHOUT ROWID")
        connection.execute("CREATE TABLE IF NOT EXISTS stories "
                           "(name TEXT PRIMARY KEY, members TEXT, summary TEXT, claims BLOB) WITHOUT ROWID")
        connection.execute("CREATE TABLE IF NOT EXISTS vectors (position INTEGER PRIMARY KEY, data BLOB)")
        connection.execute("CREATE TABLE IF NOT EXISTS holders (token TEXT PRIMARY KEY, positions BLOB) WITHOUT ROWID")
        return connection

    def load(self) -> Snapshot:
        """Read the snapshot of the last run with the same settings (empty when none or damaged)."""
        if not self.path.is_file():
            return self.snapshot
        try:
            connection = self._connect()
            try:
                meta = dict(connection.execute("SELECT name, value FROM meta").fetchall())
                if meta.get("settings") != self.settings:
                    return self.snapshot
                documents = {path: (stat, entry, _document_from_row(json.loads(doc)))
                             for path, stat, entry, doc in connection.execute("SELECT * FROM documents")}
                stories = {name: (tuple(json.loads(members)), summary, claims) for name, members, summary, claims
                           in connection.execute("SELECT name, members, summary, claims FROM stories")}
            finally:
                connection.close()
        except (sqlite3.Error, ValueError, TypeError, KeyError, OSError):
            return self.snapshot
        self.snapshot = Snapshot(documents, stories, meta.get("grouping"), _StoredRows(self.path, self.settings))
        return self.snapshot

    def reuse(self, path: str, info: os.stat_result, entry: str) -> Document | None:
        """Return the stored document of ``path`` when its stat and manifest entry are unchanged (ingest hook)."""
        key = stat_key(info)
        self._stats[path] = (key, entry)
        stored = self.snapshot.documents.get(path)
        if stored is None or stored[0] != key or stored[1] != entry:
            return None
        self._reused[path] = stored[2]
        return stored[2]

    def previous(self) -> dict[str, Document]:
        """Return the documents of the last run by path."""
        return {path: stored[2] for path, stored in self.snapshot.documents.items()}

    def save(self, documents: Sequence[Document], stories: Mapping[str, StoryResult | StorySummary],
             reused: Iterable[str], grouping: GroupingRecord | None, spool: Spool | None = None) -> None:
        """Store this run's snapshot; stories in ``reused`` are kept as stored.  Errors are ignored.

        A summary brings its stored form (:attr:`StorySummary.stored`) or has
        it in ``spool``; a result is encoded here, one story at a time.
        """
        kept = set(reused)
        current = {doc.path for doc in documents}
        self.snapshot.close()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = self._connect()
            try:
                connection.execute("BEGIN IMMEDIATE")
                stored = dict(connection.execute("SELECT name, value FROM meta").fetchall())
                if stored.get("settings") != self.settings or self.snapshot is _EMPTY:
                    connection.execute("DELETE FROM documents")
                    connection.execute("DELETE FROM stories")
                    previous_paths: set[str] = set()
                    previous_stories: set[str] = set()
                else:
                    previous_paths = set(self.snapshot.documents)
                    previous_stories = set(self.snapshot.stories)
                connection.execute("DELETE FROM meta")
                connection.executemany("INSERT INTO meta VALUES (?, ?)", [
                    ("settings", self.settings), ("grouping", grouping.figures if grouping else None)])
                if grouping is None or grouping.complete:
                    connection.execute("DELETE FROM vectors")
                    connection.execute("DELETE FROM holders")
                if grouping is not None:
                    connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?)", grouping.vector_rows())
                    connection.executemany("DELETE FROM holders WHERE token = ?",
                                           [(t,) for t in grouping.dropped_holders()])
                    connection.executemany("INSERT OR REPLACE INTO holders VALUES (?, ?)", grouping.holder_rows())
                connection.executemany("DELETE FROM documents WHERE path = ?",
                                       [(p,) for p in previous_paths - current])
                # rows are encoded as SQLite takes them: an archive's snapshot is never all in memory as text
                connection.executemany("INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?)", (
                    (doc.path, *self._stats.get(doc.path, ("", "")),
                     json.dumps(_document_to_row(doc), ensure_ascii=False, separators=(",", ":")))
                    for doc in documents if doc.path not in self._reused or doc.path not in previous_paths))
                connection.executemany("DELETE FROM stories WHERE name = ?",
                                       [(n,) for n in previous_stories if n not in stories])
                connection.executemany("INSERT OR REPLACE INTO stories VALUES (?, ?, ?, ?)", (
                    (name, json.dumps(list(result.members)), *_stored_form(name, result, spool))
                    for name, result in stories.items() if name not in kept or name not in previous_stories))
                connection.execute("COMMIT")
            finally:
                with contextlib.suppress(sqlite3.Error):
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                connection.close()
        except (sqlite3.Error, OSError):
            return


def _stored_form(name: str, result: StoryResult | StorySummary, spool: Spool | None) -> tuple[str, bytes]:
    if isinstance(result, StoryResult):
        return result.encode()
    if spool is not None and name in spool:
        return spool.get(name)
    if result.stored is None:
        raise ValueError("a reused story's summary has no stored form")
    return result.stored
