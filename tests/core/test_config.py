"""Check suites and project configuration are validated with located errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.config import SuiteError, discover_suites, load_project_config, load_suite


def _suite(root: Path, text: str, name: str = "main.yaml") -> Path:
    (root / "checks").mkdir(exist_ok=True)
    path = root / "checks" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_suite_loads_with_defaults(tmp_path: Path) -> None:
    """A minimal suite names its articles and takes the default packs, fail-on and outputs."""
    path = _suite(tmp_path, "articles: [content]\n")
    suite = load_suite(path, tmp_path)
    assert (suite.name, suite.articles, suite.rules, suite.fail_on) == ("main", ["content"], ["default"], "error")


def test_suite_unknown_key_and_bad_severity(tmp_path: Path) -> None:
    """Every problem of a suite is reported at once with its line."""
    path = _suite(tmp_path, "articles: [content]\nchecks: {fact-agreement: fatal}\nfail-on: error\n")
    with pytest.raises(SuiteError) as info:
        load_suite(path, tmp_path)
    messages = sorted((e.line, e.key) for e in info.value.errors)
    assert messages == [(2, "checks.fact-agreement"), (3, "fail-on")]


def test_suite_articles_cannot_escape_root(tmp_path: Path) -> None:
    """A suite may not point at files outside its repository root."""
    path = _suite(tmp_path, "articles: [../../etc]\n")
    with pytest.raises(SuiteError, match="outside the suite's root"):
        load_suite(path, tmp_path)


def test_discover_suites_sorted(tmp_path: Path) -> None:
    """Suites are discovered in checks/ in name order."""
    _suite(tmp_path, "articles: [b]\n", "b.yaml")
    _suite(tmp_path, "name: first\narticles: [a]\n", "a.yaml")
    assert [s.name for s in discover_suites(tmp_path)] == ["first", "b"]


def test_project_config_from_pyproject(tmp_path: Path) -> None:
    """[tool.factcheck] in pyproject.toml is read when factcheck.toml is absent."""
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\npaths = ["docs"]\nfail_on = "warning"\n')
    config = load_project_config(tmp_path)
    assert config.get("paths") == ["docs"] and config.get("fail_on") == "warning"


def test_project_config_unknown_key(tmp_path: Path) -> None:
    """An unknown key in factcheck.toml is an error naming it."""
    (tmp_path / "factcheck.toml").write_text('pathz = ["docs"]\n')
    with pytest.raises(SuiteError, match="pathz"):
        load_project_config(tmp_path)


def test_project_config_bad_toml(tmp_path: Path) -> None:
    """Malformed TOML is reported with its line."""
    (tmp_path / "factcheck.toml").write_text('paths = ["docs"]\nfail_on = \n')
    with pytest.raises(SuiteError) as info:
        load_project_config(tmp_path)
    assert info.value.errors[0].line == 2
