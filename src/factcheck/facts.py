"""Facts: what each number is about, and which numbers across a story agree.

A claim's fact is ``(story, concept, qualifiers)``.  The concept is the counted
thing for counts, the measure cue nearest the number for money, quantities and
percentages (``rules/concepts.yaml``), and an event class plus kind for years
and dates (``event_cues`` in ``rules/qualifiers.yaml``).  Qualifiers found in
the number's clause (scope, period, target) split facts: "Milan alone" and the
national figure, last year's figure and this year's, a target and an outcome
are never compared.  A claim's subject (the story's names its clause
mentions before the number) keeps two companies' figures apart.

Matching is per story and per fact, never across all pairs of claims of a
corpus: the claims of one fact are clustered by interval overlap (tolerance
from the stated precision, widened by approximation, one-sided for bounds),
and the clusters say which articles agree.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import functools
import itertools
import math
import operator
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from factcheck.model import Claim, Document, Fact, Kind
from factcheck.rules import RuleSet

try:
    import ahocorasick
except ImportError:  # pragma: no cover - without it every probe is a substring test
    ahocorasick = None

__all__ = [
    "Cluster",
    "DocLabels",
    "Lexicon",
    "assign_facts",
    "cluster_claims",
    "comparison_interval",
    "conflicts",
    "conversion_pairs",
    "doc_label",
    "event_groups",
    "event_marks",
    "events_compatible",
    "explain_claim",
    "fact_name",
    "format_value",
    "lexicon",
    "numeric_value",
    "single_valued",
    "stated_tolerance",
    "tolerance_text",
]

# Relative tolerance that absorbs float noise and rounding of converted figures.
DEFAULT_FLOOR = 0.005
# How much an approximation marker widens the tolerance (relative).
DEFAULT_APPROX = 0.05
# Extra relative tolerance when two amounts in different currencies are compared in EUR.
DEFAULT_FX_TOLERANCE = 0.03
# The widest tolerance a figure's stated digits give.  Half a unit of the last digit
# is right for "2.9 billion" (±1.7%), but a lone leading digit is how news writes a
# round figure, not a rounding of anything within ±50%: nobody writes "$1 million"
# for $500,000 ("half a million") nor "2 million" for 1.5 million.
MAX_STATED_PRECISION = 0.25

_CLAUSE_BREAK = re.compile(r"[,;:，、；：。!?！？\n]|\s[–—-]\s")
_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]")
_MEASURE_KINDS = (Kind.MONEY, Kind.QUANTITY, Kind.PERCENT)
# characters an event cue on the unusual side of its year or date counts as farther away
_WRONG_SIDE = 24
_EVENT_KINDS = (Kind.YEAR, Kind.DATE)
# an elided article or preposition before a common noun ("L'azienda", "Dell'impianto"):
# the capital belongs to the sentence start, the word is no name
_ELISION = re.compile(r"(?<![\w'’])[A-Za-zÀ-ÿ]{1,5}['’](?=[a-zà-ÿ])")


@dataclass(frozen=True)
class Cue:
    """A cue word of one concept in one language."""

    concept: str
    text: str
    kinds: tuple[str, ...]
    latin: bool


@dataclass(frozen=True)
class Lexicon:
    """Cue words and qualifier markers of one language, compiled from the rule packs."""

    measure_cues: tuple[Cue, ...]
    count_cues: tuple[Cue, ...]
    event_cues: tuple[Cue, ...]
    markers: Mapping[str, tuple[tuple[str, str], ...]]  # qualifier -> (marker, value)
    exceptions: tuple[str, ...]
    conversion_markers: tuple[str, ...]
    labels: Mapping[str, str]
    same_as: Mapping[str, str]
    # concepts that are rates of change (``change: true``): "up 12% from a year earlier"
    # is the growth itself, not last year's figure, so a "prior" period does not split them
    change: frozenset[str] = frozenset()
    # ordinal and phase words naming which of several events a year is about
    ordinals: tuple[tuple[str, str], ...] = ()
    # words saying an event is still to come ("will open", 将于, 예정)
    future: tuple[str, ...] = ()


@lru_cache(maxsize=8192)
def _is_latin(text: str) -> bool:
    return bool(_LATIN_WORD.search(text)) and all(ord(ch) < 0x2E80 for ch in text)


def _marker_pairs(section: Any, default: str) -> tuple[tuple[str, str], ...]:
    """Read a marker section: a list (one category) or a mapping category -> list."""
    pairs: list[tuple[str, str]] = []
    if isinstance(section, Mapping):
        for category, words in section.items():
            for word in words or []:
                pairs.append((str(word), str(category)))
    elif isinstance(section, list):
        pairs.extend((str(word), default) for word in section)
    # longest first so "a year earlier" wins over "earlier"
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


_LEXICON_CACHE: dict[tuple[str, str], Lexicon] = {}


def lexicon(ruleset: RuleSet, lang: str | None) -> Lexicon:
    """Compile the cue words and qualifier markers of ``lang`` (cached per rule set)."""
    # the digest names the packs' content; a rule set built by hand has none, so hash its data
    key = (ruleset.digest or str(hash(repr(sorted(ruleset.data.items(), key=str)))), lang or "")
    cached = _LEXICON_CACHE.get(key)
    if cached is not None:
        return cached
    concepts: Mapping[str, Any] = ruleset.section("concepts") or {}
    lang_lex = ruleset.language(lang)
    measure: list[Cue] = []
    count: list[Cue] = []
    event: list[Cue] = []
    labels: dict[str, str] = {}
    same_as: dict[str, str] = {}
    change: set[str] = set()
    for concept_id, spec in concepts.items():
        if not isinstance(spec, Mapping):
            continue
        if spec.get("change"):
            change.add(str(concept_id))
        kinds = tuple(spec.get("kinds") or ([spec["kind"]] if spec.get("kind") else []))
        labels[concept_id] = str(spec.get("label") or concept_id)
        for other in spec.get("same_as") or []:
            same_as[str(other)] = concept_id
        words = (spec.get("cues") or {}).get(lang or "", []) or []
        for word in words:
            cue = Cue(concept_id, str(word), kinds, _is_latin(str(word)))
            if set(kinds) & {"year", "date"}:
                event.append(cue)
            elif kinds == ("count",):
                count.append(cue)
            else:
                measure.append(cue)
    for event_id, words in (lang_lex.get("event_cues") or {}).items():
        labels.setdefault(str(event_id), str(event_id))
        for word in words or []:
            event.append(Cue(str(event_id), str(word), ("year", "date"), _is_latin(str(word))))
    markers = {
        "scope": _marker_pairs(lang_lex.get("scope_markers"), "restricted"),
        "period": tuple(sorted((*_marker_pairs(lang_lex.get("period_markers"), "prior"),
                                *_marker_pairs(lang_lex.get("sequential_markers"), "sequential")),
                               key=lambda p: -len(p[0]))),
        "target": _marker_pairs(lang_lex.get("target_markers"), "target"),
        "rate": _marker_pairs(lang_lex.get("rate_markers"), "per"),
    }
    conversion = tuple(str(w) for w in lang_lex.get("conversion_markers") or [])
    compiled = Lexicon(
        tuple(sorted(measure, key=lambda c: -len(c.text))),
        tuple(sorted(count, key=lambda c: -len(c.text))),
        tuple(sorted(event, key=lambda c: -len(c.text))),
        markers,
        tuple(sorted((str(w) for w in lang_lex.get("marker_exceptions") or []), key=len, reverse=True)),
        conversion,
        labels,
        same_as,
        frozenset(change),
        _marker_pairs(lang_lex.get("ordinal_cues"), "first"),
        tuple(sorted((str(w) for w in lang_lex.get("future_markers") or []), key=len, reverse=True)),
    )
    if len(_LEXICON_CACHE) > 64:
        _LEXICON_CACHE.clear()
    _LEXICON_CACHE[key] = compiled
    return compiled


@lru_cache(maxsize=4096)
def _cue_regex(text: str, latin: bool) -> re.Pattern[str]:
    escaped = re.escape(text.lower()).replace(r"\ ", r"\s+")
    # Latin cues match at a word start and may inflect ("invest" -> "investirà");
    # a trailing "$" in a cue asks for a whole word.
    if latin:
        if escaped.endswith(r"\$"):
            return re.compile(r"(?<![\w])" + escaped[:-2] + r"(?![\w])")
        return re.compile(r"(?<![\w])" + escaped)
    return re.compile(escaped)


@lru_cache(maxsize=8192)
def _probe(text: str) -> str:
    """Return a substring every match of a cue contains: its first word, lower-cased."""
    return text.lower().rstrip("$").split()[0] if text.strip() else text


class _ProbeIndex:
    """Which words of a list may occur in a text: one automaton pass finds every word's probe.

    The words keep their order (longest first, where the caller relies on it);
    :meth:`hits` returns the positions of those whose probe is in the text,
    exactly the words a substring test of each probe would keep.
    """

    def __init__(self, words: Sequence[str]) -> None:
        """Index the probes of ``words``."""
        self._probes = [_probe(word) for word in words]
        by_probe: dict[str, list[int]] = defaultdict(list)
        for index, probe in enumerate(self._probes):
            by_probe[probe].append(index)
        self._always = by_probe.pop("", [])  # an empty probe is in every text
        self._automaton: Any = None
        if by_probe and ahocorasick is not None:
            automaton = ahocorasick.Automaton()
            for probe, indexes in by_probe.items():
                automaton.add_word(probe, tuple(indexes))
            automaton.make_automaton()
            self._automaton = automaton

    def hits(self, *texts: str) -> list[int]:
        """Return, in order, the positions of the words whose probe occurs in one of ``texts``."""
        if self._automaton is None:
            return [i for i, probe in enumerate(self._probes) if any(probe in text for text in texts)]
        found: set[int] = set(self._always)
        for text in texts:
            for _end, indexes in self._automaton.iter(text):
                found.update(indexes)
        return sorted(found)


# id of a lexicon's word tuple -> (the tuple, kept alive so the id stays its own, its index)
_PROBE_INDEXES: dict[int, tuple[object, _ProbeIndex]] = {}


def _probe_index(key: object, words: Callable[[], Sequence[str]]) -> _ProbeIndex:
    """Return the probe index of a lexicon part (a cue or marker tuple), built once per lexicon."""
    cached = _PROBE_INDEXES.get(id(key))
    if cached is not None and cached[0] is key:
        return cached[1]
    if len(_PROBE_INDEXES) > 256:
        _PROBE_INDEXES.clear()
    index = _ProbeIndex(words())
    _PROBE_INDEXES[id(key)] = (key, index)
    return index


def _find(cues: Iterable[Cue], text: str) -> list[tuple[int, int, Cue]]:
    """Return non-overlapping cue occurrences in ``text`` (longest cue first)."""
    lowered = text.lower()
    taken: list[tuple[int, int, frozenset[str]]] = []
    found: list[tuple[int, int, Cue]] = []
    if isinstance(cues, tuple):
        # most cues are absent from most sentences: one pass proposes those whose first word occurs
        ordered = cues
        present: Iterable[Cue] = [ordered[i] for i in _probe_index(ordered, lambda: [c.text for c in ordered])
                                  .hits(lowered)]
    else:
        present = [cue for cue in cues if _probe(cue.text) in lowered]
    for cue in present:
        kinds = frozenset(cue.kinds)
        for match in _cue_regex(cue.text, cue.latin).finditer(lowered):
            start, end = match.span()
            # an acronym is a name, not a word: "NATO" is no "nato" (born, founded)
            if cue.latin and end - start > 1 and text[start:end].isupper():
                continue
            # a longer cue wins the text, unless the two name numbers of different kinds
            if any(start < e and s < end and (k & kinds or not k or not kinds) for s, e, k in taken):
                continue
            taken.append((start, end, kinds))
            found.append((start, end, cue))
    return found


def _clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Return the clause around ``[start, end)`` in ``sentence`` (split at , ; : and the like)."""
    left = 0
    for match in _CLAUSE_BREAK.finditer(sentence, 0, max(start, 0)):
        # a digit grouping comma ("1,000") is not a clause break
        if match.group() == "," and 0 < match.start() < len(sentence) - 1 \
                and sentence[match.start() - 1].isdigit() and sentence[match.start() + 1].isdigit():
            continue
        left = match.end()
    right = len(sentence)
    for match in _CLAUSE_BREAK.finditer(sentence, max(end, 0)):
        if match.group() == "," and 0 < match.start() < len(sentence) - 1 \
                and sentence[match.start() - 1].isdigit() and sentence[match.start() + 1].isdigit():
            continue
        right = match.start()
        break
    return left, right


