"""Language and dateline detection for documents without metadata.

Language: the writing system decides first (Han, Hangul, kana), counted over
the story text; Latin-script text goes to ``lingua`` restricted to a few
candidate languages (offline and deterministic).  The detector is built once
per candidate set and kept for the process.

Dateline: a publication date stated near the start of the story
(``2020年4月7日``, ``2020-04-07``, ``8 APR``, ``8 aprile 2020``,
``April 7, 2020``, ``2020년 4월 7일``).  Month names come from the CLDR data
``babel`` ships, so any language babel knows works without a list here.  A
dateline without a year (``4月7日``, ``7 aprile``) or with only a day
(``7일``, ``7日`` in a lead: "…7일 밝혔다") is completed
with the year (and month) that puts it closest to a full date stated
elsewhere in the story; without one the date stays unknown.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "CANDIDATE_LANGUAGES",
    "Dateline",
    "detect_language",
    "find_dateline",
    "known_language",
]

CANDIDATE_LANGUAGES: tuple[str, ...] = ("en", "it", "de", "es", "fr", "pt", "nl")
CJK_LANGUAGES: tuple[str, ...] = ("zh", "ko", "ja")
# How far into the story a dateline may sit (characters).
DATELINE_WINDOW = 600
# Enough text to tell the script and language; more only costs time.
SAMPLE_CHARS = 6_000

_SCRIPTS = {
    "han": re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff]"),
    "hangul": re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]"),
    "kana": re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]"),
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]"),
}
_WORD = re.compile(r"[^\W\d_]{2,}")
# Words enough for lingua to be sure on an article.
LINGUA_WORDS = 200
# Below this many words lingua's fast (trigram) models are unreliable.
SHORT_TEXT_WORDS = 40
# A CJK character carries about as much as a two-letter stretch of Latin text.
_WIDE_WEIGHT = 2


def known_language(tag: object) -> str | None:
    """Return the primary subtag of a BCP-47 tag (``zh-CN`` → ``zh``), or None if malformed."""
    if not isinstance(tag, str):
        return None
    primary = re.split(r"[-_]", tag.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2,3}", primary) else None


def _sample(text: str) -> str:
    """Return up to SAMPLE_CHARS of non-blank text (masked markup is blanked, not removed)."""
    pieces: list[str] = []
    size = 0
    for match in re.finditer(r"\S+", text):
        pieces.append(match.group(0))
        size += len(pieces[-1]) + 1
        if size >= SAMPLE_CHARS:
            break
    return " ".join(pieces)


def _script_counts(sample: str) -> dict[str, int]:
    return {name: len(pattern.findall(sample)) for name, pattern in _SCRIPTS.items()}


@functools.lru_cache(maxsize=8)
def _detector(candidates: tuple[str, ...], low_accuracy: bool = True) -> Any:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in candidates:
        try:
            languages.append(Language.from_iso_code_639_1(IsoCode639_1.from_str(code)))
        except (ValueError, AttributeError, KeyError):
            continue
    if len(languages) < 2:
        return None
    builder = LanguageDetectorBuilder.from_languages(*languages)
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


def detect_language(text: str, candidates: Sequence[str] = CANDIDATE_LANGUAGES) -> str | None:
    """Detect the language of ``text``: script first, then lingua for Latin script.

    Mixed-language text takes its dominant script, so a Korean article that
    quotes an English name stays Korean.  Returns None when nothing decides.
    """
    text = _sample(text)
    counts = _script_counts(text)
    han, hangul, kana, latin = counts["han"], counts["hangul"], counts["kana"], counts["latin"]
    wide = {"zh": han, "ko": hangul, "ja": kana}
    if kana and han + kana:
        # Japanese writes kanji too: kana in a fair share of the CJK text means Japanese.
        if kana >= 0.15 * (han + kana):
            wide = {"zh": 0, "ko": hangul, "ja": han + kana}
    best_wide = max(wide, key=lambda k: wide[k])
    if wide[best_wide] * _WIDE_WEIGHT >= latin and wide[best_wide] > 0:
        return best_wide
    if latin == 0:
        return None
    # words only: digits and punctuation tell lingua nothing and cost it time
    found = _WORD.findall(text)[:LINGUA_WORDS]
    words = " ".join(found)
    # the fast models confuse close languages on a sentence or two; the full ones load once, on demand
    detector = _detector(tuple(sorted(set(candidates) - set(CJK_LANGUAGES))), len(found) >= SHORT_TEXT_WORDS)
    if detector is None:
        return None
    language = detector.detect_language_of(words)
    if language is None:
        return None
    return str(language.iso_code_639_1.name).lower()


@dataclass(frozen=True, slots=True)
class Dateline:
    """A date stated near the start of the story."""

    date: dt.date | None
    quote: str
    start: int
    # a dateline without its year, when nothing in the story supplied one
    partial: bool = False
    # the year (or month and year) came from a full date elsewhere in the story
    completed: bool = False
    # the dateline states a day alone ("7일"), no month
    day_only: bool = False


@functools.lru_cache(maxsize=32)
def _month_names(langs: tuple[str, ...], extra: tuple[tuple[str, int], ...] = ()) -> dict[str, int]:
    from babel import Locale, UnknownLocaleError

    names: dict[str, int] = {}
    for name, number in extra:
        folded = name.casefold().rstrip(".")
        if len(folded) >= 3 and 1 <= number <= 12 and not any(ch.isdigit() for ch in folded):
            names.setdefault(folded, number)
    for lang in langs:
        try:
            locale = Locale.parse(lang)
        except (ValueError, UnknownLocaleError):
            continue
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    folded = str(name).casefold().rstrip(".")
                    # numeric-looking names ("1月") belong to the CJK patterns
                    if len(folded) >= 3 and not any(ch.isdigit() for ch in folded):
                        names.setdefault(folded, int(number))
    return names


@functools.lru_cache(maxsize=32)
def _latin_patterns(langs: tuple[str, ...], extra: tuple[tuple[str, int], ...] = ()
                    ) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, int]] | None:
    names = _month_names(langs, extra)
    if not names:
        return None
    alternation = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    day_month = re.compile(
        rf"(?<![\w\d])(?P<day>\d{{1,2}})(?:st|nd|rd|th|º|°|er)?\.?\s+(?:de\s+|di\s+)?(?P<month>{alternation})\.?"
        rf"(?:,?\s+(?:de\s+)?(?P<year>\d{{4}}))?(?![\w])",
        re.IGNORECASE,
    )
    month_day = re.compile(
        rf"(?<![\w])(?P<month>{alternation})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?(?![\w\d])",
        re.IGNORECASE,
    )
    return day_month, month_day, names


_CJK_YMD = re.compile(r"(?<!\d)(?P<year>\d{4})\s*[年년]\s*(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일号號]?")
_CJK_MD = re.compile(r"(?<!\d)(?P<month>\d{1,2})\s*[月월]\s*(?P<day>\d{1,2})\s*[日일号號]")
# A day alone (Korean and Chinese leads: "…7일 밝혔다", "7日，…"), not a span of days ("7일간", "7日内").
_CJK_DAY = re.compile(r"(?<![\d.,:/])(?P<day>\d{1,2})\s*[日일]"
                      r"(?!\s*(?:간|동안|째|이내|내|만|이상|까지|연속|씩|以内|以来|内|間|间|后|後|起|至|[\d~～\-–—]))")
_ISO = re.compile(r"(?<![\d.\-/])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\d])")


def _make_date(year: int | None, month: int, day: int, today: dt.date) -> dt.date | None:
    if year is not None and not 1900 <= year <= today.year + 1:
        return None
    try:
        # a leap year and a 31-day month stand in for what is not stated
        return dt.date(year if year is not None else 2000, month or 1, day)
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    quote: str
    year: int | None
    month: int  # 0: a day alone
    day: int


def _hits(text: str, langs: tuple[str, ...], today: dt.date, extra: tuple[tuple[str, int], ...] = ()) -> list[_Hit]:
    hits: list[_Hit] = []

    def add(match: re.Match[str], month: int) -> None:
        year_text = match.groupdict().get("year")
        year = int(year_text) if year_text else None
        day = int(match.group("day"))
        if _make_date(year, month, day, today) is not None:
            hits.append(_Hit(match.start(), match.group(0).strip(), year, month, day))

    for pattern in (_CJK_YMD, _ISO, _CJK_MD):
        for match in pattern.finditer(text):
            add(match, int(match.group("month")))
    for match in _CJK_DAY.finditer(text):
        add(match, 0)
    latin = _latin_patterns(langs, extra)
    if latin is not None:
        day_month, month_day, names = latin
        for pattern in (day_month, month_day):
            for match in pattern.finditer(text):
                add(match, names[match.group("month").casefold().rstrip(".")])
    hits.sort(key=lambda h: (h.start, -len(h.quote)))
    return hits


def _visible_end(text: str, visible: int) -> int:
    """Return the offset where ``visible`` non-blank characters of ``text`` have passed."""
    seen = 0
    for match in re.finditer(r"\S+", text):
        seen += match.end() - match.start()
        if seen >= visible:
            return match.end()
    return len(text)


def find_dateline(story: str, offset: int, lang: str | None, *, today: dt.date | None = None,
                  months: Mapping[str, int] | None = None) -> Dateline | None:
    """Find the publication dateline near the start of ``story``.

    Args:
        story: the story text (boilerplate and masked spans blanked out).
        offset: where ``story`` starts in the decoded file, to report a position.
        lang: the document language; its month names and English ones are tried.
        today: the upper bound for plausible years (defaults to today).
        months: month names from the rule packs (``dates.months``), besides babel's.
    """
    today = today or dt.date.today()
    langs = tuple(sorted({lang, "en"} - {None})) if lang else CANDIDATE_LANGUAGES
    extra = tuple(sorted((str(k), int(v)) for k, v in (months or {}).items() if isinstance(v, int)))
    codes = tuple(x for x in langs if x)
    window = story[:_visible_end(story, DATELINE_WINDOW)]
    hits = _hits(window, codes, today, extra)
    if not hits:
        return None
    hit = hits[0]
    if hit.year is not None:
        return Dateline(dt.date(hit.year, hit.month, hit.day), hit.quote, offset + hit.start)
    stated = [dt.date(h.year, h.month, h.day) for h in _hits(story, codes, today, extra) if h.year is not None
              and h.month]
    completed = _complete(hit, stated, today)
    if completed is not None:
        return Dateline(completed, hit.quote, offset + hit.start, completed=True, day_only=not hit.month)
    return Dateline(None, hit.quote, offset + hit.start, partial=True, day_only=not hit.month)


def _complete(hit: _Hit, stated: Sequence[dt.date], today: dt.date) -> dt.date | None:
    """Complete a dateline without a year (or month) from the full dates the story states.

    Each full date proposes its year (and its month for a day alone), and the
    neighbouring ones, since a story written on 2 January may recall 30
    December; the completion closest to any stated date wins, the later one
    on a tie.
    """
    candidates: set[dt.date] = set()
    for date in stated:
        if hit.month:
            options = [(year, hit.month) for year in (date.year - 1, date.year, date.year + 1)]
        else:
            options = [((date.year * 12 + date.month - 1 + shift) // 12, (date.month - 1 + shift) % 12 + 1)
                       for shift in (-1, 0, 1)]
        for year, month in options:
            try:
                candidate = dt.date(year, month, hit.day)
            except ValueError:
                continue
            if candidate <= today:
                candidates.add(candidate)
    if not candidates:
        return None
    return min(candidates, key=lambda c: (min(abs((c - d).days) for d in stated), -c.toordinal()))
