"""Number grammar: read the value of a number expression from a language's lexicon.

A number expression is a run of *atoms*: arabic numerals (with the language's
grouping and decimal marks), value words (``three``, ``tre``, ``三``, ``삼``),
multipliers that scale the digit before them inside one group (``hundred``,
``cento``, ``百``, ``천``) and scale words that close a group (``million``,
``milioni``, ``万``, ``억``).  One evaluator reads them all, so ``2조 4180억``,
``四千二百``, ``quattrocentomila``, ``half a million`` and ``2.5万`` follow the
same arithmetic, and a new language only brings words.

The evaluator also tracks the place of the last stated digit, from which the
relative precision of the figure follows ("2.9 billion" is stated to 0.1
billion, so it covers ±0.05 billion).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "Atom",
    "NumberLexicon",
    "Reading",
    "evaluate",
    "parse_digits",
    "split_compound",
    "to_ascii_digits",
    "word_place",
]

_MAX_DIGITS = 40
_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def to_ascii_digits(text: str) -> str:
    """Return ``text`` with full-width digits and full-width full stop made ASCII."""
    return text.translate(_FULLWIDTH)


@dataclass(frozen=True, slots=True)
class NumberLexicon:
    """The number words and marks of one language, keys casefolded."""

    decimal: str = "."
    group: frozenset[str] = frozenset({","})
    words: Mapping[str, float] = field(default_factory=dict)
    multipliers: Mapping[str, float] = field(default_factory=dict)
    scales: Mapping[str, float] = field(default_factory=dict)
    vague: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    weak: frozenset[str] = frozenset()
    positional: bool = False
    longest: int = 16  # the longest morpheme, to bound the split of glued words

    def kind_of(self, word: str) -> str | None:
        """Return ``value``, ``multiplier``, ``scale``, ``vague`` or None for a morpheme."""
        key = word.casefold()
        if key in self.scales:
            return "scale"
        if key in self.multipliers:
            return "multiplier"
        if key in self.vague:
            return "vague"
        if key in self.words:
            return "value"
        return None


@dataclass(frozen=True, slots=True)
class Atom:
    """One piece of a number expression: its kind, surface text and end offset."""

    kind: str  # digits, value, multiplier, scale, vague
    text: str
    end: int
    value: float = 0.0
    place: float = 1.0
    grouped: bool = False


@dataclass(frozen=True, slots=True)
class Reading:
    """The value of a number expression and how it was stated."""

    value: float
    end: int  # offset just after the last atom used
    place: float  # the value of one unit of the last stated digit
    digits: bool  # an arabic numeral took part
    scaled: bool  # a scale word (million, 万, 억) took part
    words_only_weak: bool  # only weak words (a, un, one) stated the figure
    vague: tuple[float, float] | None = None  # 数十 → (20, 90)
    atoms: int = 0
    grouped: bool = False  # "1.000": grouping marks were written
    integer: bool = True  # no decimal part was written
    bare_step: bool = False  # opened by a multiplier with no digit (百家, 千人): a round figure

    @property
    def precision(self) -> float:
        """Return half a unit of the last stated digit, relative to the value."""
        if self.value == 0:
            return 0.0
        return 0.5 * self.place / abs(self.value)


def parse_digits(text: str, decimal: str, group: frozenset[str]) -> tuple[float, float, bool, bool] | None:
    """Read an arabic numeral written with the language's marks.

    Returns ``(value, place, grouped, integer)`` or None.  A grouping mark is
    only grouping when exactly three digits follow it; otherwise a lone mark
    is read as decimal (``2.75`` in an Italian text is two point seven five,
    ``2.500`` is two thousand five hundred).
    """
    if text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS:
        return float(int(text)), 1.0, False, True
    raw = to_ascii_digits(text)
    if len(raw) > _MAX_DIGITS:
        # Longer than any figure news states: an identifier or a digit run.
        return None
    seps = [i for i, ch in enumerate(raw) if not ch.isdigit()]
    if not seps:
        return float(int(raw)), 1.0, False, True
    decimal_at: int | None = None
    if raw[seps[-1]] == decimal:
        decimal_at = seps[-1]
    elif len(seps) == 1 and len(raw) - seps[0] - 1 != 3:
        decimal_at = seps[0]
    grouped = False
    if decimal_at is not None:
        whole, frac = raw[:decimal_at], raw[decimal_at + 1:]
    else:
        whole, frac = raw, ""
    parts: list[str] = []
    start = 0
    for i, ch in enumerate(whole):
        if not ch.isdigit():
            if ch == decimal or ch not in group:
                return None
            parts.append(whole[start:i])
            start = i + 1
            grouped = True
    parts.append(whole[start:])
    if grouped and (any(len(p) != 3 for p in parts[1:]) or not 1 <= len(parts[0]) <= 3):
        return None
    digits = "".join(parts)
    if not digits or not all(p.isdigit() for p in parts) or (frac and not frac.isdigit()):
        return None
    if frac:
        return float(f"{digits}.{frac}"), 10.0 ** -len(frac), grouped, False
    return float(int(digits)), 1.0, grouped, True


def split_compound(word: str, lexicon: NumberLexicon) -> list[str] | None:
    """Split a glued number word (``quattrocentomila``, ``삼천``) into morphemes.

    Dynamic programming picks the split with the fewest morphemes, so the
    longest known pieces win and elided forms (``vent`` + ``uno``) still parse.
    """
    key = word.casefold()
    n = len(key)
    # cost[j]: fewest morphemes covering key[:j]; back[j]: where the last one starts.
    cost: list[int | None] = [None] * (n + 1)
    back = [0] * (n + 1)
    cost[0] = 0
    for i in range(n):
        here = cost[i]
        if here is None:
            continue
        for j in range(min(n, i + lexicon.longest), i, -1):
            if lexicon.kind_of(key[i:j]) is None:
                continue
            there = cost[j]
            if there is None or here + 1 < there:
                cost[j] = here + 1
                back[j] = i
    if cost[n] is None:
        return None
    pieces: list[str] = []
    j = n
    while j > 0:
        i = back[j]
        pieces.append(word[i:j])
        j = i
    return pieces[::-1]


def word_place(value: float) -> float:
    """Return the place of the last stated digit of a number word (twenty → 10, three → 1)."""
    if value < 1:
        return 0.1
    place = 1.0
    v = int(value)
    while v >= 10 and v % 10 == 0:
        v //= 10
        place *= 10
    return place


def evaluate(atoms: Sequence[Atom], lexicon: NumberLexicon) -> Reading | None:
    """Evaluate atoms left to right, stopping before the first one that cannot continue.

    The arithmetic is the usual one for spelled-out numbers: values add up
    into a pending digit, a multiplier scales the pending digit into the
    current group (``四千`` → 4000), and a scale word closes the group
    (``三千万`` → 3000 × 10⁴); a scale larger than every scale before it
    multiplies the whole (``一万亿`` → 10¹²).
    """
    if len(atoms) == 1 and atoms[0].kind == "digits":
        # The common case, one numeral: the loop below would reach the same reading.
        only = atoms[0]
        return Reading(value=only.value, end=only.end, place=only.place, digits=True, scaled=False,
                       words_only_weak=False, atoms=1, grouped=only.grouped,
                       integer=only.value == int(only.value) and only.place >= 1)
    total = 0.0
    group = 0.0
    pending: float | None = None
    pending_place = math.inf
    pending_word = False
    group_place = math.inf
    total_place = math.inf
    top_scale = 0.0
    last = ""
    used = 0
    end = 0
    digits = grouped = False
    integer = True
    scaled = False
    all_weak = True
    vague: tuple[float, float] | None = None
    vague_base: float | None = None
    bare_step = False
    for atom in atoms:
        kind = atom.kind
        if kind == "value" and atom.value == 0 and (group or total) and pending is None:
            # 零 inside a CJK numeral only marks a skipped place (一百零五).
            last = kind
            used += 1
            end = atom.end
            continue
        if kind == "scale" and used == 0 and atom.text.casefold() in lexicon.words:
            # A scale that is also a number on its own (Italian "mille", Korean 만 in 만 원).
            pending, pending_place, pending_word = 1.0, 1.0, True
            all_weak = False
        elif kind == "scale" and used == 0 and atom.text.casefold() in lexicon.vague:
            # A plural scale opening the figure is vague: "millions of", "migliaia di".
            pending, pending_place, pending_word = 1.0, 1.0, True
            vague = lexicon.vague[atom.text.casefold()]
            all_weak = False
        if kind == "value" and digits and last == "scale":
            # "14.6 million twenty-foot units": a figure written in digits takes no number word after its scale.
            break
        if kind in ("digits", "value", "vague"):
            value = atom.value
            place = atom.place
            if kind == "vague":
                if pending is not None or vague is not None:
                    break
                span = lexicon.vague[atom.text.casefold()]
                vague = span
                value, place = 1.0, 1.0
            if pending is not None:
                # Only a word may join a word ("twenty" "three"); digits never join.
                if kind != "value" or not pending_word or pending < 20 or value >= 10 \
                        or pending % 10 != 0 or pending % 100 == 0:
                    break
                pending += value
                pending_place = min(pending_place, place)
            else:
                if kind == "digits" and last in ("digits", "value"):
                    break
                if kind == "digits" and last == "multiplier":
                    break
                pending = value
                pending_place = place
                pending_word = kind != "digits"
            if kind == "digits":
                digits = True
                grouped = grouped or atom.grouped
                integer = integer and atom.value == int(atom.value) and atom.place >= 1
            if kind != "value" or atom.text.casefold() not in lexicon.weak:
                all_weak = False
        elif kind == "multiplier":
            mult = atom.value
            if used == 0:
                bare_step = True
            if last == "multiplier" and pending is None:
                break
            base = pending if pending is not None else 1.0
            base_place = pending_place if pending is not None else 1.0
            if base * mult > mult * 10:
                break
            group += base * mult
            group_place = min(group_place, base_place * mult)
            pending = None
            pending_place = math.inf
            all_weak = False
        elif kind == "scale":
            scale = atom.value
            amount = group + (pending or 0.0)
            place = min(group_place, pending_place)
            if amount == 0 and total == 0:
                break
            if amount == 0:
                if scale < top_scale and atom.text.casefold() in lexicon.words:
                    # "un milione e mille": a scale that is a number alone adds itself.
                    total += scale
                    total_place = min(total_place, scale)
                elif scale <= top_scale:
                    break
                else:
                    total *= scale
                    total_place *= scale
            elif scale > top_scale and total > 0:
                total = (total + amount) * scale
                total_place = min(total_place * scale, place * scale)
            else:
                if total > 0 and scale >= top_scale:
                    break
                total += amount * scale
                total_place = min(total_place, place * scale)
            if vague is not None and vague_base is None:
                vague_base = scale
            top_scale = max(top_scale, scale)
            group = 0.0
            pending = None
            pending_place = group_place = math.inf
            scaled = True
            all_weak = False
        else:
            break
        last = kind
        used += 1
        end = atom.end
    if used == 0:
        return None
    value = total + group + (pending or 0.0)
    if not math.isfinite(value):
        return None
    place = min(total_place, group_place, pending_place)
    if not math.isfinite(place):
        place = 1.0
    bound: tuple[float, float] | None = None
    if vague is not None:
        low, high = vague
        bound = (value * low, value * high)
        value = value * (low + high) / 2
    return Reading(value=value, end=end, place=place, digits=digits, scaled=scaled,
                   words_only_weak=all_weak and not digits, vague=bound, atoms=used,
                   grouped=grouped, integer=integer, bare_step=bare_step)
