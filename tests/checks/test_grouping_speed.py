"""Near-linear grouping: shortcuts that give exactly what comparing every pair gives."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import re
import time
from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.facts import (
    Cluster,
    DocLabels,
    _probe,
    _ProbeIndex,
    _replace,
    agree,
    cluster_claims,
    doc_label,
    event_groups,
    events_compatible,
)
from factcheck.model import Claim, Kind
from factcheck.stories import (
    StoryOptions,
    _candidate_pairs,
    _cosine,
    _token_limit,
    _tokens,
    _unit,
    _within_window,
    glossary_index,
)


def pairwise_clusters(claims: list[Claim]) -> list[Cluster]:
    """Cluster by comparing every pair of claims (the definition cluster_claims must keep)."""
    parent = list(range(len(claims)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in itertools.combinations(range(len(claims)), 2):
        if agree(claims[i], claims[j]):
            parent[root(i)] = root(j)
    groups: dict[int, list[Claim]] = defaultdict(list)
    for i, claim in enumerate(claims):
        groups[root(i)].append(claim)
    clusters = [Cluster(tuple(sorted(g, key=lambda c: (c.path, c.start)))) for g in groups.values()]
    clusters.sort(key=lambda c: (-len(c.paths), -len(c.claims), c.value if c.value is not None else 0.0))
    return clusters


statements = st.tuples(
    st.sampled_from([100.0, 101.0, 1000.0, 1.0e6, 0.0, float("nan")]),
    st.sampled_from([0.0, 0.005, 0.05]),
    st.booleans(),
    st.sampled_from(["eq", "gt", "lt", (90.0, 110.0)]),
)


@settings(max_examples=120, deadline=None)
@given(st.lists(statements, min_size=0, max_size=14))
def test_clusters_equal_those_of_every_pair(specs: list[tuple[float, float, bool, object]]) -> None:
    """Repeated statements, bounds, ranges and NaN cluster exactly as comparing every pair clusters them."""
    claims = [Claim(path=f"{i % 5}.txt", start=i, end=i + 1, quote="x", kind=Kind.COUNT, lang="en", value=value,
                    canonical_value=value, precision=precision, approx=approx, bound=bound)  # type: ignore[arg-type]
              for i, (value, precision, approx, bound) in enumerate(specs)]
    assert [c.claims for c in cluster_claims(claims)] == [c.claims for c in pairwise_clusters(claims)]


def test_a_fact_stated_by_thousands_of_articles_clusters_fast() -> None:
    """Five thousand articles repeating two values make two clusters within a second."""
    claims = [Claim(path=f"{i:05d}.txt", start=0, end=3, quote="100", kind=Kind.COUNT, lang="en",
                    value=100.0 if i % 3 else 200.0, canonical_value=100.0 if i % 3 else 200.0)
              for i in range(5000)]
    started = time.perf_counter()
    clusters = cluster_claims(claims)
    assert time.perf_counter() - started < 1.0
    assert [len(c.claims) for c in clusters] == [3333, 1667]


marks = st.lists(st.tuples(st.sampled_from([None, "first", "second"]), st.sampled_from([None, "past", "future"])),
                 max_size=6)


@settings(max_examples=80, deadline=None)
@given(marks)
def test_one_event_when_every_pair_is_compatible(pairs: list[tuple[str | None, str | None]]) -> None:
    """Claims stay one event when every two of them may be one event; otherwise each lands in one event."""
    claims = [Claim(path=f"{i}.txt", start=0, end=4, quote="2020", kind=Kind.YEAR, lang="en", value=2020.0,
                    qualifiers=tuple((k, v) for k, v in (("sequence", s), ("tense", t)) if v))
              for i, (s, t) in enumerate(pairs)]
    compatible = all(events_compatible([a], [b]) for a, b in itertools.combinations(claims, 2))
    groups = event_groups(claims)
    if compatible:
        assert groups == [claims]
    assert sorted(id(c) for g in groups for c in g) == sorted(id(c) for c in claims)


paths = st.lists(st.from_regex(r"(dir/)?[ab]{1,2}[_ ]?[ab]{0,2}\.(md|txt)", fullmatch=True), max_size=8)


@settings(max_examples=120, deadline=None)
@given(paths)
def test_doc_labels_equal_doc_label(corpus_paths: list[str]) -> None:
    """The indexed labels are those doc_label gives against the whole list of paths."""
    labels = DocLabels(corpus_paths)
    for path in corpus_paths:
        assert labels(path) == doc_label(path, corpus_paths)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.sets(st.sampled_from("abcdefg"), max_size=4),
                          st.one_of(st.none(), st.integers(min_value=0, max_value=200))), max_size=12))
def test_dated_candidate_pairs_are_the_pairs_within_the_window(docs: list[tuple[set[str], int | None]]) -> None:
    """Leaving out pairs published too far apart keeps exactly the pairs that may score above 0."""
    options = StoryOptions(window_days=45, min_token_docs=5)
    vectors = [({"n:" + t: 1.0 for t in tokens}, {}) for tokens, _day in docs]
    dates = [dt.date(2020, 1, 1) + dt.timedelta(days=day) if day is not None else None for _t, day in docs]
    every = _candidate_pairs(vectors, options)
    within = [(i, j) for i, j in every if _within_window(dates[i], dates[j], options.window_days)]
    assert _candidate_pairs(vectors, options, dates) == within


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.dictionaries(st.sampled_from("abcde"), st.booleans(), max_size=4),
                          st.one_of(st.none(), st.integers(min_value=0, max_value=200))), max_size=12))
def test_weakly_held_names_pair_only_with_sure_holders(docs: list[tuple[dict[str, bool], int | None]]) -> None:
    """A name few articles hold surely pairs them with each other and with its weak holders, never weak with weak."""
    options = StoryOptions(window_days=45, min_token_docs=3, max_token_docs=3)
    vectors = [({"g:" + t: 1.0 for t in names}, {}) for names, _day in docs]
    weak = {i: frozenset("g:" + t for t, sure in names.items() if not sure)
            for i, (names, _day) in enumerate(docs) if not all(names.values())}
    dates = [dt.date(2020, 1, 1) + dt.timedelta(days=day) if day is not None else None for _n, day in docs]
    expected: set[tuple[int, int]] = set()
    for name in "abcde":
        sure = [i for i, (names, _day) in enumerate(docs) if names.get(name) is True]
        held = [i for i, (names, _day) in enumerate(docs) if name in names]
        if len(sure) <= _token_limit(len(docs), options):
            expected.update((min(i, j), max(i, j)) for i in sure for j in held
                            if i != j and _within_window(dates[i], dates[j], options.window_days))
    assert _candidate_pairs(vectors, options, dates, weak) == sorted(expected)


weights = st.dictionaries(st.sampled_from([f"t{i}" for i in range(12)]),
                          st.floats(min_value=1e-6, max_value=1.0), max_size=10)


@settings(max_examples=150, deadline=None)
@given(weights, weights)
def test_cosine_sums_shared_tokens_in_token_order(first: dict[str, float], second: dict[str, float]) -> None:
    """The cosine sums the products of shared tokens in token order: the same float whichever vector comes first."""
    expected = 0.0
    for token in sorted(first.keys() & second.keys()):
        expected += first[token] * second[token]
    assert repr(_cosine(first, second)) == repr(expected) == repr(_cosine(second, first))
    unit_a, unit_b = _unit(first), _unit(second)
    assert repr(_cosine(unit_a, unit_b)) == repr(_cosine(unit_b, unit_a))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="ab $年", max_size=4), max_size=8), st.text(alphabet="ab $年", max_size=12),
       st.text(alphabet="ab 年", max_size=6))
def test_probe_index_keeps_the_words_a_substring_test_keeps(words: list[str], text: str, other: str) -> None:
    """The automaton proposes, in order, exactly the words whose probe is a substring of one of the texts."""
    words = [w for w in words if w.rstrip("$").strip() or not w.strip()]  # "$" alone is no cue (no first word)
    expected = [i for i, word in enumerate(words) if _probe(word) in text or _probe(word) in other]
    assert _ProbeIndex(words).hits(text, other) == expected


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="港口码头 노르하운 ab.", max_size=30))
def test_bigrams_counted_at_once_equal_one_by_one(text: str) -> None:
    """Han and Hangul bigrams counted in one pass give the counts, order and floats of adding 1.0 per bigram."""
    expected: dict[str, float] = {}
    for run in re.findall(r"[\u4e00-\u9fff]+", text) + re.findall(r"[\uac00-\ud7a3]+", text):
        for i in range(len(run) - 1):
            expected["b:" + run[i:i + 2]] = expected.get("b:" + run[i:i + 2], 0) + 1.0
    counted = _tokens(text, set(), glossary_index({}), 1.0, set())
    assert list(counted.items()) == list(expected.items())
    assert all(type(v) is float for v in counted.values())


def test_fast_claim_copy_equals_dataclasses_replace() -> None:
    """Copying a claim by position gives what dataclasses.replace gives, and refuses unknown fields alike."""
    claim = Claim(path="a.txt", start=3, end=7, quote="1000", kind=Kind.COUNT, lang="en", value=1000.0,
                  qualifiers=(("scope", "restricted"),), parts=(2020, None, None))
    changes = {"story": "s", "fact": "s/factory", "qualifiers": (), "boilerplate": True}
    assert _replace(claim, **changes) == dataclasses.replace(claim, **changes)
    assert _replace(claim) == claim and _replace(claim) is not claim
    with pytest.raises(TypeError):
        _replace(claim, colour="red")
