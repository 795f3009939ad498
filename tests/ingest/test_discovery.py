"""Discovery: files, directories, globs, excludes, and the odd things a content repo holds."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.ingest import Corpus, InputError
from factcheck.model import Status

TEXT = "The council hired 2,500 teachers in 2024, the mayor said on Tuesday at a press conference.\n"


def _paths(corpus: Corpus) -> list[str]:
    return [d.path for d in corpus.documents]


def test_directories_are_searched_recursively_for_text_files(write: Callable[..., Path],
                                                             load: Callable[..., Corpus]) -> None:
    """A directory yields its .md .markdown .mdx .txt .html .htm files, sorted, with forward slashes."""
    for name in ("d/b.md", "d/a.txt", "d/sub/c.markdown", "d/sub/e.mdx", "d/f.html", "d/g.htm", "d/h.TXT"):
        write(name, TEXT)
    write("d/notes.rst", TEXT)
    write("d/manifest.yaml", "files: {}\n")
    assert _paths(load("d")) == ["d/a.txt", "d/b.md", "d/f.html", "d/g.htm", "d/h.TXT", "d/sub/c.markdown",
                                 "d/sub/e.mdx"]


def test_hidden_and_report_directories_are_skipped(write: Callable[..., Path], load: Callable[..., Corpus]) -> None:
    """Hidden directories, hidden files and factcheck-report/ are not inputs."""
    write("d/a.md", TEXT)
    write("d/.git/b.md", TEXT)
    write("d/.draft.md", TEXT)
    write("d/factcheck-report/summary.md", TEXT)
    assert _paths(load("d")) == ["d/a.md"]


def test_globs_and_exclude_patterns(write: Callable[..., Path], load: Callable[..., Corpus]) -> None:
    """Globs expand (recursively with **) and exclude patterns remove matches."""
    for name in ("d/a.md", "d/x/b.md", "d/x/c.txt", "d/drafts/d.md"):
        write(name, TEXT)
    assert _paths(load("d/**/*.md")) == ["d/a.md", "d/drafts/d.md", "d/x/b.md"]
    assert _paths(load("d", exclude=["drafts/", "*.txt"])) == ["d/a.md", "d/x/b.md"]
    assert _paths(load("d", exclude=["d/x/**"])) == ["d/a.md", "d/drafts/d.md"]


def test_explicit_file_with_any_extension_is_read(write: Callable[..., Path], load: Callable[..., Corpus]) -> None:
    """A file named on the command line is read whatever its extension."""
    write("notes.rst", TEXT)
    assert [(d.path, d.status) for d in load("notes.rst").documents] == [("notes.rst", Status.CHECKED)]


def test_paths_outside_the_working_directory_are_kept_as_given(write: Callable[..., Path], tmp_path: Path,
                                                               load: Callable[..., Corpus]) -> None:
    """Paths under the working directory become relative; others stay as given."""
    write("in/a.md", TEXT)
    write("out/b.md", TEXT)
    os.chdir(tmp_path / "in")
    assert _paths(load(str(tmp_path / "in" / "a.md"), "../out/b.md")) == ["../out/b.md", "a.md"]


def test_directory_named_like_a_markdown_file_is_walked_not_read(write: Callable[..., Path],
                                                                 load: Callable[..., Corpus]) -> None:
    """A directory called x.md is a directory: its files are inputs, it is not a file."""
    write("d/x.md/inner.txt", TEXT)
    write("d/y.md", TEXT)
    assert _paths(load("d")) == ["d/x.md/inner.txt", "d/y.md"]
    assert _paths(load("d/x.md")) == ["d/x.md/inner.txt"]
    assert _paths(load("d/*.md")) == ["d/x.md/inner.txt", "d/y.md"]


def test_symlink_loops_do_not_hang(write: Callable[..., Path], tmp_path: Path, load: Callable[..., Corpus]) -> None:
    """A directory symlink pointing at its ancestor is walked once; a self-referencing file link is skipped."""
    write("d/a.md", TEXT)
    (tmp_path / "d" / "sub").mkdir()
    os.symlink(tmp_path / "d", tmp_path / "d" / "sub" / "loop")
    os.symlink("self.md", tmp_path / "d" / "self.md")
    corpus = load("d")
    assert _paths(corpus) == ["d/a.md", "d/self.md"]
    looped = corpus.documents[1]
    assert looped.status is Status.SKIPPED
    assert (looped.reason or "").startswith("cannot read")


def test_broken_symlink_and_duplicate_links_are_accounted_for(write: Callable[..., Path], tmp_path: Path,
                                                              load: Callable[..., Corpus]) -> None:
    """A dangling link is skipped as broken; a second link to the same file is skipped as a duplicate."""
    write("d/a.md", TEXT)
    os.symlink(tmp_path / "d" / "missing.md", tmp_path / "d" / "broken.md")
    os.symlink(tmp_path / "d" / "a.md", tmp_path / "d" / "b.md")
    reasons = {d.path: d.reason for d in load("d").documents}
    assert reasons == {"d/a.md": None, "d/b.md": "same file as d/a.md", "d/broken.md": "broken symbolic link"}


def test_unreadable_file_is_skipped_with_reason(write: Callable[..., Path], load: Callable[..., Corpus],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that cannot be opened is skipped with the OS reason; the run goes on."""
    path = write("d/locked.md", TEXT)
    write("d/ok.md", TEXT)
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        path.chmod(0)
    else:  # root reads anything: simulate the permission error instead
        import builtins

        real_open = builtins.open

        def deny(file: object, *args: object, **kwargs: object) -> object:
            if str(file).endswith("locked.md"):
                raise PermissionError(13, "Permission denied")
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(builtins, "open", deny)
    try:
        reasons = {d.path: (d.status, d.reason) for d in load("d").documents}
    finally:
        path.chmod(0o644)
    assert reasons == {"d/locked.md": (Status.SKIPPED, "cannot read: Permission denied"),
                       "d/ok.md": (Status.CHECKED, None)}


