"""Incremental runs: the analysis snapshot reuses what an edit leaves alone and gives the report of a fresh run."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from factcheck import engine, ingest
from factcheck.engine import RunConfig, run
from factcheck.incremental import DB_NAME, Spool, StoryResult, StorySummary, _claim_from_row, _claim_to_row
from factcheck.model import Claim, Document, Fact, Finding, Kind, Relative, Severity
from factcheck.report.json import render
from factcheck.rules import load_rules
from factcheck.stories import group_stories, grouping_from_json, grouping_to_json

ARTICLES = {
    "orvane-en.md": ("en", "2021-03-02", "Orvane Motors opens plant in Kestrel Bay",
                     "Orvane Motors opened its Kestrel Bay plant on Monday. The plant cost $120 million and "
                     "employs 1,400 workers, Orvane Motors said. The company was founded in 1998."),
    "orvane-it.md": ("it", "2021-03-02", "Orvane Motors apre lo stabilimento di Kestrel Bay",
                     "Orvane Motors ha aperto lunedì lo stabilimento di Kestrel Bay. L'impianto è costato "
                     "120 milioni di dollari e impiega 1.400 lavoratori. L'azienda è stata fondata nel 1998."),
    "orvane-zh.md": ("zh", "2021-03-03", "Orvane Motors在Kestrel Bay开设工厂",
                     "Orvane Motors周一在Kestrel Bay开设工厂。该工厂耗资1.2亿美元，雇用1400名工人。"
                     "该公司成立于1998年。"),
    "lumetta-en.md": ("en", "2021-03-05", "Lumetta Foods buys Quarrow Dairy",
                      "Lumetta Foods agreed to buy Quarrow Dairy for $45 million. Quarrow Dairy runs 12 farms, "
                      "Lumetta Foods said on Friday."),
    "lumetta-it.md": ("it", "2021-03-05", "Lumetta Foods compra Quarrow Dairy",
                      "Lumetta Foods ha accettato di acquistare Quarrow Dairy per 45 milioni di dollari. "
                      "Quarrow Dairy gestisce 12 fattorie."),
}


def _write(root: Path, name: str, lang: str, date: str, title: str, body: str) -> None:
    (root / name).write_text(f"---\nlang: {lang}\npublished: {date}\ntitle: {title}\n---\n{body}\n", encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, (lang, date, title, body) in ARTICLES.items():
        _write(root, name, lang, date, title, body)
    return root


def _report(root: Path, cache: Path | None) -> str:
    config = RunConfig(paths=[str(root)], jobs=1, use_cache=cache is not None, cache_dir=cache or Path("unused"),
                       reproducible=True)
    return render(run(config))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_rerun_reads_no_unchanged_file(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A second run takes every unchanged file from the snapshot without reading it, with the same report."""
    cache = tmp_path / "cache"
    first = _report(corpus, cache)
    read: list[str] = []
    original = ingest._load

    def spy(candidate: Any, ctx: Any) -> Document:
        read.append(candidate.shown)
        return original(candidate, ctx)

    monkeypatch.setattr(ingest, "_load", spy)
    assert _report(corpus, cache) == first
    assert read == []
    assert (cache / DB_NAME).is_file()


