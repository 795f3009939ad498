"""Project configuration and check suites.

Precedence: CLI flags, then the project config (``factcheck.toml`` or
``[tool.factcheck]`` in ``pyproject.toml``), then the defaults.  Suites
(``checks/*.yaml``) are what ``factcheck run`` runs when given no paths.
"""

from __future__ import annotations

import glob
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .rules import KEY_MARK, RuleError, RulePackError, load_yaml_with_marks

__all__ = ["ProjectConfig", "Suite", "SuiteError", "discover_suites", "load_project_config", "load_suite"]

SEVERITY_VALUES = ("info", "warning", "error", "off")

SUITE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["articles"],
    "properties": {
        "name": {"type": "string", "pattern": "^[A-Za-z0-9_.-]+$"},
        "description": {"type": "string"},
        "articles": {"type": "array", "items": {"type": "string"}, "minItems": 1},
        "exclude": {"type": "array", "items": {"type": "string"}},
        "rules": {"type": "array", "items": {"type": "string"}},
        "checks": {"type": "object", "additionalProperties": {"enum": list(SEVERITY_VALUES)}},
        "fail_on": {"enum": ["info", "warning", "error", "never"]},
        "outputs": {"type": "array", "items": {"type": "string"}},
        "baseline": {"type": "string"},
        "ignore": {"type": "string"},
    },
}

CONFIG_KEYS = {"paths", "exclude", "rules", "fail_on", "formats", "output", "baseline", "ignore", "max_bytes", "jobs"}


class SuiteError(RulePackError):
    """An invalid suite or project config, with file and line for each problem."""


@dataclass(frozen=True)
class Suite:
    """A check suite: which articles, which packs, which checks at which severity."""

    name: str
    path: Path
    root: Path
    articles: list[str]
    exclude: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=lambda: ["default"])
    checks: dict[str, str] = field(default_factory=dict)
    fail_on: str = "error"
    outputs: list[str] = field(default_factory=lambda: ["json"])
    baseline: str | None = None
    ignore: str | None = None


def _inside(root: Path, candidate: Path) -> bool:
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def load_suite(path: Path, root: Path | None = None) -> Suite:
    """Load and validate one suite file; article paths may not escape ``root``.

    Raises:
        SuiteError: every problem, each with file and line.
    """
    import jsonschema

    root = root or path.resolve().parent.parent
    shown = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SuiteError([RuleError(shown, 1, 1, "", f"cannot read suite: {exc}")]) from exc
    data, marks, errors = load_yaml_with_marks(text, shown)
    if errors:
        raise SuiteError(errors)
    if not isinstance(data, dict):
        raise SuiteError([RuleError(shown, 1, 1, "", "a suite must be a mapping (name, articles, rules, checks…)")])
    problems = []
    for error in jsonschema.Draft202012Validator(SUITE_SCHEMA).iter_errors(data):
        where = tuple(error.absolute_path)
        key = ".".join(str(p) for p in where)
        message = error.message
        if error.validator == "additionalProperties":
            extra = sorted(set(error.instance) - set(SUITE_SCHEMA["properties"]))
            if extra:
                where, key = (extra[0], KEY_MARK), extra[0]
                message = f"unknown key '{extra[0]}' (known keys: {', '.join(sorted(SUITE_SCHEMA['properties']))})"
        line, column = marks.get(where, marks.get(where[:1], (1, 1)))
        problems.append(RuleError(shown, line, column, key, message))
    for index, article in enumerate(data.get("articles") or []):
        if isinstance(article, str) and not _inside(root, root / article):
            line, column = marks.get(("articles", index), (1, 1))
            problems.append(RuleError(shown, line, column, f"articles[{index}]",
                                      f"'{article}' is outside the suite's root {root}"))
    if problems:
        raise SuiteError(problems)
    return Suite(
        name=str(data.get("name") or path.stem),
        path=path,
        root=root,
        articles=[str(a) for a in data["articles"]],
        exclude=[str(e) for e in data.get("exclude") or []],
        rules=[str(r) for r in data.get("rules") or ["default"]],
        checks={str(k): str(v) for k, v in (data.get("checks") or {}).items()},
        fail_on=str(data.get("fail_on") or "error"),
        outputs=[str(o) for o in data.get("outputs") or ["json"]],
        baseline=data.get("baseline"),
        ignore=data.get("ignore"),
    )


def discover_suites(root: Path) -> list[Suite]:
    """Load every suite in ``root/checks/*.yaml``, reporting all problems at once."""
    suites: list[Suite] = []
    errors: list[RuleError] = []
    for path in sorted(glob.glob(str(root / "checks" / "*.yaml"))):
        try:
            suites.append(load_suite(Path(path), root))
        except SuiteError as exc:
            errors.extend(exc.errors)
    if errors:
        raise SuiteError(errors)
    return suites


@dataclass(frozen=True)
class ProjectConfig:
    """Settings from ``factcheck.toml`` or ``[tool.factcheck]``; empty when neither exists."""

    values: Mapping[str, Any] = field(default_factory=dict)
    path: Path | None = None

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def load_project_config(root: Path) -> ProjectConfig:
    """Read the project config of ``root``.

    Raises:
        SuiteError: malformed TOML or an unknown key.
    """
    for path, section in ((root / "factcheck.toml", None), (root / "pyproject.toml", ("tool", "factcheck"))):
        if not path.is_file():
            continue
        try:
            data: Any = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            line = _toml_line(str(exc))
            raise SuiteError([RuleError(path.as_posix(), line, 1, "", f"invalid TOML: {exc}")]) from exc
        if section:
            for key in section:
                data = data.get(key, {}) if isinstance(data, dict) else {}
            if not data:
                continue
        if not isinstance(data, dict):
            continue
        unknown = sorted(set(data) - CONFIG_KEYS)
        if unknown:
            raise SuiteError([RuleError(path.as_posix(), 1, 1, unknown[0],
                                        f"unknown key (known keys: {', '.join(sorted(CONFIG_KEYS))})")])
        return ProjectConfig(data, path)
    return ProjectConfig()


def _toml_line(message: str) -> int:
    import re

    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else 1


STARTER_CONFIG = """\
# factcheck project configuration: CLI flags override these values.
paths = ["content"]          # files, directories or globs to check
exclude = []                 # glob patterns to leave out
rules = ["default"]          # shipped packs by name, or paths to your own packs
fail_on = "error"            # info | warning | error | never
formats = ["html", "json"]   # html json sarif junit github markdown rdjson
output = "factcheck-report"
"""

STARTER_SUITE = """\
# A check suite: `factcheck run` with no paths runs every suite in checks/.
name: content
articles: [content]
rules: [default]
checks: {fact-agreement: error, conversion: error, internal-consistency: warning, relative-time: warning, reference: error}
fail_on: error
outputs: [html, json, sarif]
"""
