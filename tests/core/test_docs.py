"""Check documentation is generated from the check modules and kept in docs/checks/."""

from __future__ import annotations

from pathlib import Path

from factcheck.checks import REGISTRY
from factcheck.docs import render_check_docs

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks"


def test_every_check_has_a_generated_page() -> None:
    """Each registered check renders a page with its severity, summary and examples."""
    pages = render_check_docs()
    assert set(pages) == set(REGISTRY)
    for check_id, page in pages.items():
        assert page.startswith(f"# {check_id}\n\nDefault severity: `")
        assert "*Passes*" in page and "*Fails*" in page


def test_committed_docs_match_the_docstrings() -> None:
    """docs/checks/ is what `nox -s docs` writes from the current docstrings."""
    for check_id, page in render_check_docs().items():
        assert (DOCS / f"{check_id}.md").read_text(encoding="utf-8") == page, f"run `nox -s docs` ({check_id})"
