"""Finding fingerprints, baselines and suppressions.

A fingerprint identifies a finding across runs: it hashes the check, the story,
the fact and the normalized quotes of the cited claims with their paths, and
never line numbers or offsets, so a finding keeps its fingerprint when
unrelated edits shift the lines of the article.  Baselines (``factcheck
baseline``) and the ``factcheck-ignore.yaml`` file both store fingerprints;
:func:`apply_suppressions` marks the findings they match, plus the findings
that an inline ``<!-- factcheck-ignore: CHECK -->`` comment covers.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.model import Document, Finding

if TYPE_CHECKING:
    import yaml

__all__ = [
    "BASELINE_VERSION",
    "BaselineError",
    "IgnoreFileError",
    "apply_suppressions",
    "fingerprint",
    "inline_suppressed",
    "load_baseline",
    "load_ignore_file",
    "normalize_quote",
    "write_baseline",
]

BASELINE_VERSION = 1
# Bumping this prefix invalidates every stored fingerprint; do it only when the
# hashed fields change meaning.
_FINGERPRINT_SCHEME = "factcheck/v1"
_FINGERPRINT_LENGTH = 20
_FINGERPRINT_RE = re.compile(r"^[0-9a-f]{8,64}$")
_IGNORE_KEYS = {"fingerprint", "reason", "check", "path", "message"}
_WHITESPACE = re.compile(r"\s+")


class BaselineError(ValueError):
    """A baseline file that cannot be read; the message names the file."""


class IgnoreFileError(ValueError):
    """A malformed ignore file; ``errors`` holds one ``file:line:col: problem`` per entry."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("\n".join(errors))
        self.errors = list(errors)


def normalize_quote(quote: str) -> str:
    """Return ``quote`` in the form fingerprints hash.

    NFKC folds full-width digits and compatibility forms (``４６亿`` and
    ``46亿`` are one quote), whitespace runs collapse and case folds, so
    re-typesetting an article does not change its fingerprints.
    """
    folded = unicodedata.normalize("NFKC", quote).casefold()
    return _WHITESPACE.sub(" ", folded).strip()


def fingerprint(finding: Finding) -> str:
    """Return the stable fingerprint of ``finding`` (hex, no line numbers).

    Args:
        finding: The finding to identify.

    Returns:
        A 20-character lowercase hex digest of check, story, fact and the
        sorted ``(path, normalized quote)`` pairs of the cited claims.  A
        finding that cites no claim (a skipped file) hashes its path instead.
    """
    cited = sorted({(c.path.replace("\\", "/"), normalize_quote(c.quote)) for c in finding.claims})
    if not cited:
        path = (finding.location[0] or "").replace("\\", "/")
        cited = [(path, "")]
    payload = json.dumps(
        [_FINGERPRINT_SCHEME, finding.check, finding.story or "", finding.fact or "", cited],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:_FINGERPRINT_LENGTH]


def write_baseline(path: str | Path, findings: Iterable[Finding]) -> None:
    """Write the fingerprints of ``findings`` to a JSON baseline file.

    Each entry keeps the check, location and message beside the fingerprint
    so a reviewer can read the baseline in a diff; only the fingerprints are
    used when it is loaded.  Entries are sorted, so rewriting an unchanged
    baseline yields the same bytes.

    Args:
        path: Where to write the baseline.
        findings: The findings to record (all of them: the caller filters).
    """
    entries: dict[str, dict[str, Any]] = {}
    for finding in findings:
        fp = finding.fingerprint or fingerprint(finding)
        where, line, _column = finding.location
        entries.setdefault(
            fp,
            {"fingerprint": fp, "check": finding.check, "path": where, "line": line, "message": finding.message},
        )
    document = {
        "version": BASELINE_VERSION,
        "tool": "factcheck",
        "findings": [entries[key] for key in sorted(entries)],
    }
    Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def load_baseline(path: str | Path) -> set[str]:
    """Return the fingerprints stored in a baseline file.

    Args:
        path: A file written by :func:`write_baseline`.

    Returns:
        The set of fingerprints.

    Raises:
        BaselineError: The file is missing, not JSON, or not a baseline.
    """
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read baseline: {exc.strerror or exc}") from exc
    except json.JSONDecodeError as exc:
        raise BaselineError(f"{path}:{exc.lineno}:{exc.colno}: baseline is not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a factcheck baseline (expected an object with a 'findings' list)")
    if data.get("version") != BASELINE_VERSION:
        raise BaselineError(f"{path}: unsupported baseline version {data.get('version')!r} (expected {BASELINE_VERSION})")
    fingerprints: set[str] = set()
    for index, entry in enumerate(data["findings"]):
        value = entry.get("fingerprint") if isinstance(entry, dict) else entry
        if not isinstance(value, str) or not _FINGERPRINT_RE.match(value):
            raise BaselineError(f"{path}: findings[{index}]: not a fingerprint: {value!r}")
        fingerprints.add(value)
    return fingerprints


