"""The incremental cache: each document's extracted and normalized claims, reused across runs.

An entry is keyed by everything that decides what extraction returns for a
document: its content hash, path, language, publication date and story, the
rule-pack digest, the factcheck version, the shape of the :class:`Claim`
contract and any extra identity the caller adds (e.g. the rates file).  A
changed file, rule pack or release therefore misses and is re-extracted; the
rest is read back.

Entries live in one SQLite database under the cache directory
(``.factcheck-cache/claims.sqlite3``): a 100k-file archive becomes one file,
reads are single primary-key look-ups and each write batch is a transaction,
so an interrupted run never leaves a half-written entry.  Values are compact
JSON rows, zlib-compressed (no pickle: a cache restored from a shared CI store must not be able
to run code).  A damaged database or entry is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import json
import operator
import shutil
import sqlite3
import sys
import time
import weakref
import zlib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .model import Claim, Document, Finding, Kind, Relative, Severity

__all__ = [
    "CACHE_FORMAT",
    "ClaimCache",
    "claim_from_dict",
    "claim_from_row",
    "claim_to_row",
    "clear_cache",
    "encode_entry",
    "finding_from_dict",
    "finding_from_row",
    "finding_to_row",
    "tuples_from_json",
]

# Bumped when the row encoding changes; part of every key.
CACHE_FORMAT = 2
DB_NAME = "claims.sqlite3"

_CLAIM_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Claim))
_claim_values = operator.attrgetter(*_CLAIM_FIELDS)
_FINDING_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Finding))
_RELATIVE_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Relative))
# A field added to a contract changes this, so old rows can never be misread.
_SHAPE = hashlib.sha256(
    json.dumps([CACHE_FORMAT, _CLAIM_FIELDS, _FINDING_FIELDS, _RELATIVE_FIELDS]).encode()
).hexdigest()[:16]

# Commit at least this often while writing, so a killed run keeps most of its work.
_BATCH_ROWS = 512
_BATCH_SECONDS = 2.0


# ---------------------------------------------------------------- encoding


def _plain(value: Any) -> Any:
    """Turn tuples, enums and relatives into JSON values."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Relative):
        return {"__relative__": [getattr(value, name) for name in _RELATIVE_FIELDS]}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def tuples_from_json(value: Any) -> Any:
    """Turn JSON lists back into the tuples the frozen contracts hold."""
    if isinstance(value, list):
        return tuple(tuples_from_json(v) for v in value)
    return value


def claim_to_row(claim: Claim) -> list[Any]:
    """Encode a claim as a JSON-ready list of its fields, in declaration order.

    Tuples are left as they are (JSON writes them as arrays); only the kind
    and a relative time need converting, so a row costs one C-level fetch of
    every field.
    """
    row = list(_claim_values(claim))
    kind = row[_CLAIM_KIND]
    if isinstance(kind, enum.Enum):
        row[_CLAIM_KIND] = kind.value
    relative = row[_CLAIM_RELATIVE]
    if relative is not None:
        row[_CLAIM_RELATIVE] = _plain(relative)
    return row


def _sequence_fields(cls: type) -> tuple[int, ...]:
    """Positions of the fields that hold tuples (JSON gives them back as lists)."""
    return tuple(i for i, f in enumerate(dataclasses.fields(cls))
                 if any(word in str(f.type) for word in ("tuple", "Bound", "Span")))


_CLAIM_SEQUENCES = _sequence_fields(Claim)
_CLAIM_KIND = _CLAIM_FIELDS.index("kind")
_CLAIM_RELATIVE = _CLAIM_FIELDS.index("relative")
# Texts many claims repeat (a sentence, a path, "2024"): interned so a warm run stores each once.
_CLAIM_SHARED = tuple(_CLAIM_FIELDS.index(name) for name in ("path", "quote", "lang", "sentence", "unit",
                                                              "canonical_unit"))
_KINDS = {k.value: k for k in Kind}


def claim_from_row(row: Sequence[Any]) -> Claim:
    """Decode :func:`claim_to_row` output back into an equal :class:`Claim`.

    Raises:
        ValueError: the row does not have the shape of a claim.
    """
    if len(row) != len(_CLAIM_FIELDS):
        raise ValueError(f"claim row has {len(row)} fields, expected {len(_CLAIM_FIELDS)}")
    # Positional and touching only the few non-scalar fields: this runs for every cached claim.
    values = list(row)
    for index in _CLAIM_SEQUENCES:
        if values[index].__class__ is list:
            values[index] = tuples_from_json(values[index])
    values[_CLAIM_KIND] = _KINDS[values[_CLAIM_KIND]]
    for index in _CLAIM_SHARED:
        if values[index].__class__ is str:
            values[index] = sys.intern(values[index])
    if values[_CLAIM_RELATIVE] is not None:
        values[_CLAIM_RELATIVE] = _relative(values[_CLAIM_RELATIVE])
    return Claim(*values)


