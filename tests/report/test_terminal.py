"""Terminal output: linter-shaped lines, summary, colour only on an interactive terminal."""

from __future__ import annotations

import io

from factcheck.model import Document, Finding, Report, Severity
from factcheck.report import terminal

from .sample import build_report


class _Tty(io.StringIO):
    """A text stream that claims to be a terminal."""

    def isatty(self) -> bool:
        """Report being a terminal."""
        return True


def test_lines_are_linter_shaped() -> None:
    """Each finding prints as path:line:col: severity [check] message, in report order."""
    text = terminal.render(build_report())
    lines = text.splitlines()
    assert lines[0] == (
        "corpus/hub/it.txt:9:20: error [fact-agreement] jobs created: 1,800 here, 1,200 in the 2 other articles of the story"
    )
    assert any(line.startswith("corpus/hub/ko.txt:8:29: warning [conversion] ") for line in lines)
    assert "1 error, 1 warning, 1 info in 3 checked documents, 1 skipped" in lines[-1]


def test_no_colour_under_no_color_ci_or_a_pipe() -> None:
    """NO_COLOR, CI, or a non-terminal stream each turn colour off; a plain terminal gets it."""
    tty = _Tty()
    assert terminal.use_colour(tty, {}) is True
    assert terminal.use_colour(tty, {"NO_COLOR": ""}) is False
    assert terminal.use_colour(tty, {"CI": "true"}) is False
    assert terminal.use_colour(io.StringIO(), {}) is False


def test_print_report_emits_ansi_only_when_colour_is_on() -> None:
    """print_report writes escape codes to a terminal and none under NO_COLOR."""
    coloured, plain = _Tty(), _Tty()
    terminal.print_report(build_report(), terminal.make_console(coloured, {}))
    terminal.print_report(build_report(), terminal.make_console(plain, {"NO_COLOR": "1"}))
    assert "\x1b[" in coloured.getvalue()
    assert "\x1b[" not in plain.getvalue()
    assert "corpus/hub/it.txt:9:20: error [fact-agreement]" in plain.getvalue()


def test_article_text_is_not_read_as_rich_markup() -> None:
    """Square brackets from articles print literally instead of being parsed as styles."""
    import dataclasses

    report = build_report()
    finding = dataclasses.replace(report.findings[0], message="[bold red]not markup[/] [link=x]y[/link]")
    text = terminal.render(dataclasses.replace(report, findings=(finding,)))
    assert "[bold red]not markup[/] [link=x]y[/link]" in text


def _many_stories(stories: int, with_findings: tuple[int, ...]) -> Report:
    """Return a report of one document per story, with an error in the stories listed."""
    documents = tuple(Document(path=f"a{i:03d}.md", lang="en", story=f"story-{i:03d}") for i in range(stories))
    findings = tuple(
        Finding(check="fact-agreement", severity=Severity.ERROR, message="differs", path=f"a{i:03d}.md", line=1,
                column=1, story=f"story-{i:03d}")
        for i in with_findings for _ in range(1 + i % 3)
    )
    return Report(documents=documents, claims=(), facts=(), findings=findings)


def test_summary_of_many_stories_lists_those_with_findings_first_and_is_capped() -> None:
    """Past MAX_STORY_ROWS stories, the table starts with the stories with most findings and names what it left out."""
    report = _many_stories(terminal.MAX_STORY_ROWS + 15, with_findings=(41, 7, 12))
    lines = terminal.render(report).splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("story "))
    rows = lines[header + 1:header + 1 + terminal.MAX_STORY_ROWS]
    assert [row.split()[0] for row in rows[:3]] == ["story-041", "story-007", "story-012"]
    assert rows[3].split()[0] == "story-000"
    assert lines[header + 1 + terminal.MAX_STORY_ROWS] == "… 15 more stories without findings; see the report"
    assert lines[-1].startswith("6 errors")


def test_summary_note_counts_left_out_stories_with_findings() -> None:
    """When more stories have findings than the table shows, the note says how many of the rest have some."""
    report = _many_stories(terminal.MAX_STORY_ROWS + 5, with_findings=tuple(range(terminal.MAX_STORY_ROWS + 2)))
    text = terminal.render(report)
    assert "… 5 more stories (2 with findings); see the report" in text


def test_summary_of_few_stories_lists_every_story_by_name() -> None:
    """Up to MAX_STORY_ROWS stories, every story has a row in name order and no note is printed."""
    report = _many_stories(terminal.MAX_STORY_ROWS, with_findings=(5,))
    lines = terminal.render(report).splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("story "))
    names = [line.split()[0] for line in lines[header + 1:-1]]
    assert names == [f"story-{i:03d}" for i in range(terminal.MAX_STORY_ROWS)]
    assert "more stories" not in "\n".join(lines)