def load_ignore_file(path: str | Path) -> dict[str, str]:
    """Read a ``factcheck-ignore.yaml`` file into ``{fingerprint: reason}``.

    The file holds a list under ``ignore:``; each entry names a fingerprint
    and the reason it is accepted (``check``, ``path`` and ``message`` may be
    kept for readers and are not used)::

        ignore:
          - fingerprint: 3f9a0c51d2e84b7a6c10
            reason: The Italian version rounds the figure on purpose.

    Args:
        path: The ignore file.

    Returns:
        Fingerprint to reason.  An empty file yields an empty mapping.

    Raises:
        IgnoreFileError: Every malformed entry, each as ``file:line:col: problem``.
    """
    import yaml  # only runs that use an ignore file pay for the YAML parser

    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise IgnoreFileError([f"{name}: cannot read ignore file: {exc.strerror or exc}"]) from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark is not None else name
        problem = getattr(exc, "problem", None) or str(exc)
        raise IgnoreFileError([f"{where}: invalid YAML: {problem}"]) from exc
    if root is None:
        return {}

    errors: list[str] = []

    def at(node: yaml.Node) -> str:
        return f"{name}:{node.start_mark.line + 1}:{node.start_mark.column + 1}"

    entries_node: yaml.Node | None = None
    if isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if key.value == "ignore":
                entries_node = value
            elif key.value != "version":
                errors.append(f"{at(key)}: unknown key {key.value!r} (expected 'ignore')")
        if entries_node is None and not errors:
            errors.append(f"{at(root)}: missing 'ignore' list")
    elif isinstance(root, yaml.SequenceNode):
        entries_node = root
    else:
        errors.append(f"{at(root)}: expected a mapping with an 'ignore' list")

    ignores: dict[str, str] = {}
    if entries_node is not None and not (isinstance(entries_node, yaml.ScalarNode) and entries_node.value == ""):
        if not isinstance(entries_node, yaml.SequenceNode):
            errors.append(f"{at(entries_node)}: 'ignore' must be a list of entries")
        else:
            for entry in entries_node.value:
                parsed = _ignore_entry(entry, at, errors)
                if parsed is None:
                    continue
                fp, reason = parsed
                if fp in ignores:
                    errors.append(f"{at(entry)}: fingerprint {fp} is listed twice")
                    continue
                ignores[fp] = reason
    if errors:
        raise IgnoreFileError(errors)
    return ignores


def _ignore_entry(entry: yaml.Node, at: Any, errors: list[str]) -> tuple[str, str] | None:
    """Validate one ignore entry, appending problems to ``errors``."""
    import yaml

    if not isinstance(entry, yaml.MappingNode):
        errors.append(f"{at(entry)}: an entry must be a mapping with 'fingerprint' and 'reason'")
        return None
    fields: dict[str, yaml.Node] = {}
    ok = True
    for key, value in entry.value:
        if key.value not in _IGNORE_KEYS:
            errors.append(f"{at(key)}: unknown key {key.value!r} (expected one of {', '.join(sorted(_IGNORE_KEYS))})")
            ok = False
        fields[key.value] = value
    fp_node = fields.get("fingerprint")
    reason_node = fields.get("reason")
    if fp_node is None:
        errors.append(f"{at(entry)}: missing 'fingerprint'")
        ok = False
    elif not isinstance(fp_node, yaml.ScalarNode) or not _FINGERPRINT_RE.match(str(fp_node.value).lower()):
        errors.append(f"{at(fp_node)}: 'fingerprint' must be a hex digest as printed by factcheck")
        ok = False
    if reason_node is None:
        errors.append(f"{at(entry)}: missing 'reason' (say why this finding is accepted)")
        ok = False
    elif not isinstance(reason_node, yaml.ScalarNode) or not str(reason_node.value).strip():
        errors.append(f"{at(reason_node)}: 'reason' must be a non-empty text")
        ok = False
    if not ok or fp_node is None or reason_node is None:
        return None
    return str(fp_node.value).lower(), str(reason_node.value).strip()


def inline_suppressed(finding: Finding, documents: Mapping[str, Document]) -> bool:
    """Tell whether an inline ``factcheck-ignore`` span covers ``finding``.

    The finding's primary claim (the first it cites, where it is reported)
    decides: a comment above one article's paragraph accepts that article's
    figure, and must not silence a finding reported on another article that
    only cites it as a counterpart.

    Args:
        finding: The finding.
        documents: Documents by path.

    Returns:
        True when the primary claim lies in a span whose checks are empty
        (all checks) or include the finding's check.
    """
    if not finding.claims:
        return False
    primary = finding.claims[0]
    document = documents.get(primary.path)
    if document is None:
        return False
    for start, end, checks in document.suppressed:
        if start <= primary.start < end and (not checks or finding.check in checks or "all" in checks):
            return True
    return False


def apply_suppressions(
    findings: Iterable[Finding],
    baseline: Iterable[str],
    ignores: Mapping[str, str],
    documents: Iterable[Document],
) -> list[Finding]:
    """Fingerprint ``findings`` and mark the suppressed ones.

    Args:
        findings: Findings in report order (the order is kept).
        baseline: Fingerprints from :func:`load_baseline` (empty for none).
        ignores: Fingerprint to reason, from :func:`load_ignore_file`.
        documents: The run's documents, for their inline suppression spans.

    Returns:
        New findings with ``fingerprint`` set and ``suppressed=True`` where
        the baseline, the ignore file or an inline comment covers them.
    """
    known = set(baseline) | set(ignores)
    by_path = {d.path: d for d in documents}
    result: list[Finding] = []
    for finding in findings:
        fp = finding.fingerprint or fingerprint(finding)
        suppressed = finding.suppressed or fp in known or inline_suppressed(finding, by_path)
        result.append(dataclasses.replace(finding, fingerprint=fp, suppressed=suppressed))
    return result
