"""The Claim contract across process boundaries: pickling keeps every field and shares repeated texts."""

from __future__ import annotations

import copy
import dataclasses
import pickle

from factcheck.model import Claim, Kind, Relative

SENTENCE = "Il gruppo investirà 4,6 miliardi di yuan e creerà 1.800 posti di lavoro entro il 2026."


def _claims() -> list[Claim]:
    """Two claims of one sentence with every kind of field set, as extraction workers return them."""
    money = Claim(path="it.md", start=20, end=44, quote="4,6 miliardi di yuan", kind=Kind.MONEY, lang="it",
                  value=4.6e9, unit="CNY", canonical_value=5.9e8, canonical_unit="EUR", approx=True,
                  bound=(4.5e9, 4.7e9), relative=Relative("entro il 2026", "year", 2, "2024-03-12", "2026"),
                  precision=0.05, sentence="".join(SENTENCE), sentence_start=0, concept="investment",
                  qualifiers=(("scope", "group"),), note="ECB 2024-03-12", rate_date="2024-03-12",
                  parts=(2026, None, None), event="deadline")
    jobs = Claim(path="it.md", start=54, end=59, quote="".join("1.800"), kind=Kind.COUNT, lang="it",
                 value=1800.0, unit="job", sentence="".join(SENTENCE))
    return [money, jobs]


def test_pickled_claims_are_equal_field_by_field() -> None:
    """A pickled and unpickled claim equals the original in every field, tuples and enums included."""
    for claim in _claims():
        back = pickle.loads(pickle.dumps(claim, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == claim
        assert dataclasses.astuple(back) == dataclasses.astuple(claim)
        assert back.kind is claim.kind and isinstance(back.bound, type(claim.bound))


def test_unpickled_claims_share_their_sentence_and_quote() -> None:
    """Claims unpickled from separate payloads hold one sentence object and one object per quote text."""
    first, second = (pickle.loads(pickle.dumps(c)) for c in _claims())
    again = pickle.loads(pickle.dumps(_claims()[1]))
    assert first.sentence is second.sentence
    assert again.quote is second.quote


def test_copies_and_replace_keep_the_contract() -> None:
    """copy, deepcopy and dataclasses.replace still give equal frozen claims."""
    claim = _claims()[0]
    assert copy.copy(claim) == claim and copy.deepcopy(claim) == claim
    moved = dataclasses.replace(pickle.loads(pickle.dumps(claim)), id="c7")
    assert moved.id == "c7" and moved.quote == claim.quote