def test_special_files_are_not_read(tmp_path: Path, load: Callable[..., Corpus]) -> None:
    """A FIFO named .md is skipped rather than blocking the run on a read."""
    os.mkfifo(tmp_path / "pipe.md")
    doc = load("pipe.md").documents[0]
    assert (doc.status, doc.reason) == (Status.SKIPPED, "not a regular file")


def test_no_existing_path_is_an_input_error(load: Callable[..., Corpus]) -> None:
    """When no path given exists, load_corpus raises InputError with one line."""
    with pytest.raises(InputError) as caught:
        load("nope.md", "missing/")
    assert "\n" not in str(caught.value) and "nope.md" in str(caught.value)


def test_missing_paths_among_existing_ones_are_problems(write: Callable[..., Path],
                                                        load: Callable[..., Corpus]) -> None:
    """A missing path next to existing ones is reported as a problem, not an error."""
    write("a.md", TEXT)
    corpus = load("a.md", "nope.md", "*.nomatch")
    assert _paths(corpus) == ["a.md"]
    assert corpus.problems == ["nope.md:0: no such file or directory", "*.nomatch:0: the pattern matches no file"]


def test_explicit_root_keeps_suite_paths_inside_it(write: Callable[..., Path], tmp_path: Path,
                                                   load: Callable[..., Corpus]) -> None:
    """With explicit_root, relative paths start there and paths escaping it are refused."""
    write("repo/articles/a.md", TEXT)
    write("secret/b.md", TEXT)
    corpus = load("articles", "../secret/b.md", explicit_root=tmp_path / "repo")
    assert _paths(corpus) == ["repo/articles/a.md"]
    assert any(p.startswith("../secret/b.md:0: outside") for p in corpus.problems)


def test_globs_skip_report_and_hidden_directories(write: Callable[..., Path], load: Callable[..., Corpus]) -> None:
    """A recursive glob does not pick up factcheck-report/ output or hidden directories."""
    write("a.md", TEXT)
    write("factcheck-report/summary.md", TEXT)
    write(".cache/b.md", TEXT)
    assert _paths(load("**/*.md")) == ["a.md"]


def test_existing_name_with_glob_characters_is_a_file(write: Callable[..., Path], load: Callable[..., Corpus]) -> None:
    """A file literally named with brackets is read, not expanded as a pattern."""
    write("notes[1].md", TEXT)
    assert _paths(load("notes[1].md")) == ["notes[1].md"]


def test_globs_under_a_hidden_root_still_match(write: Callable[..., Path], tmp_path: Path,
                                               load: Callable[..., Corpus]) -> None:
    """Only directories below a pattern's literal prefix count as hidden, not the prefix itself."""
    write(".work/repo/a.md", TEXT)
    write(".work/repo/.git/b.md", TEXT)
    assert [Path(p).name for p in _paths(load(str(tmp_path / ".work" / "repo" / "**" / "*.md")))] == ["a.md"]


def test_explicit_root_refuses_globs_that_escape(write: Callable[..., Path], tmp_path: Path,
                                                 load: Callable[..., Corpus]) -> None:
    """A suite glob reaching outside its root matches nothing there and says so."""
    write("repo/a.md", TEXT)
    write("secret/b.md", TEXT)
    corpus = load("*.md", "../secret/*.md", explicit_root=tmp_path / "repo")
    assert _paths(corpus) == ["repo/a.md"]
    assert any("outside" in p and "b.md" in p for p in corpus.problems)
