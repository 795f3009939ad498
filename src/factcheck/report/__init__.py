"""Report formatters, keyed by the name ``--format`` accepts.

Each module has ``NAME``, ``FILENAME`` (the file written under ``--output``)
and ``render(report) -> str``.  Formatters present a :class:`~factcheck.model.Report`
and decide nothing: counting, filtering and sorting happen before.
The terminal output is separate (:func:`factcheck.report.terminal.print_report`)
because it writes to a console rather than a file.
"""

from __future__ import annotations

from types import ModuleType

from factcheck.report import github, html, junit, markdown, rdjson, sarif
from factcheck.report import json as json_format

__all__ = ["FORMATS", "formatter"]

FORMATS: dict[str, ModuleType] = {
    module.NAME: module for module in (json_format, html, sarif, junit, github, markdown, rdjson)
}


def formatter(name: str) -> ModuleType:
    """Return the formatter module for ``name``.

    Raises:
        KeyError: With a message listing the known formats.
    """
    try:
        return FORMATS[name]
    except KeyError:
        raise KeyError(f"unknown format {name!r}; known formats: {', '.join(sorted(FORMATS))}") from None
