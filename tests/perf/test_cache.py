"""The incremental claim cache: exact round trips, keys, damaged entries."""

from __future__ import annotations

import datetime as dt
import sqlite3
import zlib
from pathlib import Path

import pytest

from factcheck.cache import (
    ClaimCache,
    claim_from_dict,
    claim_from_row,
    claim_to_row,
    clear_cache,
    encode_entry,
    finding_from_dict,
)
from factcheck.model import Claim, Document, Finding, Kind, Relative, Severity

TEXT = "---\nlang: it\n---\nIl gruppo ha aperto 1.000 fabbriche e investito 3,4 milioni di euro 12 anni fa.\n"


def _doc(text: str = TEXT, path: str = "a/it.md") -> Document:
    return Document(path=path, text=text, lang="it", published=dt.date(2020, 4, 7))


def _claims() -> list[Claim]:
    start = TEXT.index("1.000 fabbriche")
    money = TEXT.index("3,4 milioni di euro")
    ago = TEXT.index("12 anni fa")
    return [
        Claim(path="a/it.md", start=start, end=start + 15, quote="1.000 fabbriche", kind=Kind.COUNT, lang="it",
              value=1000.0, unit="factory", canonical_value=1000.0, bound=(950.0, 1050.0), precision=0.0005,
              qualifiers=(("scope", "Torino"), ("period", "2019")), sentence="Il gruppo ha aperto 1.000 fabbriche",
              sentence_start=17, concept="factory", parts=None),
        Claim(path="a/it.md", start=money, end=money + 19, quote="3,4 milioni di euro", kind=Kind.MONEY, lang="it",
              value=3_400_000.0, unit="EUR", canonical_value=3_400_000.0, canonical_unit="EUR", approx=True,
              bound="gt", note="EUR at 1.0", rate_date="2020-04-07"),
        Claim(path="a/it.md", start=ago, end=ago + 10, quote="12 anni fa", kind=Kind.YEAR, lang="it", value=2008.0,
              canonical_value="2008", relative=Relative("12 anni fa", "year", -12, "2020-04-07", "2008"),
              parts=(2008, None, None), event="founded"),
    ]


def _findings(claims: list[Claim]) -> list[Finding]:
    outside = Claim(path="b.md", start=0, end=1, quote="7", kind=Kind.COUNT, lang="en", value=7.0)
    return [Finding(check="fx-rate", severity=Severity.WARNING, message="no rate", claims=(claims[1], outside),
                    expected=[1, 2], observed={"value": 3.4}, explanation="x", line=3, column=4)]


def test_row_round_trip_is_exact() -> None:
    """Every claim field, including relative times and range bounds, survives encoding unchanged."""
    for claim in _claims():
        assert claim_from_row(claim_to_row(claim)) == claim


def test_claim_from_dict_reads_report_json() -> None:
    """A claim rebuilt from its report JSON equals the original except fields the JSON leaves out."""
    for claim in _claims():
        rebuilt = claim_from_dict(claim.to_dict())
        assert rebuilt == Claim(**{**{n: getattr(claim, n) for n in claim.__slots__}, "sentence_start": 0})
        assert isinstance(rebuilt.bound, tuple | str)


def test_finding_from_dict_resolves_claim_ids() -> None:
    """Finding JSON cites claim ids; rebuilding looks them up."""
    claims = [c for c in _claims()]
    by_id = {f"c{i}": c for i, c in enumerate(claims)}
    finding = Finding(check="fact-agreement", severity=Severity.ERROR, message="m", claims=(claims[0], claims[2]),
                      fact="factory", expected=1000, observed=100)
    data = {**finding.to_dict(), "claims": ["c0", "c2"]}
    rebuilt = finding_from_dict(data, by_id)
    assert rebuilt.claims == (claims[0], claims[2])
    assert rebuilt.severity is Severity.ERROR and rebuilt.expected == 1000


def test_put_get_round_trip(tmp_path: Path) -> None:
    """What is put for a document comes back equal, and findings cite the same claim objects."""
    claims = _claims()
    findings = _findings(claims)
    with ClaimCache(tmp_path, "rules1", "0.1.0") as cache:
        assert cache.get(_doc()) is None
        cache.put(_doc(), claims, findings)
        got = cache.get(_doc())
    assert got is not None
    got_claims, got_findings = got
    assert got_claims == claims
    assert got_findings == findings
    assert got_findings[0].claims[0] is got_claims[1]


