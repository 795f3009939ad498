"""The number grammar on its own: locale marks, glued words, myriad scales and stated precision."""

from __future__ import annotations

import pytest

from factcheck.numbers import Atom, NumberLexicon, evaluate, parse_digits, split_compound, to_ascii_digits

ITALIAN = NumberLexicon(decimal=",", group=frozenset({"."}),
                        words={"tre": 3, "quattro": 4, "venti": 20, "vent": 20, "uno": 1, "otto": 8},
                        multipliers={"cento": 100, "cent": 100}, scales={"mila": 1e3, "milioni": 1e6})
CHINESE = NumberLexicon(words={"一": 1, "二": 2, "三": 3, "四": 4, "零": 0},
                        multipliers={"十": 10, "百": 100, "千": 1000}, scales={"万": 1e4, "亿": 1e8})


@pytest.mark.parametrize(("text", "decimal", "group", "value"), [
    ("2.500", ",", ".", 2500.0),
    ("4,7", ",", ".", 4.7),
    ("2.75", ",", ".", 2.75),
    ("1.234.567,5", ",", ".", 1234567.5),
    ("2.5", ".", ",", 2.5),
    ("8,250", ".", ",", 8250.0),
    ("1,234,567.25", ".", ",", 1234567.25),
    ("１２３４．５", ".", ",", 1234.5),
])
def test_locale_marks(text: str, decimal: str, group: str, value: float) -> None:
    """A grouping mark is never read as a decimal mark, and the locale decides which is which."""
    parsed = parse_digits(text, decimal, frozenset({group}))
    assert parsed is not None and parsed[0] == pytest.approx(value)


def test_bad_grouping_is_rejected() -> None:
    """Groups of other than three digits after the first are not a numeral."""
    assert parse_digits("1.23.456", ",", frozenset({"."})) is None
    assert parse_digits("9" * 50, ".", frozenset({","})) is None


def test_full_width_digits() -> None:
    """Full-width digits read as ASCII digits."""
    assert to_ascii_digits("２０３１") == "2031"


@pytest.mark.parametrize(("word", "pieces"), [
    ("quattrocentomila", ["quattro", "cento", "mila"]),
    ("ventuno", ["vent", "uno"]),
    ("centottanta", None),
    ("treno", None),
])
def test_split_compound(word: str, pieces: list[str] | None) -> None:
    """Glued number words split into the fewest known morphemes; other words do not split."""
    assert split_compound(word, ITALIAN) == pieces


def atoms(lexicon: NumberLexicon, *texts: str) -> list[Atom]:
    """Build atoms from morphemes or digit strings, as the tokenizer would."""
    out: list[Atom] = []
    end = 0
    for text in texts:
        end += len(text)
        kind = lexicon.kind_of(text)
        if kind is None:
            out.append(Atom("digits", text, end, float(text)))
        elif kind == "value":
            out.append(Atom("value", text, end, lexicon.words[text]))
        elif kind == "multiplier":
            out.append(Atom("multiplier", text, end, lexicon.multipliers[text]))
        else:
            out.append(Atom("scale", text, end, lexicon.scales[text]))
    return out


@pytest.mark.parametrize(("pieces", "value"), [
    (("四", "千", "二", "百"), 4200),
    (("二", "万"), 20000),
    (("一", "亿", "三", "千", "万"), 130_000_000),
    (("一", "万", "亿"), 1e12),
    (("一", "百", "零", "四"), 104),
    (("十", "三"), 13),
    (("2", "万"), 20000),
    (("3", "千", "亿"), 3e11),
])
def test_myriad_arithmetic(pieces: tuple[str, ...], value: float) -> None:
    """Multipliers scale a digit inside a group; scales close groups; a larger scale multiplies the total."""
    reading = evaluate(atoms(CHINESE, *pieces), CHINESE)
    assert reading is not None and reading.value == value and reading.atoms == len(pieces)


def test_reading_stops_before_a_second_number() -> None:
    """Digits after digits begin a new number: the reading ends before them."""
    reading = evaluate(atoms(ITALIAN, "2019", "2020"), ITALIAN)
    assert reading is not None and (reading.value, reading.atoms) == (2019, 1)


@pytest.mark.parametrize(("pieces", "precision"), [
    (("tre", "milioni"), 0.5 / 3),
    (("1000",), 0.5 / 1000),
    (("quattro", "cento", "mila"), 0.5 / 4),
])
def test_precision_is_half_the_last_stated_digit(pieces: tuple[str, ...], precision: float) -> None:
    """Relative precision is half a unit of the last stated digit over the value."""
    reading = evaluate(atoms(ITALIAN, *pieces), ITALIAN)
    assert reading is not None and reading.precision == pytest.approx(precision)
