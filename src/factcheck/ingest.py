"""Ingest: find input files, decode them, read their metadata, mark what is not story.

Every input file becomes a :class:`~factcheck.model.Document`, either
``checked`` or ``skipped`` with a one-line reason (empty, binary, too large,
unreadable, broken front matter...): a bad file never stops the run and never
disappears from the report.

Offsets are the contract: ``Document.text`` is the whole decoded file (a BOM
stripped, front matter kept), and masking, boilerplate and suppression are
spans into it, so nothing is ever removed from the text.

Metadata precedence: front matter, then the ``manifest.yaml`` of the file's
directory (or an ancestor up to the directory given), then detection (script
and ``lingua`` for the language, a dateline for the publication date).
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import glob
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .ingest_boilerplate import find_boilerplate, markers_from_rules, split_lines, width
from .ingest_detect import CANDIDATE_LANGUAGES, CJK_LANGUAGES, detect_language, find_dateline, known_language
from .ingest_markup import html_boilerplate, html_title, mask_html, mask_markup, merge_spans, suppressions
from .model import Document, Finding, Severity, Span, Status
from .rules import RuleSet, load_yaml_with_marks

__all__ = [
    "HTML_SUFFIXES",
    "MARKDOWN_SUFFIXES",
    "TEXT_SUFFIXES",
    "Corpus",
    "InputError",
    "decode_bytes",
    "load_corpus",
    "load_document",
    "parse_front_matter",
]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdx"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
TEXT_SUFFIXES = MARKDOWN_SUFFIXES | HTML_SUFFIXES | {".txt"}
MANIFEST_NAME = "manifest.yaml"
SKIPPED_DIRS = frozenset({"factcheck-report"})
DEFAULT_MAX_BYTES = 20_000_000
# Share of control characters above which decoded bytes are not text.
_CONTROL_LIMIT = 0.05
_SNIFF_BYTES = 65_536
_GLOB_CHARS = re.compile(r"[*?\[]")
_LATIN_SINGLE_BYTE = re.compile(r"^(cp125\d|iso8859_\d+|latin_1|mac_\w+|cp8\d\d|cp437)$")
_FRONT_OPEN = re.compile(r"\A---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
# A flat block (``key: scalar`` lines, simple list items) cannot nest, so the
# C loader may read it; libyaml crashes the process on deeply nested input.
_FLAT_YAML_LINE = re.compile(
    r"[ \t]*(?:#.*)?"
    r"|[^\s#:\[\]{}&*!|>'\"%@`-][^:\[\]{}]*:(?:[ \t]+(?![\[{&*!|>%@`])[^\[\]{}]*)?[ \t]*"
    r"|[ \t]{1,8}-[ \t]+(?![\[{&*!|>%@`-])[^\[\]{}]*")
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FLAT_LIMIT = 16_384


class InputError(Exception):
    """No path given exists (a usage error); the message is one line."""


@dataclass(frozen=True)
class Corpus:
    """Every input file of a run, checked or skipped, and the names manifests give."""

    documents: list[Document]
    glossary: dict[str, list[str]]
    # one-line ``path:line: message`` problems outside any document (manifests, missing paths)
    problems: list[str] = field(default_factory=list)

    def problems_findings(self) -> list[Finding]:
        """Return the problems as ``input`` findings located at their file and line."""
        findings: list[Finding] = []
        for problem in self.problems:
            match = re.match(r"^(?P<path>.*?):(?P<line>\d+): (?P<message>.*)$", problem)
            if match:
                findings.append(Finding(check="input", severity=Severity.WARNING, message=match.group("message"),
                                        path=match.group("path"), line=int(match.group("line")), column=1))
            else:
                findings.append(Finding(check="input", severity=Severity.WARNING, message=problem, path="", line=0))
        return findings


# --- discovery ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Candidate:
    path: Path  # as found: the given path joined with the walk
    root: Path  # where the manifest search stops
    shown: str  # the path reports use


def _shown(path: Path) -> str:
    """Return ``path`` relative to the working directory when under it, else as given."""
    parent, name = os.path.split(path)
    head = _shown_directory(parent, os.getcwd())
    if head is None:
        return path.as_posix()
    return name if head == "." else f"{head}/{name}"


@functools.lru_cache(maxsize=4096)
def _shown_directory(directory: str, cwd: str) -> str | None:
    """Return a directory relative to ``cwd`` (POSIX form) when under it, else None (once per directory)."""
    absolute = os.path.abspath(directory)
    try:
        common = os.path.commonpath([absolute, cwd])
    except ValueError:
        common = ""
    if common != cwd:
        return None
    return Path(os.path.relpath(absolute, cwd)).as_posix()


def _hidden(name: str) -> bool:
    return name.startswith(".") and name not in (".", "..")


def _walk(top: Path, visited: set[str], problems: list[str]) -> Iterator[Path]:
    """Yield text files under ``top``, following links but never a directory twice."""
    stack = [top]
    while stack:
        directory = stack.pop()
        real = os.path.realpath(directory)
        if real in visited:
            continue  # a symlink loop or a second link to the same tree
        visited.add(real)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            problems.append(f"{_shown(directory)}:0: cannot list directory: {exc.strerror or exc}")
            continue
        subdirs: list[Path] = []
        for entry in entries:
            if _hidden(entry.name):
                continue
            try:
                is_dir = entry.is_dir()
            except OSError:
                is_dir = False
            if is_dir:
                if entry.name not in SKIPPED_DIRS:
                    subdirs.append(Path(entry.path))
            elif Path(entry.name).suffix.lower() in TEXT_SUFFIXES:
                yield Path(entry.path)
        stack.extend(reversed(subdirs))


def _in_skipped_dir(match: str, pattern: Path) -> bool:
    """Whether a glob match sits in a hidden or report directory below the pattern's literal prefix."""
    literal: list[str] = []
    for part in pattern.parts:
        if _GLOB_CHARS.search(part):
            break
        literal.append(part)
    try:
        below = Path(match).relative_to(Path(*literal)) if literal else Path(match)
    except ValueError:
        below = Path(match)
    return any(_hidden(part) or part in SKIPPED_DIRS for part in below.parts[:-1])


