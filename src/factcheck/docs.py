"""Generate the check documentation (``docs/checks/<id>.md``) from the check modules' docstrings.

Run as ``python -m factcheck.docs docs/checks``.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["render_check_docs", "write_check_docs"]


def render_check_docs() -> dict[str, str]:
    """Return Markdown per check id, built from each module's docstring."""
    from .checks import REGISTRY, documentation

    pages = {}
    for check_id in sorted(REGISTRY):
        module = REGISTRY[check_id]
        severity = getattr(module, "DEFAULT_SEVERITY", "error")
        severity = getattr(severity, "value", severity)
        defaults = getattr(module, "DEFAULTS", {})
        options = "".join(f"- `{name}`: default `{value}`\n" for name, value in sorted(defaults.items()))
        pages[check_id] = (
            f"# {check_id}\n\nDefault severity: `{severity}`\n\n{documentation(check_id).strip()}\n"
            + (f"\n## Option defaults\n{options}" if options else "")
        )
    return pages


def write_check_docs(directory: Path) -> list[Path]:
    """Write one Markdown file per check into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for check_id, text in render_check_docs().items():
        path = directory / f"{check_id}.md"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


if __name__ == "__main__":
    for written_path in write_check_docs(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/checks")):
        print(written_path)
