"""report.json: the machine-readable report whose shape DESIGN.md fixes."""

from __future__ import annotations

import json

from factcheck.model import Report

__all__ = ["FILENAME", "NAME", "render"]

NAME = "json"
FILENAME = "report.json"


def render(report: Report) -> str:
    """Return ``report.json`` text: sorted keys, UTF-8 kept readable, two-space indent.

    Args:
        report: The run's report.

    Returns:
        The JSON document, newline-terminated, byte-identical for equal reports.
    """
    return json.dumps(report.to_dict(), sort_keys=True, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