def test_edit_reanalyses_only_its_story(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """After an edit only the edited story is extracted and checked again, and the report is a fresh run's."""
    cache = tmp_path / "cache"
    _report(corpus, cache)
    analysed: list[list[str]] = []
    original = engine._analyse_stories

    def spy(documents: list[Document], *args: Any) -> Any:
        analysed.append(sorted(d.path for d in documents))
        return original(documents, *args)

    monkeypatch.setattr(engine, "_analyse_stories", spy)
    _edit(corpus / "orvane-it.md", "1.400 lavoratori", "1.700 lavoratori")
    incremental = _report(corpus, cache)
    assert len(analysed) == 1
    assert analysed[0] and all("orvane" in path for path in analysed[0])
    assert incremental == _report(corpus, None)
    assert '"observed": 1700' in incremental or '"observed": 1400' in incremental  # the new contradiction


@pytest.mark.parametrize("change", ["append", "new-name", "date", "add-file", "remove-file", "skip-file"])
def test_any_change_gives_the_report_of_a_fresh_run(corpus: Path, tmp_path: Path, change: str) -> None:
    """Whatever changed between two runs, the incremental report equals one made without cache."""
    cache = tmp_path / "cache"
    _report(corpus, cache)
    target = corpus / "orvane-en.md"
    if change == "append":
        target.write_text(target.read_text(encoding="utf-8") + "\nOrvane Motors opened its Kestrel Bay plant.\n",
                          encoding="utf-8")
    elif change == "new-name":
        _edit(target, "said.", "said, and Brannoch Steel will supply 300 tonnes a month.")
    elif change == "date":
        _edit(target, "2021-03-02", "2021-02-20")
    elif change == "add-file":
        _write(corpus, "lumetta-zh.md", "zh", "2021-03-06", "Lumetta Foods收购Quarrow Dairy",
               "Lumetta Foods同意以4500万美元收购Quarrow Dairy。Quarrow Dairy经营21个农场。")
    elif change == "remove-file":
        (corpus / "orvane-it.md").unlink()
    else:
        target.write_bytes(b"\x00\x01binary\x00")
    assert _report(corpus, cache) == _report(corpus, None)


def test_damaged_snapshot_is_ignored(corpus: Path, tmp_path: Path) -> None:
    """A snapshot that is not a database, or holds rows of another shape, costs a full analysis, never the run."""
    cache = tmp_path / "cache"
    fresh = _report(corpus, None)
    _report(corpus, cache)
    with sqlite3.connect(cache / DB_NAME) as connection:
        connection.execute("UPDATE stories SET summary = '{\"claims\": [[1, 2]]}', claims = x'00'")
        connection.execute("UPDATE documents SET doc = '[1]'")
    assert _report(corpus, cache) == fresh
    (cache / DB_NAME).write_bytes(b"this is not sqlite" * 100)
    assert _report(corpus, cache) == fresh


def test_other_settings_do_not_reuse_the_snapshot(corpus: Path, tmp_path: Path) -> None:
    """A run with other check severities analyses anew instead of reporting the earlier severities."""
    cache = tmp_path / "cache"
    _edit(corpus / "orvane-it.md", "1.400 lavoratori", "1.700 lavoratori")
    _report(corpus, cache)
    config = RunConfig(paths=[str(corpus)], jobs=1, cache_dir=cache, severities={"fact-agreement": "warning"})
    report = run(config)
    agreement = [f for f in report.findings if f.check == "fact-agreement"]
    assert agreement and all(f.severity is Severity.WARNING for f in agreement)


class _Rows:
    """Stored grouping rows served from a record, counting what is read."""

    def __init__(self, record: Any) -> None:
        self._vectors, self._holders = record.vectors, record.holders
        self.read = 0

    def vectors(self, positions: Any) -> dict[int, bytes]:
        self.read += len(positions)
        return {i: self._vectors[i] for i in positions if i in self._vectors}

    def holders(self, tokens: Any) -> dict[str, bytes]:
        return {t: self._holders[t] for t in tokens if t in self._holders}


def _documents(corpus: Path) -> list[Document]:
    return ingest.load_corpus([str(corpus)], ruleset=load_rules(["default"])).documents


@pytest.mark.parametrize("edit", [
    ("orvane-en.md", "said.", "said. Orvane Motors said so again."),     # new lowercase words
    ("orvane-en.md", "said.", "said. Orvane Motors said."),               # counts move, names stay
    ("orvane-it.md", "1.400", "1.500"),                                    # only a number
    ("lumetta-en.md", "Friday.", "Friday, citing Tarrow Capital."),        # a new name
    ("lumetta-en.md", "Lumetta Foods said", "it said"),                    # a name less
    ("orvane-zh.md", "Orvane Motors周一", "Orvane Motors和Kestrel Bay周一"),  # CJK text, names move
])
def test_grouping_update_equals_grouping_anew(corpus: Path, edit: tuple[str, str, str]) -> None:
    """Updating the grouping figures after an edit gives the same figures and stories as grouping anew."""
    rules = load_rules(["default"])
    before = _documents(corpus)
    _stories, state = group_stories(before, rules)
    record = grouping_to_json(state)
    assert record is not None and record.complete and len(record.vectors) == len(before)
    rows = _Rows(record)
    state = grouping_from_json(record.figures, rows)
    name, old, new = edit
    _edit(corpus / name, old, new)
    after = [dataclasses.replace(d, text=d.text.replace(old, new)) if d.path.endswith(name) else d for d in before]
    changed = {d.path for d in after if d.path.endswith(name)}
    updated, state = group_stories(after, rules, state=state, previous={d.path: d for d in before}, changed=changed)
    anew, fresh = group_stories(after, rules)
    assert updated == anew
    assert state.similar == fresh.similar and state.vectors == fresh.vectors and state.df == fresh.df
    again = grouping_to_json(state)
    assert again is not None and not again.complete  # updated in place: only re-weighed articles are stored
    assert 0 < len(again.vectors) <= len(after)
    assert rows.read < len(after) or len(after) < 6  # read back only what the edit touches


def test_grouping_record_rows_go_by_file_unchanged(corpus: Path) -> None:
    """A grouping record spooled to a file and adopted back yields the same rows, and the file is gone from disk."""
    _stories, state = group_stories(_documents(corpus), load_rules(["default"]))
    record = grouping_to_json(state)
    assert record is not None
    vectors, holders = list(record.vector_rows()), list(record.holder_rows())
    assert vectors and holders
    path = record.spool()
    assert not record.vectors and not record.holders
    record.adopt(path)
    assert not Path(path).exists()
    assert list(record.vector_rows()) == vectors and list(record.holder_rows()) == holders
    assert list(record.vector_rows()) == vectors  # read again from the start
    record.close()


def test_story_result_round_trip() -> None:
    """A story's claims, facts and findings come back equal from the snapshot, citing the same claim objects."""
    relative = Relative("12 anni fa", "year", -12, "2020-04-07", "2008")
    claims = [
        Claim(path="a.md", start=3, end=8, quote="1.000", kind=Kind.COUNT, lang="it", value=1000.0, id="c1",
              bound=(950.0, 1050.0), qualifiers=(("scope", "Torino"),), parts=None, story="s", fact="s/factory"),
        Claim(path="a.md", start=20, end=30, quote="12 anni fa", kind=Kind.YEAR, lang="it", value=2008.0, id="c2",
              relative=relative, parts=(2008, None, None), canonical_value="2008", story="s"),
    ]
    fact = Fact("s/factory", "s", (claims[0],), 1000.0, "factories")
    finding = Finding(check="fact-agreement", severity=Severity.ERROR, message="m", claims=tuple(claims),
                      expected=1000, observed=[1, 2], story="s")
    result = StoryResult(("a.md",), claims, [fact], [finding], [])
    back = StoryResult.decode(*result.encode())
    assert back.claims == claims and back.facts == [fact] and back.findings == [finding]
    assert back.findings[0].claims[0] is back.claims[0] and back.facts[0].claims[0] is back.claims[0]
    summary = result.summary()
    assert summary.counts == (2,) and summary.cited == {0: claims[0], 1: claims[1]}
    assert summary.facts() == [("s/factory", "s", [0], 1000.0, "factories")] and summary.findings == [finding]
    assert summary.findings[0].claims[0] is summary.cited[0]
    stored = summary.stored
    assert stored is not None
    again = StorySummary.decode(*stored)
    assert (again.counts, again.cited, again.facts(), again.findings) == (
        summary.counts, summary.cited, summary.facts(), summary.findings)
    spool = Spool()
    spool.put("s", summary)
    spool.put("t", StoryResult(("b.md",)).summary())
    assert summary.stored is None and "s" in spool and spool.get("s") == stored
    assert StoryResult.decode(*spool.get("s")) == back
    spool.close()
    for claim in claims:
        assert _claim_from_row(_claim_to_row(claim)) == claim


def test_snapshot_keeps_publication_dates(corpus: Path, tmp_path: Path) -> None:
    """Documents taken from the snapshot keep their dates and metadata exactly."""
    cache = tmp_path / "cache"
    config = RunConfig(paths=[str(corpus)], jobs=1, cache_dir=cache)
    first = run(config)
    second = run(config)
    assert [d for d in second.documents] == [d for d in first.documents]
    assert {d.published for d in second.documents} == {dt.date(2021, 3, 2), dt.date(2021, 3, 3), dt.date(2021, 3, 5)}


def test_grouping_update_survives_random_edits(tmp_path: Path) -> None:
    """Random edits of a synthetic corpus (new words, new names, deleted lines) keep every grouping figure exact."""
    import random
    import re

    from factcheck.synth import generate_corpus

    generate_corpus(tmp_path / "synth", 80, seed=5)
    rules = load_rules(["default"])
    documents = list(ingest.load_corpus([str(tmp_path / "synth")], ruleset=rules).documents)
    _stories, state = group_stories(documents, rules)
    stored = grouping_to_json(state)
    assert stored is not None
    vectors, holders = dict(stored.vectors), dict(stored.holders)
    words = sorted({w for d in documents for w in re.findall(r"\w+", d.text[d.body_start:])})
    rnd = random.Random(11)
    for trial in range(12):
        previous = {d.path: d for d in documents}
        for i in rnd.sample(range(len(documents)), rnd.randint(1, 3)):
            text = documents[i].text
            edit = trial % 4
            if edit == 0:
                text += "\n" + " ".join(rnd.choice(words) for _ in range(6)) + ".\n"
            elif edit == 1:
                text += "\n" + " ".join(rnd.choice(words).capitalize() for _ in range(3)) + " said.\n"
            elif edit == 2:
                lines = text.splitlines()
                del lines[-1]
                text = "\n".join(lines) + "\n"
            else:
                text += f"\nZorvex{trial} Qualtro and {rnd.choice(words).lower()} grew.\n"
            documents[i] = dataclasses.replace(documents[i], text=text)
        changed = {d.path for d in documents if previous[d.path] is not d}
        # as a new run would: the state read back from what the last one stored
        state = grouping_from_json(stored.figures, _Rows(stored))
        updated, state = group_stories(documents, rules, state=state, previous=previous, changed=changed)
        anew, fresh = group_stories(documents, rules)
        assert updated == anew
        assert (state.vectors, state.similar, state.df, state.candidates, state.names) == \
            (fresh.vectors, fresh.similar, fresh.df, fresh.candidates, fresh.names)
        record = grouping_to_json(state)
        assert record is not None and not record.complete
        vectors.update(record.vectors)
        for token, packed in record.holders.items():
            if packed:
                holders[token] = packed
            else:
                holders.pop(token, None)
        stored = dataclasses.replace(record, vectors=vectors, holders=holders)
        assert holders == grouping_to_json(fresh).holders  # type: ignore[union-attr]
