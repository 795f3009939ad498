"""Markup-aware masking for ingest: spans whose numbers are never claims.

Masking never removes text, so every offset into the decoded file stays valid:
a mask is only a ``(start, end)`` span the extractor skips.  Markdown gets its
code blocks (fenced and indented), inline code, link targets, image paths,
reference definitions, HTML tags and comments and bare URLs masked; HTML files
get all markup, script and style contents and character references masked so
only text nodes remain.  ``<!-- factcheck-ignore: check, ... -->`` suppresses
checks over the paragraph that follows it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .model import Span

__all__ = [
    "html_boilerplate",
    "html_title",
    "mask_html",
    "mask_markup",
    "merge_spans",
    "suppressions",
]

Suppression = tuple[int, int, tuple[str, ...]]

# Linear patterns only: every quantifier is bounded by a character class that
# cannot overlap its terminator, so a 1 MB line cannot make them backtrack.
_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>|<![A-Za-z][^<>]*>|<\?[^<>]*\?>")
_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>\"'`()\[\]{}（）【】「」]+(?:\([^\s()]*\)[^\s<>\"'`()\[\]{}]*)*",
                  re.IGNORECASE)
# The lookbehind starts a match only at the head of a run, keeping it linear.
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_INLINE_CODE = re.compile(r"(`+)[^`\n]+\1(?!`)")
_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*$", re.MULTILINE)
_SCRIPT_STYLE = re.compile(r"<(script|style|noscript|template)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_CDATA = re.compile(r"<!\[CDATA\[.*?(?:\]\]>|\Z)", re.DOTALL)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# HTML elements whose text is page furniture rather than the article.
_FURNITURE = re.compile(r"<(nav|footer|aside|form)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE)
_IGNORE = re.compile(r"<!--\s*factcheck-ignore\b\s*(?::\s*(?P<checks>[^>]*?))?\s*-->", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t\u00a0\u3000]*\n")


def merge_spans(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sort spans and merge the ones that overlap or touch."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((start, end) for start, end in merged)


# A character sequence every match of a pattern contains: without it the scan is skipped.
_NEEDS: dict[re.Pattern[str], tuple[str, ...]] = {
    _COMMENT: ("<!--",), _TAG: ("<",), _URL: ("://", "www.", "WWW.", "Www."), _EMAIL: ("@",), _INLINE_CODE: ("`",),
    _IMAGE: ("![",), _LINK_TARGET: ("](",), _REF_DEF: ("]:",), _SCRIPT_STYLE: ("<",), _CDATA: ("<![",),
    _ENTITY: ("&",), _FURNITURE: ("<",),
}


def _spans(pattern: re.Pattern[str], text: str, pos: int, group: int = 0) -> list[Span]:
    needs = _NEEDS.get(pattern)
    if needs is not None and not any(text.find(needle, pos) >= 0 for needle in needs):
        return []
    return [match.span(group) for match in pattern.finditer(text, pos)]


# Only a fence or an indented line can start a code block: without one the
# (costly) CommonMark parse is skipped.
_MAY_HOLD_CODE = re.compile(r"^(?: {0,3}(?:`{3}|~{3})| {4}|[ ]{0,3}\t)", re.MULTILINE)


@functools.lru_cache(maxsize=1)
def _commonmark() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def _markdown_code_blocks(text: str, body_start: int) -> list[Span]:
    """Locate fenced and indented code blocks with a CommonMark parser.

    The parser knows where an indented line is code and where it continues a
    list item, which a regex cannot tell.
    """
    if not _MAY_HOLD_CODE.search(text, body_start):
        return []
    body = text[body_start:]
    line_starts = [0]
    for match in re.finditer("\n", body):
        line_starts.append(match.end())
    line_starts.append(len(body))
    spans: list[Span] = []
    for token in _commonmark().parse(body):
        if token.type in ("fence", "code_block") and token.map:
            first, last = token.map
            start = line_starts[min(first, len(line_starts) - 1)]
            end = line_starts[min(last, len(line_starts) - 1)]
            spans.append((body_start + start, body_start + end))
    return spans


def mask_markup(text: str, body_start: int, *, markdown: bool) -> tuple[Span, ...]:
    """Return masked spans of a Markdown or plain-text body.

    Args:
        text: the whole decoded file.
        body_start: offset of the body (after front matter).
        markdown: whether block-level Markdown (code blocks) applies; plain
            text keeps its indented lines, which are often just paragraphs.
    """
    spans: list[Span] = []
    if markdown:
        spans.extend(_markdown_code_blocks(text, body_start))
        spans.extend(_spans(_INLINE_CODE, text, body_start))
        spans.extend(_spans(_REF_DEF, text, body_start))
    spans.extend(_spans(_IMAGE, text, body_start))
    spans.extend((start + 1, end) for start, end in _spans(_LINK_TARGET, text, body_start))
    spans.extend(_spans(_COMMENT, text, body_start))
    spans.extend(_spans(_TAG, text, body_start))
    spans.extend(_spans(_URL, text, body_start))
    spans.extend(_spans(_EMAIL, text, body_start))
    return merge_spans(spans)


def mask_html(text: str, body_start: int) -> tuple[Span, ...]:
    """Return masked spans of an HTML document: everything but its text nodes."""
    spans: list[Span] = []
    spans.extend(_spans(_COMMENT, text, body_start))
    spans.extend(_spans(_CDATA, text, body_start))
    spans.extend(_spans(_SCRIPT_STYLE, text, body_start))
    spans.extend(_spans(_TAG, text, body_start))
    spans.extend(_spans(_ENTITY, text, body_start))
    spans.extend(_spans(_URL, text, body_start))
    return merge_spans(spans)


def html_boilerplate(text: str, body_start: int) -> list[Span]:
    """Return the spans of HTML furniture elements (nav, footer, aside, form)."""
    return _spans(_FURNITURE, text, body_start)


def html_title(text: str) -> str | None:
    """Return the text of the first ``<title>`` or ``<h1>`` element, if any."""
    for tag in ("title", "h1"):
        match = re.search(rf"<{tag}\b[^>]*>(.*?)</{tag}\s*>", text, re.DOTALL | re.IGNORECASE)
        if match:
            inner = re.sub(r"<[^>]*>", " ", match.group(1))
            inner = " ".join(_unescape(inner).split())
            if inner:
                return inner
    return None


def _unescape(value: str) -> str:
    import html

    return html.unescape(value)


def suppressions(text: str, body_start: int, masked: Sequence[Span] = ()) -> tuple[Suppression, ...]:
    """Return the spans that ``factcheck-ignore`` comments cover.

    A comment covers the paragraph that follows it: from the end of the
    comment to the next blank line (or the end of the file).  Without a list
    of check ids it covers every check, shown as an empty tuple.
    """
    found: list[Suppression] = []
    for match in _IGNORE.finditer(text, body_start):
        listed = match.group("checks") or ""
        checks = tuple(sorted({part.strip() for part in re.split(r"[,\s]+", listed) if part.strip()}))
        start = match.end()
        while start < len(text) and text[start] in " \t\r\n\u00a0\u3000":
            start += 1
        blank = _BLANK_LINE.search(text, start)
        end = blank.start() if blank else len(text)
        found.append((start, max(start, end), checks))
    return tuple(found)