def _relative(value: Any) -> Relative | None:
    if value is None:
        return None
    if isinstance(value, Mapping) and "__relative__" in value:
        return Relative(*value["__relative__"])
    if isinstance(value, Mapping):
        fields: dict[str, Any] = {k: value[k] for k in _RELATIVE_FIELDS if k in value}
        return Relative(**fields)
    raise ValueError(f"not a relative time: {value!r}")


def claim_from_dict(data: Mapping[str, Any]) -> Claim:
    """Rebuild a claim from its report JSON (:meth:`Claim.to_dict`).

    Bounds given as ``[low, high]`` become tuples, ``qualifiers`` may be a
    mapping or a list of pairs, and fields missing from the JSON (such as
    ``sentence_start``) take their defaults.
    """
    values: dict[str, Any] = {}
    for name in _CLAIM_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name == "kind":
            value = Kind(value)
        elif name == "relative":
            value = _relative(value)
        elif name == "qualifiers":
            items = value.items() if isinstance(value, Mapping) else (value or ())
            value = tuple((str(k), str(v)) for k, v in items)
        elif name == "bound":
            value = (float(value[0]), float(value[1])) if isinstance(value, list | tuple) else value
        else:
            value = tuples_from_json(value)
        values[name] = value
    return Claim(**values)


def finding_to_row(finding: Finding, claims: Sequence[Claim]) -> list[Any]:
    """Encode a finding; cited claims found in ``claims`` become their index there."""
    index = {id(c): i for i, c in enumerate(claims)}
    row: list[Any] = []
    for name in _FINDING_FIELDS:
        value = getattr(finding, name)
        if name == "claims":
            cited: list[Any] = []
            for claim in value:
                position = index.get(id(claim))
                if position is None:
                    with contextlib.suppress(ValueError):
                        position = list(claims).index(claim)
                cited.append(position if position is not None else claim_to_row(claim))
            row.append(cited)
        else:
            row.append(_plain(value))
    return row


def finding_from_row(row: Sequence[Any], claims: Sequence[Claim]) -> Finding:
    """Decode :func:`finding_to_row` output, resolving cited claims by index in ``claims``.

    Raises:
        ValueError: the row does not have the shape of a finding.
    """
    if len(row) != len(_FINDING_FIELDS):
        raise ValueError(f"finding row has {len(row)} fields, expected {len(_FINDING_FIELDS)}")
    values: dict[str, Any] = {}
    for name, value in zip(_FINDING_FIELDS, row, strict=True):
        if name == "claims":
            values[name] = tuple(claims[v] if isinstance(v, int) else claim_from_row(v) for v in value)
        elif name == "severity":
            values[name] = Severity(value)
        elif name in ("expected", "observed"):
            values[name] = value  # free-form JSON values, kept as JSON gives them
        else:
            values[name] = tuples_from_json(value)
    return Finding(**values)


def finding_from_dict(data: Mapping[str, Any], claims: Mapping[str, Claim]) -> Finding:
    """Rebuild a finding from its report JSON, looking cited claim ids up in ``claims``.

    Raises:
        KeyError: a cited claim id is not in ``claims``.
    """
    values: dict[str, Any] = {}
    for name in _FINDING_FIELDS:
        if name not in data:
            continue
        value = data[name]
        if name == "claims":
            value = tuple(claims[str(cid)] for cid in value)
        elif name == "severity":
            value = Severity(value)
        values[name] = value
    return Finding(**values)


def encode_entry(claims: Sequence[Claim], findings: Sequence[Finding]) -> bytes:
    """Return the stored form of one document's claims and findings (what :meth:`ClaimCache.get` reads).

    A pure function of its arguments, so extraction workers can encode their
    own results in parallel and the main process only inserts the bytes.
    """
    claims = list(claims)
    # Level 1: claims of one sentence repeat it, so even the fastest level shrinks entries about 4x.
    return zlib.compress(json.dumps(
        [[claim_to_row(c) for c in claims], [finding_to_row(f, claims) for f in findings]],
        ensure_ascii=False, separators=(",", ":"),
    ).encode("utf-8"), 1)


# ---------------------------------------------------------------- store


