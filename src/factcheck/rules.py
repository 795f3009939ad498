"""Rule packs: declarative YAML validated against ``rules.schema.json``.

A pack is loaded with line marks kept, validated before any article is read,
and every problem is reported at once as ``file:line:col: key: what to fix``.
Packs merge in the order given: later lists extend earlier ones, later scalar
values win.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "RuleError",
    "RulePackError",
    "RuleSet",
    "load_rules",
    "load_yaml_with_marks",
    "rules_dir",
    "shipped_packs",
    "validate_pack_files",
]

DEFAULT_PACK = "default"
# Marks are kept for values at their key path, and for keys at (*path, KEY_MARK).
KEY_MARK = "<key>"
Location = tuple[int, int]


@dataclass(frozen=True, slots=True)
class RuleError:
    """One problem in a rule pack, located by file, line and column."""

    path: str
    line: int
    column: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class RulePackError(Exception):
    """Raised with every problem found in the rule packs of a run."""

    def __init__(self, errors: Sequence[RuleError]) -> None:
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def rules_dir() -> Path:
    """Return the directory of the shipped rule packs (wheel or source checkout)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_rules", here.parent.parent / "rules"):
        if (candidate / "rules.schema.json").is_file():
            return candidate
    raise FileNotFoundError("factcheck rule packs not found next to the package")


def shipped_packs() -> dict[str, Path]:
    """Map shipped pack names (file stems, ``lang/zh`` for language packs) to files."""
    root = rules_dir()
    packs: dict[str, Path] = {}
    for path in sorted(root.rglob("*.yaml")):
        packs[path.relative_to(root).with_suffix("").as_posix()] = path
    return packs


@functools.lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    with open(rules_dir() / "rules.schema.json", encoding="utf-8") as handle:
        schema: dict[str, Any] = json.load(handle)
    return schema


_SAFE_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")}


# libyaml's parser composes the packs about 20 times faster than the pure-Python one, with the same marks.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _MarkedLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """A safe loader whose nodes keep their line marks (duplicate keys are refused while building)."""