def _span_in_sentence(claim: Claim) -> tuple[int, int]:
    start = claim.start - claim.sentence_start
    if 0 <= start <= len(claim.sentence) and claim.sentence[start:start + len(claim.quote)] == claim.quote:
        return start, start + len(claim.quote)
    found = claim.sentence.find(claim.quote)
    if found >= 0:
        return found, found + len(claim.quote)
    return 0, 0


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    if a[1] <= b[0]:
        return b[0] - a[1]
    if b[1] <= a[0]:
        return a[0] - b[1]
    return 0


def _kind_fits(cue: Cue, claim: Claim) -> bool:
    return not cue.kinds or claim.kind.value in cue.kinds


def _attach(cues: list[tuple[int, int, Cue]], claims: list[tuple[Claim, tuple[int, int]]],
            sentence: str, max_distance: int, *, events: bool = False) -> dict[int, tuple[Cue, int]]:
    """Attach each cue to its nearest compatible claim; return claim index -> (cue, distance).

    A cue names what the nearest number is about, so a number farther from the
    cue than another number of the same kind does not take it ("8 APR – ...
    ieri hanno lanciato": the launch is yesterday, not the dateline).  For
    events, word order counts too: Latin-script languages put the time after
    the event ("l'inaugurazione è prevista per il 2029"), Chinese and Korean
    before it ("预计2029年建成启用", "2028년에 가동"), so a cue on the other
    side of a number is farther than it looks.
    """
    attached: dict[int, tuple[Cue, int]] = {}
    for start, end, cue in cues:
        best: tuple[int, int] | None = None
        for index, (claim, span) in enumerate(claims):
            if not _kind_fits(cue, claim):
                continue
            distance = _distance((start, end), span)
            if distance > max_distance:
                continue
            if events and (end <= span[0]) != cue.latin:
                distance += _WRONG_SIDE
            clause = _clause_span(sentence, *span)
            # crossing a clause boundary costs: a cue in the number's own clause wins
            if not (clause[0] <= start and end <= clause[1]):
                distance += max_distance // 2
            if best is None or distance < best[1]:
                best = (index, distance)
        if best is None:
            continue
        index, distance = best
        if index not in attached or distance < attached[index][1]:
            attached[index] = (cue, distance)
    return attached


def json_value(claim: Claim) -> Any:
    """Return a claim's compared value for reports: a year as int, a date as ISO text, else a float."""
    if claim.kind is Kind.DATE:
        return claim.canonical_value
    value = numeric_value(claim)
    if claim.kind is Kind.YEAR and value is not None:
        return int(value)
    return value


def numeric_value(claim: Claim) -> float | None:
    """Return the value claims of one fact are compared on (canonical, years as numbers, dates as days)."""
    value = claim.canonical_value
    if claim.kind in (Kind.YEAR,):
        try:
            return float(int(float(str(value if value is not None else claim.value))))
        except (TypeError, ValueError):
            return None
    if claim.kind is Kind.DATE:
        text = str(value) if value is not None else ""
        try:
            return float(dt.date.fromisoformat(text[:10]).toordinal())
        except ValueError:
            return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    # an amount or quantity left unconverted (unknown currency or unit) cannot be
    # compared across units; counts and percentages need no conversion
    if value is None and claim.value is not None and claim.kind in (Kind.COUNT, Kind.PERCENT):
        return float(claim.value)
    return None


