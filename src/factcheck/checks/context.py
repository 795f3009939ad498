"""What every check receives: the analysed corpus of one run."""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factcheck.model import Claim, Document, Fact
from factcheck.rules import RuleSet

if TYPE_CHECKING:
    from factcheck.fx import FxTable

__all__ = ["CheckContext"]


@dataclass(frozen=True)
class CheckContext:
    """The corpus as the checks see it: claims with story and fact set, facts, documents.

    Attributes:
        documents: path -> document (a grouped article's story is in ``stories``).
        claims: every claim, with story, concept, qualifiers and fact assigned.
        facts: the facts of the run.
        ruleset: the merged rule packs.
        fx: the ECB rate table.
        enabled: the ids of the checks taking part in this run.
        arguable: ids of claims whose sentence holds a qualifier outside their clause.
        stories: path -> story id.
        subjects: (path, start) -> the story's names a claim's clause mentions.
        extra: anything a caller adds for its own checks.
    """

    documents: Mapping[str, Document]
    claims: Sequence[Claim]
    facts: Sequence[Fact]
    ruleset: RuleSet
    fx: FxTable | None = None
    enabled: frozenset[str] = frozenset()
    arguable: frozenset[str] = frozenset()
    stories: Mapping[str, str] = field(default_factory=dict)
    subjects: Mapping[tuple[str, int], frozenset[str]] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)

    def source_paths(self, story: str | None) -> set[str]:
        """Return the paths of the source articles (``source: true``) of a story."""
        if story is None:
            return set(self._all_sources)
        return set(self._sources_by_story.get(story, ()))

    def stories_paths(self, story: str | None) -> list[str]:
        """Return the paths of the documents of a story."""
        return list(self._paths_by_story.get(story, ()))

    # Checks ask per fact and per finding: the indexes are built once per context, so
    # asking stays proportional to the answer, not to the corpus.
    @functools.cached_property
    def _all_sources(self) -> tuple[str, ...]:
        return tuple(d.path for d in self.documents.values() if d.source)

    @functools.cached_property
    def _sources_by_story(self) -> dict[str, tuple[str, ...]]:
        by_story: dict[str, list[str]] = defaultdict(list)
        for d in self.documents.values():
            story = self.stories.get(d.path, d.story)
            if d.source and story is not None:
                by_story[story].append(d.path)
        return {story: tuple(paths) for story, paths in by_story.items()}

    @functools.cached_property
    def _paths_by_story(self) -> dict[str | None, tuple[str, ...]]:
        by_story: dict[str | None, list[str]] = defaultdict(list)
        for path, name in self.stories.items():
            by_story[name].append(path)
        return {story: tuple(sorted(paths)) for story, paths in by_story.items()}

    def lang_of(self, path: str) -> str:
        """Return the language of a document (``?`` when unknown)."""
        doc = self.documents.get(path)
        return (doc.lang if doc else None) or "?"
