"""Check context: source articles and story members looked up per story."""

from __future__ import annotations

from factcheck.checks.context import CheckContext
from factcheck.model import Document

from .builders import rules


def test_source_paths_and_story_members_follow_the_run_stories() -> None:
    """Sources are those of the asked story (all stories for None); members are sorted; answers are copies."""
    docs = {
        "a.md": Document(path="a.md", text="", source=True, story="front"),
        "b.md": Document(path="b.md", text=""),
        "c.md": Document(path="c.md", text="", source=True),
        "d.md": Document(path="d.md", text="", source=True, story="kept"),
    }
    ctx = CheckContext(documents=docs, claims=[], facts=[], ruleset=rules(),
                       stories={"c.md": "s1", "b.md": "s1", "a.md": "s2"})
    assert ctx.source_paths("s1") == {"c.md"}
    assert ctx.source_paths("s2") == {"a.md"}
    assert ctx.source_paths("kept") == {"d.md"}  # a document the run did not group keeps its own story
    assert ctx.source_paths(None) == {"a.md", "c.md", "d.md"}
    assert ctx.source_paths("front") == set()
    assert ctx.stories_paths("s1") == ["b.md", "c.md"]
    assert ctx.stories_paths("none") == []
    ctx.source_paths("s1").add("x.md")
    ctx.stories_paths("s1").append("x.md")
    assert ctx.source_paths("s1") == {"c.md"} and ctx.stories_paths("s1") == ["b.md", "c.md"]
