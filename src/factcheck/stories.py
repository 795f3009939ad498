"""Stories: which articles report the same event, so their claims may be compared.

Front matter ``story:`` (``Document.story``) wins: such articles keep their
story, and two declared stories never merge.  The other articles are grouped
automatically, and may join a declared story they resemble:

- salient names: Latin-script names (which recur in Chinese and Korean text
  too), names the glossary links across scripts (``Alibaba: [阿里巴巴, 알리바바]``
  makes one token of the three), and character bigrams of Han and Hangul text
  (same-script articles);
- weighted by rarity across the corpus (TF-IDF: a name in every article says
  little) and compared by cosine similarity, the title counting double;
- a publication-date window: an article of 2026 is not the same story as one
  of 2020 naming the same company;
- articles are merged into stories by average linkage above a similarity
  threshold (one shared name in a footer does not chain two stories), each
  named after its most salient shared name and month.

Han and Hangul have no word boundaries, so a glossary alias may sit inside a
longer name (米兰 in 米兰达, 펠사 in 펠사란시, 佩萨 in 卡佩萨市): among overlapping
alias matches the longest wins (unless only a shorter one ends a name), and a
match followed by more characters of its script that are not a known suffix
or particle (市, 集团, 的, 시, 그룹, 에서...; in Korean they must close the word),
or glued after a character that is no word standing before names (在, 由...
``name_prefix_markers``; in Korean, any), counts only as weak evidence.  A
name an article holds only weakly neither dilutes the names it surely holds
nor makes the name look common: a name's share of the corpus, which decides
whether it proposes pairs, counts the articles holding it surely.  Names of
the place termbase (``rules/places.yaml``) count as supporting evidence only:
two articles sharing nothing but places are usually two stories in one city,
so such a pair stays below the threshold.
"""

from __future__ import annotations

import array
import bisect
import datetime as dt
import functools
import importlib
import itertools
import json
import math
import re
import sys
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO, Protocol, TypeVar, overload

from factcheck.model import Claim, Document, Status
from factcheck.rules import RuleSet, shipped_packs
from factcheck.workers import fork_server_context

try:
    import ahocorasick
except ImportError:  # pragma: no cover - without it every entry's pattern runs on every text
    ahocorasick = None

__all__ = [
    "GlossaryIndex",
    "GroupingRecord",
    "GroupingRows",
    "StoryOptions",
    "assign_stories",
    "compact_grouping",
    "glossary_index",
    "glossary_patterns",
    "group_stories",
    "grouping_from_json",
    "grouping_to_json",
    "latin_names",
    "latin_tokens",
    "similarity_matrix",
]

_LATIN_NAME = re.compile(r"(?<![A-Za-zÀ-ÿ0-9])[A-Z][A-Za-zÀ-ÿ0-9'’.&-]*[A-Za-zÀ-ÿ0-9]")
# what precedes a sentence-initial word: a capital there may be a common word
_SENTENCE_START = re.compile(r"(?:^|[.!?。！？:;»«“”\"\n(\[–—-])\s*$")
_LOWER_WORD = re.compile(r"(?<![\w])[a-zà-ÿ][\w'-]*")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]+")
_POSSESSIVE = re.compile(r"['’]s$")

# What may directly follow a Han or Hangul name without making it part of a
# longer name: administrative and corporate suffixes, particles, and the
# function words and reporting verbs that open a Chinese clause.
CJK_NAME_SUFFIXES: tuple[str, ...] = (
    # zh: suffixes
    "市", "省", "县", "区", "州", "港", "镇", "村", "湾", "岛", "集团", "公司", "控股", "股份", "银行", "大学",
    "政府", "总部", "旗下", "方面",
    # zh: what a company name is made of after its brand (米齐食品, 夸桑物流)
    "食品", "物流", "科技", "电子", "汽车", "能源", "新能源", "航空", "实业", "产业", "工业", "制药", "医药", "化工",
    "地产", "传媒", "网络", "通信", "电气", "机械", "钢铁", "纺织", "商贸", "贸易", "零售", "酒店", "物产", "农业",
    # zh: particles, conjunctions, prepositions, adverbs
    "的", "在", "和", "与", "及", "或", "是", "将", "已", "于", "对", "为", "从", "向", "把", "被", "也", "还", "都",
    "等", "则", "就", "并", "又", "曾", "正", "再", "今", "近", "去", "明", "本", "此", "人",
    # zh: reporting and event verbs that follow a subject
    "宣布", "表示", "称", "说", "发布", "推出", "启动", "成立", "计划", "预计", "投资", "开设", "打造", "建设",
    # ko: suffixes
    "시", "도", "군", "구", "항", "성", "그룹", "회사", "은행", "대학", "정부", "측",
    # ko: what a company name is made of after its brand (콰산물류, 미지식품)
    "물류", "산업", "전자", "식품", "자동차", "에너지", "항공", "제약", "화학", "건설", "통신", "증권", "홀딩스",
    "코리아", "테크", "기술", "유통", "중공업", "철강", "섬유", "무역", "호텔", "농업",
    # ko: particles
    "은", "는", "이", "가", "을", "를", "에", "의", "와", "과", "로", "으로", "에서", "에게", "까지", "부터", "만",
    "처럼", "보다", "과의", "와의", "하고", "이나", "나",
)
# the Hangul suffixes and particles by their first syllable
_HANGUL_SUFFIXES: dict[str, tuple[str, ...]] = {}
for _suffix in CJK_NAME_SUFFIXES:
    if _HANGUL.fullmatch(_suffix):
        _HANGUL_SUFFIXES[_suffix[0]] = (*_HANGUL_SUFFIXES.get(_suffix[0], ()), _suffix)
_R = TypeVar("_R")
# a match followed by an unknown continuation of its script weighs this much
WEAK_MATCH_WEIGHT = 0.25


@dataclass(frozen=True)
class StoryOptions:
    """Tuning of automatic story grouping.

    Attributes:
        threshold: cosine similarity above which two articles are linked.
        window_days: the largest gap between publication dates of one story.
        decay_days: the date gap that halves the similarity of two articles.
        bigram_weight: weight of Han/Hangul character bigram similarity against name similarity.
        title_weight: how much a token of the title counts against one of the body.
        max_token_share: tokens in more than this share of the articles do not propose pairs.
        min_token_docs: ... unless they are in at most this many articles (small corpora compare all).
        max_token_docs: tokens in more than this many articles never propose pairs: a story is a few dozen
            articles at most, so such a token names a subject, not an event, and pairing its articles
            would make grouping quadratic on archives.
        place_support_days: two articles sharing only place names link only when published at most this many
            days apart (translations of one report): a place is the setting of many stories.
    """

    threshold: float = 0.15
    window_days: int = 45
    decay_days: float = 7.0
    bigram_weight: float = 0.5
    title_weight: float = 2.0
    max_token_share: float = 0.05
    min_token_docs: int = 50
    max_token_docs: int = 100
    place_support_days: int = 1


