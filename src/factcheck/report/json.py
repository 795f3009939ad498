"""report.json: the machine-readable report whose shape DESIGN.md fixes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from factcheck.model import Report

__all__ = ["FILENAME", "NAME", "SCHEMA_PATH", "render", "schema"]

NAME = "json"
FILENAME = "report.json"
# JSON Schema of report.json, shipped in the package for consumers and tests.
SCHEMA_PATH = Path(__file__).with_name("report.schema.json")


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
    return json.dumps(report.to_dict(), sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
