"""Boilerplate spans: the parts of a page that are not the story.

Two sources, both general rather than fitted to any site:

* declarative markers from the rule packs (``boilerplate`` per language:
  "Read more", "延伸阅读", "더보기", "LEAVE A REPLY", "Home", "메뉴"...).  After
  the story has started, a line that starts with a marker opens a region:
  first the list under it (headlines, link lines, labels, teasers cut short),
  up to the first line of prose.  When the story visibly goes on there (a
  story paragraph followed by another long one, or by nothing but prose and
  short lines up to the next marker or closing headlines), the region ends:
  that is an inline "Read more: ..." or a related list inside an article.
  Otherwise the region runs on to the end of the file (other stories'
  summaries, comment forms, footers), unless two long story paragraphs
  follow further down.  Above the story, marker lines are furniture one
  line at a time (menus, share bars, breadcrumbs), except a marker alone on
  its line after a first sentence, which heads a list as above.
* structure: breadcrumb lines (``Home > World > ...``) and bare counters
  (share counts, view counts) before the first paragraph, and a trailing run
  of three or more short headline-like lines after the story ends.

Markers of every language apply to every document: an Italian page is often
framed by an English theme ("LEAVE A REPLY").
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .model import Span

__all__ = ["Line", "find_boilerplate", "markers_from_rules", "split_lines", "width"]

# Display width thresholds: CJK characters count twice, so one threshold fits
# languages that need few characters (zh, ko, ja) and alphabetic ones alike.
LONG_PARAGRAPH = 120
# A line ending a sentence at this width is story prose, not a title or byline.
STORY_LINE = 60
HEADLINE_MIN = 24
HEADLINE_MAX = 160
SHORT_LINE = 160
HEADER_LINES = 8

_BLANK = " \t\r\u00a0\u3000\u200b\ufeff"
_CLOSERS = "\"'”’»」』）)]】》>*_ "
_TERMINAL = ".!?。！？"
_TRUNCATED = ("...", "…", "。。。")
_CRUMB_SEPARATORS = re.compile(r"\s[>›»/|＞]\s|[>›»＞]")
_NUMERIC_ONLY = re.compile(r"^[\d\s.,:/%+\-–—()·|]+$")
_BULLET = re.compile(r"^\s*(?:[-*+•·▪●◦]|\d{1,3}[.)])\s+")
# a link, also once its target is masked: "- [Headline](...)" reads "- [Headline]" then
_LINK = re.compile(r"\]\(|https?://|<a\s|^\s*(?:[-*+•·▪●◦]|\d{1,3}[.)])\s+\[[^\]]+\]", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)+\|?$")
_SEPARATOR_AFTER_MARKER = tuple(":：|-–—»>›©(（[【")


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the text: offsets of its content (newline excluded)."""

    start: int
    end: int
    content: str
    # the content without surrounding blanks, computed once: every rule reads it
    stripped: str
    # a row of a pipe table (set by find_boilerplate)
    table: bool = False

    @property
    def blank(self) -> bool:
        return not self.stripped


# East Asian Wide and Fullwidth ranges (Hangul Jamo, CJK, kana, Hangul syllables, full-width forms).
_WIDE = re.compile("[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf"
                   "\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]")


def width(value: str) -> int:
    """Return the display width of ``value``: wide (CJK) characters count two.

    Only the first 512 characters are measured exactly: every threshold here
    is below that, and a megabyte line must not cost a megabyte of lookups.
    """
    if value.isascii():
        return len(value)
    return len(value) + len(_WIDE.findall(value, 0, 512))