def _connect(path: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(path, timeout=30.0, isolation_level=None, check_same_thread=False)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.execute("CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, path TEXT, data BLOB) WITHOUT ROWID")
    # Fail now on a damaged file rather than on the first read.
    connection.execute("SELECT count(*) FROM (SELECT key FROM entries LIMIT 1)").fetchone()
    return connection


def _finish(connection: sqlite3.Connection) -> None:
    with contextlib.suppress(sqlite3.Error):
        if connection.in_transaction:
            connection.execute("COMMIT")
        connection.close()


class ClaimCache:
    """Per-document claims and findings, keyed by content, rules and version.

    Writes are batched into transactions and committed every few hundred
    entries, on :meth:`flush` / :meth:`close`, and when the cache object is
    garbage collected, so callers that simply drop it lose nothing.
    """

    def __init__(self, root: Path, ruleset_digest: str, version: str, extra: str = "") -> None:
        """Open (or create) the cache under ``root``.

        Args:
            root: The cache directory, e.g. ``.factcheck-cache``.
            ruleset_digest: :attr:`RuleSet.digest` of the run's merged rule packs.
            version: The factcheck version.
            extra: Anything else extraction depends on (e.g. a rates file digest).
        """
        self.root = Path(root)
        self._salt = "\0".join((_SHAPE, ruleset_digest, version, extra))
        self._pending = 0
        self._last_commit = time.monotonic()
        self.hits = 0
        self.misses = 0
        self._db: sqlite3.Connection | None = self._open()
        self._finalizer = weakref.finalize(self, _finish, self._db) if self._db is not None else None

    def _open(self) -> sqlite3.Connection | None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None
        path = self.root / DB_NAME
        try:
            return _connect(path)
        except sqlite3.Error:
            # A damaged database is thrown away: the cache only ever saves time.
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    Path(f"{path}{suffix}").unlink()
            try:
                return _connect(path)
            except sqlite3.Error:
                return None

    def key(self, doc: Document) -> str:
        """Return the cache key of one document."""
        content = doc.sha256 or hashlib.sha256(doc.text.encode("utf-8", "surrogatepass")).hexdigest()
        identity = "\0".join((
            self._salt, content, doc.path, doc.lang or "", doc.published.isoformat() if doc.published else "",
            doc.story or "", "1" if doc.source else "0", doc.title or "",
        ))
        return hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()

    def get(self, doc: Document) -> tuple[list[Claim], list[Finding]] | None:
        """Return the cached claims and findings of ``doc``, or None on a miss."""
        if self._db is None:
            return None
        key = self.key(doc)
        try:
            found = self._db.execute("SELECT data FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            self.misses += 1
            return None
        if found is None:
            self.misses += 1
            return None
        try:
            claim_rows, finding_rows = json.loads(zlib.decompress(found[0]))
            claims = [claim_from_row(row) for row in claim_rows]
            findings = [finding_from_row(row, claims) for row in finding_rows]
        except (ValueError, TypeError, KeyError, IndexError, zlib.error):
            # A damaged or foreign entry: forget it and extract again.
            self._delete(key)
            self.misses += 1
            return None
        self.hits += 1
        return claims, findings

    def put(self, doc: Document, claims: Sequence[Claim], findings: Sequence[Finding]) -> None:
        """Store the claims and findings extracted from ``doc``."""
        self.put_encoded(doc, encode_entry(claims, findings))

    def put_encoded(self, doc: Document, payload: bytes) -> None:
        """Store an entry made by :func:`encode_entry` (e.g. in the worker that extracted ``doc``)."""
        if self._db is None:
            return
        try:
            if not self._db.in_transaction:
                self._db.execute("BEGIN")
            self._db.execute("INSERT OR REPLACE INTO entries (key, path, data) VALUES (?, ?, ?)",
                             (self.key(doc), doc.path, payload))
        except sqlite3.Error:
            return
        self._pending += 1
        if self._pending >= _BATCH_ROWS or time.monotonic() - self._last_commit > _BATCH_SECONDS:
            self.flush()

    def put_many(self, items: Iterable[tuple[Document, Sequence[Claim], Sequence[Finding]]]) -> None:
        """Store several documents' results and commit them."""
        for doc, claims, findings in items:
            self.put(doc, claims, findings)
        self.flush()

    def _delete(self, key: str) -> None:
        if self._db is None:
            return
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("DELETE FROM entries WHERE key = ?", (key,))

    def flush(self) -> None:
        """Commit pending writes."""
        self._pending = 0
        self._last_commit = time.monotonic()
        if self._db is not None and self._db.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("COMMIT")

    def close(self) -> None:
        """Commit and close the database."""
        if self._finalizer is not None:
            self._finalizer()
        self._db = None

    def __enter__(self) -> ClaimCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        if self._db is None:
            return 0
        try:
            return int(self._db.execute("SELECT count(*) FROM entries").fetchone()[0])
        except sqlite3.Error:
            return 0

    def prune(self, keep: Iterable[Document]) -> int:
        """Delete entries of documents not in ``keep`` (files deleted or changed); return how many."""
        if self._db is None:
            return 0
        keys = {self.key(doc) for doc in keep}
        self.flush()
        try:
            stale = [k for (k,) in self._db.execute("SELECT key FROM entries") if k not in keys]
            self._db.execute("BEGIN")
            self._db.executemany("DELETE FROM entries WHERE key = ?", [(k,) for k in stale])
            self._db.execute("COMMIT")
        except sqlite3.Error:
            return 0
        return len(stale)

    def clear(self) -> None:
        """Delete every entry (of every rule set and version)."""
        if self._db is None:
            return
        self.flush()
        with contextlib.suppress(sqlite3.Error):
            self._db.execute("DELETE FROM entries")
            self._db.execute("VACUUM")


def clear_cache(root: Path) -> bool:
    """Delete the cache directory ``root``; return whether there was one."""
    root = Path(root)
    if not root.exists():
        return False
    shutil.rmtree(root, ignore_errors=True)
    return True
