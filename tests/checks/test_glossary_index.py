"""Glossary index: one automaton pass proposes the entries a text may hold, and loses none."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.stories import _tokens, glossary_index, glossary_patterns

# letters whose case pairs trouble a naive lower-casing: dotted and dotless i, long s, final sigma, micro
TRICKY = "aAiIİısSſσςΣµμkKK é北港노르 -"
names = st.text(alphabet=TRICKY, min_size=1, max_size=6)
glossaries = st.dictionaries(names, st.lists(names, max_size=2), min_size=1, max_size=5)
texts = st.text(alphabet=TRICKY + ".,", max_size=40)


@settings(max_examples=150, deadline=None)
@given(glossaries, texts)
def test_candidates_include_every_matching_entry(glossary: dict[str, list[str]], text: str) -> None:
    """Every entry whose pattern matches a text is among the entries the automaton proposes."""
    index = glossary_index(glossary)
    proposed = {name for name, _pattern in index.candidates(text)}
    matching = {name for name, pattern in glossary_patterns(glossary) if pattern.search(text)}
    assert matching <= proposed


@settings(max_examples=100, deadline=None)
@given(glossaries, texts)
def test_tokens_equal_those_of_every_pattern(glossary: dict[str, list[str]], text: str) -> None:
    """Counting glossary names through the index gives what running every entry's pattern gives."""
    expected: dict[str, float] = {}
    for canonical, pattern in glossary_patterns(glossary):
        for _match in pattern.finditer(text):
            expected["g:" + canonical.lower()] = expected.get("g:" + canonical.lower(), 0.0) + 1.0
    counted = _tokens(text, set(), glossary_index(glossary), 1.0, set())
    assert {t: n for t, n in counted.items() if t.startswith("g:")} == expected


def test_index_is_compiled_once_per_glossary() -> None:
    """The same glossary content gives the same compiled index; another content another one."""
    first = glossary_index({"Nordhavn": ["诺德港"]})
    assert glossary_index({"Nordhavn": ["诺德港"]}) is first
    assert glossary_index({"Nordhavn": ["노르하운"]}) is not first


def test_aliases_in_other_scripts_are_proposed() -> None:
    """A Han or Hangul alias inside running text proposes its entry; an absent name proposes nothing."""
    index = glossary_index({"Nordhavn": ["诺德港", "노르하운"], "Kessler": ["凯斯勒"]})
    assert [name for name, _p in index.candidates("据报道，诺德港新码头开业")] == ["Nordhavn"]
    assert [name for name, _p in index.candidates("노르하운 항과 NORDHAVN")] == ["Nordhavn"]
    assert index.candidates("Quillon Foods") == []
