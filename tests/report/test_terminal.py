"""Terminal output: linter-shaped lines, summary, colour only on an interactive terminal."""

from __future__ import annotations

import io

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