def test_cached_claims_share_repeated_texts(tmp_path: Path) -> None:
    """Claims read back from the cache hold one object per path, language and sentence text."""
    claims = _claims()
    claims.append(Claim(path="a/it.md", start=claims[0].start, end=claims[0].start + 5, quote="1.000",
                        kind=Kind.COUNT, lang="it", value=1000.0, sentence="Il gruppo ha aperto 1.000 fabbriche"))
    with ClaimCache(tmp_path, "rules1", "0.1.0") as cache:
        cache.put(_doc(), claims, [])
        got = cache.get(_doc())
    assert got is not None
    back = got[0]
    assert back == claims
    assert len({id(c.path) for c in back}) == 1 and len({id(c.lang) for c in back}) == 1
    assert back[0].sentence is back[3].sentence


def test_entry_encoded_elsewhere_reads_back_like_put(tmp_path: Path) -> None:
    """An entry encoded apart (as an extraction worker would) and stored with put_encoded reads back as put's."""
    claims = _claims()
    findings = _findings(claims)
    payload = encode_entry(claims, findings)
    with ClaimCache(tmp_path, "rules1", "0.1.0") as cache:
        cache.put_encoded(_doc(), payload)
        got = cache.get(_doc())
    assert got == (claims, findings)
    assert got is not None and got[1][0].claims[0] is got[0][1]


def test_entries_survive_reopening(tmp_path: Path) -> None:
    """A cache dropped without close still has its entries when opened by the next run."""
    cache = ClaimCache(tmp_path, "rules1", "0.1.0")
    cache.put(_doc(), _claims(), [])
    del cache
    again = ClaimCache(tmp_path, "rules1", "0.1.0")
    assert again.get(_doc()) == (_claims(), [])
    again.close()


def test_key_changes_with_rules_version_content_and_metadata(tmp_path: Path) -> None:
    """Changing the rule packs, the version, the text or the publication date misses the cache."""
    with ClaimCache(tmp_path, "rules1", "0.1.0") as cache:
        cache.put(_doc(), _claims(), [])
        assert cache.get(_doc()) is not None
        assert cache.get(_doc(TEXT + "\n")) is None
        assert cache.get(Document(path="a/it.md", text=TEXT, lang="it", published=dt.date(2021, 1, 1))) is None
        assert cache.get(_doc(path="b/it.md")) is None
    with ClaimCache(tmp_path, "rules2", "0.1.0") as other_rules:
        assert other_rules.get(_doc()) is None
    with ClaimCache(tmp_path, "rules1", "0.2.0") as other_version:
        assert other_version.get(_doc()) is None
    with ClaimCache(tmp_path, "rules1", "0.1.0", extra="rates-v2") as other_rates:
        assert other_rates.get(_doc()) is None


@pytest.mark.parametrize("damage", [
    b"not compressed at all",
    zlib.compress(b'[[["not", "a claim"]], []]'),
    zlib.compress(b'{"truncated": '),
    zlib.compress(b'[[], [["fx-rate", "bogus-severity"]]]'),
])
def test_corrupted_entry_is_a_miss(tmp_path: Path, damage: bytes) -> None:
    """An entry whose data is damaged is ignored and dropped, not fatal."""
    with ClaimCache(tmp_path, "r", "v") as cache:
        cache.put(_doc(), _claims(), [])
        key = cache.key(_doc())
    with sqlite3.connect(tmp_path / "claims.sqlite3") as db:
        db.execute("UPDATE entries SET data = ? WHERE key = ?", (damage, key))
    with ClaimCache(tmp_path, "r", "v") as cache:
        assert cache.get(_doc()) is None
        assert len(cache) == 0
        cache.put(_doc(), _claims(), [])
        assert cache.get(_doc()) == (_claims(), [])


def test_corrupted_database_is_replaced(tmp_path: Path) -> None:
    """A database file that is not SQLite at all is thrown away and the cache still works."""
    (tmp_path / "claims.sqlite3").write_bytes(b"garbage" * 100)
    with ClaimCache(tmp_path, "r", "v") as cache:
        assert cache.get(_doc()) is None
        cache.put(_doc(), _claims(), [])
        assert cache.get(_doc()) == (_claims(), [])


def test_clear_and_prune(tmp_path: Path) -> None:
    """clear() empties the cache, prune() keeps only the given documents, clear_cache removes the directory."""
    with ClaimCache(tmp_path / "c", "r", "v") as cache:
        cache.put(_doc(), _claims(), [])
        cache.put(_doc(path="other.md"), [], [])
        assert len(cache) == 2
        assert cache.prune([_doc()]) == 1
        assert cache.get(_doc()) is not None
        cache.clear()
        assert len(cache) == 0
    assert clear_cache(tmp_path / "c") is True
    assert not (tmp_path / "c").exists()
    assert clear_cache(tmp_path / "c") is False