def _real_path(path: Path) -> str:
    """Return ``os.path.realpath(path)``, resolving each directory once however many files it holds."""
    parent, name = os.path.split(path)
    if name in ("", ".", "..") or os.path.islink(path):
        return os.path.realpath(path)
    return os.path.join(_real_directory(parent or "."), name)


@functools.lru_cache(maxsize=4096)
def _real_directory(directory: str) -> str:
    return os.path.realpath(directory)


def _inside(path: Path, root: Path) -> bool:
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
    except ValueError:
        return False
    return True


def _discover(paths: Sequence[str], explicit_root: Path | None,
              problems: list[str]) -> tuple[list[_Candidate], bool]:
    """Expand files, directories and globs into candidates; report paths that match nothing."""
    candidates: list[_Candidate] = []
    visited: set[str] = set()
    any_found = False
    for given in paths:
        base = Path(given)
        if explicit_root is not None and not base.is_absolute():
            base = explicit_root / base
        if _GLOB_CHARS.search(given) and not os.path.lexists(base):
            matches = [m for m in sorted(glob.glob(str(base), recursive=True)) if not _in_skipped_dir(m, base)]
            if not matches:
                problems.append(f"{given}:0: the pattern matches no file")
            for match in matches:
                found = Path(match)
                if explicit_root is not None and not _inside(found, explicit_root):
                    problems.append(f"{match}:0: outside {explicit_root.as_posix()}; give it on the command line "
                                    "to check it")
                    continue
                if found.is_dir():
                    any_found = True
                    candidates.extend(_Candidate(p, found, _shown(p)) for p in _walk(found, visited, problems))
                elif found.suffix.lower() in TEXT_SUFFIXES:
                    any_found = True
                    candidates.append(_Candidate(found, found.parent, _shown(found)))
            continue
        if not os.path.lexists(base):
            problems.append(f"{given}:0: no such file or directory")
            continue
        if explicit_root is not None and not _inside(base, explicit_root):
            problems.append(f"{given}:0: outside {explicit_root.as_posix()}; give it on the command line to check it")
            continue
        any_found = True
        if base.is_dir():
            candidates.extend(_Candidate(p, base, _shown(p)) for p in _walk(base, visited, problems))
        else:
            candidates.append(_Candidate(base, base.parent, _shown(base)))
    return candidates, any_found


def _excluder(exclude: Sequence[str]) -> Any:
    if not exclude:
        return None
    import pathspec

    return pathspec.PathSpec.from_lines("gitwildmatch", list(exclude))


def _excluded(spec: Any, candidate: _Candidate) -> bool:
    if spec is None:
        return False
    relative = os.path.relpath(candidate.path, candidate.root) if candidate.root != candidate.path.parent else \
        candidate.path.name
    return bool(spec.match_file(candidate.shown) or spec.match_file(Path(relative).as_posix()))


