"""Claim extraction: every number expression of an article becomes a Claim.

The Python here is a grammar over the pieces a language pack declares
(``rules/lang/*.yaml``, documented in ``rules/README.md``): number words,
scales, decimal and grouping marks, currency and unit aliases, approximation
and bound markers, relative-time pieces, counters, blockers.  Nothing in this
module names a word of a particular language, so a new language is a new pack.

Three passes run over the article body, each skipping what an earlier pass
claimed: calendar dates (``30 giugno``, ``6月30日``, ``10월 12일부터 20일까지``),
relative time words (``ieri``, ``去年``, ``last year``) and number expressions
with what surrounds them (prefix markers, then unit, currency, time unit,
counter or counted thing).  Compiled patterns are cached per rule set digest
and language, never per document.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .model import Claim, Document, Kind, Relative
from .numbers import (
    Atom,
    NumberLexicon,
    Reading,
    evaluate,
    parse_digits,
    split_compound,
    to_ascii_digits,
    word_place,
)
from .rules import RuleSet

__all__ = ["compiled_language", "extract_claims", "sentence_bounds"]

_LETTER = r"[^\W\d_]"
_DIGIT = "[0-9０-９]"
# A larger window would only slow the search down: prefix markers are short.
_PREFIX_WINDOW = 48
# The writing system of a language whose pack does not say (a pack-less language).
_DEFAULT_SCRIPTS = {"zh": "cjk", "ja": "cjk", "ko": "hangul"}
_SENTENCE_MAX = 600
_MAX_ATOMS = 48
_YEAR_LOW, _YEAR_HIGH = 1000, 2999
_PLAIN_YEAR_LOW, _PLAIN_YEAR_HIGH = 1900, 2100


# A letter that would continue a Latin word: any letter but Han, kana and Hangul.
_LATIN_NEXT = r"[^\W\d_\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff]"


def _is_latin_letter(ch: str) -> bool:
    """Return True for a letter of a script written with spaces between words (below CJK)."""
    return ch.isalpha() and ord(ch) < 0x2E80


def _is_alphabetic(ch: str) -> bool:
    """Return True for a letter of an alphabet (Latin, Greek, Cyrillic, Hangul...), not a Han or kana character."""
    return ch.isalpha() and not ("\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u3040" <= ch <= "\u30ff")


def _is_hangul(ch: str) -> bool:
    """Return True for a precomposed Hangul syllable."""
    return "\uac00" <= ch <= "\ud7a3"


def _alt(words: Iterable[str], *, bounded: bool = True, hangul_start: bool = False) -> str:
    """Return an alternation of ``words``, longest first, word-bounded where Latin.

    Words sharing the same boundary needs share one lookaround: one check per
    position instead of one per word keeps the scan fast.  With
    ``hangul_start`` a Hangul word must also start a word: Korean writes
    spaces, so 제 (ordinal) must not match the end of 어제 (yesterday).
    """
    groups: dict[tuple[bool, bool, bool], list[str]] = {}
    for word in sorted({w for w in words if w}, key=lambda w: (-len(w), w)):
        key = (bounded and _is_latin_letter(word[0]), bounded and _is_latin_letter(word[-1]),
               hangul_start and _is_hangul(word[0]))
        groups.setdefault(key, []).append(word)
    parts: list[str] = []
    for (left, right, hangul), items in sorted(groups.items(), key=lambda kv: -len(kv[1][0])):
        piece = f"(?:{_trie(items)})"
        if left:
            piece = rf"(?<!{_LATIN_NEXT}){piece}"
        if hangul:
            piece = rf"(?<![\uac00-\ud7a3]){piece}"
        if right:
            # A Latin word may touch a Han or Hangul character (260GWh의, 50km的).
            piece = rf"{piece}(?!{_LATIN_NEXT})"
        parts.append(piece)
    return "|".join(parts) if parts else r"(?!x)x"


def _trie(words: Sequence[str]) -> str:
    """Return a regex matching any of ``words`` (case-insensitively compiled), factored as a trie.

    sre tries the branches of an alternation one by one; sharing prefixes makes
    a failed position cost one character test instead of one per word.  Longer
    continuations come first at every node, as in a longest-first alternation.
    """
    root: dict[str, Any] = {}
    for word in words:
        node = root
        for ch in word:
            low = ch.lower()
            node = node.setdefault(low if len(low) == 1 else ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        ends = "" in node
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
        return body

    return emit(root)


def _lead(words: Iterable[str], extra: str = "") -> str:
    """Return a lookahead on the possible first characters of ``words`` (a fast-skip hint)."""
    firsts = {c for w in words if w for c in (w[0].lower(), w[0].upper())}
    return "(?=[" + "".join(re.escape(c) for c in sorted(firsts)) + extra + "])"


def _alt_reversed(words: Iterable[str], *, hangul_start: bool = False) -> str:
    """Return an alternation of the reversed ``words``, to match a prefix backwards from a number."""
    groups: dict[bool, list[str]] = {}
    for word in sorted({w for w in words if w}, key=lambda w: (-len(w), w)):
        key = _is_latin_letter(word[0]) or (hangul_start and _is_hangul(word[0]))
        groups.setdefault(key, []).append(word[::-1])
    parts: list[str] = []
    for bounded, items in groups.items():
        piece = "(?:" + _trie(items) + ")"
        # Reversed, the word's start is its end: it must not continue a word.
        parts.append(rf"{piece}(?![^\W\d_])" if bounded else piece)
    return "|".join(parts) if parts else r"(?!x)x"


def _fold_map(mapping: Mapping[str, Any] | None) -> dict[str, Any]:
    """Return ``mapping`` with casefolded keys (pack lookups are case-insensitive)."""
    return {str(k).casefold(): v for k, v in (mapping or {}).items()}


def _words(value: Any) -> list[str]:
    """Return the words of a pack list, or the keys of a pack map."""
    if isinstance(value, Mapping):
        return [str(k) for k in value]
    if isinstance(value, list):
        return [str(v) for v in value]
    return []


@dataclass
class CompiledLanguage:
    """The patterns and lookup tables of one language of one rule set."""

    lang: str
    lexicon: NumberLexicon
    latin: bool
    bare_words: bool
    sentence_newline: bool
    core: re.Pattern[str]
    atom: re.Pattern[str]
    compound: bool
    sp: str
    suffix: dict[str, re.Pattern[str]] = field(default_factory=dict)
    prefix: re.Pattern[str] | None = None
    prefix_roles: dict[str, set[str]] = field(default_factory=dict)
    currency_prefix: dict[str, str] = field(default_factory=dict)
    currency_suffix: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    time_units: dict[str, str] = field(default_factory=dict)
    year_suffix: set[str] = field(default_factory=set)
    suffix_roles: dict[str, set[str]] = field(default_factory=dict)
    cues: dict[str, str] = field(default_factory=dict)
    count_gap: re.Pattern[str] | None = None
    noun_before: re.Pattern[str] | None = None
    codes: frozenset[str] = frozenset()
    code_suffix: re.Pattern[str] | None = None
    dates: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    date_anchor: re.Pattern[str] | None = None
    range_marks: re.Pattern[str] | None = None
    range_close: re.Pattern[str] | None = None
    months: dict[str, int] = field(default_factory=dict)
    relative_words: dict[str, tuple[str, int]] = field(default_factory=dict)
    relative: re.Pattern[str] | None = None
    relative_shift: dict[str, int] = field(default_factory=dict)
    relative_units: dict[str, str] = field(default_factory=dict)
    skip: re.Pattern[str] | None = None
    capital_name: bool = True
    glued: frozenset[str] = frozenset()
    # No pack says which mark is decimal: "2.500" and "2,500" are left unread.
    neutral: bool = False
    # What a rate is per, by the word naming it (unit, time unit, counted thing, rate cue).
    per_names: dict[str, str] = field(default_factory=dict)
    per_after: re.Pattern[str] | None = None
    per_before: re.Pattern[str] | None = None
    per_block: re.Pattern[str] | None = None
    per_cut: re.Pattern[str] | None = None
    fraction: re.Pattern[str] | None = None
    # A counted noun hyphenated to the number ("a 42,000-seat stadium").
    cue_hyphen: re.Pattern[str] | None = None
    # Words before a clock time ("at 10.30", "alle 10.30") and verbs of age ("ha 35 anni").
    clock: re.Pattern[str] | None = None
    age_verb: re.Pattern[str] | None = None
    # Unit and currency aliases that are also counters (块): a counter when a noun follows.
    counter_aliases: frozenset[str] = frozenset()
    # First characters of currency suffixes (块钱): a counter alias followed by one stays money.
    currency_chars: frozenset[str] = frozenset()
    # Nouns after a day number that make it a name (7号线, 10号球衣), not a date.
    day_names: re.Pattern[str] | None = None


_CACHE: dict[tuple[str, str], CompiledLanguage] = {}
_CACHE_SIZE = 64


@functools.lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    """Return the ISO 4217 codes babel knows, read once."""
    try:
        from babel.numbers import list_currencies
    except ImportError:  # babel is a dependency; the fallback keeps extraction alive
        return frozenset({"USD", "EUR", "CNY", "JPY", "KRW", "GBP", "HKD", "TWD", "INR"})
    return frozenset(list_currencies())


def compiled_language(ruleset: RuleSet, lang: str | None) -> CompiledLanguage:
    """Return the compiled patterns of ``lang`` in ``ruleset``, built once per digest."""
    code = lang or ""
    if code and code not in ruleset.languages and "-" in code:
        # A regional tag (zh-TW, pt-BR) uses its primary language's pack.
        code = code.split("-")[0].lower()
    key = (ruleset.digest or str(id(ruleset.data)), code)
    found = _CACHE.get(key)
    if found is None:
        pack = ruleset.language(code) if code else {}
        concepts: Mapping[str, Any] = ruleset.section("concepts") or {}
        found = _compile(code, pack, concepts)
        if len(_CACHE) >= _CACHE_SIZE:
            # Each manifest glossary makes a new digest; a long-lived process must not grow forever.
            _CACHE.clear()
        _CACHE[key] = found
    return found


def _compile(lang: str, pack: Mapping[str, Any], concepts: Mapping[str, Any]) -> CompiledLanguage:
    script = str(pack.get("script", _DEFAULT_SCRIPTS.get(lang, "latin")))
    latin = script == "latin"
    decimal = str(pack.get("decimal", "."))
    group = frozenset(str(g) for g in pack.get("group", [","]))
    counter_words = {k: float(v) for k, v in _fold_map(pack.get("counter_words")).items()}
    words = {**counter_words, **{k: float(v) for k, v in _fold_map(pack.get("words")).items()}}
    multipliers = {k: float(v) for k, v in _fold_map(pack.get("multipliers")).items()}
    scales = {k: float(v) for k, v in _fold_map(pack.get("scales")).items()}
    vague = {k: (float(v[0]), float(v[1])) for k, v in _fold_map(pack.get("vague")).items()}
    weak = frozenset(str(w).casefold() for w in pack.get("weak_words", []))
    glued = {k: float(v) for k, v in _fold_map(pack.get("glued_scales")).items()}
    lexicon = NumberLexicon(decimal=decimal, group=group, words=words, multipliers=multipliers,
                            scales={**glued, **scales}, vague=vague, weak=weak,
                            positional=bool(pack.get("positional_digits", False)),
                            longest=max((len(k) for k in (*words, *multipliers, *scales, *vague)), default=1))
    compound = bool(pack.get("compound_words", False))
    # Markdown emphasis may close between a number and its noun ("**2,000** workers").
    sp = r"(?:[*_]{1,3})?\s*" if latin else r"[ \u00a0\u3000]?"

    gchars = "".join(re.escape(g) for g in sorted(group))
    dchar = "[.．]" if decimal == "." else re.escape(decimal)
    # A lone mark is read as decimal only when it is the decimal mark or a dot
    # (``2.75`` in Italian); ``2020,2021`` in Chinese stays two numbers.
    seps = "".join(sorted({re.escape(decimal), *(re.escape(g) for g in group if g == ".")}))
    if decimal == "." or "." in group:
        seps += "．"
    if gchars:
        digits = (rf"{_DIGIT}{{1,3}}(?:[{gchars}]{_DIGIT}{{3}})+(?:{dchar}{_DIGIT}+)?(?!{_DIGIT})"
                  rf"|{_DIGIT}+(?:[{seps}]{_DIGIT}+)?")
    else:
        digits = rf"{_DIGIT}+(?:{dchar}{_DIGIT}+)?"
    strong_words = [w for w in [*pack.get("words", {}), *pack.get("vague", {})] if str(w).casefold() not in weak]
    step_words = [*pack.get("multipliers", {}), *pack.get("scales", {})]
    all_words = [*strong_words, *step_words]
    if compound and latin:
        # Weak words glue into compounds (vent+uno+mila) though they are no number alone.
        word_atom = rf"(?<!{_LETTER})(?:{_alt([*all_words, *weak], bounded=False)})+(?!{_LETTER})"
    elif compound:
        if pack.get("words_need_step", False):
            word_atom = rf"(?:(?:{_alt(strong_words, bounded=False)})?(?:{_alt(step_words, bounded=False)}))+"
        else:
            word_atom = rf"(?:{_alt(all_words, bounded=False)})+"
    else:
        word_atom = rf"(?:{_alt(all_words)})"
    weak_alt = _alt(weak) if weak else None
    joiners = [str(j) for j in pack.get("joiners", [])]
    if latin:
        # "one thousand, two hundred and thirty-four": commas and joiners between words.
        if joiners:
            sep = rf"(?:,?\s+(?:{_alt(joiners)})\s+|-|,?\s+|)"
        else:
            sep = r"(?:-|,?\s+|)"
    else:
        sep = r"[ \u00a0]?"
    if counter_words:
        # Native numerals only count right before a counter (Korean 두 명, 세 곳).
        counters_alt = _alt(_words(pack.get("counters")), bounded=False)
        word_atom = (rf"(?:{word_atom}|(?<!{_LETTER})(?:{_alt(counter_words, bounded=False)})+"
                     rf"(?=[ \u00a0]?(?:{counters_alt})))")
    weak_atom = rf"|(?:{weak_alt})[ \t\u00a0]+(?=(?:{word_atom}))" if weak_alt else ""
    # Scales written only glued to digits ("$400m", "1.2m households"): "5 m" stays metres.
    glued_atom = rf"(?<={_DIGIT})(?:{_alt(glued, bounded=False)})(?!{_LETTER})" if glued else "(?!x)x"
    if glued:
        digits_atom = rf"(?:{digits})(?:{glued_atom})?"
    else:
        digits_atom = digits
    atom = rf"(?:{digits_atom}|{word_atom}{weak_atom})"
    # A leading class of possible first characters lets the scan skip ahead fast.
    firsts = {c for w in [*all_words, *weak, *counter_words] for c in (w[0].lower(), w[0].upper()) if w}
    first_class = "".join(re.escape(c) for c in sorted(firsts))
    # Digits continue a number only between scale words ("2조 4180억"), so
    # "1,234 1,234" stays two numbers and every match stays short.
    tail_digits = rf"(?={sep}(?:{word_atom}))" if latin else ""
    word_cont = rf"{sep}(?:{word_atom})(?:{sep}(?:{digits_atom}){tail_digits})?"
    if latin and first_class:
        # Latin number words start a word: inside a word only a digit can start a number,
        # and rejecting letters there at once keeps the scan fast.
        lead = rf"(?:(?=[0-9０-９])|(?=[{first_class}])(?<!{_LETTER}))"
    else:
        lead = rf"(?=[0-9０-９{first_class}])"
    core = re.compile(rf"{lead}{atom}(?:{word_cont})*", re.IGNORECASE)
    tokens = re.compile(rf"(?P<d>{digits})|(?P<w>{word_atom}|{glued_atom}|{weak_alt or '(?!x)x'})", re.IGNORECASE)

    cl = CompiledLanguage(lang=lang, lexicon=lexicon, latin=latin,
                          bare_words=bool(pack.get("bare_words", latin)),
                          sentence_newline=bool(pack.get("sentence_newline", not latin)),
                          core=core, atom=tokens, compound=compound, sp=sp,
                          capital_name=bool(pack.get("capital_names", latin)))

    currencies = pack.get("currencies", {}) or {}
    cl.glued = frozenset(glued)
    cl.neutral = "decimal" not in pack
    cl.currency_prefix = {k.casefold(): str(v) for k, v in (currencies.get("prefix") or {}).items()}
    cl.currency_suffix = {k.casefold(): str(v) for k, v in (currencies.get("suffix") or {}).items()}
    cl.units = {k.casefold(): str(v) for k, v in (pack.get("units") or {}).items()}
    # CJK compatibility unit characters (㎞, ㎏, ㎥) read as the unit their NFKC form names.
    for code in range(0x3371, 0x33E0):
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char).casefold()
        if folded != char and folded in cl.units and char.casefold() not in cl.units:
            cl.units[char.casefold()] = cl.units[folded]
    cl.time_units = {k.casefold(): str(v) for k, v in (pack.get("time_units") or {}).items()}
    dates = pack.get("dates", {}) or {}
    cl.year_suffix = {str(w).casefold() for w in dates.get("year_suffix", [])}
    linkers = _alt(_words(pack.get("linkers")))
    link = rf"(?:(?:{linkers}){sp})?"
    flags = re.IGNORECASE

    # Latin units may be hyphenated to the number ("a 450-megawatt plant").
    usp = r"(?:-|(?:[*_]{1,3})?\s*)" if latin else sp

    def suffix(words: Iterable[str], *, linked: bool = False) -> re.Pattern[str]:
        return re.compile(rf"{usp}{link if linked else ''}({_alt(words)})", flags)

    approx = pack.get("approx", {}) or {}
    bound = pack.get("bound", {}) or {}
    relative = pack.get("relative", {}) or {}
    duration = pack.get("duration", {}) or {}
    blockers = pack.get("blockers", {}) or {}
    percent = pack.get("percent", {}) or {}
    cl.suffix["approx"] = re.compile(rf"{sp}({_alt(_words(approx.get('suffix')))})", flags)
    # The percent sign needs no language: a pack-less language still reads it.
    cl.suffix["percent"] = suffix(_words(percent.get("suffix")) or ["%", "％"])
    cl.suffix["year"] = suffix(cl.year_suffix)
    cl.suffix["currency"] = suffix(cl.currency_suffix, linked=True)
    cl.suffix["unit"] = suffix(cl.units, linked=True)
    cl.suffix["time"] = suffix(cl.time_units)
    cl.suffix["counter"] = suffix(_words(pack.get("counters")))
    cl.suffix["block"] = re.compile(
        rf"{sp}(?:{_alt([*_words(blockers.get('ordinal_suffix')), *_words(blockers.get('time_suffix')), *_words(blockers.get('age_suffix'))])})",
        flags)
    cl.suffix["age"] = suffix(_words(blockers.get("age_suffix")))
    roles: dict[str, set[str]] = {}
    for role, items in (("ago", relative.get("ago")), ("since", relative.get("since_suffix")),
                        ("later", relative.get("later")), ("duration", duration.get("suffix")),
                        ("gt", bound.get("gt_suffix")), ("lt", bound.get("lt_suffix")),
                        ("approx", approx.get("after"))):
        for word in _words(items):
            roles.setdefault(word.casefold(), set()).add(role)
    cl.suffix_roles = roles
    particles = _alt(_words(pack.get("particles")))
    cl.suffix["after"] = re.compile(rf"{sp}(?:(?:{particles}){sp})?({_alt(roles)})", flags)

    proles: dict[str, set[str]] = {}
    for role, items in (("currency", cl.currency_prefix), ("gt", bound.get("gt_prefix")),
                        ("lt", bound.get("lt_prefix")), ("approx", approx.get("prefix")),
                        ("percent", percent.get("prefix")), ("since", relative.get("since_prefix")), ("since", relative.get("ago_prefix")),
                        ("duration", duration.get("prefix")), ("block", blockers.get("ordinal_prefix")),
                        ("block", blockers.get("time_prefix")), ("block", blockers.get("age_prefix")),
                        ("year", dates.get("year_prefix")), ("name", blockers.get("name_before")),
                        ("between", (pack.get("range_between", {}) or {}).get("open"))):
        for word in _words(items):
            proles.setdefault(word.casefold(), set()).add(role)
    cl.prefix_roles = proles
    if proles:
        cl.prefix = re.compile(rf"({_alt_reversed(proles, hangul_start=script == 'hangul')})", flags)

    cl.codes = _currency_codes()
    cl.code_suffix = re.compile(rf"{sp}([A-Z]{{3}})(?![A-Za-z])")

    cues: dict[str, str] = {}
    for cid, concept in concepts.items():
        kinds = {concept.get("kind"), *(concept.get("kinds") or [])}
        if "count" not in kinds:
            continue
        for cue in (concept.get("cues") or {}).get(lang, []):
            cues[str(cue).casefold()] = str(cid)
    cl.cues = cues
    cl.counter_aliases = frozenset(w.casefold() for w in _words(pack.get("counters")))
    cl.currency_chars = frozenset(w[0] for w in cl.currency_suffix if w)
    if cues and latin:
        cl.cue_hyphen = re.compile(rf"-({_alt(c for c in cues if not c.startswith('-'))})", flags)
    for key, attr in (("clock_markers", "clock"), ("age_verb_markers", "age_verb")):
        if _words(pack.get(key)):
            setattr(cl, attr, re.compile(rf"(?:{_alt(_words(pack.get(key)))})[ \u00a0]*\Z", flags))
    if _words(pack.get("day_name_markers")):
        cl.day_names = re.compile(rf"[ \u00a0]?(?:{_alt(_words(pack.get('day_name_markers')))})", flags)
    clause = _words(pack.get("clause_markers"))
    # A gap word may not be a conjunction: "in 2026 and the hospital" counts no hospital.
    no_clause = rf"(?!(?:{_alt(clause, hangul_start=script == 'hangul')}))" if clause else ""
    if cues:
        gap = int(pack.get("count_gap", 2))
        if latin:
            # The counted noun is a separate word: "1.2m households" is not "1.2 households".
            # A cue written with its hyphen ("-seat") may touch the number.
            gap_pat = rf"(?:(?<=\s)(?:{no_clause}{_LETTER}[\w'’-]*\s+){{0,{gap}}}?|(?=-))"
        elif script == "hangul":
            gap_pat = rf"(?:{no_clause}{_LETTER}+\s){{0,{gap}}}?"
        else:
            gap_pat = rf"(?:{no_clause}{_LETTER}){{0,{gap}}}?"
        cl.count_gap = re.compile(rf"{sp}{link}{gap_pat}({_alt(cues)})", flags)
        if pack.get("noun_before_counter", False):
            heads = _words(pack.get("count_head_markers"))
            head = rf"(?:(?:{_alt(heads)}){sp})?" if heads else ""
            cl.noun_before = re.compile(rf"({_alt(cues)}){sp}{head}(?:(?:{particles}){sp})?\Z", flags)
    _compile_rates(cl, pack, script, usp, flags, clause)
    fractions = _words(pack.get("fraction_markers"))
    if fractions:
        cl.fraction = re.compile(rf"{sp}(?:{_alt(fractions)}){sp}", flags)

    marks_between = _words(pack.get("range_marks"))
    if marks_between:
        cl.range_marks = re.compile(rf"[ \u00a0]?(?:{_alt(marks_between)})[ \u00a0]?", flags)
    between = pack.get("range_between", {}) or {}
    if between.get("close"):
        cl.range_close = re.compile(rf"\s+(?:{_alt(_words(between.get('close')))})\s+", flags)
    cl.months = {k.casefold(): int(v) for k, v in (dates.get("months") or {}).items()}
    cl.dates = _date_patterns(dates, cl.months, latin, _words(duration.get("suffix")))
    marks = [*_words(dates.get("month_suffix")), *_words(dates.get("day_suffix"))]
    after_digit = rf"[-/.]{_DIGIT}{{1,2}}[-/.]{_DIGIT}"
    if marks:
        after_digit = rf"[ \u00a0]?(?:{_alt(marks)})|{after_digit}"
    # Opening with the digit class lets sre skip to digits at C speed where no month names exist.
    digit_anchor = rf"{_DIGIT}(?:{after_digit})"
    if cl.months:
        cl.date_anchor = re.compile(_lead(cl.months, "0-9０-９") + f"(?:{_alt(cl.months)}|{digit_anchor})", flags)
    else:
        cl.date_anchor = re.compile(digit_anchor, flags)

    cl.relative_words = {k.casefold(): (str(v["unit"]), int(v["amount"]))
                         for k, v in (relative.get("words") or {}).items()}
    # "last year", "il mese scorso": singular unit words only ("the coming weeks" is no date).
    own_units = {k.casefold(): str(v) for k, v in (relative.get("units") or {}).items()}
    cl.relative_units = own_units or dict(cl.time_units)
    shift = {**{str(w).casefold(): -1 for w in relative.get("last_prefix", [])},
             **{str(w).casefold(): 1 for w in relative.get("next_prefix", [])}}
    post = {**{str(w).casefold(): -1 for w in relative.get("last_suffix", [])},
            **{str(w).casefold(): 1 for w in relative.get("next_suffix", [])}}
    cl.relative_shift = {**shift, **post}
    # "$5 million a year ago", "60,000 employees a year earlier": a total of another time, no rate
    blocking = [*post, *_words(relative.get("ago")), *_words(relative.get("since_suffix")),
                *_words(relative.get("later")), *_words(pack.get("per_block_markers"))]
    if blocking:
        cl.per_block = re.compile(rf"{sp}(?:{_alt(blocking)})", flags)
    pieces = []
    if cl.relative_words:
        pieces.append(rf"(?P<word>{_alt(cl.relative_words)})")
    if shift and cl.relative_units:
        pieces.append(rf"(?P<pre>{_alt(shift)}){sp}(?P<unit1>{_alt(cl.relative_units)})")
    if post and cl.relative_units:
        pieces.append(rf"(?P<unit2>{_alt(cl.relative_units)}){sp}(?P<post>{_alt(post)})")
    if pieces:
        lead = _lead([*cl.relative_words, *shift, *cl.relative_units])
        cl.relative = re.compile(lead + "(?:" + "|".join(pieces) + ")", flags)

    skips = [_alt(_words(blockers.get("idioms")))]
    skips.append(r"\+\d[\d \-().]{6,}\d|(?<!\d)\d{2,4}-\d{3,4}-\d{4}(?!\d)")
    # Phone numbers: three spaced groups (800 938 118) where a space groups no digits,
    # and a four-four service number (1588-7890) that is no span of years and no range of
    # round figures (1000-2000명).
    if " " not in group:
        skips.append(r"(?<![\d.,])\d{3} \d{3} \d{3,4}(?!\d|[.,]\d)")
    skips.append(r"(?<![\d.,\-~])(?!1[89]\d\d-|20\d\d-|\d\d00-\d\d00(?!\d))\d{4}-\d{4}(?!\d|[.,\-]\d|[ \u00a0]?[%％])")
    # Times of day (21:30) and scores or ratios (3:1) measure nothing.
    skips.append(rf"(?<!{_DIGIT}){_DIGIT}{{1,3}}[:：]{_DIGIT}{{1,2}}(?!{_DIGIT})")
    cl.skip = re.compile(_lead(_words(blockers.get("idioms")), r"+0-9０-９")
                         + "(?:" + "|".join(f"(?:{s})" for s in skips) + ")", flags)
    return cl


def _compile_rates(cl: CompiledLanguage, pack: Mapping[str, Any], script: str, usp: str, flags: re.RegexFlag,
                   clause: Sequence[str]) -> None:
    """Compile the rate patterns: what an amount is per ("$5 per share", "€3 al mese", 每吨, 톤당, monthly)."""
    hangul = script == "hangul"
    latin = script == "latin"
    rate_words = {str(w).casefold(): str(k) for k, ws in (pack.get("rate_cues") or {}).items() for w in ws}
    cl.per_names = {**cl.cues, **cl.time_units, **cl.units, **rate_words}
    known = _alt([*cl.per_names, *_words(pack.get("counters"))])
    # Outside a known word, what the amount is per is one word (Latin) or one character (CJK).
    any_word = rf"{_LETTER}[\w'’-]*" if latin else (rf"{_LETTER}+" if hangul else _LETTER)
    strong = _words(pack.get("per_markers"))
    weak = _words(pack.get("per_unit_markers"))
    # An elided article is glued to its noun ("l'anno").
    space = r"(?:(?<=['’])|\s+)" if latin else r"[ \u00a0]?"
    after = []
    if strong:
        after.append(rf"(?:{_alt(strong)}){space}(?P<thing>{known}|{any_word})")
    if weak:
        after.append(rf"(?:{_alt(weak)}){space}(?P<known>{known})(?!{_LETTER})")
    if after:
        cl.per_after = re.compile(rf"{usp}(?:{'|'.join(after)})", flags)
    lead = _words(pack.get("per_lead_markers"))
    counters = _words(pack.get("counters"))
    counter = rf"(?:{_alt(counters)})?" if counters else ""
    pieces = []
    if lead:
        # 每吨, 每名员工 (a counter before a known thing), else the one word after the marker (每次, 每股).
        pieces.append(rf"(?:{_alt(lead)})(?:{counter}(?P<lead>{known})|(?P<lead_any>{any_word}))")
    tail = _words(pack.get("per_tail_markers"))
    if tail:
        # Only the marker is matched: what stands before it up to a space is read in ``_per``.
        pieces.append(rf"(?<=\S)(?P<tail>{_alt(tail)})(?!{_LETTER})")
    if rate_words:
        # A rate word glued to a digit is a date or measure (1~2월, 3月票): no rate.
        pieces.append(rf"(?<![0-9０-９])(?P<cue>{_alt(rate_words, hangul_start=hangul)})"
                      + (r"(?![\uac00-\ud7a3])" if hangul else ""))
    if pieces:
        # Rate words are found once per document; clause ends only between a hit and its amount.
        ends = "".join(re.escape(c) for c in ".;:!?。；：！？,，、\n")
        clause_alt = _alt(clause, hangul_start=hangul) if clause else r"(?!x)x"
        cl.per_cut = re.compile(rf"[{ends}]|{clause_alt}", flags)
        cl.per_before = re.compile(_lead([*lead, *tail, *rate_words]) + "(?:" + "|".join(pieces) + ")", flags)


def _date_patterns(dates: Mapping[str, Any], months: Mapping[str, int], latin: bool,
                   duration_suffix: Sequence[str]) -> list[tuple[str, re.Pattern[str]]]:
    """Build the calendar date patterns of one language from its ``dates`` section."""
    flags = re.IGNORECASE
    out: list[tuple[str, re.Pattern[str]]] = []
    to_words = _words(dates.get("to"))
    from_words = _words(dates.get("from"))
    range_marks = _words(dates.get("range"))
    range_end = _words(dates.get("range_end"))
    year = rf"(?P<y>[12]{_DIGIT}{{3}})(?!{_DIGIT})"
    if months:
        # Only abbreviations take a full stop, so "30 giugno." leaves the sentence end alone.
        month_alts = "|".join(rf"{re.escape(k)}(?:\.(?=\s*\d))?" if len(k) <= 4 else re.escape(k)
                              for k in sorted(months, key=lambda k: (-len(k), k)))
        month = rf"(?<!{_LETTER})(?P<m>{month_alts})(?!{_LETTER})"
        # A day before its month may carry an ordinal dot (German "12. Oktober");
        # after the month a dot ends the sentence ("March 31.").
        day = rf"(?<!{_DIGIT})(?P<d>[0-3]?{_DIGIT})(?:st|nd|rd|th|°|º|\.(?=\s*{_LETTER}))?(?!{_DIGIT})"
        day2 = rf"(?P<d2>[0-3]?{_DIGIT})(?:st|nd|rd|th|°|º|\.(?=\s*{_LETTER}))?(?!{_DIGIT})"
        day_after = rf"(?<!{_DIGIT})(?P<d>[0-3]?{_DIGIT})(?:st|nd|rd|th)?(?!{_DIGIT})"
        day2_after = rf"(?P<d2>[0-3]?{_DIGIT})(?:st|nd|rd|th)?(?!{_DIGIT})"
        to = rf"(?:\s*(?:{_alt([*to_words, *range_marks])})\s*)"
        frm = rf"(?:(?:{_alt(from_words)})\s+)?" if from_words else ""
        out.append(("range", re.compile(rf"{frm}(?P<a>{day}){to}(?P<b>{day2}\s+{month}(?:,?\s+{year})?)", flags)))
        out.append(("range", re.compile(rf"(?P<a>{month}\s+{day_after}){to}(?P<b>{day2_after}(?:,?\s+{year})?)", flags)))
        out.append(("date", re.compile(rf"{day}\s+{month}(?:,?\s+{year})?", flags)))
        out.append(("date", re.compile(rf"{month}\s+{day_after}(?:,?\s+{year})?", flags)))
        out.append(("date", re.compile(rf"{month},?\s+{year}", flags)))
    ys, ms, ds = (_words(dates.get(k)) for k in ("year_suffix", "month_suffix", "day_suffix"))
    if ms and ds:
        sp = r"[ \u00a0]?"
        num = rf"{_DIGIT}{{1,2}}"
        y = rf"(?:(?P<y>[12]{_DIGIT}{{3}}){sp}(?:{_alt(ys)}){sp})?" if ys else ""
        m = rf"(?P<m>{num}){sp}(?:{_alt(ms)})"
        d = rf"(?P<d>{num}){sp}(?:{_alt(ds)})"
        d2 = rf"(?:(?P<m2>{num}){sp}(?:{_alt(ms)}){sp})?(?P<d2>{num}){sp}(?:{_alt(ds)})"
        rng = rf"{sp}(?:{_alt(range_marks)}){sp}" if range_marks else None
        end = rf"(?:{sp}(?:{_alt(range_end)}))?" if range_end else ""
        not_duration = rf"(?!{sp}(?:{_alt(duration_suffix)}))" if duration_suffix else ""
        if rng:
            out.append(("range", re.compile(rf"(?<!{_DIGIT})(?P<a>{y}{m}{sp}{d}){rng}(?P<b>{d2}){end}", flags)))
            out.append(("range", re.compile(rf"(?<!{_DIGIT})(?P<a>{d}){rng}(?P<b>{d2}){end}", flags)))
        out.append(("date", re.compile(rf"(?<!{_DIGIT}){y}{m}(?:{sp}{d})?{not_duration}", flags)))
        out.append(("date", re.compile(rf"(?<!{_DIGIT}){d}{not_duration}", flags)))
    # All-digit dates: ISO and year-first (2020-04-08, 2024.8.27, 2020/4/8) in every
    # language; day and month first in the order the pack gives (8.4.2020, 4/8/2020).
    out.append(("date", re.compile(
        rf"(?<![0-9０-９.,])(?P<y>[12]{_DIGIT}{{3}})([-/.])(?P<m>{_DIGIT}{{1,2}})\2(?P<d>{_DIGIT}{{1,2}})(?![0-9０-９])")))
    order = str(dates.get("numeric_order", ""))
    if order in ("dmy", "mdy"):
        first, second = ("d", "m") if order == "dmy" else ("m", "d")
        out.append(("date", re.compile(
            rf"(?<![0-9０-９.,])(?P<{first}>{_DIGIT}{{1,2}})([/.])(?P<{second}>{_DIGIT}{{1,2}})\2"
            rf"(?P<y>[12]{_DIGIT}{{3}})(?![0-9０-９])")))
    return out


# ---------------------------------------------------------------------------
# Sentences


# Each pattern opens with one character class, so sre skips ahead to candidate marks at C speed.
_SENTENCE_END = re.compile(r"[.!?…。！？\n](?:(?<=[.!?…])[.!?…]*[\"'”’」』)\]]*(?=\s|\Z)"
                           r"|(?<=[。！？])[。！？]*[”’」』）)]*|(?<=\n)[ \t\r\u3000]*\n)")
_SENTENCE_END_NL = re.compile(r"[.!?…。！？\n](?:(?<=[.!?…])[.!?…]*[\"'”’」』)\]]*(?=\s|\Z)"
                              r"|(?<=[。！？])[。！？]*[”’」』）)]*|(?<=\n))")


def sentence_bounds(text: str, start: int, newline_ends: bool) -> list[int]:
    """Return the offsets where sentences end, from ``start`` on (CJK and Latin marks)."""
    pattern = _SENTENCE_END_NL if newline_ends else _SENTENCE_END
    return [m.end() for m in pattern.finditer(text, start)]


# ---------------------------------------------------------------------------
# Extraction


@dataclass
class _Draft:
    start: int
    end: int
    kind: Kind
    value: float | None = None
    unit: str | None = None
    approx: bool = False
    bound: str | tuple[float, float] = "eq"
    precision: float = 0.0
    concept: str | None = None
    relative: Relative | None = None
    parts: tuple[int | None, int | None, int | None] | None = None
    qualifiers: tuple[tuple[str, str], ...] = ()


class _Spans:
    """Sorted, non-overlapping spans to skip, with a fast membership test."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], e))
            else:
                merged.append((s, e))
        self.starts = [s for s, _ in merged]
        self.spans = merged

    def covering(self, offset: int) -> int | None:
        """Return the end of the span holding ``offset``, or None."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i >= 0 and self.spans[i][0] <= offset < self.spans[i][1]:
            return self.spans[i][1]
        return None

    def overlaps(self, start: int, end: int) -> bool:
        """Return True when ``[start, end)`` shares a character with a span."""
        i = bisect.bisect_right(self.starts, end - 1) - 1
        return i >= 0 and self.spans[i][1] > start


def extract_claims(doc: Document, ruleset: RuleSet) -> list[Claim]:
    """Return every number claim of ``doc``, in text order.

    Claims inside ``doc.masked`` spans are dropped; claims inside
    ``doc.boilerplate`` spans are kept with ``boilerplate=True``.  A document
    whose language has no pack gets a digits-only pass.
    """
    cl = compiled_language(ruleset, doc.lang)
    text = doc.text
    body = max(0, min(doc.body_start, len(text)))
    skip = [(s, e) for s, e in doc.masked]
    if cl.skip is not None:
        skip.extend(m.span() for m in cl.skip.finditer(text, body) if m.end() > m.start())
    drafts: list[_Draft] = []
    taken = _Spans(skip)
    dates = _find_dates(cl, text, body, taken)
    drafts.extend(dates)
    relatives = _find_relative_words(cl, text, body, _Spans([*skip, *((d.start, d.end) for d in dates)]))
    drafts.extend(relatives)
    blocked = _Spans([*skip, *((d.start, d.end) for d in drafts)])
    # A unit or counted noun may run over an idiom-like word (数字农业基地), never
    # over masked markup or a date already claimed.
    hard = _Spans([*doc.masked, *((d.start, d.end) for d in drafts)])
    drafts.extend(_find_numbers(cl, text, body, blocked, hard))
    drafts.sort(key=lambda d: (d.start, d.end))
    return _finish(doc, cl, drafts, body)


def _finish(doc: Document, cl: CompiledLanguage, drafts: Sequence[_Draft], body: int) -> list[Claim]:
    """Turn drafts into Claims with line, column, sentence and boilerplate flag."""
    text = doc.text
    ends = sentence_bounds(text, body, cl.sentence_newline)
    boiler = _Spans(doc.boilerplate)
    lang = doc.lang or ""
    claims: list[Claim] = []
    sentences: dict[tuple[int, int], str] = {}
    line = 1
    line_pos = 0
    last_newline = text.rfind("\n", 0, drafts[0].start) if drafts else -1
    for d in drafts:
        i = bisect.bisect_right(ends, d.start)
        s_start = ends[i - 1] if i > 0 else body
        s_end = ends[i] if i < len(ends) else len(text)
        s_end = max(s_end, d.end)
        # Text without sentence marks (tables, lists) must not make every claim carry all of it.
        s_start = max(s_start, d.start - _SENTENCE_MAX)
        s_end = min(s_end, d.end + _SENTENCE_MAX)
        while s_start < d.start and text[s_start].isspace():
            s_start += 1
        # Claims of one sentence share its text.
        sentence = sentences.get((s_start, s_end))
        if sentence is None:
            sentence = sentences[(s_start, s_end)] = text[s_start:s_end].strip()
        newlines = text.count("\n", line_pos, d.start)
        if newlines:
            line += newlines
            last_newline = text.rfind("\n", line_pos, d.start)
        line_pos = d.start
        claims.append(Claim(
            path=doc.path, start=d.start, end=d.end, quote=text[d.start:d.end], kind=d.kind, lang=lang,
            value=d.value, unit=d.unit, line=line, column=d.start - last_newline, approx=d.approx,
            bound=d.bound, relative=d.relative, precision=d.precision, sentence=sentence,
            sentence_start=s_start, concept=d.concept, boilerplate=boiler.covering(d.start) is not None,
            parts=d.parts, qualifiers=d.qualifiers))
    return claims


def _int(text: str | None) -> int | None:
    """Return the integer of a (possibly full-width) digit string, or None."""
    if text is None:
        return None
    return int(to_ascii_digits(text))


def _date_windows(cl: CompiledLanguage, text: str, body: int) -> list[tuple[int, int]]:
    """Return the stretches around month names and 月/日 marks where dates can be."""
    if cl.date_anchor is None:
        return []
    windows: list[tuple[int, int]] = []
    for a in cl.date_anchor.finditer(text, body):
        lo, hi = max(body, a.start() - 32), min(len(text), a.end() + 40)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], hi)
        else:
            windows.append((lo, hi))
    return windows


def _find_dates(cl: CompiledLanguage, text: str, body: int, skip: _Spans) -> list[_Draft]:
    """Return calendar dates and date ranges, longest first where they overlap."""
    found: list[tuple[int, int, _Draft]] = []
    windows = _date_windows(cl, text, body)
    for kind, pattern in cl.dates:
        for m in (m for lo, hi in windows for m in pattern.finditer(text, lo, hi)):
            if skip.overlaps(m.start(), m.end()):
                continue
            groups = m.groupdict()
            month_text = groups.get("m")
            if month_text is None:
                month = None
            elif month_text.rstrip(".").casefold() in cl.months:
                month = cl.months[month_text.rstrip(".").casefold()]
            else:
                month = _int(month_text)
            year = _int(groups.get("y"))
            day = _int(groups.get("d"))
            if (month is not None and not 1 <= month <= 12) or (day is not None and not 1 <= day <= 31):
                continue
            if month is None and year is None and cl.day_names is not None \
                    and cl.day_names.match(text, m.end()) is not None:
                # 7号线, 10号球衣: a number before a noun names a thing, not a day.
                continue
            if kind == "range":
                day2 = _int(groups.get("d2"))
                month2 = _int(groups.get("m2")) if groups.get("m2") else month
                if day2 is None or not 1 <= day2 <= 31 or month2 is None or not 1 <= month2 <= 12:
                    continue
                for part, parts in (("a", (year, month, day)), ("b", (year, month2, day2))):
                    found.append((m.start(part), m.end(part),
                                  _Draft(m.start(part), m.end(part), Kind.DATE, parts=parts)))
            else:
                found.append((m.start(), m.end(), _Draft(m.start(), m.end(), Kind.DATE,
                                                         parts=(year, month, day))))
    found.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    out: list[_Draft] = []
    last_end = -1
    for start, end, draft in found:
        if start >= last_end:
            out.append(draft)
            last_end = end
    return out


def _find_relative_words(cl: CompiledLanguage, text: str, body: int, skip: _Spans) -> list[_Draft]:
    """Return relative time words (ieri, 去年) and last/next phrases (last year, l'anno scorso)."""
    if cl.relative is None:
        return []
    out: list[_Draft] = []
    for m in cl.relative.finditer(text, body):
        if skip.overlaps(m.start(), m.end()):
            continue
        if m.group("word") if "word" in m.groupdict() else None:
            unit, amount = cl.relative_words[m.group("word").casefold()]
        else:
            groups = m.groupdict()
            unit_word = groups.get("unit1") or groups.get("unit2") or ""
            marker = groups.get("pre") or groups.get("post") or ""
            unit = cl.relative_units.get(unit_word.casefold(), "")
            amount = cl.relative_shift.get(marker.casefold(), 0)
            if not unit or not amount:
                continue
        kind = Kind.YEAR if unit == "year" else Kind.DATE
        out.append(_Draft(m.start(), m.end(), kind,
                          relative=Relative(expression=m.group(0), unit=unit, amount=amount)))
    return out


_DIGITS_ONLY = re.compile(r"[0-9０-９][0-9０-９.,'．\u00a0\u202f\u2009]*")


def _tokenize(cl: CompiledLanguage, text: str, start: int, end: int) -> list[Atom]:
    """Split a matched number expression into atoms, glued words into morphemes."""
    atoms: list[Atom] = []
    lex = cl.lexicon
    span = text[start:end]
    if _DIGITS_ONLY.fullmatch(span):
        # Most numbers are one numeral: a core match without letters is exactly one digits atom.
        parsed = parse_digits(span, lex.decimal, lex.group)
        if parsed is None:
            return atoms
        atoms.append(Atom("digits", span, end, parsed[0], parsed[1], parsed[2]))
        return atoms
    # The end is left open a little so lookaheads (a counter after 두) see what follows.
    for t in cl.atom.finditer(text, start, min(len(text), end + 8)):
        if t.start() >= end:
            break
        if t.group("d") is not None:
            parsed = parse_digits(t.group("d"), lex.decimal, lex.group)
            if parsed is None:
                break
            value, place, grouped, _integer = parsed
            atoms.append(Atom("digits", t.group("d"), t.end(), value, place, grouped))
            continue
        word = t.group("w")
        kind = lex.kind_of(word)
        pieces: list[str] | None = [word] if kind is not None else None
        if pieces is None:
            pieces = split_compound(word, lex)
            if pieces is None:
                break
        if lex.positional and 1 < len(pieces) <= 8 and all(
                lex.kind_of(p) == "value" and lex.words[p.casefold()] < 10 for p in pieces):
            value = float("".join(str(int(lex.words[p.casefold()])) for p in pieces))
            atoms.append(Atom("digits", word, t.end(), value, 1.0))
            continue
        offset = t.start()
        for piece in pieces:
            offset += len(piece)
            pkind = lex.kind_of(piece) or "value"
            key = piece.casefold()
            if pkind == "value":
                v = lex.words[key]
                atoms.append(Atom("value", piece, offset, v, word_place(v)))
            elif pkind == "multiplier":
                atoms.append(Atom("multiplier", piece, offset, lex.multipliers[key]))
            elif pkind == "scale":
                atoms.append(Atom("scale", piece, offset, lex.scales[key]))
            else:
                atoms.append(Atom("vague", piece, offset))
    return atoms


def _find_numbers(cl: CompiledLanguage, text: str, body: int, skip: _Spans, hard: _Spans) -> list[_Draft]:
    """Return the number claims outside ``skip``; a claim may not run into ``hard`` spans."""
    out: list[_Draft] = []
    pos = body
    core = cl.core
    rates = _RateHits(cl, text, body)
    n = len(text)
    while pos < n:
        m = core.search(text, pos)
        if m is None:
            break
        start = m.start()
        covered = skip.covering(start)
        if covered is not None:
            pos = max(covered, start + 1)
            continue
        if _malformed(text, start, m.end()):
            # Digits glued by marks that make no numeral ("1,2.3,45", version
            # strings, tables flattened into one line): skip the whole run.
            run = _NUMERAL_RUN.match(text, start)
            pos = run.end() if run is not None and run.end() > start else start + 1
            continue
        atoms = _tokenize(cl, text, start, m.end())
        pos = m.end() if m.end() > start else start + 1
        # Read the atoms of the match left to right: one match may hold several
        # numbers ("2019 two"), and reading them here keeps the scan linear.
        i = 0
        while i < len(atoms):
            first = atoms[i].end - len(atoms[i].text)
            # No number expression needs more atoms; the cap keeps long word runs linear.
            seq = atoms if len(atoms) == 1 else _yield_to_units(cl, text, atoms[i:i + _MAX_ATOMS])
            reading = evaluate(seq, cl.lexicon) if seq else None
            if reading is None:
                i += 1
                continue
            i += reading.atoms
            if skip.overlaps(first, reading.end):
                continue
            if cl.neutral and _AMBIGUOUS_MARK.fullmatch(seq[0].text):
                # Without a language, one mark before three digits may group or point.
                continue
            frac = _fraction(cl, text, first, reading, skip)
            draft = frac or _number_claim(cl, text, body, first, reading.end, reading, rates)
            mark_end = None if frac is not None else _range_mark(cl, text, body, first, reading.end)
            if mark_end is not None:
                # The low end of a range may look like a name on its own (投资3~5万元).
                low = draft or _Draft(first, reading.end, Kind.COUNT, value=reading.value,
                                      precision=reading.precision)
                draft = _range_claim(cl, text, body, low, reading, mark_end, skip, rates) or draft
            if draft is None or hard.overlaps(draft.start, draft.end):
                continue
            out.append(draft)
            while i < len(atoms) and atoms[i].end - len(atoms[i].text) < draft.end:
                i += 1
            pos = max(pos, draft.end)
    return out


def _fraction(cl: CompiledLanguage, text: str, start: int, reading: Reading, skip: _Spans) -> _Draft | None:
    """Read a fraction written denominator first (三分之一, 3분의 1) as a percent share, or None.

    A bare multiplier as denominator (百分之, 十分之) is left to the percent prefix.
    """
    mark = cl.fraction.match(text, reading.end) if cl.fraction is not None else None
    if mark is None or reading.bare_step or reading.vague is not None or not reading.value:
        return None
    m = cl.core.match(text, mark.end())
    if m is None or skip.overlaps(m.start(), m.end()):
        return None
    atoms = _tokenize(cl, text, m.start(), m.end())
    part = evaluate(atoms[:_MAX_ATOMS], cl.lexicon) if atoms else None
    if part is None or part.vague is not None or not 0 < part.value <= reading.value:
        return None
    return _Draft(start, part.end, Kind.PERCENT, value=100 * part.value / reading.value, unit="percent")


def _range_mark(cl: CompiledLanguage, text: str, body: int, start: int, end: int) -> int | None:
    """Return where the high end of a range may start after the number ``start:end``, or None.

    Either a range mark follows (``10-20``, ``3~5``) or the number follows an
    opening word and a closing word follows it (``between 10 and 20``, ``tra 3 e 4``).
    """
    if cl.range_marks is not None and (mark := cl.range_marks.match(text, end)) is not None:
        return mark.end()
    if cl.range_close is not None and (close := cl.range_close.match(text, end)) is not None:
        found = _prefix_at(cl, text, body, start)
        if found is not None and "between" in cl.prefix_roles.get(found[0], set()):
            return close.end()
    return None


def _range_claim(cl: CompiledLanguage, text: str, body: int, low: _Draft, reading: Reading,
                 mark_end: int, skip: _Spans, rates: _RateHits | None = None) -> _Draft | None:
    """Join "10-20 million yuan", "$10–20 million" or "3~5万元" into one claim bounded by both ends.

    Only a bare end joins an end with a unit, so "10%-20%" and "2019-2020" stay apart.
    """
    m = cl.core.match(text, mark_end)
    if m is None or skip.overlaps(m.start(), m.end()):
        return None
    atoms = _tokenize(cl, text, m.start(), m.end())
    high_reading = evaluate(atoms[:_MAX_ATOMS], cl.lexicon) if atoms else None
    if high_reading is None or high_reading.vague is not None or reading.vague is not None:
        return None
    high = _number_claim(cl, text, body, m.start(), high_reading.end, high_reading, rates)
    if high is None or high.value is None or low.value is None or high.relative is not None:
        return None
    low_bare = low.unit is None and low.kind is Kind.COUNT
    high_bare = high.unit is None and high.kind is Kind.COUNT
    if low_bare == high_bare:
        return None
    low_value = low.value
    if high_reading.scaled and not reading.scaled and atoms[0].value:
        # "10-20 million": the low end borrows the high end's scale.
        low_value *= high.value / atoms[0].value
    if high_bare:
        # "$10-20 million": the unit came before the low end.
        if not (low.kind is Kind.MONEY and high_reading.scaled):
            return None
        high.kind, high.unit = low.kind, low.unit
    if not low_value < high.value:
        return None
    high.start = low.start
    high.bound = (low_value, high.value)
    high.value = (low_value + high.value) / 2
    high.approx = high.approx or low.approx
    return high


_NUMERAL_RUN = re.compile(r"[0-9０-９.,'．]+")
_MARKS = ".,'．"


def _malformed(text: str, start: int, end: int) -> bool:
    """Return True when the numeral at ``start`` is glued to more digits by a mark on either side."""
    if not text[start:start + 1].isdigit():
        return False
    head = _NUMERAL_RUN.match(text, start)
    tail = head.end() if head is not None else end
    stripped = text[start:tail].rstrip(_MARKS)
    if start + len(stripped) > end:
        # The run holds more digits than the numeral read: a mark the locale cannot place.
        return True
    return start >= 2 and text[start - 1] in _MARKS and text[start - 2].isdigit()


def _yield_to_units(cl: CompiledLanguage, text: str, atoms: list[Atom]) -> list[Atom]:
    """Cut the atoms before a scale word that begins a longer unit (兆 in 兆瓦 is mega-, not 10¹²)."""
    for index, atom in enumerate(atoms):
        if index and atom.kind in ("scale", "multiplier"):
            atom_start = atom.end - len(atom.text)
            for key in ("unit", "currency"):
                unit = cl.suffix[key].match(text, atom_start)
                if unit is not None and unit.end() > atom.end:
                    return atoms[:index]
    return atoms


def _number_claim(cl: CompiledLanguage, text: str, body: int, start: int, end: int,
                  reading: Reading, rates: _RateHits | None = None) -> _Draft | None:
    """Read what surrounds a number: suffix unit or counted thing, then prefix markers."""
    suffix = cl.suffix
    value = reading.value
    draft = _Draft(start, end, Kind.COUNT, value=value, precision=reading.precision)
    if reading.vague is not None:
        draft.bound = reading.vague
        draft.approx = True
    if reading.bare_step:
        # 百家银行 is "a hundred or so banks", as translations render it.
        draft.approx = True
    if reading.digits and _in_code(cl, text, body, start, end):
        return None
    pos = end
    m = suffix["approx"].match(text, pos)
    if m and m.end() > pos:
        draft.approx = True
        pos = m.end()
    age = _hit(suffix["age"], text, pos)
    if age is not None:
        # An age ("45-year-old", 45세) unless a longer unit reads there (세제곱미터).
        longest = max((m.end() for key in ("unit", "time", "currency")
                       if (m := _hit(suffix[key], text, pos)) is not None), default=pos)
        if age.end() >= longest:
            return None
    unitful = True
    noun_reached = False
    bare_end = pos
    time_unit: str | None = None
    year_like = (reading.digits and reading.integer and not reading.grouped and not reading.scaled
                 and _YEAR_LOW <= value <= _YEAR_HIGH and reading.atoms == 1)
    if (m := _hit(suffix["percent"], text, pos)) is not None:
        draft.kind, draft.unit = Kind.PERCENT, "percent"
        pos = m.end()
    elif year_like and (m := _hit(suffix["year"], text, pos)) is not None:
        draft.kind, draft.unit, draft.parts = Kind.YEAR, None, (int(value), None, None)
        pos = m.end()
    elif (m := _hit(suffix["currency"], text, pos)) is not None and not _counts_noun(cl, text, m):
        draft.kind, draft.unit = Kind.MONEY, cl.currency_suffix[m.group(1).casefold()]
        pos = m.end()
    elif (m := _hit(cl.code_suffix, text, pos)) is not None and m.group(1) in cl.codes:
        draft.kind, draft.unit = Kind.MONEY, m.group(1)
        pos = m.end()
    elif (m := _hit(suffix["unit"], text, pos)) is not None and (reading.digits or not _abbreviation(m.group(1))):
        # "tre ha più di": a spelled-out number takes no unit abbreviation (ha is also a verb).
        draft.kind, draft.unit = Kind.QUANTITY, cl.units[m.group(1).casefold()]
        pos = m.end()
    elif (m := _hit(suffix["time"], text, pos)) is not None:
        time_unit = cl.time_units[m.group(1).casefold()]
        draft.kind, draft.unit = Kind.DURATION, time_unit
        pos = m.end()
    elif (m := _hit(suffix["counter"], text, pos)) is not None:
        pos = m.end()
        draft.kind = Kind.COUNT
        counted = _counted_noun(cl, text, pos)
        if counted is not None:
            draft.concept = draft.unit = cl.cues[counted.group(1).casefold()]
            pos = counted.end()
        elif (before := cl.noun_before.search(text, max(body, start - _PREFIX_WINDOW), start)
              if cl.noun_before is not None else None) is not None:
            draft.concept = draft.unit = cl.cues[before.group(1).casefold()]
        elif m.group(1).casefold() in cl.cues:
            # A counter that is itself a counted noun (가구 households, 人 people).
            draft.concept = draft.unit = cl.cues[m.group(1).casefold()]
    elif _hit(suffix["block"], text, pos) is not None and not _noun_at(cl, text, pos):
        # 5点40分发车, 30等车型: a time or list mark right after the number ends it,
        # whatever noun follows; a counted noun written there (세대) still wins.
        return None
    elif cl.cue_hyphen is not None and (m := cl.cue_hyphen.match(text, pos)) is not None:
        # "a 42,000-seat stadium": a counted noun hyphenated to the number.
        draft.concept = draft.unit = cl.cues[m.group(1).casefold()]
        pos = m.end()
    elif (cl.count_gap is not None and (reading.digits or cl.latin)
          and (m := _counted_noun(cl, text, pos)) is not None
          and not (year_like and _LETTER_RE.search(text, pos, m.start(1)) and _year_before(cl, text, body, start))):
        # "in spring 2026 the hospital": a year-like number after a year word reaches
        # no noun across other words.
        # Spelled-out CJK and Hangul numerals need a counter or unit: 千万 and 천
        # are also words ("by all means", "thunder").
        draft.concept = draft.unit = cl.cues[m.group(1).casefold()]
        noun_reached = True
        pos = m.end()
    else:
        unitful = False
        if _hit(suffix["block"], text, pos) is not None:
            return None
    draft.end = pos
    if draft.kind is Kind.QUANTITY and value == 1 and reading.digits and _opens_aside(text, body, start):
        # "(1TEU는 20피트 컨테이너)", "(1 mu = 666 m²)": a unit defined in an aside is no figure.
        return None

    # Markers after the unit: 以上, 이상, 넘는, 左右, ago, 만에, 内, 간.
    relative_amount = 0
    while (m := _hit(suffix["after"], text, pos)) is not None:
        roles = cl.suffix_roles.get(m.group(1).casefold(), set())
        if time_unit is not None and roles & {"ago", "since"}:
            relative_amount = -1
            draft.end = pos = m.end()
        elif time_unit is not None and "later" in roles:
            relative_amount = 1
            draft.end = pos = m.end()
        elif time_unit is not None and "duration" in roles:
            pos = m.end()
        elif "gt" in roles:
            draft.bound = "gt"
            pos = m.end()
        elif "lt" in roles:
            draft.bound = "lt"
            pos = m.end()
        elif "approx" in roles:
            draft.approx = True
            pos = m.end()
        else:
            break

    # Prefix markers, innermost first: currency symbol, then bound / approximation.
    # Structural prefixes (symbols, 百分之, 时隔) join the quote; bound and
    # approximation words only set flags.
    scan = start
    quote_start = start
    year_prefix = False
    for _ in range(4):
        found = _prefix_at(cl, text, body, scan)
        if found is None:
            code = _code_before(cl, text, body, scan)
            if code is not None and draft.kind is Kind.COUNT and not unitful:
                draft.kind, draft.unit = Kind.MONEY, text[code:code + 3]
                scan = quote_start = code
                unitful = True
                continue
            break
        alias, alias_start = found
        roles = cl.prefix_roles.get(alias, set())
        if "block" in roles:
            return None
        if "name" in roles and not unitful:
            return None
        if "currency" in roles and draft.kind is Kind.COUNT and noun_reached:
            # "€180 million mRNA vaccine plant": the symbol makes money; the noun is what it buys.
            draft.kind, draft.unit, draft.concept = Kind.MONEY, cl.currency_prefix[alias], None
            draft.end = pos = bare_end
            scan = quote_start = alias_start
            noun_reached = False
        elif "currency" in roles and draft.kind is Kind.COUNT and not unitful:
            draft.kind, draft.unit = Kind.MONEY, cl.currency_prefix[alias]
            scan = quote_start = alias_start
            unitful = True
        elif "currency" in roles and draft.kind is Kind.MONEY and quote_start == start:
            # A named currency before the amount beats a generic one after it (新台幣3,000億元).
            draft.unit = cl.currency_prefix[alias]
            scan = quote_start = alias_start
        elif "percent" in roles and draft.kind is Kind.COUNT and not unitful:
            draft.kind, draft.unit = Kind.PERCENT, "percent"
            scan = quote_start = alias_start
            unitful = True
        elif "since" in roles and time_unit is not None:
            relative_amount = -1
            scan = quote_start = alias_start
        elif "duration" in roles and time_unit is not None:
            break
        elif "gt" in roles:
            draft.bound = "gt"
            scan = alias_start
        elif "lt" in roles:
            draft.bound = "lt"
            scan = alias_start
        elif "approx" in roles:
            draft.approx = True
            scan = alias_start
        elif "year" in roles:
            year_prefix = True
            break
        else:
            break
    draft.start = quote_start
    if quote_start == start and reading.digits and start > body and _is_latin_letter(text[start - 1]) \
            and text[start].isdigit():
        # Digits glued after a Latin letter make a code (C2M, A380), whatever follows.
        return None

    if time_unit == "year" and not relative_amount and cl.age_verb is not None \
            and cl.age_verb.search(text[max(body, scan - _PREFIX_WINDOW):scan]) is not None:
        # "ha più di 35 anni": years someone has are an age.
        return None
    if time_unit is not None:
        if relative_amount and reading.integer:
            draft.relative = Relative(expression=text[draft.start:draft.end], unit=time_unit,
                                      amount=relative_amount * int(value))
            draft.kind = Kind.YEAR if time_unit == "year" else Kind.DATE
            draft.value = draft.unit = None
    if not unitful:
        if cl.glued and not text[end - 1].isdigit() and text[start:end].rstrip(".").casefold().endswith(
                tuple(cl.glued)):
            # "$400m" is money but a bare "1.85m" is more likely a height than 1.85 million.
            return None
        if not reading.digits:
            if not (reading.scaled and cl.bare_words) or reading.words_only_weak:
                return None
        if reading.digits and _is_name(cl, text, body, scan, end):
            return None
        if cl.clock is not None and _CLOCK.fullmatch(text, start, end) \
                and cl.clock.search(text[max(body, scan - _PREFIX_WINDOW):scan]) is not None:
            # "at 10.30", "alle 10.30": a time of day.
            return None
        if year_like and (_PLAIN_YEAR_LOW <= value <= _PLAIN_YEAR_HIGH or year_prefix):
            draft.kind, draft.parts = Kind.YEAR, (int(value), None, None)
        draft.unit = None
    elif not reading.digits and value == 1 and not reading.scaled:
        return None
    if draft.kind is Kind.YEAR and draft.parts is not None:
        draft.value = float(draft.parts[0] or 0)
    if draft.kind in (Kind.MONEY, Kind.QUANTITY, Kind.COUNT) and draft.relative is None:
        per = _per(cl, text, body, draft.start, pos, rates)
        if per is not None:
            draft.qualifiers = (("per", per),)
    return draft


def _opens_aside(text: str, body: int, start: int) -> bool:
    """Return True when ``start`` opens a parenthesis (an aside), spaces aside."""
    i = start - 1
    while i >= body and text[i] in " \u00a0":
        i -= 1
    return i >= body and text[i] in "(（[【"


def _year_before(cl: CompiledLanguage, text: str, body: int, start: int) -> bool:
    """Return True when a year word ("in", "nel", "spring", "estate") stands right before ``start``."""
    found = _prefix_at(cl, text, body, start)
    return found is not None and "year" in cl.prefix_roles.get(found[0], set())


def _per_name(cl: CompiledLanguage, word: str) -> str:
    """Return what a rate is per, named by unit, time unit or counted thing where known."""
    key = word.casefold().strip()
    name = cl.per_names.get(key)
    if name is None:
        # "1인당": the count before the thing is one.
        name = cl.per_names.get(key.lstrip("0123456789１ "))
    return name if name is not None else key


class _RateHits:
    """Rate words and clause ends of one document, found in one scan and looked up per amount."""

    def __init__(self, cl: CompiledLanguage, text: str, body: int) -> None:
        self.hits = list(cl.per_before.finditer(text, body)) if cl.per_before is not None else []
        self.ends = [m.end() for m in self.hits]

    def last_before(self, lo: int, start: int) -> re.Match[str] | None:
        """Return the last hit inside ``[lo, start)``, or None."""
        i = bisect.bisect_right(self.ends, start) - 1
        if i >= 0 and self.hits[i].start() >= lo:
            return self.hits[i]
        return None


def _per(cl: CompiledLanguage, text: str, body: int, start: int, end: int,
         rates: _RateHits | None = None) -> str | None:
    """Return what the amount ``start:end`` is per, or None when it is a total.

    A marker after the amount names it ("$5 per share", "€2 a litre", "€3 al
    mese", "500元每吨"); otherwise a lead or tail marker (每吨, 톤당) or a rate
    word (monthly, 月薪, 월) in the amount's clause before it.
    """
    m = _hit(cl.per_after, text, end)
    if m is not None:
        if _hit(cl.per_block, text, m.end()) is not None:
            # "$5 million a year ago", "5 milioni l'anno scorso": a total of another time.
            return None
        named = m.groupdict()
        return _per_name(cl, named.get("thing") or named.get("known") or "")
    if cl.per_before is None:
        return None
    lo = max(body, start - _PREFIX_WINDOW)
    if rates is None:
        rates = _RateHits(cl, text[:start], lo)
    last = rates.last_before(lo, start)
    if last is None or _ANY_DIGIT.search(text, last.end(), start) is not None:
        # A rate word qualifies the first amount after it: "연간 260GWh ... 5만2000가구" counts households.
        return None
    if cl.per_cut is not None and cl.per_cut.search(text, last.end(), start) is not None:
        # A clause end after the rate word leaves it in another clause.
        return None
    groups = last.groupdict()
    if groups.get("tail"):
        # 1인당, 톤당: the amount is per what stands glued before the marker.
        head = text[lo:last.start()]
        found: str | None = head[max(head.rfind(" "), head.rfind("\n"), head.rfind("\u00a0")) + 1:]
        if found and not found[0].isdigit() and found.casefold() not in cl.per_names:
            # 해당, 상당: the marker ends many words; only a known thing or a count before it makes a rate.
            return None
    else:
        found = groups.get("lead") or groups.get("lead_any") or groups.get("cue")
    return _per_name(cl, found) if found else None


def _prefix_at(cl: CompiledLanguage, text: str, body: int, end: int) -> tuple[str, int] | None:
    """Return the prefix marker (casefolded) that ends just before ``end`` and where it starts."""
    if cl.prefix is None:
        return None
    window = text[max(body, end - _PREFIX_WINDOW):end].rstrip(" \t\u00a0")
    if not window:
        return None
    m = cl.prefix.match(window[::-1])
    if m is None:
        return None
    alias = m.group(1)[::-1]
    return alias.casefold(), max(body, end - _PREFIX_WINDOW) + len(window) - len(alias)


def _code_before(cl: CompiledLanguage, text: str, body: int, end: int) -> int | None:
    """Return where an ISO 4217 code written before a number starts (``USD 300``), or None."""
    window = text[max(body, end - 5):end].rstrip(" \u00a0")
    code = window[-3:]
    if len(code) == 3 and code in cl.codes and (len(window) == 3 or not window[-4].isalpha()):
        return max(body, end - 5) + len(window) - 3
    return None


def _counted_noun(cl: CompiledLanguage, text: str, pos: int) -> re.Match[str] | None:
    """Match the counted noun after ``pos``, unless another number stands in the gap ("2022 by five engineers")."""
    m = _hit(cl.count_gap, text, pos)
    if m is None:
        return None
    # In CJK text numeral characters live inside words (一流, 统一): only digits interrupt there.
    interrupt = cl.core if cl.latin else _ANY_DIGIT
    if interrupt.search(text, pos, m.start(1)) is not None:
        return None
    return m


_ANY_DIGIT = re.compile(_DIGIT)
_LETTER_RE = re.compile(_LETTER)
_AMBIGUOUS_MARK = re.compile(rf"{_DIGIT}{{1,3}}[.,]{_DIGIT}{{3}}")


def _hit(pattern: re.Pattern[str] | None, text: str, pos: int) -> re.Match[str] | None:
    """Match ``pattern`` at ``pos``; an empty match counts as no match."""
    if pattern is None:
        return None
    m = pattern.match(text, pos)
    if m is None or m.end() == pos:
        return None
    return m


_CLOCK = re.compile(r"(?:[01]?[0-9]|2[0-3])[.:][0-5][0-9]")
_CODE_TOKEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
_CODE_PART = re.compile(r"[A-Za-z]-?[0-9]")
_TRAILING_LETTERS = re.compile(r"[0-9]([A-Za-z]+)\Z")


def _abbreviation(alias: str) -> bool:
    """Return True for a short Latin unit abbreviation (ha, km, ft) that may also be a word."""
    return len(alias) <= 3 and alias.isascii() and alias.isalpha()


def _noun_at(cl: CompiledLanguage, text: str, pos: int) -> bool:
    """Return True when a counted noun starts right at ``pos`` (spaces aside)."""
    m = _hit(cl.count_gap, text, pos)
    return m is not None and not text[pos:m.start(1)].strip()


def _counts_noun(cl: CompiledLanguage, text: str, m: re.Match[str]) -> bool:
    """Return True when a currency alias that is also a counter (块) stands before a noun.

    28万块光伏板 counts panels; 28万块 and 28万块钱 are money.
    """
    alias = m.group(1).casefold()
    if alias not in cl.counter_aliases:
        return False
    nxt = text[m.end():m.end() + 1]
    return bool(nxt) and _LETTER_RE.match(nxt) is not None and nxt not in cl.currency_chars


def _in_code(cl: CompiledLanguage, text: str, body: int, start: int, end: int) -> bool:
    """Return True when digits sit in a model name or code (A350-1000, 777-300ER, COVID-19).

    The code is the run of Latin letters and digits joined by hyphens around the
    number; a letter glued before digits or hyphened to them makes it a name.
    Letters glued after the last digits that read as a unit (10-20km) do not.
    """
    lo = start
    while lo > body and (text[lo - 1].isascii() and (text[lo - 1].isalnum() or text[lo - 1] == "-")):
        lo -= 1
    hi = end
    while hi < len(text) and text[hi].isascii() and (text[hi].isalnum() or text[hi] == "-"):
        hi += 1
    token = text[lo:hi].strip("-")
    if "-" not in token:
        # Letters glued right before the digits are judged after prefixes (US$5, RMB100).
        return False
    if any(m.start() != start - 1 for m in _CODE_PART.finditer(text, lo, hi)):
        return True
    for part in token.split("-"):
        tail = _TRAILING_LETTERS.search(part)
        if tail is not None and part != text[start:end] and not _unit_word(cl, tail.group(1)):
            return True
    return False


def _unit_word(cl: CompiledLanguage, word: str) -> bool:
    """Return True when ``word`` names a unit, currency, scale or percent in ``cl``."""
    key = word.casefold()
    return key in cl.units or key in cl.currency_suffix or key in cl.glued or word in cl.codes


_CAPS_AFTER = re.compile(r"[A-Z]{2,}(?![A-Za-z])")


def _is_name(cl: CompiledLanguage, text: str, body: int, start: int, end: int) -> bool:
    """Return True when a bare number is part of a name or code (A380, COVID-19, Plan 2020, 007)."""
    if text[start] in "0０" and end - start > 1 and text[start + 1].isdigit():
        return True
    before = text[start - 1] if start > body else ""
    after = text[end] if end < len(text) else ""
    # Chinese and Japanese write numbers against words (达1000); letters of
    # alphabets (A380, 코로나19) make a code or a name.
    if _is_alphabetic(before) or _is_alphabetic(after):
        return True
    if before == "-" and start - 2 >= body and _is_alphabetic(text[start - 2]):
        return True
    if after == "-" and end + 1 < len(text) and _is_alphabetic(text[end + 1]):
        return True
    if after == " " and _CAPS_AFTER.match(text, end + 1):
        # "737 MAX", "3 GS": a number before an all-capitals word names a model.
        return True
    if before in "#№" or (before and before in "×/") or (after and after in "×/"):
        # Codes, products and fractions: #3, 7×24, 4/7.
        return True
    if before == "[" and after == "]":
        # A footnote mark.
        return True
    if cl.capital_name and before in " \u00a0":
        # "Vision 2030", "iPhone 15": a capitalised word right before, not starting a sentence.
        head = text[max(body, start - 40):start].rstrip(" \u00a0")
        cut = max(head.rfind(" "), head.rfind("\n"), head.rfind("\u00a0"))
        word = head[cut + 1:]
        if word.isalnum() and any(c.isupper() for c in word) and any(_is_latin_letter(c) for c in word):
            lead = head[:cut + 1].rstrip()
            if lead and lead[-1] not in ".!?:;\"“”'‘’«»()[]" and not lead.endswith("\n"):
                return True
    # A list enumerator ("1. ", "2) ") at the start of a line, or a number alone on
    # its line: page furniture such as share and comment counters.
    i = start - 1
    while i >= body and text[i] in " \t\r":
        i -= 1
    if i < body or text[i] == "\n":
        if after in ".)" and text[end + 1:end + 2] in (" ", "\t", ""):
            return True
        j = end
        while j < len(text) and text[j] in " \t\r":
            j += 1
        if j >= len(text) or text[j] == "\n":
            return True
    return False