def _visible_text(doc: Document) -> str:
    """Return the article body with boilerplate blanked out (offsets kept)."""
    text = doc.text
    chars = list(text)
    for start, end in doc.boilerplate:
        for i in range(max(start, 0), min(end, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    for i in range(min(doc.body_start, len(chars))):
        chars[i] = " "
    return "".join(chars)


def glossary_patterns(glossary: Mapping[str, Sequence[str]]) -> list[tuple[str, re.Pattern[str]]]:
    """Compile one pattern per glossary entry matching its name and every alias."""
    return list(glossary_index(glossary).patterns)


def _entry_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """Compile the pattern of one glossary entry from its names (longest first), or None when all are blank."""
    parts = []
    for name in names:
        if not name.strip():
            continue
        escaped = re.escape(name)
        if name.isascii():
            parts.append(r"(?<![\w])" + escaped + r"(?![a-z])")
        else:
            parts.append(escaped)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


# re.IGNORECASE compares characters by their simple lower case, plus a few
# equivalences (ſ and s, ς and σ...): mapping both the aliases and the text to
# one representative of each class makes a substring search find at least
# every place a pattern can match.  str.lower() differs from the simple lower
# case only for U+0130 (İ -> i + combining dot), mapped to "i" beforehand.
_CASE_CLASSES: dict[int, str] = {}
try:
    _casefix: Any = importlib.import_module("re._casefix")
    for _char, _others in _casefix._EXTRA_CASES.items():
        if min(_char, *_others) != _char:
            _CASE_CLASSES[_char] = chr(min(_char, *_others))
except (ImportError, AttributeError):  # pragma: no cover - the table moved: lower case alone still finds ASCII and CJK names
    pass
# most texts hold none of the characters to map: one search spares the (slow, non-ASCII) translate
_UNFOLDED = re.compile("[" + "".join(re.escape(chr(c)) for c in _CASE_CLASSES) + "]") if _CASE_CLASSES else None


def _fold(text: str) -> str:
    """Return ``text`` in the case-insensitive form the glossary automaton searches."""
    lowered = text.replace("\u0130", "i").lower()
    if _UNFOLDED is not None and _UNFOLDED.search(lowered):
        lowered = lowered.translate(_CASE_CLASSES)
    return lowered


class GlossaryIndex:
    """The glossary compiled once: a pattern per entry, and one automaton finding which entries a text may hold.

    Looking every entry's pattern up in every text is quadratic once a
    glossary has hundreds of names; one Aho-Corasick pass over the
    case-folded text proposes the few entries whose aliases occur, and only
    their patterns run, so the matches are exactly those of the patterns.
    """

    def __init__(self, glossary: Mapping[str, Sequence[str]]) -> None:
        """Index the names of ``glossary`` in the automaton; each entry's pattern compiles when first needed."""
        entries: list[tuple[str, tuple[str, ...]]] = []
        owners: dict[str, set[int]] = defaultdict(set)
        for canonical, aliases in glossary.items():
            names = tuple(n for n in sorted({str(canonical), *(str(a) for a in aliases or [])}, key=len, reverse=True)
                          if n.strip())
            if not names:
                continue
            for name in names:
                owners[_fold(name)].add(len(entries))
            entries.append((str(canonical), names))
        self.patterns = _EntryPatterns(entries)
        self._automaton: Any = None
        if owners and ahocorasick is not None:
            automaton = ahocorasick.Automaton()
            for key, indexes in owners.items():
                automaton.add_word(key, tuple(sorted(indexes)))
            automaton.make_automaton()
            self._automaton = automaton

    def candidate_indexes(self, text: str) -> set[int]:
        """Return the positions in ``patterns`` of the entries whose aliases may occur in ``text``."""
        if self._automaton is None:
            return set(range(len(self.patterns)))
        found: set[int] = set()
        for _end, indexes in self._automaton.iter(_fold(text)):
            found.update(indexes)
        return found

    def candidates(self, text: str) -> list[tuple[str, re.Pattern[str]]]:
        """Return the entries whose aliases may occur in ``text`` (a superset of those matching), in glossary order."""
        return [self.patterns[i] for i in sorted(self.candidate_indexes(text))]


class _EntryPatterns(Sequence[tuple[str, "re.Pattern[str]"]]):
    """(canonical name, pattern) per glossary entry, each compiled on first use.

    A run looks up the few entries the automaton proposes; compiling the
    pattern of every entry of a large termbase up front would cost more than
    the look-ups.
    """

    def __init__(self, entries: Sequence[tuple[str, tuple[str, ...]]]) -> None:
        self._entries = entries
        self._compiled: dict[int, tuple[str, re.Pattern[str]]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> tuple[str, re.Pattern[str]]: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[tuple[str, re.Pattern[str]]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._entries)
        found = self._compiled.get(index)
        if found is None:
            canonical, names = self._entries[index]
            pattern = _entry_pattern(names)
            assert pattern is not None  # entries hold at least one non-blank name
            found = self._compiled[index] = (canonical, pattern)
        return found


_GLOSSARY_CACHE: dict[str, GlossaryIndex] = {}


def glossary_index(glossary: Mapping[str, Sequence[str]]) -> GlossaryIndex:
    """Return the compiled index of a glossary, built once per content (a run compiles its glossary once)."""
    key = repr(list(glossary.items()))
    cached = _GLOSSARY_CACHE.get(key)
    if cached is None:
        if len(_GLOSSARY_CACHE) > 16:
            _GLOSSARY_CACHE.clear()
        cached = _GLOSSARY_CACHE[key] = GlossaryIndex(glossary)
    return cached


def latin_tokens(text: str) -> set[str]:
    """Return every capitalized Latin-script word of a text, lowercased, possessives dropped."""
    return {_POSSESSIVE.sub("", m.group().strip(".'’-")).lower() for m in _LATIN_NAME.finditer(text)}


def latin_names(text: str) -> set[str]:
    """Return the Latin-script names of a text (capitalized words inside sentences, or in CJK text), lowercased."""
    common = {w.lower() for w in _LOWER_WORD.findall(text)}
    return {name for name in _mid_sentence_names(text) if name not in common and len(name) >= 2}


def _mid_sentence_names(text: str) -> set[str]:
    """Return capitalized words that are names: seen inside a sentence, or in Han/Hangul text.

    A capital at a sentence start may be a common word ("Inoltre", "According");
    a Latin word inside Chinese or Korean text is a name or a brand.
    """
    found: set[str] = set()
    cjk = len(_HAN.findall(text)) + len(_HANGUL.findall(text)) > len(_LOWER_WORD.findall(text))
    for match in _LATIN_NAME.finditer(text):
        if cjk or not _SENTENCE_START.search(text[max(0, match.start() - 4):match.start()]):
            found.add(_POSSESSIVE.sub("", match.group().strip(".'’-")).lower())
    return found


def _glossary_matches(text: str, glossary: GlossaryIndex, *, longest: bool = True) -> list[tuple[int, int, str]]:
    """Return the glossary matches of a text as (start, end, canonical); with ``longest``, the longest of overlapping ones.

    Without word boundaries a short alias sits inside a longer one (京都 in
    东京都): the longer match says which name the text holds.
    """
    found: list[tuple[int, int, str]] = []
    for canonical, pattern in glossary.candidates(text):
        found.extend((m.start(), m.end(), canonical) for m in pattern.finditer(text) if m.end() > m.start())
    if not longest or len(found) < 2:
        return found
    # of two aliases starting at one place, a longer one ending inside a word loses to a shorter one
    # ending a name: 산카산|업 is Xanka's 산업 (Industries), not a name Xankaxan glued to 업
    ending: dict[int, int] = {}
    for start, end, _c in found:
        if _may_end_name(text, end) and end < ending.get(start, len(text) + 1):
            ending[start] = end
    if ending:
        found = [(start, end, canonical) for start, end, canonical in found
                 if not (ending.get(start, end) < end and not _may_end_name(text, end))]
    kept: list[tuple[int, int, str]] = []
    for start, end, canonical in sorted(found, key=lambda f: (f[0] - f[1], f[0])):
        if all(end <= s or start >= e for s, e, _c in kept):
            kept.append((start, end, canonical))
    kept.sort()
    return kept


def _script(char: str) -> str:
    """Return "han", "hangul" or "" for one character."""
    if _HAN.match(char):
        return "han"
    if _HANGUL.match(char):
        return "hangul"
    return ""


def _ends_name(text: str, end: int, script: str) -> bool:
    """Return whether a name of ``script`` may end at ``end``: the text or its script ends, or a known suffix follows.

    Korean writes spaces between words, so there the suffixes and particles
    must close the word (시, 에서, 시의, 에서는): 로 opens the particle 로 but
    not the word 로사시 (the city 몬고르로사 glued to 시).
    """
    if end >= len(text) or _script(text[end]) != script:
        return True
    if script != "hangul":
        return text.startswith(CJK_NAME_SUFFIXES, end)
    return _closes_word(text, end)


def _closes_word(text: str, start: int, depth: int = 0) -> bool:
    """Return whether Korean suffixes and particles (at most three) fill ``text`` from ``start`` to the word's end."""
    for suffix in _HANGUL_SUFFIXES.get(text[start], ()):
        if text.startswith(suffix, start):
            after = start + len(suffix)
            if after >= len(text) or _script(text[after]) != "hangul" or (depth < 2 and _closes_word(text, after,
                                                                                                      depth + 1)):
                return True
    return False


def _may_end_name(text: str, end: int) -> bool:
    """Return whether the match ending at ``end`` may end a name (any Latin-script one; a Han or Hangul one at a boundary)."""
    script = _script(text[end - 1])
    return not script or _ends_name(text, end, script)


def _starts_name(text: str, start: int, script: str, ended: set[int], prefixes: Sequence[str]) -> bool:
    """Return whether a Han or Hangul name may start at ``start``, given what precedes it.

    Korean writes spaces between words: a name glued after a syllable is
    inside a word.  Chinese writes none: a name may follow another name
    (``ended``: where glossary matches end) or a word standing before names
    (``prefixes``: 在, 由, 与...), but glued after any other character it
    sits inside a longer name (托蒙 in 托托蒙市).
    """
    if start == 0 or _script(text[start - 1]) != script:
        return True
    if script == "hangul":
        return False
    return start in ended or any(text.endswith(p, 0, start) for p in prefixes)


def name_prefixes(ruleset: RuleSet) -> tuple[str, ...]:
    """Return the words that may stand glued right before a Han name (``name_prefix_markers`` of every language)."""
    found: set[str] = set()
    for lang in ruleset.languages:
        found.update(str(w) for w in ruleset.language(lang).get("name_prefix_markers") or () if str(w))
    return tuple(sorted(found))


@functools.lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Return the lowercased canonical names of the shipped place termbase (``rules/places.yaml``)."""
    path = shipped_packs().get("places")
    if path is None:
        return frozenset()
    import yaml

    with open(path, encoding="utf-8") as handle:
        pack = yaml.safe_load(handle) or {}
    glossary = pack.get("glossary") or {}
    return frozenset(str(name).lower() for name in glossary)


def _tokens(text: str, common: set[str], glossary: GlossaryIndex,
            bigram_weight: float, names: set[str], *, boundaries: bool = False,
            prefixes: Sequence[str] = ()) -> Counter[str]:
    """Return weighted token counts of one text: glossary names, Latin names, CJK bigrams.

    Without ``boundaries`` every match of every glossary entry counts as a
    name; with it, the longest of overlapping matches wins and a Han or
    Hangul match that may be part of a longer name (more characters of its
    script glued before or after it, see :func:`_starts_name` and
    ``CJK_NAME_SUFFIXES``) is counted apart as a weak one ("w:"), which
    ``_vectors`` weighs down.  ``prefixes``: the words that may stand glued
    before a Han name.
    """
    counts: Counter[str] = Counter()
    covered = _glossary_matches(text, glossary, longest=boundaries)
    # a Han name directly followed by another name (青峰新能源匈牙利) ends where that one starts, when
    # that one ends a name too; Korean writes spaces between words, so 로카|켈산|업 (Rokakel Industries)
    # holds no Roka followed by Kelxan
    ends: dict[int, int] = {}
    for start, end, _c in covered:
        ends.setdefault(start, end)
    ended = {end for _s, end, _c in covered}

    def followed_by_name(end: int, depth: int = 0) -> bool:
        following = ends.get(end)
        if following is None or depth > 4:
            return False
        script = _script(text[following - 1])
        return not script or _ends_name(text, following, script) or followed_by_name(following, depth + 1)

    for start, end, canonical in covered:
        script = _script(text[end - 1])
        strong = not boundaries or not script or (
            _starts_name(text, start, script, ended, prefixes)
            and (_ends_name(text, end, script) or (script == "han" and followed_by_name(end))))
        counts[("g:" if strong else "w:") + canonical.lower()] += 1.0  # type: ignore[assignment]
    for match in _LATIN_NAME.finditer(text):
        if any(s <= match.start() < e for s, e, _c in covered):
            continue
        word = _POSSESSIVE.sub("", match.group().strip(".'’-"))
        lowered = word.lower()
        if len(lowered) < 2 or lowered in common or lowered not in names:
            continue
        counts["n:" + lowered] += 1
        if "." in lowered:
            head = lowered.split(".", 1)[0]
            if len(head) >= 2 and head not in common and not head.isdigit():
                counts["n:" + head] += 1
    if bigram_weight == 1.0:
        # counted in C (adding 1.0 n times is exactly n): a Han or Hangul article has a thousand bigrams
        bigrams: Counter[str] = Counter()
        for regex in (_HAN, _HANGUL):
            for match in regex.finditer(text):
                run = match.group()
                bigrams.update(map(str.__add__, run, run[1:]))
        for bigram, n in bigrams.items():
            counts["b:" + bigram] += n * 1.0  # type: ignore[assignment]
        return counts
    for regex in (_HAN, _HANGUL):
        for match in regex.finditer(text):
            run = match.group()
            for i in range(len(run) - 1):
                counts["b:" + run[i:i + 2]] += bigram_weight  # type: ignore[assignment]
    return counts


def _merge_weak(tokens: Counter[str]) -> tuple[Counter[str], set[str]]:
    """Fold weak glossary matches ("w:") into their names ("g:"); return the counts and the names seen only weakly."""
    merged: Counter[str] = Counter()
    weak: set[str] = set()
    for token, count in tokens.items():
        if token.startswith("w:"):
            name = sys.intern("g:" + token[2:])
            if tokens.get(name, 0) <= 0:
                weak.add(name)
            merged[name] += count
        else:
            # interned: a corpus's articles share their bigrams and names
            merged[sys.intern(token)] += count
    return merged, weak


def _vectors(documents: Sequence[Document], ruleset: RuleSet,
             options: StoryOptions) -> list[tuple[dict[str, float], dict[str, float]]]:
    """Return per document a TF-IDF vector of names and one of CJK bigrams, each unit length."""
    return list(_Corpus.build(documents, ruleset, options).vectors)


def _words(text: str) -> set[str]:
    """Return the lowercase words of a text: a capitalized word also written in lower case is no name."""
    return {w.lower() for w in _LOWER_WORD.findall(text)}


def _name_candidates(doc: Document, text: str) -> set[str]:
    """Return every word whose being a name decides a token of the article: its capitalized words (and dotted heads)."""
    found: set[str] = set()
    for source in (text, doc.title or ""):
        for match in _LATIN_NAME.finditer(source):
            lowered = _POSSESSIVE.sub("", match.group().strip(".'’-")).lower()
            found.add(lowered)
            if "." in lowered:
                found.add(lowered.split(".", 1)[0])
    return found


def _document_tokens(doc: Document, text: str, common: set[str], glossary: GlossaryIndex, names: set[str],
                     options: StoryOptions, prefixes: Sequence[str] = ()) -> tuple[Counter[str], set[str]]:
    """Return the token counts of one article (its title counting ``title_weight``) and its weak names."""
    tokens = _tokens(text, common, glossary, 1.0, names, boundaries=True, prefixes=prefixes)
    if doc.title:
        for token, count in _tokens(doc.title, common, glossary, 1.0, names, boundaries=True,
                                    prefixes=prefixes).items():
            tokens[token] += count * options.title_weight  # type: ignore[assignment]
    return _merge_weak(tokens)


def _vector(tokens: Counter[str], weak: set[str], df: Mapping[str, int],
            total: int) -> tuple[dict[str, float], dict[str, float]]:
    """Return the unit TF-IDF vectors (names, bigrams) of one article's token counts."""
    named: dict[str, float] = {}
    counted: dict[str, float] = {}
    full: dict[str, float] = {}
    bigrams: dict[str, float] = {}
    for token, count in tokens.items():
        if count <= 0:
            continue
        if token.startswith("b:"):
            bigrams[token] = (1.0 + math.log(count)) * math.log(1.0 + total / df[token])
            continue
        weight = (1.0 + math.log(count)) * math.log(1.0 + total / df[token])
        named[token] = weight * WEAK_MATCH_WEIGHT if token in weak else weight
        # a name no other article holds links nothing, but at the highest IDF it would dilute the
        # article's similarity to every other version of its story (a city written in Latin letters
        # in English, in Han or Hangul elsewhere): it stays out of the norm (and, unshared, out of
        # every cosine), and still names the story
        full[token] = weight if df[token] >= 2 else 0.0
        counted[token] = named[token] if df[token] >= 2 else 0.0
    if not weak:
        return _unit(named, counted), _unit(bigrams)
    # a weak name is divided by the norm as if it were a full one: it stays weak even when it is the
    # only name of an article, instead of becoming the whole vector; the other names by the norm of
    # what the article counts, so names that may be parts of longer ones (often repeated, rare, so of
    # high weight) do not dilute the names it surely holds
    strong = _unit({t: v for t, v in named.items() if t not in weak}, counted)
    weak_part = _unit({t: v for t, v in named.items() if t in weak}, full)
    return {t: strong[t] if t in strong else weak_part[t] for t in named}, _unit(bigrams)


def _token_limit(size: int, options: StoryOptions) -> int:
    """Return the most articles a token may be in and still propose pairs (within the date window)."""
    return min(options.max_token_docs, max(options.min_token_docs, int(size * options.max_token_share)))


Vectors = tuple[dict[str, float], dict[str, float]]


class GroupingRows(Protocol):
    """Where a stored grouping state reads the rows it needs: each article's vectors, each token's articles."""

    def vectors(self, positions: Sequence[int]) -> dict[int, bytes]:
        """Return position -> stored vectors (see :func:`grouping_to_json`) for the given positions."""

    def holders(self, tokens: Sequence[str]) -> dict[str, bytes]:
        """Return token -> the positions holding it (packed ``array("i")``) for the given tokens."""


class _Vectors:
    """Each article's (names, bigrams) vectors: all in memory after a build, read row by row from a snapshot."""

    def __init__(self, size: int, items: dict[int, Vectors] | None = None, rows: GroupingRows | None = None) -> None:
        self._size = size
        self._items: dict[int, Vectors] = items if items is not None else {}
        self._rows = rows

    @classmethod
    def of(cls, vectors: Sequence[Vectors]) -> _Vectors:
        return cls(len(vectors), dict(enumerate(vectors)))

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, index: int) -> Vectors:
        found = self._items.get(index)
        if found is None:
            self.load([index])
            found = self._items[index]
        return found

    def __setitem__(self, index: int, vectors: Vectors) -> None:
        self._items[index] = vectors

    def __iter__(self) -> Iterator[Vectors]:
        self.load(range(self._size))
        return (self._items[i] for i in range(self._size))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Vectors | list):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def load(self, positions: Iterable[int]) -> None:
        """Read the rows of the given positions not read yet."""
        missing = [i for i in positions if i not in self._items]
        if not missing:
            return
        if self._rows is None:
            raise KeyError(f"no vectors for position {missing[0]}")
        rows = self._rows.vectors(missing)
        if len(rows) != len(missing):
            raise KeyError("snapshot rows missing")
        for i, row in rows.items():
            named, bigrams = json.loads(zlib.decompress(row))
            self._items[int(i)] = (_interned(named), _interned(bigrams))


@dataclass
class _Corpus:
    """The grouping of one corpus, kept between runs so an edit re-scores only the articles it touches.

    Every figure is a function of the articles alone, so updating it after an
    edit gives exactly what building it anew would: the lowercase words and
    the mid-sentence names (``common`` and ``names`` are the keys of their
    counts), token document frequencies, vectors and the scored pairs.
    """

    key: str
    paths: list[str]
    word_docs: Counter[str]
    name_docs: Counter[str]
    df: Counter[str]
    vectors: _Vectors
    similar: dict[tuple[int, int], float]
    # capitalized word -> the articles holding it: those whose tokens change when it becomes or stops being a name
    candidates: dict[str, list[int]] = field(default_factory=dict)
    # the vectors recomputed since the state was read (None: all of them)
    changed: set[int] | None = None
    # position -> stored form of its vectors, for those already encoded (see compact_grouping)
    encoded: dict[int, bytes] = field(default_factory=dict)
    # each article's name vector (what names its story), kept whole: it is small
    names: list[dict[str, float]] = field(default_factory=list)
    # where the token -> articles index of a stored state is read (None: scan the vectors in memory)
    rows: GroupingRows | None = None
    # articles whose token set an update changed: position -> (old tokens, new tokens)
    moved: dict[int, tuple[set[str], set[str]]] = field(default_factory=dict)
    # the whole token -> articles index, packed, for a compacted state
    encoded_holders: dict[str, bytes] = field(default_factory=dict)
    # position -> the glossary names its article holds only weakly (see _index_keys), for those holding any
    weak: dict[int, frozenset[str]] = field(default_factory=dict)

    def holders(self, tokens: Iterable[str]) -> dict[str, list[int]]:
        """Return token -> the positions of the articles holding it (sorted), for the given tokens."""
        wanted = set(tokens)
        found: dict[str, list[int]] = {}
        if self.rows is None:
            postings = _all_holders(self.vectors, self.weak)
            return {t: postings.get(t, []) for t in wanted}
        for token, packed in self.rows.holders(sorted(wanted)).items():
            found[token] = _unpack(packed)
        for token in wanted:
            members = set(found.get(token, ()))
            for i, (old, new) in self.moved.items():
                if token in old and token not in new:
                    members.discard(i)
                elif token in new and token not in old:
                    members.add(i)
            found[token] = sorted(members)
        return found

    @staticmethod
    def settings_key(ruleset: RuleSet, options: StoryOptions) -> str:
        """Return what the figures depend on besides the articles: the glossary, the name prefixes and the options."""
        return repr((sorted(ruleset.glossary.items()), name_prefixes(ruleset), options))

    @classmethod
    def build(cls, documents: Sequence[Document], ruleset: RuleSet, options: StoryOptions,
              with_pairs: bool = False, jobs: int = 1) -> _Corpus:
        """Compute every figure from scratch (the pairs only when ``with_pairs``; large corpora on ``jobs`` cores)."""
        word_docs: Counter[str] = Counter()
        name_docs: Counter[str] = Counter()
        candidates: dict[str, list[int]] = defaultdict(list)
        for index, (words, mid_names, capitalized) in enumerate(_per_document(_features, documents, (), jobs)):
            word_docs.update(words)
            name_docs.update(mid_names)
            for word in sorted(capitalized):
                candidates[word].append(index)
        common, names = set(word_docs), set(name_docs)
        glossary = glossary_index(ruleset.glossary)
        counts = _per_document(_tokens_of, documents, (common, glossary, names, options, name_prefixes(ruleset)), jobs)
        df: Counter[str] = Counter()
        for tokens, _weak in counts:
            df.update(set(tokens))
        total = len(documents)
        held_weakly = {i: frozenset(weak) for i, (_tokens, weak) in enumerate(counts) if weak}
        # each article's counts go once weighed: an archive never holds all its counts and vectors at once
        counts.reverse()
        vectors = []
        while counts:
            tokens, weak = counts.pop()
            vectors.append(_vector(tokens, weak, df, total))
        state = cls(cls.settings_key(ruleset, options), [d.path for d in documents], word_docs, name_docs, df,
                    _Vectors.of(vectors), {}, dict(candidates), names=[named for named, _bigrams in vectors],
                    weak=held_weakly)
        if with_pairs:
            for i, j in _candidate_pairs(vectors, options, [d.published for d in documents], state.weak):
                state._score(i, j, documents, options)
        return state

    def _score(self, i: int, j: int, documents: Sequence[Document], options: StoryOptions) -> None:
        score = _similarity(self.vectors[i], self.vectors[j], documents[i], documents[j], options)
        if score > 0:
            self.similar[(i, j)] = score

    def update(self, documents: Sequence[Document], previous: Mapping[str, Document], changed: set[str],
               ruleset: RuleSet, options: StoryOptions) -> bool:
        """Bring the figures up to date after the ``changed`` articles (old versions in ``previous``) were edited.

        An edited article is read again, and so is every article that writes
        capitalized a word the edit made (or stopped making) common or a
        name; a token whose document frequency moved re-weighs the articles
        holding it, and only the pairs of re-weighed articles are scored
        again.  Returns False, leaving the state unusable, when the set of
        articles, the glossary or the options changed: build anew then.
        """
        if self.key != self.settings_key(ruleset, options) or [d.path for d in documents] != self.paths \
                or self.encoded:
            return False
        index_of = {path: i for i, path in enumerate(self.paths)}
        edited = sorted(index_of[p] for p in changed if p in index_of and p in previous)
        if len(edited) != len(changed):
            return False
        if not edited:
            return True
        old_texts = {i: _visible_text(previous[self.paths[i]]) for i in edited}
        new_texts = {i: _visible_text(documents[i]) for i in edited}
        flipped: set[str] = set()
        for counts, features in ((self.word_docs, _words), (self.name_docs, _mid_sentence_names)):
            flipped |= _recount(counts, [features(old_texts[i]) for i in edited],
                                [features(new_texts[i]) for i in edited])
        for i in edited:
            old_words = _name_candidates(previous[self.paths[i]], old_texts[i])
            new_words = _name_candidates(documents[i], new_texts[i])
            for word in old_words - new_words:
                self.candidates[word].remove(i)
                if not self.candidates[word]:
                    del self.candidates[word]
            for word in sorted(new_words - old_words):
                bisect.insort(self.candidates.setdefault(word, []), i)
        # a word that became (or stopped being) common or a name changes the tokens of every article writing it
        # capitalized: they are read again with the edited ones
        reread = set(edited)
        for word in flipped:
            reread.update(self.candidates.get(word, ()))
        common, names = set(self.word_docs), set(self.name_docs)
        glossary = glossary_index(ruleset.glossary)
        prefixes = name_prefixes(ruleset)
        new_tokens = {i: _document_tokens(documents[i], new_texts[i] if i in new_texts else _visible_text(documents[i]),
                                          common, glossary, names, options, prefixes) for i in sorted(reread)}
        self.vectors.load(sorted(reread))
        old_sets = {i: {*self.vectors[i][0], *self.vectors[i][1]} for i in reread}
        new_sets = {i: {t for t, n in new_tokens[i][0].items() if n > 0} for i in reread}
        # index keys whose articles changed: a name that became weak (or strong) in an article
        # changes how many articles hold it surely, so which pairs it proposes, without moving its df
        moved_keys: set[str] = set()
        for i in reread:
            old_keys = _index_keys(old_sets[i], self.weak.get(i, frozenset()))
            new_keys = _index_keys(new_sets[i], new_tokens[i][1])
            moved_keys |= old_keys ^ new_keys
            if old_keys != new_keys:
                first = self.moved.get(i, (old_keys, new_keys))[0]
                self.moved[i] = (first, new_keys)
            if new_tokens[i][1]:
                self.weak[i] = frozenset(new_tokens[i][1])
            else:
                self.weak.pop(i, None)
        touched = set().union(*(old_sets[i] ^ new_sets[i] for i in reread))
        before = {token: self.df.get(token, 0) for token in touched}
        for i in reread:
            self.df.subtract(old_sets[i])
            self.df.update(new_sets[i])
        shifted = {token for token in touched if self.df.get(token, 0) != before[token]}
        for token in [t for t in shifted if self.df[t] <= 0]:
            del self.df[token]
        # a token whose document frequency moved re-weighs every article holding it, weakly too
        dirty = set(reread)
        both = shifted | moved_keys
        for members in self.holders(both | {_other_form(t) for t in both if t.startswith(("g:", _WEAK))}).values():
            dirty.update(members)
        total = len(documents)
        if self.changed is not None:
            self.changed |= dirty
        for i in sorted(dirty):
            if i in new_tokens:
                tokens, weak = new_tokens[i]
            else:
                tokens, weak = _document_tokens(documents[i], _visible_text(documents[i]), common, glossary, names,
                                                options, prefixes)
            self.vectors[i] = _vector(tokens, weak, self.df, total)
            self.names[i] = self.vectors[i][0]
        self.similar = {pair: score for pair, score in self.similar.items()
                        if pair[0] not in dirty and pair[1] not in dirty}
        # the articles holding each token of a re-weighed article: the pairs it may form (see
        # _candidate_pairs: a name's share counts the articles holding it surely, and an article holding
        # it only weakly pairs by it only with those)
        keys = {i: _index_keys({*self.vectors[i][0], *self.vectors[i][1]}, self.weak.get(i, frozenset()))
                for i in dirty}
        postings = self.holders(set().union(*keys.values()) | {_other_form(t) for k in keys.values() for t in k
                                                               if t.startswith(("g:", _WEAK))})
        limit = _token_limit(total, options)
        dates = [d.published.toordinal() if d.published is not None else None for d in documents]
        pairs: set[tuple[int, int]] = set()
        for i in dirty:
            for token in keys[i]:
                if token.startswith(_WEAK):
                    members = postings[_other_form(token)]
                    if len(members) > limit:
                        continue
                else:
                    members = postings[token]
                    if len(members) > limit:
                        continue
                    if token.startswith("g:"):
                        members = members + postings[_other_form(token)]
                for j in members:
                    if j != i and (dates[i] is None or dates[j] is None
                                   or abs(dates[i] - dates[j]) <= options.window_days):  # type: ignore[operator]
                        pairs.add((i, j) if i < j else (j, i))
        self.vectors.load(sorted({i for pair in pairs for i in pair}))
        for i, j in sorted(pairs):
            self._score(i, j, documents, options)
        return True


@dataclass(frozen=True)
class GroupingRecord:
    """The grouping state as stored: its figures and, apart, one JSON row per article's vectors.

    Attributes:
        figures: everything but the vectors, as JSON.
        vectors: position -> the vectors to store (compressed JSON): all of them
            after grouping anew, only the recomputed ones after an update.
        complete: whether ``vectors`` holds every position.
        holders: token -> the positions of the articles holding it (packed), for
            every token after grouping anew, for those whose articles changed after an update.
    """

    figures: str
    vectors: dict[int, bytes]
    complete: bool
    holders: dict[str, bytes] = field(default_factory=dict)
    # a complete record's vectors and holders, moved to a temporary file (see :meth:`spool`)
    rows: BinaryIO | None = None

    def vector_rows(self) -> Iterator[tuple[int, bytes]]:
        """Yield (position, vectors) rows in position order."""
        if self.rows is None:
            yield from sorted(self.vectors.items())
            return
        for kind, key, value in self._frames():
            if kind == _VECTOR_FRAME:
                yield int(key), value

    def holder_rows(self) -> Iterator[tuple[str, bytes]]:
        """Yield (token, packed positions) rows of the tokens some article holds, in token order."""
        if self.rows is None:
            yield from sorted((t, packed) for t, packed in self.holders.items() if packed)
            return
        for kind, key, value in self._frames():
            if kind == _HOLDER_FRAME:
                yield key.decode("utf-8"), value

    def dropped_holders(self) -> list[str]:
        """Return the tokens no article holds any more (after an update)."""
        return sorted(t for t, packed in self.holders.items() if not packed)

    def spool(self) -> str:
        """Write the rows to a new temporary file, empty ``vectors`` and ``holders``, and return the file's path.

        A worker grouping an archive hands back the path instead of the rows;
        :meth:`adopt` reads them from there when the snapshot is written.
        """
        import os
        import struct
        import tempfile

        descriptor, path = tempfile.mkstemp(prefix="factcheck-grouping-")
        with os.fdopen(descriptor, "wb") as out:
            for kind, key, value in itertools.chain(
                    ((_VECTOR_FRAME, str(i).encode(), v) for i, v in self.vector_rows()),
                    ((_HOLDER_FRAME, t.encode("utf-8"), p) for t, p in self.holder_rows())):
                out.write(kind + struct.pack("<II", len(key), len(value)) + key + value)
        object.__setattr__(self, "vectors", {})
        object.__setattr__(self, "holders", {})
        return path

    def adopt(self, path: str) -> None:
        """Read the rows from a file :meth:`spool` wrote (deleted now: the open file keeps its bytes)."""
        import os

        # held open until the record is let go: the unlinked file's bytes last as long
        object.__setattr__(self, "rows", open(path, "rb"))
        os.unlink(path)

    def close(self) -> None:
        """Let go of the rows' file, if any."""
        if self.rows is not None:
            self.rows.close()

    def _frames(self) -> Iterator[tuple[bytes, bytes, bytes]]:
        import struct

        assert self.rows is not None
        self.rows.seek(0)
        while header := self.rows.read(9):
            key_size, value_size = struct.unpack("<II", header[1:])
            yield header[:1], self.rows.read(key_size), self.rows.read(value_size)


_VECTOR_FRAME = b"v"
_HOLDER_FRAME = b"h"


def grouping_to_json(state: Any) -> GroupingRecord | None:
    """Encode what :func:`group_stories` returned as its state (None when there is none; a record as it is)."""
    if isinstance(state, GroupingRecord):
        return state
    if not isinstance(state, _Corpus):
        return None
    figures = json.dumps({
        "key": state.key, "paths": state.paths, "word_docs": state.word_docs, "name_docs": state.name_docs,
        "df": state.df, "similar": [[i, j, score] for (i, j), score in state.similar.items()],
        "candidates": state.candidates, "names": state.names,
        "weak": {str(i): sorted(names) for i, names in sorted(state.weak.items())},
    }, ensure_ascii=False, separators=(",", ":"))
    if state.changed is None:
        holders = state.encoded_holders or {t: _pack(m) for t, m in _all_holders(state.vectors, state.weak).items()}
        vectors = {i: state.encoded.get(i) or _encode_vectors(state.vectors[i]) for i in range(len(state.vectors))}
        return GroupingRecord(figures, vectors, True, holders)
    tokens = set().union(*(old ^ new for old, new in state.moved.values())) if state.moved else set()
    holders = {token: _pack(members) for token, members in state.holders(tokens).items()}
    return GroupingRecord(figures, {i: _encode_vectors(state.vectors[i]) for i in sorted(state.changed)}, False,
                          holders)


# the index key of a glossary name held only weakly
_WEAK = "w:"


def _index_keys(tokens: Iterable[str], weak: Iterable[str]) -> set[str]:
    """Return the keys one article is indexed under: its tokens, a glossary name it holds only weakly as "w:".

    Such a name may be a part of a longer one (卢夸 of the city 卡卢夸市): the
    articles holding it so must not make the name look common, nor be paired
    by it; they are indexed apart, so a change of the name's weight still
    finds them.
    """
    weak = set(weak)
    return {_WEAK + t[2:] if t in weak else t for t in tokens}


def _other_form(key: str) -> str:
    """Return the index key of a glossary name in the other strength ("g:x" for "w:x" and back)."""
    return ("g:" if key.startswith(_WEAK) else _WEAK) + key[2:]


def _all_holders(vectors: Iterable[Vectors], weak: Mapping[int, frozenset[str]] | None = None) -> dict[str, list[int]]:
    """Return index key -> the positions of the articles holding it (the inverted index of the vectors).

    ``weak``: position -> the glossary names its article holds only weakly (see :func:`_index_keys`).
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for index, (named, bigrams) in enumerate(vectors):
        held = weak.get(index) if weak else None
        if held:
            for token in _index_keys(named, held):
                postings[token].append(index)
        else:
            for token in named:
                postings[token].append(index)
        for token in bigrams:
            postings[token].append(index)
    return postings


def _pack(positions: Sequence[int]) -> bytes:
    return array.array("i", positions).tobytes()


def _unpack(packed: bytes) -> list[int]:
    found = array.array("i")
    found.frombytes(packed)
    return found.tolist()


def _encode_vectors(vectors: Vectors) -> bytes:
    # compressed: the bigrams of a Chinese or Korean article are hundreds of entries
    return zlib.compress(json.dumps(vectors, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def compact_grouping(state: Any) -> None:
    """Encode a freshly built state for storage now and let its bigrams go.

    A cold run needs the bigram vectors only to score pairs; until the state
    is stored at the end of the run they would hold memory the analysis
    wants.  The names stay (they name the stories).  A compacted state is
    stored, never updated.
    """
    if not isinstance(state, _Corpus) or state.changed is not None or state.encoded:
        return
    state.encoded_holders = {t: _pack(m) for t, m in _all_holders(state.vectors, state.weak).items()}
    for i in range(len(state.vectors)):
        vectors = state.vectors[i]
        state.encoded[i] = _encode_vectors(vectors)
        state.vectors[i] = (vectors[0], {})


def _interned(weights: dict[str, float]) -> dict[str, float]:
    return {sys.intern(t): v for t, v in weights.items()}


def grouping_from_json(figures: str | None, rows: GroupingRows | None) -> Any:
    """Decode what :func:`grouping_to_json` stored; its vectors and token index are read from ``rows`` as needed.

    Returns None when there is nothing stored or it is damaged.
    """
    if not figures or rows is None:
        return None
    try:
        data = json.loads(figures)
        paths = list(data["paths"])
        return _Corpus(str(data["key"]), paths, Counter(data["word_docs"]), Counter(data["name_docs"]),
                       Counter(data["df"]), _Vectors(len(paths), rows=rows),
                       {(int(i), int(j)): float(score) for i, j, score in data["similar"]},
                       {str(word): list(docs) for word, docs in data["candidates"].items()}, set(),
                       names=[_interned(named) for named in data["names"]], rows=rows,
                       weak={int(i): frozenset(sys.intern(str(n)) for n in names) for i, names in data["weak"].items()})
    except (ValueError, KeyError, TypeError, zlib.error):
        return None


def _features(doc: Document) -> tuple[set[str], set[str], set[str]]:
    """Return what grouping counts across the corpus for one article: lowercase words, names, capitalized words."""
    text = _visible_text(doc)
    return _words(text), _mid_sentence_names(text), _name_candidates(doc, text)


def _tokens_of(doc: Document, common: set[str], glossary: GlossaryIndex, names: set[str],
               options: StoryOptions, prefixes: Sequence[str]) -> tuple[Counter[str], set[str]]:
    return _document_tokens(doc, _visible_text(doc), common, glossary, names, options, prefixes)


# At least this many articles before grouping reads them in worker processes.
PARALLEL_GROUPING_DOCS = 2000
# What a grouping worker holds: the function and its arguments (the documents come in chunks).
_SHARED: list[Any] = []


def _per_document(function: Callable[..., _R], documents: Sequence[Document], args: tuple[Any, ...],
                  jobs: int) -> list[_R]:
    """Return ``function(doc, *args)`` for every document, in order; on worker processes for large corpora.

    The workers come from a fork server and receive their chunk of documents:
    forked from the process grouping, each would map (and count in its RSS)
    everything that process holds.
    """
    if jobs < 2 or len(documents) < PARALLEL_GROUPING_DOCS:
        return [function(doc, *args) for doc in documents]
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(documents) // (jobs * 4))
    chunks = [documents[start:start + size] for start in range(0, len(documents), size)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=fork_server_context(), initializer=_adopt,
                             initargs=(function, args)) as pool:
        return [result for part in pool.map(_per_document_chunk, chunks) for result in part]


def _adopt(function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    _SHARED[:] = [function, args]


def _per_document_chunk(documents: Sequence[Document]) -> list[Any]:
    function, args = _SHARED
    return [function(doc, *args) for doc in documents]


def _recount(counts: Counter[str], old: Sequence[set[str]], new: Sequence[set[str]]) -> set[str]:
    """Move the document counts of edited articles from their old to their new sets; return the keys that appeared or vanished."""
    touched = set().union(*old, *new) if old or new else set()
    present = {key for key in touched if counts.get(key, 0) > 0}
    for items in old:
        counts.subtract(items)
    for items in new:
        counts.update(items)
    for key in touched:
        if counts.get(key, 0) <= 0:
            counts.pop(key, None)
    return {key for key in touched if key in counts} ^ present


def _unit(vector: dict[str, float], scale: dict[str, float] | None = None) -> dict[str, float]:
    """Return ``vector`` divided by the length of ``scale`` (itself by default)."""
    norm = math.sqrt(sum(v * v for v in (scale or vector).values())) or 1.0
    # token keys interned: the same bigram or name in thousands of vectors is one string
    return {sys.intern(t): v / norm for t, v in vector.items()}


def _similarity(a: tuple[dict[str, float], dict[str, float]], b: tuple[dict[str, float], dict[str, float]],
                first: Document, second: Document, options: StoryOptions) -> float:
    """Return how likely two articles report one story: shared names (or same-script text), decayed by date gap."""
    if not _within_window(first.published, second.published, options.window_days):
        return 0.0
    named = _cosine(a[0], b[0])
    if named >= _PLACES_ONLY_SHARE * options.threshold and not _same_days(first, second, options) \
            and _places_only(a[0], b[0]):
        # a shared city is the setting of many stories: it needs the support of a near
        # publication date (versions of one report), else it never links on its own
        named = min(named, _PLACES_ONLY_SHARE * options.threshold)
    score = max(named, options.bigram_weight * _cosine(a[1], b[1]))
    if first.published and second.published:
        gap = abs((first.published - second.published).days)
        score /= 1.0 + gap / options.decay_days
    return score


# the most a pair sharing only place names may score, as a share of the threshold
_PLACES_ONLY_SHARE = 0.5


def _same_days(first: Document, second: Document, options: StoryOptions) -> bool:
    """Return whether two articles are dated at most ``place_support_days`` apart."""
    if first.published is None or second.published is None:
        return False
    return abs((first.published - second.published).days) <= options.place_support_days


def _places_only(a: Mapping[str, float], b: Mapping[str, float]) -> bool:
    """Return whether every name two vectors share is a place of the termbase."""
    places = place_names()
    shared = a.keys() & b.keys()
    return bool(shared) and all(t.startswith("g:") and t[2:] in places for t in shared)


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    if not a:
        return 0.0
    # the shared tokens by one set intersection (Han and Hangul texts hold hundreds of
    # bigrams), summed in token order: the same float whichever vector is first, and
    # whether the vectors were built in this run or read back from the snapshot
    shared = a.keys() & b.keys()
    if not shared:
        return 0.0
    if len(shared) == 1:
        token = next(iter(shared))
        return a[token] * b[token]
    total = 0.0
    for token in sorted(shared):
        total += a[token] * b[token]
    return total


def _within_window(a: dt.date | None, b: dt.date | None, days: int) -> bool:
    if a is None or b is None:
        return True
    return abs((a - b).days) <= days


def similarity_matrix(documents: Sequence[Document], ruleset: RuleSet,
                      options: StoryOptions | None = None) -> list[list[float]]:
    """Return the name-based similarity of every pair of documents (0 outside the date window)."""
    options = options or StoryOptions()
    vectors = _vectors(documents, ruleset, options)
    size = len(documents)
    matrix = [[0.0] * size for _ in range(size)]
    for i in range(size):
        matrix[i][i] = 1.0
        for j in range(i + 1, size):
            matrix[i][j] = matrix[j][i] = _similarity(vectors[i], vectors[j], documents[i], documents[j], options)
    return matrix


def _candidate_pairs(vectors: Sequence[tuple[dict[str, float], dict[str, float]]],
                     options: StoryOptions,
                     dates: Sequence[dt.date | None] | None = None,
                     weak: Mapping[int, frozenset[str]] | None = None) -> list[tuple[int, int]]:
    """Return the pairs of articles sharing a token that is not too common (an inverted index).

    A token in more than ``max_token_share`` of a large corpus links too much
    to mean anything; skipping it keeps grouping near-linear on archives.
    With ``dates`` (one per vector), pairs published further apart than
    ``window_days`` are left out: they score 0 and would be dropped anyway, and
    an archive spans years, so most pairs of a token's articles are such pairs.
    With ``weak`` (position -> the glossary names its article holds only
    weakly), a name's share is counted among the articles holding it surely:
    a short alias found inside many longer names is not thereby a common
    name.  An article where the name may only be part of another one is
    paired by it only with those articles.
    """
    limit = _token_limit(len(vectors), options)
    pairs: set[tuple[int, int]] = set()
    ordinals = [d.toordinal() if d is not None else None for d in dates] if dates is not None else None
    postings = _all_holders(vectors, weak)
    for token, members in postings.items():
        if token.startswith(_WEAK) or len(members) > limit:
            continue
        weakly = postings.get(_WEAK + token[2:], []) if token.startswith("g:") else []
        if weakly:
            _pairs_with(members, weakly, ordinals, options.window_days, pairs)
            continue
        if len(members) < 2:
            continue
        if ordinals is None:
            pairs.update(itertools.combinations(members, 2))
            continue
        undated: list[int] = []
        dated: list[tuple[int, int]] = []
        for m in members:
            day = ordinals[m]
            if day is None:
                undated.append(m)
            else:
                dated.append((day, m))
        dated.sort()
        # an undated article may be of any story: it pairs with every other member
        for m in undated:
            pairs.update((min(m, o), max(m, o)) for o in members if o != m)
        ahead = 0
        for a, (start, first) in enumerate(dated):
            ahead = max(ahead, a + 1)
            while ahead < len(dated) and dated[ahead][0] - start <= options.window_days:
                ahead += 1
            pairs.update((first, second) if first < second else (second, first) for _d, second in dated[a + 1:ahead])
    return sorted(pairs)


def _pairs_with(surely: Sequence[int], weakly: Sequence[int], ordinals: Sequence[int | None] | None, window: int,
                pairs: set[tuple[int, int]]) -> None:
    """Add the pairs of a name's articles within ``window`` days of each other where one holds it surely.

    ``surely``/``weakly``: the articles holding the name surely / only weakly
    (sorted positions); ``ordinals``: each article's publication day, None
    when undated (such an article may pair with any date).
    """
    others = sorted({*surely, *weakly})
    if ordinals is None:
        for first in surely:
            pairs.update((min(first, o), max(first, o)) for o in others if o != first)
        return
    undated = [o for o in others if ordinals[o] is None]
    dated = sorted((day, o) for o in others if (day := ordinals[o]) is not None)
    days = [day for day, _o in dated]
    for first in surely:
        day = ordinals[first]
        near = others if day is None else undated + [o for _d, o in dated[bisect.bisect_left(days, day - window):
                                                                           bisect.bisect_right(days, day + window)]]
        pairs.update((min(first, o), max(first, o)) for o in near if o != first)


def _slug(text: str) -> str:
    normalized = unicodedata.normalize("NFKD", text)
    ascii_text = normalized.encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:40].strip("-")


def _story_name(members: Sequence[int], documents: Sequence[Document], names: Sequence[Mapping[str, float]]) -> str:
    """Name a story after its most salient shared name (``names``: each article's name vector) and its first month."""
    weights: dict[str, float] = defaultdict(float)
    support: Counter[str] = Counter()
    for i in members:
        for token, value in names[i].items():
            if token.startswith(("g:", "n:")):
                weights[token] += value
                support[token] += 1
    # a glossary name is what a newsroom calls the story; prefer it among equally shared names
    ranked = sorted(weights, key=lambda t: (-support[t], not t.startswith("g:"), -weights[t], t))
    name = ""
    for token in ranked:
        name = _slug(token[2:])
        if name:
            break
    dates = sorted(d.published for i in members if (d := documents[i]).published)
    month = dates[0].strftime("%Y-%m") if dates else ""
    if not name:
        name = _slug(documents[members[0]].path.rsplit("/", 1)[-1].rsplit(".", 1)[0]) or "story"
    return "-".join(p for p in (name, month) if p)


def assign_stories(documents: Sequence[Document], claims: Sequence[Claim], ruleset: RuleSet,
                   options: StoryOptions | None = None) -> dict[str, str]:
    """Return path -> story id for the checked documents.

    Args:
        documents: the corpus; skipped documents get no story.
        claims: the claims (unused by the name-based grouping, kept for the engine's contract).
        ruleset: the rule set whose glossary links names across scripts.
        options: grouping thresholds.
    """
    del claims  # grouping reads names and dates, not numbers
    return group_stories(documents, ruleset, options)[0]


def group_stories(documents: Sequence[Document], ruleset: RuleSet, options: StoryOptions | None = None, *,
                  state: Any = None, previous: Mapping[str, Document] | None = None,
                  changed: set[str] | None = None, jobs: int = 1) -> tuple[dict[str, str], Any]:
    """Return path -> story id for the checked documents, and the state a later run can update.

    Args:
        documents: the corpus; skipped documents get no story.
        ruleset: the rule set whose glossary links names across scripts.
        options: grouping thresholds.
        state: what an earlier run returned (opaque), or None.
        previous: the documents of that run, by path.
        changed: the paths whose document differs from ``previous``.
        jobs: processes that may read the articles of a large corpus (same result for any number).

    The result is the same with or without ``state``: an update re-scores
    only the articles an edit touches, and falls back to grouping anew when
    the edit changes what every article is compared by.
    """
    options = options or StoryOptions()
    checked = [d for d in documents if d.status is Status.CHECKED]
    if not any(not d.story for d in checked):
        return {d.path: str(d.story) for d in checked}, None
    corpus = state if isinstance(state, _Corpus) else None
    try:
        updated = corpus is not None and previous is not None and changed is not None \
            and corpus.update(checked, previous, changed, ruleset, options)
    except (KeyError, ValueError, zlib.error):  # a stored row missing or damaged: group anew
        updated = False
    if updated and corpus is not None:
        return _cluster(checked, corpus, options), corpus
    if jobs > 1 and len(checked) >= PARALLEL_GROUPING_DOCS:
        return _group_apart(checked, ruleset, options, jobs)
    corpus = _Corpus.build(checked, ruleset, options, with_pairs=True, jobs=jobs)
    return _cluster(checked, corpus, options), corpus


def _group_apart(checked: Sequence[Document], ruleset: RuleSet, options: StoryOptions,
                 jobs: int) -> tuple[dict[str, str], GroupingRecord | None]:
    """Group a large corpus anew in a worker process and take back the stories and the state as stored.

    Building holds every article's token counts and vectors at once; done
    there, the memory they leave fragmented does not stay with the run to its
    end.  The worker comes from a fork server (a fork of this process would
    count everything it holds once more) and receives the articles in
    chunks, so this process never holds them all pickled at once.

    Raises:
        RuntimeError: the worker failed or ended without an answer.
    """
    context = fork_server_context()
    here, there = context.Pipe()
    worker = context.Process(target=_group_in_worker, args=(there, ruleset, options, jobs, len(checked)))
    worker.start()
    there.close()
    answer: tuple[Any, ...] | None = None
    try:
        for start in range(0, len(checked), _CHUNK_SENT):
            here.send(list(checked[start:start + _CHUNK_SENT]))
        answer = here.recv()
    except (EOFError, OSError) as exc:
        raise RuntimeError(f"story grouping worker ended without an answer ({exc or type(exc).__name__})") from None
    finally:
        here.close()
        if answer is None:  # interrupted or failed: the worker's answer is no longer wanted
            worker.terminate()
        worker.join()
    if answer[0] != "ok":
        raise RuntimeError(f"story grouping failed in its worker:\n{answer[1]}")
    _ok, stories, record, rows = answer
    if record is not None and rows is not None:
        record.adopt(rows)
    return stories, record


# Articles per message to the grouping worker.
_CHUNK_SENT = 2_000


def _group_in_worker(connection: Any, ruleset: RuleSet, options: StoryOptions, jobs: int, count: int) -> None:
    try:
        checked: list[Document] = []
        while len(checked) < count:
            checked.extend(connection.recv())
        corpus = _Corpus.build(checked, ruleset, options, with_pairs=True, jobs=jobs)
        stories = _cluster(checked, corpus, options)
        # the stored form is all a fresh state is ever used for; its rows go by file, so neither
        # process holds them while the other is still at its largest
        compact_grouping(corpus)
        record = grouping_to_json(corpus)
        del corpus, checked
        connection.send(("ok", stories, record, record.spool() if record is not None else None))
    except Exception:  # the run reports it: a worker's traceback would otherwise be lost
        import traceback

        connection.send(("error", traceback.format_exc()))
    finally:
        connection.close()


def _cluster(checked: Sequence[Document], corpus: _Corpus, options: StoryOptions) -> dict[str, str]:
    """Merge the scored pairs into stories and name them."""
    similar = corpus.similar
    size = len(checked)
    # declared stories (front matter story:) start as clusters; an article
    # without one may join them, but two declared stories never merge
    cluster_of = list(range(size))
    members_of: dict[int, list[int]] = {}
    declared: dict[int, str] = {}
    first_of: dict[str, int] = {}
    for i, doc in enumerate(checked):
        if doc.story:
            head = first_of.setdefault(str(doc.story), i)
            cluster_of[i] = head
            declared[head] = str(doc.story)
        members_of.setdefault(cluster_of[i], []).append(i)
    # average linkage: a story absorbs an article (or another story) only when
    # they are similar on average, so one shared name in a footer does not chain
    # two stories together
    for (i, j), score in sorted(similar.items(), key=lambda item: (-item[1], item[0])):
        if score < options.threshold:
            break
        a, b = cluster_of[i], cluster_of[j]
        if a == b or (a in declared and b in declared):
            continue
        total = sum(similar.get((min(x, y), max(x, y)), 0.0) for x in members_of[a] for y in members_of[b])
        if total / (len(members_of[a]) * len(members_of[b])) < options.threshold:
            continue
        if b in declared:
            a, b = b, a
        for member in members_of[b]:
            cluster_of[member] = a
        members_of[a].extend(members_of.pop(b))
    stories: dict[str, str] = {}
    used = set(declared.values())
    for key, members in sorted(members_of.items(), key=lambda item: min(checked[i].path for i in item[1])):
        if key in declared:
            name = declared[key]
        else:
            base = _story_name(sorted(members), checked, corpus.names)
            name, n = base, 2
            while name in used:
                name, n = f"{base}-{n}", n + 1
            used.add(name)
        for i in members:
            stories[checked[i].path] = name
    return stories