def _partial_date(claim: Claim) -> tuple[float, float] | None:
    """Return the day range of a date stated to the month or year only ("giugno 2025" -> June 2025)."""
    text = str(claim.canonical_value or "")
    try:
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = int(text[:4]), int(text[5:7])
            first = dt.date(year, month, 1)
            last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
            return float(first.toordinal()), float(last.toordinal())
        if re.fullmatch(r"\d{4}", text):
            year = int(text)
            return float(dt.date(year, 1, 1).toordinal()), float(dt.date(year, 12, 31).toordinal())
    except ValueError:
        return None
    return None


def comparison_interval(claim: Claim, *, floor: float = DEFAULT_FLOOR, approx: float = DEFAULT_APPROX,
                        stated: bool = False, extra: float = 0.0) -> tuple[float, float] | None:
    """Return the interval of values the claim is compatible with.

    Args:
        claim: the claim.
        floor: relative tolerance floor.
        approx: relative widening for approximate figures.
        stated: compare in the stated unit (``value``) rather than the canonical one.
        extra: added relative tolerance (currency conversion between articles).
    """
    if claim.kind in _EVENT_KINDS:
        span = _partial_date(claim) if claim.kind is Kind.DATE else None
        center = numeric_value(claim)
        if span is None and center is None:
            return None
        width = 1.0 if claim.approx else 0.0
        low, high = span if span is not None else (center or 0.0, center or 0.0)
        low, high = low - width, high + width
        if claim.bound == "gt":
            high = math.inf
        elif claim.bound == "lt":
            low = -math.inf
        return low, high
    base = claim.value if stated else numeric_value(claim)
    if base is None:
        return None
    rel = stated_tolerance(claim, floor) + extra
    if claim.approx:
        # "about $100 million" is not anything from 50 to 150 million either
        rel = min(max(rel * 2, rel + approx), MAX_STATED_PRECISION + approx + extra)
    scale = 1.0
    if isinstance(claim.bound, tuple):
        if claim.value not in (None, 0):
            scale = base / float(claim.value or 1)
        low = min(claim.bound) * scale
        high = max(claim.bound) * scale
        return low - abs(low) * rel, high + abs(high) * rel
    low, high = base - abs(base) * rel, base + abs(base) * rel
    if claim.bound == "gt":
        high = math.inf
    elif claim.bound == "lt":
        low = -math.inf
    return low, high


def stated_tolerance(claim: Claim, floor: float = DEFAULT_FLOOR) -> float:
    """Return the relative tolerance a figure's stated digits give: half a unit of the last one, capped, floored."""
    return max(min(claim.precision, MAX_STATED_PRECISION), floor)


def _holds_whole_number(low: float, high: float) -> bool:
    """Return whether ``[low, high]`` contains a whole number (an unbounded side always does)."""
    if not low <= high:  # NaN included: it agrees with nothing
        return False
    if math.isinf(low) or math.isinf(high):
        return True
    # float noise must not push an exact 3.0 out of [3.0000000001, 4]
    return math.ceil(low - 1e-9) <= math.floor(high + 1e-9)


def _stated_parts_agree(a: Claim, b: Claim) -> bool | None:
    """Compare two dates on the calendar parts both state; None when parts do not decide.

    "14 dicembre" states no year: the year normalization inferred is a guess,
    and it must not contradict "14 dicembre 2026".
    """
    if a.kind is not Kind.DATE or b.kind is not Kind.DATE or not a.parts or not b.parts:
        return None
    if a.approx or b.approx or a.bound != "eq" or b.bound != "eq":
        return None
    shared = [(x, y) for x, y in zip(_stated(a), _stated(b), strict=False) if x is not None and y is not None]
    if not shared:
        return True
    return all(x == y for x, y in shared)


def _stated(claim: Claim) -> tuple[int | None, ...]:
    """Return a date's calendar parts, without a year normalization inferred (not in the quote)."""
    parts = tuple(claim.parts or ())
    if parts and parts[0] is not None and claim.relative is None and str(parts[0]) not in claim.quote \
            and str(parts[0])[2:] not in claim.quote:
        return (None, *parts[1:])
    return parts


def agree(a: Claim, b: Claim, *, floor: float = DEFAULT_FLOOR, approx: float = DEFAULT_APPROX,
          fx_tolerance: float = DEFAULT_FX_TOLERANCE) -> bool:
    """Return whether two claims of one fact state compatible values."""
    parts = _stated_parts_agree(a, b)
    if parts is not None:
        return parts
    same_unit = a.kind is b.kind and a.unit == b.unit and a.value is not None and b.value is not None \
        and a.kind not in _EVENT_KINDS
    extra = 0.0
    if a.kind is Kind.MONEY and a.unit != b.unit:
        extra = fx_tolerance
    first = comparison_interval(a, floor=floor, approx=approx, stated=same_unit, extra=extra)
    second = comparison_interval(b, floor=floor, approx=approx, stated=same_unit, extra=extra)
    if first is None or second is None:
        return True
    if same_unit and a.kind is Kind.COUNT and float(a.value or 0).is_integer() and float(b.value or 0).is_integer():
        # a count is a whole number: "2 factories" (1.5-2.5 by its digits) and "3 factories"
        # (2.5-3.5) touch at 2.5, which no factory count is
        return _holds_whole_number(max(first[0], second[0]), min(first[1], second[1]))
    return first[0] <= second[1] and second[0] <= first[1]


@dataclass(frozen=True)
class Cluster:
    """Claims of one fact that agree with each other (connected by interval overlap)."""

    claims: tuple[Claim, ...]

    # computed once per cluster: checks ask for them per pair of clusters
    @functools.cached_property
    def paths(self) -> tuple[str, ...]:
        return tuple(sorted({c.path for c in self.claims}))

    @functools.cached_property
    def representative(self) -> Claim:
        """The most precise claim: exact before approximate, stated digits before rounding."""
        return min(self.claims, key=lambda c: (c.approx, c.bound != "eq", c.relative is not None,
                                               c.precision, c.path, c.start))

    @property
    def value(self) -> float | None:
        return numeric_value(self.representative)

    @property
    def relative_only(self) -> bool:
        return all(c.relative is not None for c in self.claims)


