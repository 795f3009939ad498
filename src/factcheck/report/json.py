"""report.json: the machine-readable report whose shape DESIGN.md fixes."""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from factcheck.model import Report

__all__ = ["FILENAME", "NAME", "SCHEMA_PATH", "dumps", "render", "schema"]

NAME = "json"
FILENAME = "report.json"
# JSON Schema of report.json, shipped in the package for consumers and tests.
SCHEMA_PATH = Path(__file__).with_name("report.schema.json")

_INDENT = "  "
_SCALARS = frozenset({str, int, float, bool, type(None)})
_CONTAINERS = frozenset({list, tuple, dict})
# C encoders by indent level, made on first use.
_ENCODERS: dict[int, Callable[[Any, int], list[str]]] = {}


def schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) that report.json conforms to."""
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def render(report: Report) -> str:
    """Return ``report.json`` text: sorted keys, UTF-8 kept readable, two-space indent.

    Args:
        report: The run's report.

    Returns:
        The JSON document, newline-terminated, byte-identical for equal reports.
    """
    # Rendering builds only acyclic dicts and strings: with a large run alive, the collector's
    # full passes over every claim would cost more than the rendering itself.
    enabled = gc.isenabled()
    gc.disable()
    try:
        if c_make_encoder is not None:
            out: list[str] = []
            try:
                # the entry lists stream: each entry's dict lives only while it is encoded
                _encode(report.to_dict(lazy=True), 0, out)
                out.append("\n")
                return "".join(out)
            except (_Unusual, ValueError, TypeError, RecursionError):
                del out
        return dumps(report.to_dict()) + "\n"
    finally:
        if enabled:
            gc.enable()


def dumps(value: Any) -> str:
    """Return exactly ``json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False)``.

    The standard library encodes indented JSON in pure Python; here every
    container holding only scalars (most of a report: documents, facts' claim
    lists, qualifiers) is encoded by the C encoder with the indented item
    separator, and each element of a list is joined into one string at once
    so the pieces held before the final join stay few.  Values outside plain
    JSON types (or non-string keys) take the standard path, errors included.
    """
    out: list[str] = []
    try:
        if c_make_encoder is None:  # no C accelerator in this Python
            raise _Unusual
        _encode(value, 0, out)
    except (_Unusual, ValueError, TypeError, RecursionError):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False)
    return "".join(out)


class _Unusual(Exception):
    """A value the fast path leaves to :func:`json.dumps` (its own errors and conversions)."""


def _flat(value: Any) -> bool:
    kind = type(value)
    return kind in _SCALARS or (kind in _CONTAINERS and not value)


def _scalar_encoder(level: int) -> Callable[[Any, int], list[str]]:
    """Return the C encoder whose item separator is the newline and indent of ``level + 1``."""
    encoder = _ENCODERS.get(level)
    if encoder is None:
        encoder = c_make_encoder(None, _refuse, encode_basestring, None, ": ", ",\n" + _INDENT * (level + 1),
                                 True, False, False)
        _ENCODERS[level] = encoder
    return encoder


def _refuse(value: Any) -> Any:
    raise _Unusual


def _float(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        raise _Unusual  # json.dumps raises its own ValueError for it
    return float.__repr__(value)


def _encode(value: Any, level: int, out: list[str]) -> None:
    kind = type(value)
    if kind is str:
        out.append(encode_basestring(value))
    elif value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif kind is int:
        out.append(int.__repr__(value))
    elif kind is float:
        out.append(_float(value))
    elif kind is dict:
        _encode_dict(value, level, out)
    elif kind is list or kind is tuple:
        _encode_list(value, level, out)
    elif isinstance(value, Iterator):
        _encode_stream(value, level, out)
    else:
        raise _Unusual


def _encode_dict(value: dict[Any, Any], level: int, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    closing = "\n" + _INDENT * level + "}"
    if all(map(_flat, value.values())):
        if not all(type(key) is str for key in value):
            raise _Unusual  # json.dumps converts or refuses other keys
        body = "".join(_scalar_encoder(level)(value, 0))
        out.append("{\n" + _INDENT * (level + 1) + body[1:-1] + closing)
        return
    separator = ",\n" + _INDENT * (level + 1)
    out.append("{\n" + _INDENT * (level + 1))
    for index, key in enumerate(sorted(value)):
        if type(key) is not str:
            raise _Unusual
        if index:
            out.append(separator)
        out.append(encode_basestring(key) + ": ")
        _encode(value[key], level + 1, out)
    out.append(closing)


def _encode_stream(items: Iterator[Any], level: int, out: list[str]) -> None:
    """Encode an iterator as :func:`_encode_list` encodes a list of containers (its items are entries)."""
    separator = ",\n" + _INDENT * (level + 1)
    start = len(out)
    for index, item in enumerate(items):
        if _flat(item):
            raise _Unusual  # lists of scalars are laid out otherwise: lazy lists hold entries only
        out.append(separator if index else "[\n" + _INDENT * (level + 1))
        piece: list[str] = []
        _encode(item, level + 1, piece)
        out.append("".join(piece))
    out.append("\n" + _INDENT * level + "]" if len(out) > start else "[]")


def _encode_list(value: list[Any] | tuple[Any, ...], level: int, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    closing = "\n" + _INDENT * level + "]"
    if all(map(_flat, value)):
        body = "".join(_scalar_encoder(level)(value, 0))
        out.append("[\n" + _INDENT * (level + 1) + body[1:-1] + closing)
        return
    separator = ",\n" + _INDENT * (level + 1)
    out.append("[\n" + _INDENT * (level + 1))
    for index, item in enumerate(value):
        if index:
            out.append(separator)
        piece: list[str] = []
        _encode(item, level + 1, piece)
        out.append("".join(piece))
    out.append(closing)