def split_lines(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    """Split ``text[start:end]`` into lines carrying their offsets."""
    stop = len(text) if end is None else end
    lines: list[Line] = []
    position = start
    while position < stop:
        newline = text.find("\n", position, stop)
        line_end = stop if newline < 0 else newline
        content = text[position:line_end]
        if content.endswith("\r"):
            content = content[:-1]
        lines.append(Line(position, position + len(content), content, content.strip(_BLANK)))
        position = line_end + 1
    return lines


def markers_from_rules(languages: Mapping[str, Any], key: str) -> tuple[str, ...]:
    """Collect one marker list over every language of the rule packs, longest first."""
    found: set[str] = set()
    for lexicon in languages.values():
        if isinstance(lexicon, Mapping):
            for marker in lexicon.get(key) or ():
                if isinstance(marker, str) and marker.strip():
                    found.add(marker.strip())
    return tuple(sorted(found, key=lambda m: (-len(m), m)))


def _ends_sentence(content: str) -> bool:
    stripped = content.rstrip(_BLANK + _CLOSERS)
    if not stripped or stripped.endswith(_TRUNCATED):
        return False
    return stripped[-1] in _TERMINAL


def _has_inner_sentence_end(content: str) -> bool:
    # "April 12. Photo by" or "。而" inside the line: a sentence, not a headline.
    return re.search(r"[.!?](?:\s+\S)|[。！？](?=\S)", content.rstrip(_BLANK + _CLOSERS + _TERMINAL)) is not None


@functools.lru_cache(maxsize=8)
def _folded_markers(markers: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    """Fold the markers once per marker set; the pattern rejects most lines in one step."""
    folded = tuple(dict.fromkeys(marker.casefold() for marker in markers))
    prefix = re.compile("|".join(re.escape(m) for m in folded) or r"(?!)")
    return prefix, folded


def _marker_line(content: str, markers: Sequence[str]) -> bool:
    """Whether a line is opened by a boilerplate marker.

    A single-word Latin marker ("Related", "Copyright") only counts alone on
    its line or followed by a separator, so that a sentence starting with the
    same word is not taken for furniture; a longer marker may be followed by a
    title on the same line ("Leggi anche ...").
    """
    line = _BULLET.sub("", content[:2 * SHORT_LINE + 64]).strip(_BLANK + "#*_[<").casefold()
    if not line:
        return False
    prefix, folded_markers = _folded_markers(tuple(markers))
    if not prefix.match(line):
        return False
    for folded in folded_markers:
        if not line.startswith(folded):
            continue
        rest = line[len(folded):].strip(_BLANK)
        if not rest or rest.strip(":：.!?…»>›-–—|*_]") == "":
            return True
        if line[len(folded)].isalnum():
            continue  # "Relatedly" is not "Related", "홈런" is not "홈"
        single_word = folded.isascii() and " " not in folded
        if single_word:
            if rest.startswith(_SEPARATOR_AFTER_MARKER) or rest[0].isdigit():
                return True
            continue
        if width(content) <= 2 * SHORT_LINE or rest.startswith(_SEPARATOR_AFTER_MARKER):
            return True
    return False


def _standalone_marker(content: str, markers: Sequence[str]) -> bool:
    """Whether a line is a marker alone ("延伸阅读：", "Related", "관련기사"): the heading of a list."""
    line = _BULLET.sub("", content[:2 * SHORT_LINE]).strip(_BLANK + "#*_[<").casefold()
    if not line:
        return False
    prefix, folded_markers = _folded_markers(tuple(markers))
    if not prefix.match(line):
        return False
    return any(line.startswith(folded) and line[len(folded):].strip(_BLANK + ":：.!?…»>›-–—|*_]") == ""
               for folded in folded_markers)


def _units(lines: Sequence[Line]) -> list[tuple[int, int, str]]:
    """Group lines into paragraph units: (first line, last line, joined text).

    A long line is a unit of its own (one-line-per-paragraph text); runs of
    short lines are joined (hard-wrapped paragraphs); blank lines separate.
    """
    units: list[tuple[int, int, str]] = []
    current: list[int] = []

    def flush() -> None:
        if current:
            units.append((current[0], current[-1], " ".join(lines[i].stripped for i in current)))
            current.clear()

    for index, line in enumerate(lines):
        if line.blank:
            flush()
        elif width(line.stripped) >= LONG_PARAGRAPH:
            flush()
            units.append((index, index, line.stripped))
        else:
            current.append(index)
    flush()
    return units


def _story_resumes(lines: Sequence[Line], after: int) -> int | None:
    """Return the index of the line where the story resumes after ``after``, if it does."""
    units = _units(lines[after + 1:])
    for first, second in itertools.pairwise(units):
        if all(width(u[2]) >= LONG_PARAGRAPH and _ends_sentence(u[2]) for u in (first, second)):
            return after + 1 + first[0]
    return None


def _flag_tables(lines: Sequence[Line]) -> list[Line]:
    """Flag the rows of pipe tables: the story's own figures, never headlines, crumbs or list items.

    A row has a leading pipe, or sits in a block of piped lines around a
    delimiter row (``--- | ---``), as GitHub tables may omit the outer pipes.
    """
    flagged = [line.stripped.startswith("|") and line.stripped.count("|") >= 2 for line in lines]
    for index, line in enumerate(lines):
        if not _TABLE_ROW.match(line.stripped):
            continue
        flagged[index] = True
        if index and "|" in lines[index - 1].stripped:
            flagged[index - 1] = True
        cursor = index + 1
        while cursor < len(lines) and "|" in lines[cursor].stripped:
            flagged[cursor] = True
            cursor += 1
    return [dataclasses.replace(line, table=True) if flag else line for line, flag in zip(lines, flagged, strict=True)]


def _truncated(content: str) -> bool:
    return content.rstrip(_BLANK + _CLOSERS).endswith(_TRUNCATED)


def _list_line(lines: Sequence[Line], index: int) -> bool:
    """Whether a line under a marker belongs to its list: a headline, a link, a label or a teaser cut short.

    What ends the list is prose: a line that ends a sentence at story length,
    or a line whose sentence wraps onto the next one (lower-case start).
    """
    content = lines[index].stripped
    if lines[index].table:
        return False
    if _LINK.search(content) or _truncated(content):
        return True
    if _ends_sentence(content):
        return width(content) < STORY_LINE and not _has_inner_sentence_end(content)
    following = lines[index + 1] if index + 1 < len(lines) else None
    return following is None or following.blank or not following.stripped[:1].islower()


def _list_end(lines: Sequence[Line], index: int, limit: int) -> int:
    """Return the index of the first line after the marker at ``index`` that is not part of its list."""
    cursor = index + 1
    while cursor < limit and (lines[cursor].blank or _list_line(lines, cursor)):
        cursor += 1
    return cursor


def _story_unit(text: str, size: int = STORY_LINE) -> bool:
    """Whether a paragraph unit reads as story prose: it ends a sentence at story length."""
    return width(text) >= size and _ends_sentence(text) and not _truncated(text)


def _resumes_at(lines: Sequence[Line], at: int, stop: int) -> bool:
    """Whether the story goes on at line ``at`` after a related-reading list (until line ``stop``).

    It does when a story paragraph starts there and either another long one
    follows, or nothing but prose and short lines (a signature, a date)
    follows up to ``stop``: headlines, links or teasers cut short after it
    mean the list goes on with other stories' summaries.
    """
    units = _units(lines[at:stop])
    if not units or not _story_unit(units[0][2]):
        return False
    if len(units) > 1 and all(_story_unit(u[2], LONG_PARAGRAPH) for u in units[:2]):
        return True
    return all(_story_unit(u[2]) or (width(u[2]) < HEADLINE_MIN and not _truncated(u[2])) for u in units[1:])


def _headline_like(lines: Sequence[Line], index: int) -> bool:
    content = lines[index].stripped
    size = width(content)
    if size < HEADLINE_MIN or size > HEADLINE_MAX or lines[index].table:
        return False
    if _BULLET.match(content) and not _LINK.search(content):
        return False  # a list of the story's own points, not a list of links
    if _ends_sentence(content) or _has_inner_sentence_end(content):
        return False
    if content.rstrip(_BLANK)[-1:] in ",;:，；：、-(":
        return False
    following = next((line for line in lines[index + 1:] if not line.blank), None)
    # a lower-case start on the next line means a hard-wrapped sentence goes on
    return not (following is not None and following.stripped[:1].islower())


def _crumb(content: str, navigation: Sequence[str]) -> bool:
    stripped = content.strip(_BLANK)
    if width(stripped) > SHORT_LINE or _ends_sentence(stripped):
        return False
    if len(_CRUMB_SEPARATORS.findall(stripped)) >= 2:
        return True
    folded = stripped.casefold()
    for marker in navigation:
        mark = marker.casefold()
        if not folded.startswith(mark):
            continue
        after = folded[len(mark):]
        if after[:1].isalnum():
            continue  # "Homes" is a word, not the "Home" link
        rest = after.strip(_BLANK)
        # "Home Technology <title cut short>..." is a breadcrumb trail too
        if not rest or rest.startswith(_SEPARATOR_AFTER_MARKER) or _CRUMB_SEPARATORS.search(rest) \
                or rest.endswith(_TRUNCATED):
            return True
    return False


def _header_end(lines: Sequence[Line]) -> int:
    """Return the index of the line where the story proper starts (its first long paragraph)."""
    seen = 0
    for index, line in enumerate(lines):
        if line.blank:
            continue
        seen += 1
        size = width(line.stripped)
        if seen > HEADER_LINES or size >= LONG_PARAGRAPH or (size >= STORY_LINE and _ends_sentence(line.stripped)):
            return index
    return len(lines)


def _header_spans(lines: Sequence[Line], header_end: int, markers: Sequence[str]) -> list[Span]:
    """Mark breadcrumbs, menus, share bars and bare counters above the story, line by line.

    A marker alone on its line after a first sentence (a short story whose
    paragraphs never reach story length) heads a list: the list is marked too.
    """
    spans: list[Span] = []
    first = True
    begun = False
    index = 0
    while index < header_end:
        line = lines[index]
        index += 1
        if line.blank:
            continue
        content = line.stripped
        if line.table:
            continue
        # the first line may be a title that happens to start with a marker word
        is_marker = not first and _marker_line(content, markers)
        first = False
        if is_marker and begun and _standalone_marker(content, markers):
            end = _list_end(lines, index - 1, header_end)
            spans.append((line.start, lines[end].start if end < len(lines) else lines[-1].end))
            index = end
            continue
        if _crumb(content, markers) or is_marker or (
                _NUMERIC_ONLY.match(content) and len(content) <= 16):
            spans.append((line.start, line.end))
        elif width(content) >= HEADLINE_MIN and _ends_sentence(content):
            begun = True
    return spans


def _trailing_run(lines: Sequence[Line], story_end: int) -> Span | None:
    """Find a run of three or more headline-like lines ending the story."""
    indices = [i for i, line in enumerate(lines) if line.end <= story_end and not line.blank]
    counted = 0
    first: int | None = None
    for index in reversed(indices):
        size = width(lines[index].stripped)
        if lines[index].table:
            break
        if _headline_like(lines, index):
            counted += 1
            first = index
        elif size < HEADLINE_MIN and not _ends_sentence(lines[index].stripped):
            continue  # "关键字: ...", "Rating:", a date: tolerated inside the run
        else:
            break
    if counted >= 3 and first is not None:
        return (lines[first].start, story_end)
    return None


def find_boilerplate(text: str, body_start: int, markers: Sequence[str],
                     extra: Iterable[Span] = ()) -> tuple[Span, ...]:
    """Return the boilerplate spans of a document body.

    Args:
        text: the whole decoded file.
        body_start: offset of the body (after front matter).
        markers: lines starting with one of these open a furniture region
            (above the story: mark a breadcrumb, menu or share bar line).
        extra: spans already known to be furniture (HTML ``nav``/``footer``).
    """
    from .ingest_markup import merge_spans

    lines = split_lines(text, body_start)
    if text.find("|", body_start) >= 0:
        lines = _flag_tables(lines)
    header_end = _header_end(lines)
    spans: list[Span] = list(extra)
    spans.extend(_header_spans(lines, header_end, markers))
    index = header_end
    story_end = len(text)
    # a closing run of headlines is furniture, not story the list could resume into
    closing = _trailing_run(lines, len(text))
    closing_line = next((i for i, line in enumerate(lines) if closing and line.start >= closing[0]), len(lines))
    while index < len(lines):
        line = lines[index]
        if line.blank or not _marker_line(line.content, markers):
            index += 1
            continue
        after = _list_end(lines, index, len(lines))
        if after < len(lines):
            stop = next((i for i in range(after, closing_line) if not lines[i].blank
                         and _marker_line(lines[i].content, markers)), closing_line)
            if _resumes_at(lines, after, stop):
                spans.append((line.start, lines[after].start))
                index = after
                continue
        resumes = _story_resumes(lines, index)
        end = lines[resumes].start if resumes is not None else len(text)
        spans.append((line.start, end))
        if resumes is None:
            story_end = min(story_end, line.start)
            break
        index = resumes
    trailing = _trailing_run(lines, story_end)
    if trailing is not None:
        spans.append(trailing)
    return merge_spans(spans)