def cluster_claims(claims: Sequence[Claim], *, floor: float = DEFAULT_FLOOR, approx: float = DEFAULT_APPROX,
                   fx_tolerance: float = DEFAULT_FX_TOLERANCE) -> list[Cluster]:
    """Group the claims of one fact into clusters of mutually compatible values."""
    # Claims stating the same value the same way agree with each other and with
    # the same others: compare each distinct statement once, so a fact of a
    # thousand articles repeating a few values costs a few comparisons, not a
    # million.  The components, and so the clusters, are those of all pairs.
    keys = _statement_keys(claims, floor=floor, approx=approx, fx_tolerance=fx_tolerance)
    if keys is None:
        keys = list(range(len(claims)))
        distinct = list(claims)
    else:
        first_of: dict[int, Claim] = {}
        for key, claim in zip(keys, claims, strict=True):
            first_of.setdefault(key, claim)
        distinct = [first_of[k] for k in range(len(first_of))]
    parent = list(range(len(distinct)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(distinct)):
        for j in range(i + 1, len(distinct)):
            if agree(distinct[i], distinct[j], floor=floor, approx=approx, fx_tolerance=fx_tolerance):
                parent[root(i)] = root(j)
    groups: dict[int, list[Claim]] = defaultdict(list)
    for key, claim in zip(keys, claims, strict=True):
        groups[root(key)].append(claim)
    clusters = [Cluster(tuple(sorted(g, key=lambda c: (c.path, c.start)))) for g in groups.values()]
    clusters.sort(key=lambda c: (-len(c.paths), -len(c.claims), c.value if c.value is not None else 0.0))
    return clusters


def _statement_keys(claims: Sequence[Claim], *, floor: float, approx: float,
                    fx_tolerance: float) -> list[int] | None:
    """Number each claim by the distinct statement it makes (first seen, first numbered); None to compare all pairs.

    Two claims with equal fields that :func:`agree` reads compare alike with any
    third claim of the same kind (then ``agree`` is symmetric); a statement that
    does not even agree with itself (a NaN) makes the caller compare every pair.
    """
    if len(claims) < 3 or len({c.kind for c in claims}) > 1:
        return None
    numbers: dict[tuple[Any, ...], int] = {}
    keys: list[int] = []
    try:
        for claim in claims:
            statement = (claim.unit, claim.value, type(claim.value), claim.canonical_value,
                         type(claim.canonical_value), claim.precision, claim.approx, claim.bound,
                         claim.parts, _stated(claim), claim.relative is None)
            number = numbers.get(statement)
            if number is None:
                if not agree(claim, claim, floor=floor, approx=approx, fx_tolerance=fx_tolerance):
                    return None
                number = numbers[statement] = len(numbers)
            keys.append(number)
    except TypeError:  # an unhashable field (a list bound): compare all pairs
        return None
    return keys


def single_valued(claim: Claim) -> bool:
    """Return whether a fact can hold one value only: an event happens at one moment."""
    return claim.kind in _EVENT_KINDS


def _gap_is_conversion(gap: str, markers: Sequence[str]) -> bool:
    """Tell whether the text between two amounts says "that is, in another unit".

    A bracket alone ("6 billion yuan ($849 million)") or a conversion marker
    ("(circa ", "（约合", ", or about ") qualifies; any other word ("(with ",
    "(of which ") makes the second amount another amount.
    """
    stripped = gap.strip()
    if not stripped:
        return False
    bracket = stripped[0] in "(（["
    words = stripped.lower().strip(" ,，(（[=≈~:：").strip()
    if not words:
        return bracket
    return any(words == m.lower() or (words.startswith(m.lower()) and len(words) <= len(m) + 3)
               for m in markers)


def conversion_pairs(claims: Sequence[Claim], ruleset: RuleSet) -> list[tuple[Claim, Claim]]:
    """Return pairs of claims stating one amount in two currencies or units, in one sentence.

    The second figure follows the first in brackets or after a conversion
    marker ("100 milioni di yuan (circa 14,2 milioni di dollari)",
    "6 billion yuan ($849 million)", "849 달러(약 6천억원)").
    """
    pairs: list[tuple[Claim, Claim]] = []
    by_sentence: dict[tuple[str, int], list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.kind in (Kind.MONEY, Kind.QUANTITY) and claim.value is not None and claim.unit:
            by_sentence[(claim.path, claim.sentence_start)].append(claim)
    for group in by_sentence.values():
        group.sort(key=lambda c: c.start)
        for first, second in itertools.pairwise(group):
            if first.kind is not second.kind or first.unit == second.unit:
                continue
            if second.start - first.end > 24:
                continue
            gap = _gap_text(first, second)
            if _gap_is_conversion(gap, lexicon(ruleset, first.lang).conversion_markers):
                pairs.append((first, second))
    return pairs


def _gap_text(first: Claim, second: Claim) -> str:
    offset = first.sentence_start
    sentence = first.sentence
    start, end = first.end - offset, second.start - offset
    if 0 <= start <= end <= len(sentence):
        return sentence[start:end]
    return " " * max(second.start - first.end, 0)


def _qualifiers(claim: Claim, span: tuple[int, int], lex: Lexicon) -> tuple[tuple[tuple[str, str], ...], bool]:
    """Return the clause qualifiers of a claim and whether the sentence holds more (arguable)."""
    # "not only" / 不仅 hold a scope word that restricts nothing
    sentence = _blank_exceptions(claim.sentence, lex)
    clause = _clause_span(sentence, *span)
    clause_text = sentence[clause[0]:clause[1]].lower()
    rest = (sentence[:clause[0]] + " " + sentence[clause[1]:]).lower()
    # what extraction already knows (a rate: "€58 a month" is per month) splits facts too
    found: dict[str, str] = dict(claim.qualifiers)
    arguable = False
    markers = _flat_markers(lex)
    # only the markers whose first word is in the sentence, in the lexicon's order
    for index in _probe_index(lex.markers, lambda: [m for _q, m, _c in markers]).hits(clause_text, rest):
        qualifier, marker, category = markers[index]
        pattern = _cue_regex(marker, _is_latin(marker))
        if pattern.search(clause_text):
            found.setdefault(qualifier, category)
        elif pattern.search(rest):
            arguable = True
    return tuple(sorted(found.items())), arguable


_FLAT_MARKERS: dict[int, tuple[object, list[tuple[str, str, str]]]] = {}


def _flat_markers(lex: Lexicon) -> list[tuple[str, str, str]]:
    """Return a lexicon's markers as (qualifier, marker, category), in the order of ``lex.markers``."""
    cached = _FLAT_MARKERS.get(id(lex.markers))
    if cached is not None and cached[0] is lex.markers:
        return cached[1]
    if len(_FLAT_MARKERS) > 256:
        _FLAT_MARKERS.clear()
    flat = [(qualifier, marker, category) for qualifier, pairs in lex.markers.items() for marker, category in pairs]
    _FLAT_MARKERS[id(lex.markers)] = (lex.markers, flat)
    return flat


def _blank_exceptions(sentence: str, lex: Lexicon) -> str:
    """Return the sentence lower-cased, with phrases whose words are no marker blanked (offsets kept)."""
    lowered = sentence.lower()
    for phrase in lex.exceptions:
        if _probe(phrase) in lowered:
            lowered = _cue_regex(phrase, _is_latin(phrase)).sub(lambda m: " " * len(m.group()), lowered)
    return lowered


def _nearest_marker(before: str, after: str, words: Sequence[str]) -> str | None:
    """Return the marker nearest the number: the last one before it, else the first one after it."""
    best_before: tuple[int, str] | None = None
    best_after: tuple[int, str] | None = None
    for word in words:
        if _probe(word) not in before and _probe(word) not in after:
            continue
        pattern = _cue_regex(word, _is_latin(word))
        for match in pattern.finditer(before):
            if best_before is None or match.start() > best_before[0]:
                best_before = (match.start(), word)
        following = pattern.search(after)
        if following is not None and (best_after is None or following.start() < best_after[0]):
            best_after = (following.start(), word)
    if best_before is not None:
        return best_before[1]
    return best_after[1] if best_after is not None else None


def _tense_by_date(claim: Claim, published: dt.date | None) -> str | None:
    """Tell an event before the publication date (past) from one after it (future); None within it."""
    if published is None:
        return None
    interval = comparison_interval(claim)
    if interval is None:
        return None
    low, high = interval
    now = float(published.year) if claim.kind is Kind.YEAR else float(published.toordinal())
    if high < now:
        return "past"
    if low > now:
        return "future"
    return None


def _event_marks(claim: Claim, span: tuple[int, int], neighbours: Sequence[tuple[int, int]], lex: Lexicon,
                 published: dt.date | None) -> tuple[tuple[str, str], ...]:
    """Return what tells one event of a class from another: its ordinal and whether it is still to come.

    Two openings in one story are two events when one is "the first line"
    and the other "the second line", or when one happened and the other is
    planned.  A marker belongs to the number it is nearest to in its clause,
    never past another year or date of the sentence: "the first line opened
    in 2015 and the second will open in 2027".  The publication date decides
    past and future; a future marker ("will", 将于, 예정) decides a year or
    date within the publication's own year or day.
    """
    sentence = _blank_exceptions(claim.sentence, lex)
    left, right = _clause_span(sentence, *span)
    start = max([end for _s, end in neighbours if end <= span[0]] + [left])
    stop = min([begin for begin, _e in neighbours if begin >= span[1]] + [right])
    before, after = sentence[start:span[0]], sentence[span[1]:max(stop, span[1])]
    marks: list[tuple[str, str]] = []
    ordinal = _nearest_marker(before, after, [word for word, _c in lex.ordinals])
    if ordinal is not None:
        marks.append(("sequence", dict(lex.ordinals)[ordinal]))
    tense = _tense_by_date(claim, published)
    if tense is None and _nearest_marker(before, after, lex.future) is not None:
        tense = "future"
    if tense is not None:
        marks.append(("tense", tense))
    return tuple(marks)


def event_marks(claim: Claim) -> tuple[str | None, str | None]:
    """Return an event claim's (sequence, tense) as set by ``assign_facts`` (None when unmarked)."""
    found = dict(claim.qualifiers)
    return found.get("sequence"), found.get("tense")


def events_compatible(first: Iterable[Claim], second: Iterable[Claim]) -> bool:
    """Tell whether two groups of event claims may be about one event.

    An unmarked claim fits any event; two claims whose ordinals differ (first
    vs second line) or of which one is past and the other planned are two events.
    """
    seconds = [event_marks(c) for c in second]
    for claim in first:
        sequence, tense = event_marks(claim)
        for other_sequence, other_tense in seconds:
            if sequence and other_sequence and sequence != other_sequence:
                return False
            if tense and other_tense and tense != other_tense:
                return False
    return True


_SENTENCE_ENDS = set(".。!?！？\"”»」")


def _width(line: str) -> int:
    """Return a line's display width: Han, kana and Hangul count double (a headline is short in any script)."""
    stripped = line.strip()
    return len(stripped) + sum(1 for ch in stripped if ord(ch) >= 0x2E80)


def _footer_spans(doc: Document) -> list[tuple[int, int]]:
    """Extend a boilerplate marker line ("延伸阅读：", "Read more:") over the short lines after it.

    A related-reading list is a marker on its own line, after the story has
    begun (a sentence above it), followed by headlines; it ends at the first
    long paragraph (story text) or at the end of the file.
    """
    spans: list[tuple[int, int]] = []
    text = doc.text
    for start, end in doc.boilerplate:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        if len(text[line_start:line_end].strip()) > 30:
            continue  # not a marker alone on its line
        if not any(_width(line) >= 40 and line.strip()[-1:] in _SENTENCE_ENDS
                   for line in text[doc.body_start:line_start].split("\n")):
            continue  # page furniture above the story (a menu, a breadcrumb), not a footer
        cursor = line_end
        while cursor < len(text):
            next_end = text.find("\n", cursor + 1)
            next_end = len(text) if next_end < 0 else next_end
            if _width(text[cursor:next_end]) > 120:
                break
            cursor = next_end
        if cursor > line_end:
            spans.append((line_end, cursor))
    return spans


_DATELINE_DASH = re.compile(r"\s*[—–-]")


def _is_dateline(claim: Claim, doc: Document | None) -> bool:
    """Tell a dateline ("HANGZHOU, 8 APR –", "XANBOMAR, July 25 —") from a date in the story.

    A dateline is the date of the dispatch, which differs between versions
    published on different days; it names no event.  It opens a line of the
    body and is followed by a dash.
    """
    if claim.kind is not Kind.DATE or doc is None:
        return False
    text = doc.text
    line_start = text.rfind("\n", 0, claim.start) + 1
    if claim.start - line_start > 60 or not _DATELINE_DASH.match(text, claim.end):
        return False
    # the dispatch line comes first, after at most a headline or two
    return line_start - doc.body_start <= 400


def _kind_class(claim: Claim) -> str:
    if claim.kind is Kind.QUANTITY:
        return f"quantity:{claim.canonical_unit or claim.unit or ''}"
    return str(claim.kind.value)


def fact_name(concept: str, kind: Kind, qualifiers: Sequence[tuple[str, str]] = ()) -> str:
    """Return the readable fact name: ``factory``, ``launch-year``, ``investment[period=prior]``."""
    name = f"{concept}-{kind.value}" if kind in _EVENT_KINDS else concept
    if qualifiers:
        name += "[" + ",".join(f"{k}={v}" for k, v in qualifiers) + "]"
    return name


def _count_concept(claim: Claim, span: tuple[int, int], lex: Lexicon, next_start: int | None = None) -> str | None:
    """Find a compound counted thing from the lexicon right next to the number.

    The counted noun follows the number, in the quote or right after it
    ("1000个阿里巴巴数字农业基地", "100개의 생방송 기지", "1.000 centri
    agricoli"), and never past the next number: in "1 억 개가 넘는 판매를
    올린 100 개의 공장" the factories are the hundred, not the hundred million.
    """
    sentence = claim.sentence
    clause_end = _clause_span(sentence, *span)[1]
    stop = min(span[1] + 24, clause_end)
    if next_start is not None and next_start >= span[1]:
        stop = min(stop, next_start)
    window = sentence[span[0]:max(stop, span[1])]
    best: tuple[int, str] | None = None
    for start, _end, cue in _find(lex.count_cues, window):
        if best is None or start < best[0]:
            best = (start, cue.concept)
    return best[1] if best is not None else None


# dataclasses.replace looks every field up by name and passes them as keywords; a run
# copies every claim, so read the values in one C call and pass them by position
_CLAIM_FIELDS = tuple(f.name for f in dataclasses.fields(Claim))
_CLAIM_VALUES = operator.attrgetter(*_CLAIM_FIELDS)
_CLAIM_POSITION = {name: i for i, name in enumerate(_CLAIM_FIELDS)}
_POSITIONAL = all(f.init and not f.kw_only for f in dataclasses.fields(Claim))


def _replace(claim: Claim, **changes: Any) -> Claim:
    """Return ``dataclasses.replace(claim, **changes)``, faster: the same ``__init__`` call, arguments by position."""
    if not _POSITIONAL or type(claim) is not Claim or not changes.keys() <= _CLAIM_POSITION.keys():
        return dataclasses.replace(claim, **changes)
    values = list(_CLAIM_VALUES(claim))
    for name, value in changes.items():
        values[_CLAIM_POSITION[name]] = value
    return Claim(*values)


@dataclass(frozen=True)
class Assignment:
    """Facts built over a corpus, and the claims with their story, concept, fact and qualifiers."""

    claims: list[Claim]
    facts: list[Fact]
    arguable: frozenset[str]  # ids of claims whose sentence holds a qualifier outside their clause
    # (path, start) -> names of the story the number's clause mentions (its subject)
    subjects: Mapping[tuple[str, int], frozenset[str]] = dataclasses.field(default_factory=dict)


def assign_facts(documents: Sequence[Document], claims: Sequence[Claim], stories: Mapping[str, str],
                 ruleset: RuleSet) -> Assignment:
    """Set story, concept, qualifiers and fact on every claim and build the facts.

    Boilerplate claims, durations and claims whose concept cannot be told get
    a story but no fact: they are never compared.
    """
    docs = {d.path: d for d in documents}
    footers = {d.path: _footer_spans(d) for d in documents}
    # boilerplate (footers, related reading) is never compared, whoever marked it
    claims = [c if c.boilerplate or c.path not in docs
              or not (docs[c.path].in_boilerplate(c.start) or any(s <= c.start < e for s, e in footers[c.path]))
              else _replace(c, boilerplate=True) for c in claims]
    by_sentence: dict[tuple[str, int], list[int]] = defaultdict(list)
    for index, claim in enumerate(claims):
        by_sentence[(claim.path, claim.sentence_start)].append(index)
    concept_of: dict[int, str] = {}
    spans = {i: _span_in_sentence(c) for i, c in enumerate(claims)}
    for indexes in by_sentence.values():
        first = claims[indexes[0]]
        lex = lexicon(ruleset, first.lang)
        sentence = first.sentence
        live = [i for i in indexes if not claims[i].boilerplate]
        measures = [i for i in live if claims[i].kind in _MEASURE_KINDS]
        events = [i for i in live if claims[i].kind in _EVENT_KINDS and not _is_dateline(claims[i], docs.get(claims[i].path))]
        if measures and lex.measure_cues:
            found = _find(lex.measure_cues, sentence)
            attached = _attach(found, [(claims[i], spans[i]) for i in measures], sentence, 60)
            for local, (cue, _d) in attached.items():
                concept_of[measures[local]] = cue.concept
        if events and lex.event_cues:
            found = _find(lex.event_cues, sentence)
            attached = _attach(found, [(claims[i], spans[i]) for i in events], sentence, 40, events=True)
            for local, (cue, _d) in attached.items():
                concept_of[events[local]] = cue.concept
            # a relative and an absolute expression of the same moment side by side
            # ("12年前,在2008年...") both take the event
            for index in events:
                if index in concept_of:
                    continue
                for other_local, (cue, _d) in attached.items():
                    other = claims[events[other_local]]
                    if other.kind is claims[index].kind and _distance(spans[index], spans[events[other_local]]) <= 8 \
                            and numeric_value(other) == numeric_value(claims[index]):
                        concept_of[index] = cue.concept
        for i in live:
            claim = claims[i]
            if i not in concept_of and claim.kind in _EVENT_KINDS and claim.event:
                concept_of[i] = claim.event  # extraction told the event class
            elif i not in concept_of and claim.kind in _MEASURE_KINDS and claim.concept:
                concept_of[i] = claim.concept
            if claim.kind is Kind.COUNT:
                following = [spans[j][0] for j in live if spans[j][0] >= spans[i][1]]
                concept = _count_concept(claim, spans[i], lex, min(following, default=None)) \
                    or claim.concept or claim.unit
                if concept:
                    concept_of[i] = lex.same_as.get(concept, concept)
    # the two sides of a conversion are one amount: they share the concept
    index_of = {id(c): i for i, c in enumerate(claims)}
    for first_claim, second_claim in conversion_pairs([c for c in claims if not c.boilerplate], ruleset):
        a, b = index_of[id(first_claim)], index_of[id(second_claim)]
        if a in concept_of and b not in concept_of:
            concept_of[b] = concept_of[a]
        elif b in concept_of and a not in concept_of:
            concept_of[a] = concept_of[b]

    keys: dict[int, tuple[str, str, str, tuple[tuple[str, str], ...]]] = {}
    marks: dict[int, tuple[tuple[str, str], ...]] = {}
    arguable: set[str] = set()
    labels: dict[tuple[str, str, str, tuple[tuple[str, str], ...]], str] = {}
    for index, claim in enumerate(claims):
        story = stories.get(claim.path) or claim.story
        concept = concept_of.get(index)
        if concept is None or claim.boilerplate or claim.kind is Kind.DURATION or story is None:
            continue
        lex = lexicon(ruleset, claim.lang)
        qualifiers, soft = _qualifiers(claim, spans[index], lex)
        if concept in lex.change:
            qualifiers = tuple(q for q in qualifiers if q != ("period", "prior"))
        key = (story, _kind_class(claim), fact_name(concept, claim.kind, qualifiers), qualifiers)
        keys[index] = key
        if claim.kind in _EVENT_KINDS:
            neighbours = [spans[i] for i in by_sentence[(claim.path, claim.sentence_start)]
                          if i != index and claims[i].kind in _EVENT_KINDS and not claims[i].boilerplate]
            doc = docs.get(claim.path)
            marks[index] = _event_marks(claim, spans[index], neighbours, lex, doc.published if doc else None)
        label = lex.labels.get(concept, concept)
        if claim.kind in _EVENT_KINDS:
            label = f"{label} {claim.kind.value}"
        labels[key] = label
        if soft and claim.id:
            arguable.add(claim.id)
    _split_events(claims, keys, marks, concept_of, labels)
    # one concept over two dimensions (capacity in MW and in tonnes) makes two facts
    dimensions: dict[tuple[str, str], set[str]] = defaultdict(set)
    for story, kind_class, name, _q in keys.values():
        dimensions[(story, name)].add(kind_class)

    def fact_id(key: tuple[str, str, str, tuple[tuple[str, str], ...]]) -> str:
        story, kind_class, name, _q = key
        suffix = f"#{kind_class.split(':', 1)[-1]}" if len(dimensions[(story, name)]) > 1 else ""
        return f"{story}/{name}{suffix}"

    updated: list[Claim] = []
    groups: dict[tuple[str, str, str, tuple[tuple[str, str], ...]], list[Claim]] = defaultdict(list)
    for index, claim in enumerate(claims):
        story = stories.get(claim.path) or claim.story
        key_or_none = keys.get(index)
        if key_or_none is None:
            updated.append(_replace(claim, story=story))
            continue
        concept = concept_of[index]
        changes: dict[str, Any] = {
            "story": story,
            "concept": claim.concept if claim.kind is Kind.COUNT and claim.concept else concept,
            "qualifiers": tuple(sorted({**dict(key_or_none[3]), **dict(marks.get(index, ()))}.items())),
            "fact": fact_id(key_or_none),
        }
        if claim.kind in _EVENT_KINDS:
            changes["event"] = claim.event or concept
        new = _replace(claim, **changes)
        updated.append(new)
        groups[key_or_none].append(new)
    source_paths = {d.path for d in documents if d.source}
    facts: list[Fact] = []
    for key in sorted(groups):
        members = groups[key]
        clusters = cluster_claims(members)
        consensus_cluster = clusters[0]
        for cluster in clusters:
            if source_paths & set(cluster.paths):
                consensus_cluster = cluster
                break
        facts.append(Fact(fact_id(key), key[0], tuple(members), _consensus(consensus_cluster), labels.get(key, key[2])))
    return Assignment(updated, facts, frozenset(arguable), _subjects(documents, updated, stories, ruleset))


def _split_events(claims: Sequence[Claim], keys: dict[int, tuple[str, str, str, tuple[tuple[str, str], ...]]],
                  marks: Mapping[int, tuple[tuple[str, str], ...]], concept_of: Mapping[int, str],
                  labels: dict[tuple[str, str, str, tuple[tuple[str, str], ...]], str]) -> None:
    """Give each distinct event of one event fact a fact of its own (keys are updated in place).

    "The first line opened in 2015 ... the second will open in 2027" holds
    two openings: their years become ``opens-year[sequence=first,tense=past]``
    and ``opens-year[sequence=second,tense=future]``, each with its own
    consensus.  An unmarked year joins the event ``event_groups`` gives it.
    """
    by_key: dict[tuple[str, str, str, tuple[tuple[str, str], ...]], list[int]] = defaultdict(list)
    for index, key in keys.items():
        if claims[index].kind in _EVENT_KINDS:
            by_key[key].append(index)
    for key, indexes in by_key.items():
        probes = [_replace(claims[i], qualifiers=marks.get(i, ())) for i in indexes]
        groups = event_groups(probes)
        if len(groups) < 2:
            continue
        index_of = {id(p): i for p, i in zip(probes, indexes, strict=True)}
        for group in groups:
            shared: list[tuple[str, str]] = []
            for mark in ("sequence", "tense"):
                values = {v for p in group for k, v in p.qualifiers if k == mark}
                if len(values) == 1:
                    shared.append((mark, values.pop()))
            qualifiers = tuple(sorted({**dict(key[3]), **dict(shared)}.items()))
            for probe in group:
                index = index_of[id(probe)]
                new_key = (key[0], key[1], fact_name(concept_of[index], claims[index].kind, qualifiers), qualifiers)
                keys[index] = new_key
                labels[new_key] = labels.get(key, key[2])


def _subjects(documents: Sequence[Document], claims: Sequence[Claim], stories: Mapping[str, str],
              ruleset: RuleSet) -> dict[tuple[str, int], frozenset[str]]:
    """Find the names each compared claim's clause mentions before it, among the names its story shares.

    A story's names are its glossary names and the capitalized Latin words
    (never written in lower case) found in at least two of its articles: a
    one-off model name ("C2M") is no subject.  Only names before the number
    count: the subject comes before its object in English, Italian, Chinese
    and Korean alike, while a name after the number is where or to whom
    ("works with 46 factories in the region around Oralu", "400 posti di
    lavoro a Torino"): a place is no rival company.
    """
    from factcheck.stories import glossary_index, latin_tokens

    compared = [c for c in claims if c.fact and not c.boilerplate]
    if not compared:
        return {}
    glossary = glossary_index(ruleset.glossary)
    by_story: dict[str, list[Document]] = defaultdict(list)
    for doc in documents:
        story = stories.get(doc.path) or doc.story
        if story:
            by_story[story].append(doc)
    shared: dict[str, set[str]] = {}
    story_counts: dict[str, Counter[str]] = {}
    common: set[str] = set()
    # only the glossary names a story's articles mention are looked for in its clauses
    present: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
    for story, docs in by_story.items():
        # the automaton proposes the entries a body may hold; each entry's own pattern decides
        proposed = [glossary.candidate_indexes(doc.text[doc.body_start:]) for doc in docs]
        present[story] = [glossary.patterns[i] for i in sorted(set().union(*proposed))
                          if any(glossary.patterns[i][1].search(d.text, d.body_start)
                                 for d, found in zip(docs, proposed, strict=True) if i in found)]
        counts: Counter[str] = Counter()
        for doc in docs:
            body = doc.text[doc.body_start:]
            # a word written in lower case anywhere in the corpus is no name, even where
            # one story writes it only capitalized at sentence starts ("Il progetto ...")
            common |= {w.lower() for w in re.findall(r"(?<![\w])[a-zà-ÿ][\w'-]*", body)}
            counts.update(latin_tokens(_ELISION.sub("", body)))
        story_counts[story] = counts
    for story, counts in story_counts.items():
        shared[story] = {name for name, n in counts.items() if n >= 2 and name not in common}
    prefixes = tuple(str(w) for w in ruleset.language("zh").get("name_prefix_markers") or ())
    result: dict[tuple[str, int], frozenset[str]] = {}
    # the numbers of one clause share its names: look each (story, clause) up once
    known: dict[tuple[str, str], frozenset[str]] = {}
    for claim in compared:
        span = _span_in_sentence(claim)
        left, _right = _clause_span(claim.sentence, *span)
        clause = claim.sentence[left:max(left, span[0])]
        key = (claim.story or "", clause)
        names = known.get(key)
        if names is None:
            found = {canonical.lower() for canonical, pattern in present.get(claim.story or "", [])
                     if any(not _inside_longer_name(clause, m.start(), m.end(), prefixes)
                            for m in pattern.finditer(clause))}
            found |= latin_tokens(_ELISION.sub("", clause)) & shared.get(claim.story or "", set())
            names = known[key] = frozenset(found)
        if names:
            result[(claim.path, claim.start)] = names
    return result


def _script_of(char: str) -> str:
    """Return "han", "hangul" or "" for one character."""
    code = ord(char)
    if 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF:
        return "han"
    if 0xAC00 <= code <= 0xD7A3 or 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F:
        return "hangul"
    return ""


def _inside_longer_name(text: str, start: int, end: int, prefixes: Sequence[str] = ()) -> bool:
    """Return whether a Han or Hangul alias at ``text[start:end]`` sits inside a longer word of its script.

    Without word boundaries a short alias matches inside another name: 夸托
    inside 齐夸托菲, 托蒙 inside the city 托托蒙市, 오라고르 inside 오라고르사테크.
    Such a match names nobody when more of its script follows that opens no
    suffix or particle (市, 集团, 는: ``CJK_NAME_SUFFIXES`` of story grouping),
    or when it is glued after a character of its script: in Korean, which
    writes spaces between words, any; in Chinese, one that is not a word
    standing before names (``name_prefix_markers``: 由, 在, 与).
    """
    from factcheck import stories

    script = _script_of(text[end - 1]) if end > start else ""
    if not script:
        return False
    suffixes: tuple[str, ...] = getattr(stories, "CJK_NAME_SUFFIXES", ())
    if end < len(text) and _script_of(text[end]) == script and not text.startswith(suffixes, end):
        return True
    if start == 0 or _script_of(text[start - 1]) != script:
        return False
    return script == "hangul" or not any(text.endswith(p, 0, start) for p in prefixes)


def _consensus(cluster: Cluster) -> float | str | None:
    claim = cluster.representative
    if claim.kind is Kind.YEAR:
        value = numeric_value(claim)
        return int(value) if value is not None else None
    if claim.kind is Kind.DATE:
        return str(claim.canonical_value) if claim.canonical_value is not None else None
    value = numeric_value(claim)
    return value


def doc_label(path: str, paths: Iterable[str] = ()) -> str:
    """Return a short name for a document: its file stem, or the stem's leading token when unique."""
    stem = path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    head = re.split(r"[_\s]", stem, maxsplit=1)[0]
    if head and head != stem:
        others = [p for p in paths if p != path]
        if not any(doc_label_stem(p).startswith(head) for p in others):
            return head
    return stem


class DocLabels:
    """:func:`doc_label` for many paths of one corpus, each answered without scanning the corpus."""

    def __init__(self, paths: Iterable[str]) -> None:
        """Index the stems of ``paths`` (the corpus the labels must tell apart)."""
        self._stems = sorted((doc_label_stem(p), p) for p in paths)

    def __call__(self, path: str) -> str:
        """Return ``doc_label(path, paths)``."""
        stem = path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        head = re.split(r"[_\s]", stem, maxsplit=1)[0]
        if head and head != stem:
            # the stems starting with head are one run of the sorted list
            index = bisect.bisect_left(self._stems, (head,))
            while index < len(self._stems) and self._stems[index][0].startswith(head):
                if self._stems[index][1] != path:
                    return stem
                index += 1
            return head
        return stem


def doc_label_stem(path: str) -> str:
    """Return the file stem of a path."""
    return path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]


def format_value(claim: Claim) -> str:
    """Return a claim's normalized value for messages: ``1,000``, ``2008``, ``2020-04-07``, ``EUR 12.8 million``."""
    if claim.kind is Kind.YEAR:
        value = numeric_value(claim)
        return str(int(value)) if value is not None else claim.quote
    if claim.kind is Kind.DATE:
        return str(claim.canonical_value or claim.quote)
    value = numeric_value(claim)
    if value is None:
        return claim.quote
    unit = claim.canonical_unit or claim.unit
    text = _number(value)
    if claim.kind is Kind.PERCENT:
        return f"{text}%"
    if claim.kind is Kind.COUNT or not unit:
        return text
    if claim.kind is Kind.MONEY:
        return f"{unit} {text}"
    return f"{text} {unit}"


def _number(value: float) -> str:
    magnitude = abs(value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if magnitude >= size:
            scaled = value / size
            return f"{scaled:,.3f}".rstrip("0").rstrip(".") + f" {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def tolerance_text(claim: Claim, *, floor: float = DEFAULT_FLOOR, approx: float = DEFAULT_APPROX) -> str:
    """Describe the tolerance a claim's wording allows: ``±0.5%``, ``≥ (more than)``, ``exact year``."""
    if claim.kind in _EVENT_KINDS:
        unit = "year" if claim.kind is Kind.YEAR else "day"
        text = f"±1 {unit} (approximate)" if claim.approx else f"exact {unit}"
    else:
        rel = stated_tolerance(claim, floor)
        if claim.approx:
            rel = min(max(rel * 2, rel + approx), MAX_STATED_PRECISION + approx)
        text = f"±{rel * 100:.2g}%" + (" (approximate)" if claim.approx else "")
    if claim.bound == "gt":
        text += ", lower bound (more than)"
    elif claim.bound == "lt":
        text += ", upper bound (less than)"
    elif isinstance(claim.bound, tuple):
        text += f", range {claim.bound[0]:g}–{claim.bound[1]:g}"
    return text


def explain_claim(claim: Claim, label: str, *, floor: float = DEFAULT_FLOOR, approx: float = DEFAULT_APPROX) -> str:
    """One explanation line: where a claim is, what it says, its normalized value and tolerance."""
    line = f'{label} line {claim.line}: "{claim.quote}" → {format_value(claim)} ({tolerance_text(claim, floor=floor, approx=approx)})'
    if claim.relative is not None:
        rel = claim.relative
        sign = "−" if rel.amount < 0 else "+"
        unit = rel.unit + ("" if abs(rel.amount) == 1 else "s")
        line += f"; {rel.expression} ({rel.anchor or 'unknown anchor'} {sign} {abs(rel.amount)} {unit}) = {rel.resolved}"
    elif claim.note:
        line += f"; {claim.note}"
    return line


def conflicts(claims: Sequence[Claim], source_paths: Iterable[str] = (), *, floor: float = DEFAULT_FLOOR,
              approx: float = DEFAULT_APPROX, fx_tolerance: float = DEFAULT_FX_TOLERANCE,
              subjects: Mapping[tuple[str, int], frozenset[str]] | None = None) -> list[tuple[Cluster, Cluster]]:
    """Return (deviating, reference) cluster pairs of one fact's claims across articles.

    Pairs whose sides name different subjects (two companies, each named in
    its number's clause) are not conflicts.
    """
    pairs = _conflicts(claims, source_paths, floor=floor, approx=approx, fx_tolerance=fx_tolerance,
                       subjects=subjects or {})
    if not subjects:
        return pairs
    return [(a, b) for a, b in pairs if _compatible(a, b, subjects)]


def _cluster_subjects(cluster: Cluster, subjects: Mapping[tuple[str, int], frozenset[str]]) -> frozenset[str] | None:
    """Return the names a cluster's claims are about, or None when one claim names nobody."""
    names: set[str] = set()
    for claim in cluster.claims:
        found = subjects.get((claim.path, claim.start))
        if not found:
            return None
        names |= found
    return frozenset(names)


def _compatible(a: Cluster, b: Cluster, subjects: Mapping[tuple[str, int], frozenset[str]]) -> bool:
    first, second = _cluster_subjects(a, subjects), _cluster_subjects(b, subjects)
    return first is None or second is None or bool(first & second)


def event_groups(claims: Sequence[Claim], *, floor: float = DEFAULT_FLOOR, approx: float = DEFAULT_APPROX,
                 fx_tolerance: float = DEFAULT_FX_TOLERANCE) -> list[list[Claim]]:
    """Split the claims of one event class into the distinct events they speak of.

    Claims with an ordinal ("the second line") anchor one event per ordinal;
    without ordinals, past and planned events anchor one each.  An unmarked
    claim joins the compatible event whose values it agrees with, else the
    compatible event nearest in value, so a wrong year still meets the event
    it misstates; a claim compatible with no event stands on its own.
    """
    # every pair is compatible exactly when no two claims name different ordinals or tenses
    marked = [event_marks(c) for c in claims]
    if len({s for s, _t in marked if s}) <= 1 and len({t for _s, t in marked if t}) <= 1:
        return [list(claims)]
    sequences = sorted({s for s, _t in map(event_marks, claims) if s})
    if sequences:
        anchors = {s: [c for c in claims if event_marks(c)[0] == s] for s in sequences}
    else:
        tenses = sorted({t for _s, t in map(event_marks, claims) if t})
        anchors = {t: [c for c in claims if event_marks(c)[1] == t] for t in tenses}
    anchored = {id(c) for members in anchors.values() for c in members}
    joined: dict[str, list[Claim]] = defaultdict(list)
    alone: dict[tuple[str | None, str | None], list[Claim]] = defaultdict(list)
    for claim in claims:
        if id(claim) in anchored:
            continue
        options = [k for k, members in anchors.items() if events_compatible([claim], members)]
        if not options:
            alone[event_marks(claim)].append(claim)
            continue
        agreeing = [k for k in options
                    if any(agree(claim, m, floor=floor, approx=approx, fx_tolerance=fx_tolerance) for m in anchors[k])]
        value = numeric_value(claim) or 0.0
        target = (agreeing or options)[0] if agreeing or len(options) == 1 else min(
            options, key=lambda k: min(abs((numeric_value(m) or 0.0) - value) for m in anchors[k]))
        joined[target].append(claim)
    groups = [anchors[k] + joined[k] for k in anchors]
    groups.extend(alone.values())
    return groups


def _conflicts(claims: Sequence[Claim], source_paths: Iterable[str] = (), *, floor: float = DEFAULT_FLOOR,
               approx: float = DEFAULT_APPROX, fx_tolerance: float = DEFAULT_FX_TOLERANCE,
               subjects: Mapping[tuple[str, int], frozenset[str]] | None = None) -> list[tuple[Cluster, Cluster]]:
    """Return (deviating, reference) cluster pairs of one fact's claims across articles.

    An event has one moment: every cluster beside the consensus deviates,
    once the claims are split into distinct events (ordinals, past and
    planned).  A measure may hold several values (60% and 40%), so agreement
    is story-level: a value deviates only when no other article states it
    (within tolerance) and another article states a value its own article
    lacks; it is paired with the nearest such value.  With a source article,
    only translations that disagree with it are reported.
    """
    live = [c for c in claims if not c.boilerplate]
    if len({c.path for c in live}) < 2:
        return []
    sources = set(source_paths) & {c.path for c in live}
    if single_valued(live[0]):
        pairs: list[tuple[Cluster, Cluster]] = []
        for group in event_groups(live, floor=floor, approx=approx, fx_tolerance=fx_tolerance):
            if len({c.path for c in group}) < 2:
                continue
            clusters = cluster_claims(group, floor=floor, approx=approx, fx_tolerance=fx_tolerance)
            pairs.extend(_event_conflicts(clusters, sources & {c.path for c in group}))
        return pairs
    clusters = cluster_claims(live, floor=floor, approx=approx, fx_tolerance=fx_tolerance)
    if len(clusters) < 2:
        return []
    return _multiset_conflicts(clusters, sources, subjects or {})


def _event_conflicts(clusters: Sequence[Cluster], sources: set[str]) -> list[tuple[Cluster, Cluster]]:
    """Pair every cluster of one event beside the consensus (or the source) with it."""
    if len(clusters) < 2:
        return []
    reference = next((c for c in clusters if sources & set(c.paths)), clusters[0])
    pairs: list[tuple[Cluster, Cluster]] = []
    for cluster in clusters:
        if cluster is reference:
            continue
        if sources and sources & set(cluster.paths):
            continue
        if len(set(cluster.paths) | set(reference.paths)) < 2:
            continue  # one article against itself: internal-consistency's business
        pairs.append((cluster, reference))
    return pairs


def _multiset_conflicts(clusters: Sequence[Cluster], sources: set[str],
                        subjects: Mapping[tuple[str, int], frozenset[str]]) -> list[tuple[Cluster, Cluster]]:
    """Return the values of a many-valued fact that no other article confirms, each with its nearest rival.

    A cluster spanning two articles is confirmed.  A cluster of one article
    (an orphan) deviates when another article states a value the orphan's
    article lacks (a different value, not an omission: "60%" against "60%
    and 40%" is silent); its reference is the nearest such value.  With a
    source article, the source is what confirms: a translation's value the
    source lacks deviates when the source states a value the translation lacks.
    """
    pairs: list[tuple[Cluster, Cluster]] = []
    seen: set[frozenset[int]] = set()
    for k, cluster in enumerate(clusters):
        paths = set(cluster.paths)
        if sources:
            if paths & sources:
                continue
            rivals = [m for m, other in enumerate(clusters)
                      if set(other.paths) & sources and not set(other.paths) & paths]
        else:
            if len(paths) > 1:
                continue
            rivals = [m for m, other in enumerate(clusters) if m != k and not set(other.paths) & paths]
        rivals = [m for m in rivals if _compatible(cluster, clusters[m], subjects)]
        if not rivals:
            continue
        value = cluster.value or 0.0
        nearest = min(rivals, key=lambda m: (abs((clusters[m].value or 0.0) - value), m))
        pair = frozenset((k, nearest))
        if pair in seen:
            continue
        seen.add(pair)
        deviating, reference_index = _orient(k, nearest, clusters, sources)
        pairs.append((clusters[deviating], clusters[reference_index]))
    return pairs


def _orient(a: int, b: int, clusters: Sequence[Cluster], sources: set[str]) -> tuple[int, int]:
    """Order two conflicting clusters as (deviating, reference): the source or the majority is the reference."""
    if sources & set(clusters[a].paths) and not sources & set(clusters[b].paths):
        return b, a
    if sources & set(clusters[b].paths) and not sources & set(clusters[a].paths):
        return a, b
    # clusters are sorted by support: the earlier one is the majority
    return (b, a) if a < b else (a, b)
