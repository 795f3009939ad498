"""The seeded synthetic corpus generator used by the benchmarks."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

import yaml

from factcheck.synth import LANGUAGES, GroundTruth, generate_corpus


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.iterdir()):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def test_same_seed_same_bytes_other_seed_other_corpus(tmp_path: Path) -> None:
    """A seed fixes every byte of the corpus; another seed gives another corpus."""
    generate_corpus(tmp_path / "a", 120, seed=3)
    generate_corpus(tmp_path / "b", 120, seed=3)
    generate_corpus(tmp_path / "c", 120, seed=4)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")


def test_corpus_shape(tmp_path: Path) -> None:
    """The corpus has the asked number of articles, stories of 2 to 8, four languages and no story front matter."""
    truth = generate_corpus(tmp_path, 400, seed=1)
    articles = sorted(tmp_path.glob("*.md"))
    assert len(articles) == 400
    sizes = [len(s.articles) for s in truth.stories.values()]
    assert min(sizes) >= 2 and max(sizes) <= 8
    assert sum(sizes) == 400
    langs = Counter(p.stem.split("-")[1] for p in articles)
    assert set(langs) == set(LANGUAGES)
    for path in articles[:50]:
        text = path.read_text(encoding="utf-8")
        head = yaml.safe_load(text.split("---\n")[1])
        assert set(head) == {"lang", "published", "title"}
    assert any(s.distractor_of for s in truth.stories.values())


def test_planted_contradictions_point_at_their_quote(tmp_path: Path) -> None:
    """Each planted contradiction's offsets select its quote in its file, and its value differs from the truth."""
    truth = generate_corpus(tmp_path, 300, seed=2)
    assert truth.contradictions
    for planted in truth.contradictions:
        text = (tmp_path / planted.path).read_text(encoding="utf-8")
        assert text[planted.start:planted.end] == planted.quote
        assert planted.wrong_value != planted.right_value
        assert len(planted.others) >= 2
        assert planted.path in truth.stories[planted.story].articles
    loaded = GroundTruth.load(tmp_path / "ground_truth.json")
    assert loaded.contradictions == truth.contradictions


def test_language_number_styles_and_footers(tmp_path: Path) -> None:
    """Articles write numbers the way their language does and carry related-reading footers."""
    generate_corpus(tmp_path, 400, seed=5)
    texts = {lang: "".join(p.read_text(encoding="utf-8") for p in tmp_path.glob(f"*-{lang}.md")) for lang in LANGUAGES}
    assert re.search(r"\d+(?:\.\d{3})+ (?:fabbriche|dipendenti|posti di lavoro|metri quadrati)", texts["it"])
    assert re.search(r"\d+(?:,\d+)? (?:milioni|miliardi) di ", texts["it"])
    assert re.search(r"\d+(?:\.\d+)?[万亿](?:元|美元|欧元|韩元|名员工|平方米|吨)", texts["zh"])
    assert re.search(r"\d+[억만]\S* (?:원|달러|위안|유로)", texts["ko"])
    assert re.search(r"\$\d+(?:\.\d+)? (?:million|billion)", texts["en"])
    assert re.search(r"\d{1,3}(?:,\d{3})+ (?:jobs|employees|stores|factories|tonnes)", texts["en"])
    for lang, marker in (("en", "Read more:"), ("it", "Leggi anche:"), ("zh", "延伸阅读"), ("ko", "더보기")):
        assert marker in texts[lang]


def test_glossary_manifest_names_cjk_forms(tmp_path: Path) -> None:
    """Companies written only in Han or Hangul get a glossary entry in manifest.yaml."""
    truth = generate_corpus(tmp_path, 200, seed=6)
    manifest = yaml.safe_load((tmp_path / "manifest.yaml").read_text(encoding="utf-8"))
    assert manifest["glossary"] == truth.glossary
    assert truth.glossary
    name, (han, hangul) = next(iter(truth.glossary.items()))
    assert re.fullmatch(r"[A-Z][a-z]+", name)
    assert re.fullmatch(r"[\u4e00-\u9fff]+", han) and re.fullmatch(r"[\uac00-\ud7a3]+", hangul)