# --- decoding ----------------------------------------------------------------------------------

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class _Skip(Exception):
    """A file that cannot take part; the message is the one-line reason."""


def _line_of_byte(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_binary(text: str) -> bool:
    sample = text[:_SNIFF_BYTES]
    if not sample:
        return False
    control = sum(1 for ch in sample if (unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v\x1b")
                  or ch == "\ufffd")
    return control / len(sample) > _CONTROL_LIMIT


def _utf16_without_bom(data: bytes) -> str | None:
    """Guess UTF-16 from where the NUL bytes sit (ASCII-range characters have one NUL byte)."""
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.2 * half and even <= 0.02 * half:
        return "utf-16-le"
    if even >= 0.2 * half and odd <= 0.02 * half:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes) -> tuple[str, str, list[tuple[int, str]]]:
    """Decode file bytes into text; return (text, encoding, warnings as (line, message)).

    Strict UTF-8 first (the fast path), then a BOM, then UTF-16 without BOM,
    then ``charset-normalizer`` (GB18030/GBK, Big5, EUC-KR, Windows-1252...).
    UTF-8 with a few broken bytes among valid multi-byte characters is decoded
    with replacement characters and a warning, since a legacy encoding would
    garble the rest.

    Raises:
        _Skip: with the reason when the bytes are not text.
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            payload = data[len(bom):]
            try:
                return payload.decode(name), f"{name}-sig" if name == "utf-8" else name, []
            except UnicodeDecodeError as exc:
                text = payload.decode(name, errors="replace")
                return text, name, [(_line_of_byte(payload, exc.start),
                                     f"invalid {name}: undecodable bytes replaced with U+FFFD")]
    nuls = data.count(b"\x00")
    if nuls:
        guess = _utf16_without_bom(data)
        if guess is not None:
            try:
                text = data.decode(guess)
            except UnicodeDecodeError:
                text = ""
            if text and not _looks_binary(text):
                return text, guess, []
        # a stray NUL in an otherwise valid UTF-8 file is damage, not a binary format
        if nuls * 1000 < len(data):
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = ""
            if text and not _looks_binary(text):
                return text, "utf-8", [(_line_of_byte(data, data.index(b"\x00")), f"{nuls} NUL byte(s) in the text")]
        raise _Skip("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    valid_wide = sum(1 for ch in replaced if ord(ch) > 0x7F and ch != "\ufffd")
    # Legacy CJK bytes form a few valid UTF-8 pairs by chance, but far fewer than broken ones.
    if valid_wide >= 4 * bad and bad <= max(3, len(replaced) // 50):
        return replaced, "utf-8", [(_line_of_byte(data, first_bad), f"invalid UTF-8: {bad} undecodable byte "
                                    "sequence(s) replaced with U+FFFD")]
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise _Skip("binary file (no text encoding fits its bytes)")
    encoding = best.encoding
    if _LATIN_SINGLE_BYTE.match(encoding):
        # Between look-alike Western code pages, Windows-1252 is what editors write.
        try:
            return _checked_text(data.decode("cp1252")), "cp1252", []
        except UnicodeDecodeError:
            pass
    return _checked_text(str(best)), codecs.lookup(encoding).name, []


def _checked_text(text: str) -> str:
    if _looks_binary(text):
        raise _Skip("binary file (control characters, not text)")
    return text


# --- front matter and manifests ----------------------------------------------------------------


@dataclass
class _Meta:
    lang: str | None = None
    published: dt.date | None = None
    title: str | None = None
    story: str | None = None
    source: bool | None = None
    lang_problem: str | None = None  # a stated lang that is not a language
    published_problem: str | None = None  # a stated date that is not a date
    problems: list[str] = field(default_factory=list)  # other values of the wrong type


def parse_front_matter(text: str) -> tuple[dict[str, Any] | None, int, int]:
    """Return (front matter mapping or None, body start offset, line where the block's YAML starts).

    Raises:
        _Skip: an unclosed block, invalid YAML or a block that is not a mapping.
    """
    opening = _FRONT_OPEN.match(text)
    if not opening:
        return None, 0, 0
    closing = _FRONT_CLOSE.search(text, opening.end())
    if closing is None:
        raise _Skip("front matter: unclosed '---' block opened at line 1")
    block = text[opening.end():closing.start()]
    body_start = closing.end()
    if text.startswith("\r\n", body_start):
        body_start += 2
    elif text.startswith("\n", body_start):
        body_start += 1
    try:
        data = _load_front_yaml(block) if block.strip() else {}
    except RecursionError as exc:
        raise _Skip("front matter: invalid YAML at line 2: nested too deeply") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise _Skip(f"front matter: invalid YAML at line {line}: {problem}") from exc
    if not isinstance(data, dict):
        raise _Skip(f"front matter: expected 'key: value' lines at line 2, found {type(data).__name__}")
    return data, body_start, 2


def _load_front_yaml(block: str) -> Any:
    """Load a front matter block safely, with libyaml when the block is flat."""
    try:
        if len(block) <= _FLAT_LIMIT and all(_FLAT_YAML_LINE.fullmatch(line) for line in block.splitlines()):
            return yaml.load(block, Loader=_FAST_LOADER)
        return yaml.safe_load(block)
    except (ValueError, OverflowError):
        # a timestamp-shaped value that is no date (2016-43-23): keep it as text, judged later as a bad date
        return yaml.load(block, Loader=_TextDatesLoader)


class _TextDatesLoader(yaml.SafeLoader):
    """A safe loader that leaves timestamp-shaped scalars as strings."""


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)  # type: ignore[arg-type]


_TextDatesLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _as_date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        candidate = value.strip()
        try:
            return dt.date.fromisoformat(candidate[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", candidate) else None
        except ValueError:
            return None
    return None


def _language_exists(tag: str) -> bool:
    if tag in CANDIDATE_LANGUAGES or tag in CJK_LANGUAGES:
        return True
    from babel import localedata

    return bool(localedata.exists(tag))


def _read_meta(mapping: Mapping[str, Any], where: str, line_of: Mapping[str, int], known: frozenset[str]) -> _Meta:
    """Read the metadata keys of a front matter block or manifest entry; unknown keys are ignored."""
    meta = _Meta()
    if "lang" in mapping and mapping["lang"] is not None:
        raw = mapping["lang"]
        tag = known_language(raw)
        if tag is not None and (tag in known or _language_exists(tag)):
            meta.lang = tag
        else:
            meta.lang_problem = f"{where}, line {line_of.get('lang', 1)}: lang {raw!r} is not a known language"
    if "published" in mapping and mapping["published"] is not None:
        raw = mapping["published"]
        meta.published = _as_date(raw)
        if meta.published is None:
            meta.published_problem = (f"{where}, line {line_of.get('published', 1)}: published {str(raw)!r} is not a date "
                                      "(YYYY-MM-DD); publication date unknown")
    for key in ("title", "story"):
        raw = mapping.get(key)
        if raw is None:
            continue
        # only scalars: str() of an aliased structure could be enormous
        if isinstance(raw, str | int | float | dt.date):
            setattr(meta, key, str(raw).strip() or None)
        else:
            meta.problems.append(f"{where}, line {line_of.get(key, 1)}: {key} must be text; ignored")
    if "source" in mapping and mapping["source"] is not None:
        raw = mapping["source"]
        meta.source = raw if isinstance(raw, bool) else str(raw).strip().lower() in ("true", "yes", "1", "on")
    return meta


def _front_matter_lines(text: str, body_start: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, content in enumerate(text[:body_start].splitlines(), start=1):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", content)
        if match and match.group(1) not in lines:
            lines[match.group(1)] = number
    return lines


@dataclass
class _Manifest:
    directory: Path
    shown: str
    entries: dict[str, tuple[Mapping[str, Any], dict[str, int]]]
    glossary: dict[str, list[str]]


def _has_aliases(text: str) -> bool:
    if "*" not in text:
        return False  # an alias is written "*name": without a star there is none to parse for
    try:
        return any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(text, Loader=yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError):
        return False  # the loader reports the syntax error with its line


class _Manifests:
    """Manifests found next to the input files, loaded once each."""

    def __init__(self, problems: list[str]) -> None:
        self._cache: dict[str, _Manifest | None] = {}
        self._chains: dict[tuple[str, str], list[tuple[Path, _Manifest]]] = {}
        self._problems = problems

    def at(self, directory: Path) -> _Manifest | None:
        key = os.path.realpath(directory)
        if key not in self._cache:
            path = directory / MANIFEST_NAME
            self._cache[key] = self._load(path) if path.is_file() else None
        return self._cache[key]

    def _chain(self, directory: Path, root: Path) -> list[tuple[Path, _Manifest]]:
        """Return the manifests from ``directory`` up to ``root``, nearest first (cached per pair)."""
        key = (str(directory), str(root))
        chain = self._chains.get(key)
        if chain is not None:
            return chain
        chain = []
        real_root = os.path.realpath(root)
        while True:
            manifest = self.at(directory)
            if manifest is not None:
                chain.append((directory, manifest))
            if os.path.realpath(directory) == real_root or directory.parent == directory:
                break
            if not _inside(directory.parent, root):
                break
            directory = directory.parent
        self._chains[key] = chain
        return chain

    def problem_count(self) -> int:
        return len(self._problems)

    def problems_since(self, count: int) -> list[str]:
        return list(self._problems[count:])

    def add_problems(self, problems: Sequence[str]) -> None:
        self._problems.extend(p for p in problems if p not in self._problems)

    def loaded(self) -> list[_Manifest]:
        return sorted((m for m in self._cache.values() if m is not None), key=lambda m: m.shown)

    def _load(self, path: Path) -> _Manifest | None:
        shown = _shown(path)
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            self._problems.append(f"{shown}:1: cannot read manifest: {getattr(exc, 'strerror', None) or exc}")
            return None
        if _has_aliases(text):
            # aliases can expand exponentially; a metadata file never needs them
            self._problems.append(f"{shown}:1: YAML anchors and aliases are not allowed in a manifest; ignored")
            return None
        try:
            data, marks, errors = load_yaml_with_marks(text, shown)
        except RecursionError:
            self._problems.append(f"{shown}:1: manifest nested too deeply; ignored")
            return None
        if errors:
            self._problems.extend(str(error) for error in errors)
            return None
        manifest = _Manifest(path.parent, shown, {}, {})
        if data is None:
            return manifest
        if not isinstance(data, dict):
            self._problems.append(f"{shown}:1: a manifest is a mapping with 'files' and 'glossary'")
            return None
        files = data.get("files") or {}
        if not isinstance(files, dict):
            self._problems.append(f"{shown}:{marks.get(('files',), (1, 1))[0]}: files: expected a mapping of "
                                  "file names to metadata")
            files = {}
        for name, entry in files.items():
            line = marks.get(("files", name), (1, 1))[0]
            if not isinstance(entry, dict):
                self._problems.append(f"{shown}:{line}: files.{name}: expected a mapping (lang, published, ...)")
                continue
            relative = Path(str(name))
            if relative.is_absolute() or ".." in relative.parts:
                self._problems.append(f"{shown}:{line}: files.{name}: escapes the manifest's directory; ignored")
                continue
            key = relative.as_posix()
            if not (path.parent / relative).exists():
                self._problems.append(f"{shown}:{line}: files.{name}: no such file next to the manifest")
            entry_lines = {str(k): marks.get(("files", name, k), (line, 1))[0] for k in entry}
            manifest.entries[key] = (entry, entry_lines)
        glossary = data.get("glossary") or {}
        if not isinstance(glossary, dict):
            self._problems.append(f"{shown}:{marks.get(('glossary',), (1, 1))[0]}: glossary: expected a mapping "
                                  "of names to lists of aliases")
            glossary = {}
        for name, aliases in glossary.items():
            if isinstance(aliases, str):
                aliases = [aliases]
            if not isinstance(aliases, list):
                line = marks.get(("glossary", name), (1, 1))[0]
                self._problems.append(f"{shown}:{line}: glossary.{name}: expected a list of names")
                continue
            manifest.glossary[str(name)] = [str(alias) for alias in aliases if alias is not None]
        return manifest

    def entry_for(self, candidate: _Candidate) -> tuple[_Manifest, Mapping[str, Any], dict[str, int]] | None:
        """Find the nearest manifest entry for a file, from its directory up to its input root."""
        parent, name = os.path.split(candidate.path)
        for directory, manifest in self._chain(candidate.path.parent, candidate.root):
            below = _relative_directory(parent, str(directory))
            key = name if below == "." else f"{below}/{name}"
            if key in manifest.entries:
                entry, lines = manifest.entries[key]
                return manifest, entry, lines
        return None


@functools.lru_cache(maxsize=4096)
def _relative_directory(directory: str, start: str) -> str:
    """Return ``directory`` relative to ``start`` in POSIX form (once per pair: every file of a folder asks)."""
    return Path(os.path.relpath(directory, start)).as_posix()


# --- one document ------------------------------------------------------------------------------


def _skipped(candidate: _Candidate, reason: str, **extra: Any) -> Document:
    return Document(path=candidate.shown, status=Status.SKIPPED, reason=reason, **extra)


def _read(candidate: _Candidate, max_bytes: int) -> bytes:
    try:
        info = os.stat(candidate.path)
    except FileNotFoundError as exc:
        if os.path.islink(candidate.path):
            raise _Skip("broken symbolic link") from exc
        raise _Skip("cannot read: no such file") from exc
    except OSError as exc:
        raise _Skip(f"cannot read: {exc.strerror or exc}") from exc
    if not stat.S_ISREG(info.st_mode):
        raise _Skip("not a regular file")
    # stat before reading: an oversized file is never loaded into memory
    if info.st_size > max_bytes:
        raise _Skip(f"larger than {max_bytes} bytes (--max-bytes)")
    if info.st_size == 0:
        raise _Skip("empty file")
    try:
        with open(candidate.path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise _Skip(f"cannot read: {exc.strerror or exc}") from exc
    if len(data) > max_bytes:
        raise _Skip(f"larger than {max_bytes} bytes (--max-bytes)")
    return data


def _story_view(text: str, start: int, hidden: Sequence[Span]) -> str:
    """Return ``text[start:]`` with hidden spans blanked, keeping every offset."""
    pieces: list[str] = []
    cursor = start
    for span_start, span_end in hidden:
        span_start, span_end = max(span_start, start), max(span_end, start)
        if span_end <= cursor:
            continue
        if span_start > cursor:
            pieces.append(text[cursor:span_start])
            cursor = span_start
        pieces.append(re.sub(r"[^\n]", " ", text[cursor:span_end]))
        cursor = span_end
    pieces.append(text[cursor:])
    return "".join(pieces)


def _derived_title(text: str, body_start: int, suffix: str, hidden: Sequence[Span]) -> str | None:
    if suffix in HTML_SUFFIXES:
        return html_title(text[body_start:])
    view = _story_view(text, body_start, hidden)
    for line in split_lines(view):
        content = line.content.strip(" \t\u00a0\u3000")
        if not content:
            continue
        heading = re.match(r"^#{1,6}\s+(.*?)\s*#*$", content)
        if heading:
            return heading.group(1) or None
        content = content.strip("*_ ")
        # a headline is short and states no full sentence
        if width(content) <= 160 and not re.search(r"[.!?。！？](?:\s|$)|[。！？]", content):
            return content
        return None
    return None


@dataclass
class _Context:
    ruleset: RuleSet
    max_bytes: int
    manifests: _Manifests
    markers: tuple[str, ...]
    known: frozenset[str]


def _context(ruleset: RuleSet, max_bytes: int, problems: list[str]) -> _Context:
    languages: Mapping[str, Any] = ruleset.data.get("languages", {}) or {}
    known = frozenset(ruleset.languages) | frozenset(CANDIDATE_LANGUAGES) | frozenset(CJK_LANGUAGES)
    return _Context(ruleset, max_bytes, _Manifests(problems), markers_from_rules(languages, "boilerplate"), known)


def _pack_months(ruleset: RuleSet, lang: str | None) -> dict[str, int]:
    """Month names of the document's language and English from the rule packs (``dates.months``)."""
    months: dict[str, int] = {}
    for code in ("en", lang):
        dates = ruleset.language(code).get("dates") or {}
        table = dates.get("months") if isinstance(dates, Mapping) else None
        if isinstance(table, Mapping):
            months.update({str(k): v for k, v in table.items() if isinstance(v, int)})
    return months


def load_document(path: str | Path, *, ruleset: RuleSet, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Ingest one file on its own (its directory's manifest applies); never raises for bad input."""
    problems: list[str] = []
    candidate = _Candidate(Path(path), Path(path).parent, _shown(Path(path)))
    return _load(candidate, _context(ruleset, max_bytes, problems))


# Below this many files, forking workers costs more than reading them here.
PARALLEL_INGEST_THRESHOLD = 400
_PENDING = Document(path="")
# The context a forked ingest worker inherits (manifests already loaded by the parent).
_WORKER_CONTEXT: list[_Context] = []


def _load_all(todo: Sequence[_Candidate], ctx: _Context, jobs: int) -> list[Document]:
    """Load every candidate, in forked worker processes for large corpora."""
    import multiprocessing

    if jobs <= 1 or len(todo) < PARALLEL_INGEST_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        return [_load(candidate, ctx) for candidate in todo]
    from concurrent.futures import ProcessPoolExecutor

    for candidate in todo:  # manifests load once, here, so their problems are reported once
        ctx.manifests.entry_for(candidate)
    _WORKER_CONTEXT[:] = [ctx]
    size = max(1, len(todo) // (jobs * 8))
    chunks = [list(todo[i:i + size]) for i in range(0, len(todo), size)]
    try:
        with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            loaded: list[Document] = []
            for documents, problems in pool.map(_load_chunk, chunks):
                loaded.extend(documents)
                ctx.manifests.add_problems(problems)
    finally:
        _WORKER_CONTEXT.clear()
    return loaded


def _load_chunk(chunk: Sequence[_Candidate]) -> tuple[list[Document], list[str]]:
    ctx = _WORKER_CONTEXT[0]
    before = ctx.manifests.problem_count()
    documents = [_load(candidate, ctx) for candidate in chunk]
    return documents, ctx.manifests.problems_since(before)


def _load(candidate: _Candidate, ctx: _Context) -> Document:
    try:
        data = _read(candidate, ctx.max_bytes)
    except _Skip as skip:
        return _skipped(candidate, str(skip))
    digest = hashlib.sha256(data).hexdigest()
    try:
        text, encoding, decode_warnings = decode_bytes(data)
    except _Skip as skip:
        return _skipped(candidate, str(skip), sha256=digest)
    warnings = [f"line {line}: {message}" for line, message in decode_warnings]
    if not text.strip():
        return _skipped(candidate, "empty file (only whitespace)", encoding=encoding, sha256=digest)
    try:
        front, body_start, _ = parse_front_matter(text)
    except _Skip as skip:
        return _skipped(candidate, str(skip), text=text, encoding=encoding, sha256=digest)

    if front is not None and not text[body_start:].strip():
        warnings.append("only front matter: the file has no body text")
    suffix = candidate.path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        masked = mask_html(text, body_start)
        furniture = html_boilerplate(text, body_start)
    else:
        masked = mask_markup(text, body_start, markdown=suffix in MARKDOWN_SUFFIXES)
        furniture = []
    if body_start:
        masked = merge_spans([*masked, (0, body_start)])
    suppressed = suppressions(text, body_start, masked)
    boilerplate = find_boilerplate(_story_view(text, 0, masked), body_start, ctx.markers,
                                   extra=furniture)
    story = _story_view(text, body_start, merge_spans([*masked, *boilerplate]))

    fm_meta = _read_meta(front, "front matter", _front_matter_lines(text, body_start), ctx.known) \
        if front is not None else _Meta()
    manifest_hit = ctx.manifests.entry_for(candidate)
    man_meta = _read_meta(manifest_hit[1], manifest_hit[0].shown, manifest_hit[2], ctx.known) \
        if manifest_hit else _Meta()

    warnings.extend([*fm_meta.problems, *man_meta.problems])

    # language: front matter, manifest, detection
    lang_origin = "unknown"
    lang = None
    for meta, origin in ((fm_meta, "front-matter"), (man_meta, "manifest")):
        if meta.lang is not None:
            lang, lang_origin = meta.lang, origin
            break
    if lang is None:
        lang = detect_language(story)
        lang_origin = "detected" if lang else "unknown"
        stated = fm_meta.lang_problem or man_meta.lang_problem
        if stated:
            warnings.append(f"{stated}; detected {lang!r} instead" if lang else f"{stated}; none detected")
        elif lang is None:
            warnings.append("language could not be detected")
    else:
        for problem in (fm_meta.lang_problem, man_meta.lang_problem):
            if problem:
                warnings.append(f"{problem}; using {lang!r} from the {lang_origin}")

    # publication date: front matter, manifest, dateline; a stated but unreadable date stays unknown
    published: dt.date | None = None
    published_origin = "unknown"
    for meta, origin in ((fm_meta, "front-matter"), (man_meta, "manifest")):
        if meta.published is not None:
            published, published_origin = meta.published, origin
            break
        if meta.published_problem:
            warnings.append(meta.published_problem)
            break
    else:
        dateline = find_dateline(story, body_start, lang, months=_pack_months(ctx.ruleset, lang))
        if dateline is not None and dateline.date is not None:
            published, published_origin = dateline.date, "dateline"
            if dateline.completed:
                line = text.count("\n", 0, dateline.start) + 1
                warnings.append(f"line {line}: dateline {dateline.quote!r} states no year; "
                                f"read as {dateline.date.isoformat()} from a full date in the text")
        elif dateline is not None:
            line = text.count("\n", 0, dateline.start) + 1
            missing = "month or year" if dateline.day_only else "year"
            warnings.append(f"line {line}: dateline {dateline.quote!r} states no {missing}; "
                            "publication date unknown")

    title = fm_meta.title or man_meta.title or _derived_title(text, body_start, suffix,
                                                               merge_spans([*masked, *boilerplate]))
    source = fm_meta.source if fm_meta.source is not None else bool(man_meta.source)
    return Document(
        path=candidate.shown,
        text=text,
        lang=lang,
        published=published,
        title=title,
        story=fm_meta.story or man_meta.story,
        source=source,
        encoding=encoding,
        status=Status.CHECKED,
        lang_origin=lang_origin,
        published_origin=published_origin,
        body_start=body_start,
        boilerplate=boilerplate,
        masked=masked,
        suppressed=suppressed,
        warnings=tuple(warnings),
        sha256=digest,
    )


def _without_reused(todo: Sequence[_Candidate], ctx: _Context, reuse: Reuse,
                    documents: dict[str, Document]) -> list[_Candidate]:
    """Fill ``documents`` with what ``reuse`` still knows; return the candidates to read."""
    fresh: list[_Candidate] = []
    for candidate in todo:
        try:
            info = os.stat(candidate.path)
        except OSError:
            fresh.append(candidate)
            continue
        hit = ctx.manifests.entry_for(candidate)
        entry = repr((hit[0].shown, sorted(hit[1].items(), key=repr), sorted(hit[2].items()))) if hit else ""
        known = reuse(candidate.shown, info, entry) if stat.S_ISREG(info.st_mode) else None
        if known is None:
            fresh.append(candidate)
        else:
            documents[candidate.shown] = known
    return fresh


# --- the corpus --------------------------------------------------------------------------------


# (shown path, the file's stat, the manifest entry that applies to it) -> the document of an earlier run, or None
Reuse = Callable[[str, os.stat_result, str], Document | None]


def load_corpus(paths: Sequence[str], *, exclude: Sequence[str] = (), ruleset: RuleSet,
                max_bytes: int = DEFAULT_MAX_BYTES, explicit_root: Path | None = None, jobs: int = 1,
                reuse: Reuse | None = None) -> Corpus:
    """Find, decode and describe every input file.

    Args:
        paths: files, directories (searched recursively for .md .markdown .mdx
            .txt .html .htm, skipping hidden directories and factcheck-report/)
            and glob patterns.
        exclude: gitignore-style patterns matched against the shown path and
            the path below the directory given.
        ruleset: the run's rule packs (their ``boilerplate`` markers and month names).
        max_bytes: files larger than this are skipped without being read.
        explicit_root: when set (paths from a check suite), relative paths are
            taken from it and paths that resolve outside it are refused.
        jobs: processes that read and decode files (large corpora only; the
            documents are the same whatever the number).
        reuse: asked per file before reading it, with its stat and its manifest
            entry: a document it returns is taken as is (an incremental run
            skips the files unchanged since the last one).

    Raises:
        InputError: no path given exists (one line).
    """
    if not paths:
        raise InputError("no input paths given")
    problems: list[str] = []
    _real_directory.cache_clear()  # links may have changed since an earlier run in this process
    found, any_found = _discover(paths, explicit_root, problems)
    if not any_found:
        raise InputError("no input found: " + ", ".join(f"'{p}'" for p in paths) + " do(es) not exist or match nothing")
    spec = _excluder(exclude)
    ctx = _context(ruleset, max_bytes, problems)
    documents: dict[str, Document] = {}
    real_seen: dict[str, str] = {}
    todo: list[_Candidate] = []
    for candidate in found:
        if candidate.shown in documents or _excluded(spec, candidate):
            continue
        real = _real_path(candidate.path)
        if real in real_seen and os.path.exists(real):
            documents[candidate.shown] = _skipped(candidate, f"same file as {real_seen[real]}")
            continue
        real_seen[real] = candidate.shown
        documents[candidate.shown] = _PENDING
        todo.append(candidate)
    if reuse is not None:
        todo = _without_reused(todo, ctx, reuse, documents)
    for candidate, document in zip(todo, _load_all(todo, ctx, jobs), strict=True):
        documents[candidate.shown] = document
    glossary: dict[str, list[str]] = {}
    for manifest in ctx.manifests.loaded():
        for name, aliases in manifest.glossary.items():
            merged = glossary.setdefault(name, [])
            merged.extend(alias for alias in aliases if alias not in merged)
    return Corpus(documents=[documents[key] for key in sorted(documents)], glossary=glossary, problems=problems)