def load_yaml_with_marks(text: str, path: str) -> tuple[Any, dict[tuple[Any, ...], Location], list[RuleError]]:
    """Parse YAML safely, returning data, a map of key paths to (line, col), and errors.

    Duplicate keys are errors, not silently last-wins.
    """
    errors: list[RuleError] = []
    marks: dict[tuple[Any, ...], Location] = {}
    try:
        node = yaml.compose(text, Loader=_MarkedLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        errors.append(RuleError(path, line, column, "", f"YAML syntax error: {problem}"))
        return None, marks, errors
    if node is None:
        return None, marks, errors
    # One constructor for every scalar: building a loader per value costs more than parsing the file.
    constructor = yaml.constructor.SafeConstructor()

    def build(current: yaml.Node, where: tuple[Any, ...]) -> Any:
        marks[where] = (current.start_mark.line + 1, current.start_mark.column + 1)
        if current.tag not in _SAFE_TAGS:
            errors.append(RuleError(path, *marks[where], _dotted(where), f"YAML tag {current.tag} is not allowed"))
            return None
        if isinstance(current, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in current.value:
                key = constructor.construct_object(key_node, deep=True)
                if key in result:
                    errors.append(RuleError(path, key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                            _dotted((*where, key)), "duplicate key"))
                result[key] = build(value_node, (*where, key))
                marks[(*where, key, KEY_MARK)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            return result
        if isinstance(current, yaml.SequenceNode):
            return [build(item, (*where, index)) for index, item in enumerate(current.value)]
        return constructor.construct_object(current, deep=True)

    try:
        return build(node, ()), marks, errors
    except yaml.YAMLError as exc:
        errors.append(RuleError(path, 1, 1, "", f"YAML error: {exc}"))
        return None, marks, errors


def _dotted(where: Iterable[Any]) -> str:
    parts: list[str] = []
    for part in where:
        if isinstance(part, int):
            parts.append(f"[{part}]")
        else:
            parts.append(("." if parts else "") + str(part))
    return "".join(parts)


def _validate(data: Any, marks: Mapping[tuple[Any, ...], Location], path: str) -> list[RuleError]:
    import jsonschema

    validator = jsonschema.Draft202012Validator(_schema())
    errors: list[RuleError] = []
    for error in sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path]):
        where = tuple(error.absolute_path)
        message = error.message
        if error.validator == "additionalProperties":
            extra = [k for k in (error.instance or {}) if k not in (error.schema.get("properties") or {})]
            patterns = error.schema.get("patternProperties") or {}
            if patterns:
                import re

                extra = [k for k in extra if not any(re.search(p, str(k)) for p in patterns)]
            if extra:
                where = (*where, extra[0], KEY_MARK)
                known = ", ".join(sorted(error.schema.get("properties") or {}))
                message = f"unknown key '{extra[0]}'" + (f" (known keys: {known})" if known else "")
        line, column = _nearest_mark(marks, where)
        errors.append(RuleError(path, line, column, _dotted(p for p in where if p != KEY_MARK), message))
    return errors


def _nearest_mark(marks: Mapping[tuple[Any, ...], Location], where: tuple[Any, ...]) -> Location:
    probe = where
    while probe not in marks and probe:
        probe = probe[:-1]
    return marks.get(probe, (1, 1))


@dataclass(frozen=True)
class RuleSet:
    """The merged content of the rule packs of one run."""

    data: Mapping[str, Any]
    sources: tuple[str, ...] = ()
    digest: str = ""
    rule_entries: tuple[Mapping[str, Any], ...] = field(default_factory=tuple)

    def language(self, lang: str | None) -> Mapping[str, Any]:
        """Return the merged lexicon of one language (empty when unknown)."""
        languages: Mapping[str, Mapping[str, Any]] = self.data.get("languages", {})
        lexicon: Mapping[str, Any] = languages.get(lang or "", {})
        return lexicon

    @property
    def languages(self) -> list[str]:
        return sorted(self.data.get("languages", {}))

    def section(self, name: str) -> Any:
        return self.data.get(name, {})

    @property
    def glossary(self) -> Mapping[str, list[str]]:
        glossary: Mapping[str, list[str]] = self.data.get("glossary", {})
        return glossary

    def with_glossary(self, extra: Mapping[str, Sequence[str]]) -> RuleSet:
        """Return a copy whose glossary also holds ``extra`` (a manifest's names)."""
        if not extra:
            return self
        merged = dict(self.data)
        glossary = {k: list(v) for k, v in self.glossary.items()}
        for name, aliases in extra.items():
            glossary.setdefault(str(name), [])
            for alias in aliases or []:
                if alias not in glossary[str(name)]:
                    glossary[str(name)].append(str(alias))
        merged["glossary"] = glossary
        digest = hashlib.sha256((self.digest + json.dumps(glossary, sort_keys=True)).encode()).hexdigest()
        return RuleSet(merged, self.sources, digest, self.rule_entries)


def _merge(into: dict[str, Any], other: Mapping[str, Any]) -> None:
    for key, value in other.items():
        if key in into and isinstance(into[key], dict) and isinstance(value, Mapping):
            _merge(into[key], value)
        elif key in into and isinstance(into[key], list) and isinstance(value, list):
            into[key] = into[key] + [v for v in value if v not in into[key]]
        else:
            into[key] = json.loads(json.dumps(value, default=str)) if isinstance(value, Mapping | list) else value


def _resolve(name: str, base: Path | None) -> list[Path]:
    """Turn a pack name or path into files; ``default`` is every shipped pack."""
    packs = shipped_packs()
    if name == DEFAULT_PACK:
        return list(packs.values())
    if name in packs:
        return [packs[name]]
    candidate = Path(name)
    if not candidate.is_absolute() and base is not None:
        candidate = base / candidate
    if candidate.is_dir():
        return sorted(candidate.rglob("*.yaml"))
    if candidate.is_file():
        return [candidate]
    raise RulePackError([RuleError(name, 1, 1, "", f"no rule pack named '{name}' (shipped: {', '.join(sorted(packs))})")])


def validate_pack_files(paths: Sequence[Path]) -> tuple[list[tuple[Path, dict[str, Any]]], list[RuleError]]:
    """Load and validate pack files; return the loaded packs and every error."""
    loaded: list[tuple[Path, dict[str, Any]]] = []
    errors: list[RuleError] = []
    seen_ids: dict[str, str] = {}
    for path in paths:
        shown = _shown(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            errors.append(RuleError(shown, 1, 1, "", f"cannot read rule pack: {exc}"))
            continue
        data, marks, problems = load_yaml_with_marks(text, shown)
        errors.extend(problems)
        if problems:
            continue
        if data is None:
            data = {}
        if not isinstance(data, dict):
            errors.append(RuleError(shown, 1, 1, "", "a rule pack must be a mapping of sections"))
            continue
        schema_errors = _validate(data, marks, shown)
        errors.extend(schema_errors)
        for index, entry in enumerate(data.get("rules") or []):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                if entry["id"] in seen_ids:
                    line, column = _nearest_mark(marks, ("rules", index, "id"))
                    errors.append(RuleError(shown, line, column, f"rules[{index}].id",
                                            f"duplicate rule id '{entry['id']}' (first in {seen_ids[entry['id']]})"))
                else:
                    seen_ids[entry["id"]] = shown
        if not schema_errors:
            loaded.append((path, data))
    return loaded, errors


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


@functools.lru_cache(maxsize=32)
def _load_cached(key: tuple[str, ...], base: str | None) -> RuleSet:
    files: list[Path] = []
    for name in key:
        for path in _resolve(name, Path(base) if base else None):
            if path not in files:
                files.append(path)
    loaded, errors = validate_pack_files(files)
    if errors:
        raise RulePackError(errors)
    merged: dict[str, Any] = {}
    entries: list[Mapping[str, Any]] = []
    digest = hashlib.sha256()
    for path, data in loaded:
        digest.update(path.name.encode())
        digest.update(json.dumps(data, sort_keys=True, default=str).encode())
        entries.extend(data.get("rules") or [])
        _merge(merged, {k: v for k, v in data.items() if k not in ("rules", "version", "name", "description")})
    return RuleSet(merged, tuple(_shown(p) for p, _ in loaded), digest.hexdigest(), tuple(entries))


def load_rules(names: Sequence[str] = (DEFAULT_PACK,), base: Path | None = None) -> RuleSet:
    """Load, validate and merge rule packs by shipped name or path.

    Raises:
        RulePackError: listing every problem of every pack, with file and line.
    """
    return _load_cached(tuple(names) or (DEFAULT_PACK,), str(base) if base else None)
