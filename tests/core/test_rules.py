"""Rule packs are validated before any article is read, with every problem located."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.rules import RulePackError, load_rules, shipped_packs, validate_pack_files


def _pack(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_packs_are_valid() -> None:
    """Every pack shipped with factcheck passes its own schema."""
    _loaded, errors = validate_pack_files(list(shipped_packs().values()))
    assert errors == []


def test_wrong_value_points_at_the_value(tmp_path: Path) -> None:
    """A bad severity is reported with the line and column of the value and the allowed values."""
    path = _pack(tmp_path, "version: 1\nrules:\n  - id: jobs\n    check: fact-agreement\n    severity: fatal\n")
    _loaded, errors = validate_pack_files([path])
    assert len(errors) == 1
    assert (errors[0].line, errors[0].column) == (5, 15)
    assert errors[0].key == "rules[0].severity"
    assert "'fatal' is not one of" in errors[0].message


def test_unknown_key_is_an_error_not_ignored(tmp_path: Path) -> None:
    """An unknown top-level key is named, with the keys that are known."""
    path = _pack(tmp_path, "version: 1\ncolour: red\n")
    _loaded, errors = validate_pack_files([path])
    assert [(e.line, e.column, e.key) for e in errors] == [(2, 1, "colour")]
    assert "known keys" in errors[0].message


def test_wrong_type_is_reported(tmp_path: Path) -> None:
    """A glossary entry that is a string instead of a list is a type error at its line."""
    path = _pack(tmp_path, "glossary:\n  Acme: Akme\n")
    _loaded, errors = validate_pack_files([path])
    assert len(errors) == 1 and errors[0].line == 2
    assert "is not of type 'array'" in errors[0].message


def test_duplicate_rule_id_across_packs(tmp_path: Path) -> None:
    """The same rule id in two packs is an error naming where it first appeared."""
    first = _pack(tmp_path, "rules:\n  - id: jobs\n    check: fact-agreement\n", "a.yaml")
    second = _pack(tmp_path, "rules:\n  - {id: jobs, check: conversion}\n", "b.yaml")
    _loaded, errors = validate_pack_files([first, second])
    assert len(errors) == 1
    assert "duplicate rule id 'jobs'" in errors[0].message and errors[0].path.endswith("b.yaml")


def test_duplicate_mapping_key(tmp_path: Path) -> None:
    """A key given twice in one mapping is an error rather than last-one-wins."""
    path = _pack(tmp_path, "glossary:\n  Acme: [A]\n  Acme: [B]\n")
    _loaded, errors = validate_pack_files([path])
    assert any(e.message == "duplicate key" and e.line == 3 for e in errors)


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    """A YAML syntax error is one located message, not a traceback."""
    path = _pack(tmp_path, "rules:\n  - id: [x\n")
    _loaded, errors = validate_pack_files([path])
    assert len(errors) == 1 and errors[0].message.startswith("YAML syntax error")
    assert errors[0].line >= 2


def test_yaml_objects_are_not_constructed(tmp_path: Path) -> None:
    """Python object tags are refused by the safe loader."""
    path = _pack(tmp_path, "glossary: !!python/object/apply:os.system ['echo hi']\n")
    _loaded, errors = validate_pack_files([path])
    assert errors and "YAML tag" in errors[0].message


def test_load_rules_raises_with_all_errors(tmp_path: Path) -> None:
    """load_rules refuses a broken pack and lists every problem at once."""
    path = _pack(tmp_path, "version: 2\ncolour: red\n")
    with pytest.raises(RulePackError) as info:
        load_rules(["default", str(path)])
    assert len(info.value.errors) == 2


def test_unknown_pack_name() -> None:
    """An unknown pack name lists the shipped packs."""
    with pytest.raises(RulePackError, match="no rule pack named 'nope'"):
        load_rules(["nope"])


def test_glossary_merges_with_manifest_names() -> None:
    """A manifest glossary extends the packs' glossary and changes the digest."""
    ruleset = load_rules(["default"])
    extended = ruleset.with_glossary({"Acme": ["阿克米", "애크미"]})
    assert extended.glossary["Acme"] == ["阿克米", "애크미"]
    assert extended.digest != ruleset.digest
