"""A seeded generator of synthetic multilingual news corpora with planted contradictions.

The corpus exercises what makes real articles hard: stories of 2 to 8 articles
in Chinese, Italian, Korean and English about made-up companies whose names are
written per script (the Latin name beside the Han or Hangul form, or only a
glossary entry in ``manifest.yaml``), numbers written the way each language
writes them (``2.500``, ``3,4 milioni di euro``, ``460亿元``, ``2.5万``,
``830억 원``, ``$849 million``), number words, currency conversions computed
at the ECB rate of the publication date, approximation and bound qualifiers,
scoped and earlier-period figures, relative times, footers of unrelated
headlines, and distractor stories naming the same company years apart.

Stories are never written into the files (no ``story:`` front matter): the
tool must find them.  One article of some stories states one figure wrongly;
:class:`GroundTruth` records each such planted contradiction (file, story, the
wrong quote and its offsets, the right value), and ``ground_truth.json`` holds
the same next to the articles.  Output is a pure function of the seed.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import random
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "LANGUAGES",
    "GroundTruth",
    "PlantedContradiction",
    "StoryInfo",
    "generate_corpus",
    "main",
]

LANGUAGES: tuple[str, ...] = ("zh", "it", "ko", "en")

# Latin syllable, Han character, Hangul transcription: each column is injective,
# so a name made of syllables is unique in every script at once.
_SYLLABLES: tuple[tuple[str, str, str], ...] = (
    ("ka", "卡", "카"), ("ri", "里", "리"), ("ven", "文", "벤"), ("to", "托", "토"),
    ("lu", "卢", "루"), ("mi", "米", "미"), ("sa", "萨", "사"), ("no", "诺", "노"),
    ("ber", "贝", "베르"), ("ta", "塔", "타"), ("ro", "罗", "로"), ("dal", "达", "달"),
    ("mon", "蒙", "몬"), ("zi", "齐", "지"), ("fen", "芬", "펜"), ("gor", "戈", "고르"),
    ("vi", "维", "비"), ("xan", "桑", "산"), ("pel", "佩", "펠"), ("qua", "夸", "콰"),
    ("dex", "德", "덱"), ("lan", "兰", "란"), ("mar", "玛", "마르"), ("sol", "索", "솔"),
    ("tin", "廷", "틴"), ("ora", "奥", "오라"), ("kel", "凯", "켈"), ("nu", "努", "누"),
    ("fi", "菲", "피"), ("bo", "博", "보"), ("el", "埃", "엘"), ("zu", "祖", "주"),
)

# Kind of company: (en, it, zh, ko).
_COMPANY_TYPES: tuple[tuple[str, str, str, str], ...] = (
    ("Group", "Gruppo", "集团", "그룹"),
    ("Industries", "Industrie", "工业", "산업"),
    ("Technologies", "Tecnologie", "科技", "테크"),
    ("Logistics", "Logistica", "物流", "물류"),
    ("Foods", "Alimentare", "食品", "식품"),
)

_MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
              "October", "November", "December")
_WORDS: dict[str, dict[int, str]] = {
    "en": {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten"},
    "it": {2: "due", 3: "tre", 4: "quattro", 5: "cinque", 6: "sei", 7: "sette", 8: "otto", 9: "nove", 10: "dieci"},
    "zh": {2: "两", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九", 10: "十"},
}

# Facts a story can state; the first group can carry a planted contradiction.
_CONTRADICTABLE = ("jobs", "factories", "stores", "employees", "investment", "revenue", "area", "capacity", "launch")
_OTHER_FACTS = ("founded", "growth")
_COUNTS = ("jobs", "factories", "stores", "employees")
_MONEY = ("investment", "revenue")
_CURRENCIES = ("CNY", "USD", "EUR", "KRW")


@dataclass(frozen=True, slots=True)
class PlantedContradiction:
    """One article of a story stating one figure differently from all the others."""

    path: str  # relative to the corpus directory, forward slashes
    story: str
    fact: str  # the generator's concept key: jobs, factories, investment, launch...
    lang: str
    quote: str  # the wrong figure as written, e.g. "100 factories" or "2008"
    start: int  # offsets of ``quote`` in the decoded file, front matter included
    end: int
    right_value: float  # in the stated unit (currency, square metres, tonnes, year, count)
    wrong_value: float
    unit: str | None
    others: tuple[str, ...] = ()  # the story's articles stating the right value


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """What the generator knows about one story."""

    id: str
    company: str
    year: int
    articles: tuple[str, ...]
    facts: dict[str, float]
    currency: str
    distractor_of: str | None = None  # an older or newer story about the same company


@dataclass(slots=True)
class GroundTruth:
    """The stories and planted contradictions of a generated corpus."""

    root: str
    seed: int
    n_articles: int
    stories: dict[str, StoryInfo] = field(default_factory=dict)
    contradictions: list[PlantedContradiction] = field(default_factory=list)
    glossary: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON shape written to ``ground_truth.json``."""
        # The directory is left out so the same seed gives the same bytes anywhere.
        return {
            "seed": self.seed,
            "n_articles": self.n_articles,
            "stories": {k: asdict(v) for k, v in self.stories.items()},
            "contradictions": [asdict(c) for c in self.contradictions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], root: str = "") -> GroundTruth:
        """Rebuild a ground truth from :meth:`to_dict` output."""
        stories = {
            k: StoryInfo(v["id"], v["company"], v["year"], tuple(v["articles"]), dict(v["facts"]), v["currency"],
                         v.get("distractor_of"))
            for k, v in data.get("stories", {}).items()
        }
        planted = [
            PlantedContradiction(**{**c, "others": tuple(c.get("others", ()))}) for c in data.get("contradictions", [])
        ]
        return cls(root, int(data["seed"]), int(data["n_articles"]), stories, planted)

    @classmethod
    def load(cls, path: Path) -> GroundTruth:
        """Read a ``ground_truth.json`` file."""
        return cls.from_dict(json.loads(path.read_text(encoding="utf-8")), path.parent.as_posix())


# ---------------------------------------------------------------- numbers


def _dec(value: float, comma: bool = False) -> str:
    """Format a decimal with at most three places, trailing zeros dropped."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".") if comma else text


def _grouped(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def _en_scaled(v: float) -> str:
    if v >= 1e9:
        return f"{_dec(v / 1e9)} billion"
    if v >= 1e6:
        return f"{_dec(v / 1e6)} million"
    return _grouped(round(v), ",")


def _it_scaled(v: float) -> tuple[str, bool]:
    """Return the Italian figure and whether it ends in a scale word (which takes ``di``)."""
    if v >= 1e9:
        x = v / 1e9
        return f"{_dec(x, True)} {'miliardo' if x == 1 else 'miliardi'}", True
    if v >= 1e6:
        x = v / 1e6
        return f"{_dec(x, True)} {'milione' if x == 1 else 'milioni'}", True
    return _grouped(round(v), "."), False


def _zh_scaled(v: float) -> str:
    if v >= 1e8:
        return f"{_dec(v / 1e8)}亿"
    if v >= 1e4:
        return f"{_dec(v / 1e4)}万"
    return str(round(v))


def _ko_scaled(v: float) -> str:
    """Write a whole number with Korean myriad units: ``8억4900만``, ``1만2000``."""
    n = round(v)
    if n < 10_000:
        return _grouped(n, ",")
    parts: list[str] = []
    for size, word in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
        if n >= size:
            parts.append(f"{n // size}{word}")
            n %= size
    if n:
        parts.append(str(n))
    return "".join(parts)


def _round_sig(x: float, digits: int = 3) -> float:
    if x <= 0:
        return x
    exponent = math.floor(math.log10(x)) - digits + 1
    return float(round(x / 10**exponent) * 10**exponent)


_MONEY_UNITS: dict[str, dict[str, str]] = {
    "en": {"CNY": "yuan", "USD": "dollars", "EUR": "euros", "KRW": "won"},
    "it": {"CNY": "yuan", "USD": "dollari", "EUR": "euro", "KRW": "won"},
    "zh": {"CNY": "元", "USD": "美元", "EUR": "欧元", "KRW": "韩元"},
    "ko": {"CNY": "위안", "USD": "달러", "EUR": "유로", "KRW": "원"},
}


def _money(lang: str, v: float, cur: str) -> str:
    """Write an amount of money as a news article in ``lang`` would."""
    if lang == "en":
        if cur == "USD":
            return f"${_en_scaled(v)}"
        if cur == "EUR":
            return f"€{_en_scaled(v)}"
        return f"{_en_scaled(v)} {_MONEY_UNITS['en'][cur]}"
    if lang == "it":
        figure, scaled = _it_scaled(v)
        return f"{figure} {'di ' if scaled else ''}{_MONEY_UNITS['it'][cur]}"
    if lang == "zh":
        return f"{_zh_scaled(v)}{_MONEY_UNITS['zh'][cur]}"
    return f"{_ko_scaled(v)} {_MONEY_UNITS['ko'][cur]}"


_APPROX = {"en": "about ", "it": "circa ", "zh": "约", "ko": "약 "}
_GT = {"en": "more than ", "it": "oltre ", "zh": "逾"}


def _conversion(lang: str) -> tuple[str, str]:
    """Return the parenthesis wrapping a converted amount: (opening, closing)."""
    if lang == "zh":
        return "（约合", "）"
    if lang == "ko":
        return "(약 ", ")"
    return f" ({_APPROX[lang]}", ")"


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_missing_rate=False, fallback_on_wrong_date=False)


@functools.lru_cache(maxsize=65536)
def _eur_rate(cur: str, day: dt.date) -> float:
    """Return EUR per unit of ``cur`` on ``day`` or the nearest earlier ECB business day."""
    if cur == "EUR":
        return 1.0
    from currency_converter import RateNotFoundError

    converter = _converter()
    probe = day
    for _ in range(15):
        try:
            return float(converter.convert(1.0, cur, "EUR", probe))
        except RateNotFoundError:
            probe -= dt.timedelta(days=1)
    return float(converter.convert(1.0, cur, "EUR"))


# ---------------------------------------------------------------- phrases


def _count_number(lang: str, n: int, words: bool) -> str:
    if words and n in _WORDS.get(lang, {}):
        return _WORDS[lang][n]
    if lang == "en":
        return f"{_dec(n / 1e6)} million" if n >= 1_000_000 and n % 100_000 == 0 else _grouped(n, ",")
    if lang == "it":
        return _grouped(n, ".")
    if lang == "zh":
        return _zh_scaled(n) if n >= 10_000 and n % 1000 == 0 else str(n)
    return _ko_scaled(n)


_COUNT_NOUNS: dict[str, dict[str, str]] = {
    "en": {"jobs": "{n} jobs", "factories": "{n} factories", "stores": "{n} stores", "employees": "{n} employees"},
    "it": {"jobs": "{n} posti di lavoro", "factories": "{n} fabbriche", "stores": "{n} negozi",
           "employees": "{n} dipendenti"},
    "zh": {"jobs": "{n}个就业岗位", "factories": "{n}家工厂", "stores": "{n}家门店", "employees": "{n}名员工"},
    "ko": {"jobs": "일자리 {n}개", "factories": "{n}개의 공장", "stores": "매장 {n}곳", "employees": "{n}명"},
}


def _count(lang: str, fact: str, n: int, words: bool = False, approx: bool = False, gt: bool = False) -> str:
    number = _count_number(lang, n, words)
    if lang == "ko":
        # Korean puts 약 right before the figure, also inside noun-first phrases ("일자리 약 1,800개").
        phrase = _COUNT_NOUNS[lang][fact].format(n=_APPROX[lang] + number if approx else number)
        return f"{phrase} 이상" if gt else phrase
    phrase = _COUNT_NOUNS[lang][fact].format(n=number)
    if gt:
        return _GT[lang] + phrase
    if approx:
        return _APPROX[lang] + phrase
    return phrase


def _area(lang: str, m2: float, hectares: bool) -> str:
    if hectares:
        ha = m2 / 10_000
        return {"en": f"{_dec(ha)} hectares", "it": f"{_dec(ha, True)} ettari", "zh": f"{_dec(ha)}公顷",
                "ko": f"{_dec(ha)}헥타르"}[lang]
    n = round(m2)
    return {"en": f"{_grouped(n, ',')} square metres", "it": f"{_grouped(n, '.')} metri quadrati",
            "zh": f"{_zh_scaled(n)}平方米", "ko": f"{_ko_scaled(n)}㎡"}[lang]


def _tonnes(lang: str, t: float) -> str:
    n = round(t)
    return {"en": f"{_grouped(n, ',')} tonnes", "it": f"{_grouped(n, '.')} tonnellate", "zh": f"{_zh_scaled(n)}吨",
            "ko": f"{_ko_scaled(n)}톤"}[lang]


def _year(lang: str, y: int) -> str:
    return {"en": str(y), "it": str(y), "zh": f"{y}年", "ko": f"{y}년"}[lang]


def _ago(lang: str, n: int) -> str:
    return {"en": f"{n} years ago", "it": f"{n} anni fa", "zh": f"{n}年前", "ko": f"{n}년 전"}[lang]


def _percent(lang: str, p: float) -> str:
    if lang == "it":
        return f"{_dec(p, True)} per cento" if p == int(p) else f"{_dec(p, True)}%"
    return f"{_dec(p)}%"


# Sentence templates per language and fact; ``{q}`` is the figure, ``{co}`` the company,
# ``{city}`` a place and ``{prev}`` an earlier-period figure.
_TEMPLATES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "jobs": ("The project is expected to create {q} in {city}.",
                 "{co} said the plan would bring {q} to {city} over the coming years."),
        "factories": ("{co} will help {q} sell directly to consumers.",
                      "The group now works with {q} in the region around {city}."),
        "stores": ("{co} plans to open {q} by the end of the year.", "The chain already runs {q} nationwide."),
        "employees": ("{co} employs {q}, up from {prev} a year earlier.", "The company has {q}."),
        "investment": ("The total investment amounts to {q}.", "{co} will invest {q} in the new site in {city}."),
        "revenue": ("Revenue reached {q} last year.", "{co} reported revenue of {q} for the last fiscal year."),
        "area": ("The new campus in {city} covers {q}.", "The site will span {q}."),
        "capacity": ("The plant will have an annual capacity of {q}.", "Once complete, the facility can produce {q} a year."),
        "launch": ("The programme, launched in {q}, has since expanded to {city}.",
                   "{co} first launched the service in {q}."),
        "founded": ("{co}, founded {q}, is based in {city}.", "The company was set up in {city} {q}."),
        "growth": ("Sales grew {q} last year.", "Its online business expanded by {q} last year."),
        "scope": ("Of these, {q} are in {city} alone.",),
        "intro": ("{co} announced a new expansion plan in {city} this week.",
                  "{co} unveiled plans to expand its business in {city}."),
    },
    "it": {
        "jobs": ("Il progetto dovrebbe creare {q} a {city}.",
                 "Secondo il gruppo {co}, il piano porterà {q} nella zona di {city}."),
        "factories": ("Il gruppo {co} aiuterà {q} a realizzare vendite dirette al consumatore.",
                      "Il gruppo collabora ora con {q} nella regione di {city}."),
        "stores": ("Il gruppo {co} prevede di aprire {q} entro la fine dell'anno.",
                   "La catena conta già {q} in tutto il paese."),
        "employees": ("Il gruppo {co} impiega {q}, rispetto ai {prev} dell'anno precedente.", "L'azienda conta {q}."),
        "investment": ("L'investimento complessivo ammonta a {q}.", "Il gruppo {co} investirà {q} nel nuovo sito di {city}."),
        "revenue": ("Il fatturato ha raggiunto {q} lo scorso anno.",
                    "Il gruppo {co} ha registrato ricavi per {q} nell'ultimo esercizio."),
        "area": ("Il nuovo campus di {city} si estende su {q}.", "Il sito occuperà {q}."),
        "capacity": ("Lo stabilimento avrà una capacità di {q} all'anno.",
                     "A regime l'impianto potrà produrre {q} all'anno."),
        "launch": ("Il programma, lanciato nel {q}, si è poi esteso a {city}.",
                   "Il gruppo {co} ha lanciato il servizio per la prima volta nel {q}."),
        "founded": ("Il gruppo {co}, fondato {q}, ha sede a {city}.", "L'azienda è nata a {city} {q}."),
        "growth": ("Le vendite sono cresciute del {q} lo scorso anno.",
                   "Il commercio online è aumentato del {q} nell'ultimo anno."),
        "scope": ("Di questi, {q} solo a {city}.",),
        "intro": ("Il gruppo {co} ha annunciato un nuovo piano di espansione a {city}.",
                  "Il gruppo {co} ha presentato i suoi piani di crescita a {city}."),
    },
    "zh": {
        "jobs": ("该项目预计将在{city}创造{q}。", "{co}表示，该计划将为{city}带来{q}。"),
        "factories": ("{co}将帮助{q}实现对消费者的直接销售。", "目前该集团在{city}周边地区与{q}合作。"),
        "stores": ("{co}计划在年底前开设{q}。", "该公司目前在全国拥有{q}。"),
        "employees": ("{co}拥有{q}，上一年为{prev}。", "该公司目前拥有{q}。"),
        "investment": ("项目总投资{q}。", "{co}将在{city}新基地投资{q}。"),
        "revenue": ("去年营收达到{q}。", "{co}上一财年营业收入为{q}。"),
        "area": ("位于{city}的新园区占地{q}。", "该基地占地面积{q}。"),
        "capacity": ("该工厂年产能为{q}。", "建成后，该工厂每年可生产{q}。"),
        "launch": ("该项目于{q}推出，此后扩展至{city}。", "{co}于{q}首次推出这项服务。"),
        "founded": ("{co}{q}在{city}成立。", "该公司{q}创立于{city}。"),
        "growth": ("去年销售额增长{q}。", "其线上业务去年增长了{q}。"),
        "scope": ("其中仅{city}一地就有{q}。",),
        "intro": ("{co}日前宣布在{city}实施新的扩张计划。", "{co}公布了在{city}的业务扩展计划。"),
    },
    "ko": {
        "jobs": ("이 사업으로 {city}에 {q}가 새로 생길 것으로 예상된다.", "{co}는 이 계획이 {city}에 {q}를 가져올 것이라고 밝혔다."),
        "factories": ("{co}는 {q}이 소비자에게 직접 판매할 수 있도록 지원할 계획이다.",
                      "이 그룹은 현재 {city} 일대에서 {q}과 협력하고 있다."),
        "stores": ("{co}는 연말까지 {q}을 열 계획이다.", "이 회사는 현재 전국에서 {q}을 운영하고 있다."),
        "employees": ("{co}의 직원은 {q}으로, 전년의 {prev}보다 늘었다.", "이 회사의 직원 수는 {q}이다."),
        "investment": ("총 투자액은 {q}에 달한다.", "{co}는 {city} 신규 부지에 {q}를 투자할 예정이다."),
        "revenue": ("지난해 매출은 {q}에 달했다.", "{co}의 지난 회계연도 매출은 {q}였다."),
        "area": ("{city}의 새 캠퍼스 면적은 {q}에 이른다.", "부지 면적은 {q}이다."),
        "capacity": ("이 공장의 연간 생산능력은 {q}이다.", "완공되면 이 공장은 연간 {q}을 생산할 수 있다."),
        "launch": ("이 프로그램은 {q} 출시된 뒤 {city}로 확대됐다.", "{co}는 {q}에 이 서비스를 처음 선보였다."),
        "founded": ("{co}는 {q} {city}에서 설립됐다.", "이 회사는 {q} {city}에서 문을 열었다."),
        "growth": ("지난해 매출은 {q} 증가했다.", "온라인 사업은 지난해 {q} 성장했다."),
        "scope": ("이 가운데 {city}에만 {q}가 있다.",),
        "intro": ("{co}가 {city}에서 새로운 확장 계획을 발표했다.", "{co}는 {city} 사업 확장 계획을 공개했다."),
    },
}

_FOOTER_MARKERS = {"en": "Read more:", "it": "Leggi anche:", "zh": "延伸阅读：", "ko": "더보기"}
_FOOTER_HEADLINES: dict[str, tuple[str, ...]] = {
    "en": ("{co} to open {n} stores in {city}", "{co} revenue rises {p}%", "{co} plans {n} new jobs in {city}"),
    "it": ("Il gruppo {co} apre {n} negozi a {city}", "{co}, ricavi in crescita: +{p}%",
           "{co} annuncia {n} nuovi posti di lavoro a {city}"),
    "zh": ("{co}将在{city}开设{n}家门店", "{co}营收增长{p}%", "{co}计划在{city}新增{n}个就业岗位"),
    "ko": ("{co}, {city}에 매장 {n}곳 연다", "{co} 매출 {p}% 증가", "{co}, {city}에서 일자리 {n}개 창출 계획"),
}


# ---------------------------------------------------------------- names


@dataclass(frozen=True, slots=True)
class _Name:
    latin: str
    han: str
    hangul: str
    kind: int  # index into _COMPANY_TYPES
    glossary: bool  # CJK text writes only the local form; the glossary links them


class _Names:
    """Draws names that are unique in every script."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def draw(self) -> tuple[str, str, str]:
        for _ in range(1000):
            size = self.rng.choices((2, 3, 4), weights=(3, 6, 2))[0]
            parts = [self.rng.choice(_SYLLABLES) for _ in range(size)]
            latin = "".join(p[0] for p in parts).capitalize()
            han = "".join(p[1] for p in parts)
            hangul = "".join(p[2] for p in parts)
            if latin not in self.seen and han not in self.seen and hangul not in self.seen:
                self.seen.update((latin, han, hangul))
                return latin, han, hangul
        raise RuntimeError("name space exhausted")


def _company_forms(name: _Name, lang: str, first: bool) -> str:
    en, _, zh, ko = _COMPANY_TYPES[name.kind]
    if lang == "en":
        return f"{name.latin} {en}"
    if lang == "it":
        return name.latin
    if lang == "zh":
        local = f"{name.han}{zh}"
        return f"{local}（{name.latin}）" if first and not name.glossary else local
    local = f"{name.hangul}{ko}"
    return f"{local}({name.latin})" if first and not name.glossary else local


def _city_forms(city: tuple[str, str, str], lang: str) -> str:
    latin, han, hangul = city
    return {"en": latin, "it": latin, "zh": f"{han}市", "ko": f"{hangul}시"}[lang]


# ---------------------------------------------------------------- stories


def _nice(rng: random.Random, lo: int, hi: int) -> int:
    """A round figure of two significant digits between 10**lo and 10**(hi+1)."""
    mantissa = rng.choice((10, 12, 15, 18, 20, 24, 25, 27, 30, 34, 35, 40, 45, 46, 50, 60, 70, 75, 80, 85, 90))
    return int(mantissa * 10 ** (rng.randint(lo, hi) - 1))


def _draw_facts(rng: random.Random, year: int, currency: str) -> dict[str, float]:
    keys = list(_CONTRADICTABLE)
    rng.shuffle(keys)
    chosen = keys[: rng.randint(3, 5)]
    chosen += [k for k in _OTHER_FACTS if rng.random() < 0.5]
    money_scale = 2 if currency == "KRW" else 0
    facts: dict[str, float] = {}
    for key in chosen:
        if key == "jobs":
            facts[key] = _nice(rng, 2, 4)
        elif key == "factories":
            facts[key] = rng.randint(3, 10) if rng.random() < 0.25 else _nice(rng, 1, 3)
        elif key == "stores":
            facts[key] = _nice(rng, 1, 3)
        elif key == "employees":
            facts[key] = _nice(rng, 3, 5)
        elif key in _MONEY:
            facts[key] = _nice(rng, 6 + money_scale, 8 + money_scale)
        elif key == "area":
            facts[key] = _nice(rng, 4, 5)
        elif key == "capacity":
            facts[key] = _nice(rng, 3, 6)
        elif key == "launch":
            facts[key] = year - rng.randint(2, 15)
        elif key == "founded":
            facts[key] = rng.randint(5, 40)
        elif key == "growth":
            facts[key] = rng.choice((3, 5, 8, 12, 15, 18, 22, 27, 35, 40, 6.5, 12.5))
    return facts


def _wrong_value(rng: random.Random, key: str, right: float) -> float:
    """A value for ``key`` clearly outside any tolerance of ``right``."""
    if key == "launch":
        return right + rng.choice((-2, -1, 1))
    if key in _COUNTS and right >= 20 and rng.random() < 0.5:
        return right / 10 if right >= 100 and rng.random() < 0.5 else right * 10
    factor = rng.choice((2.0, 3.0, 0.5, 10.0))
    wrong = right * factor
    if key in _COUNTS or key in ("area", "capacity"):
        wrong = float(round(wrong))
    return wrong if wrong >= 2 and wrong != right else right * 10


def _publication_dates(rng: random.Random, year: int, size: int) -> list[dt.date]:
    start = dt.date(year, rng.randint(1, 11), rng.randint(1, 28))
    dates = []
    for _ in range(size):
        day = start + dt.timedelta(days=rng.randint(0, 4))
        # Weekdays only: an ECB rate exists for the day, so stated conversions are exact.
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        dates.append(day)
    return dates


@dataclass(slots=True)
class _Story:
    id: str
    name: _Name
    city: tuple[str, str, str]
    year: int
    currency: str
    facts: dict[str, float]
    size: int
    distractor_of: str | None = None


# ---------------------------------------------------------------- articles


class _Writer:
    """Assembles one article, tracking character offsets of the pieces."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> int:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start

    def text(self) -> str:
        return "".join(self.parts)


def _fill(template: str, q: str, **slots: str) -> tuple[str, int]:
    """Fill a template; return the sentence and the offset of ``q`` in it."""
    head, _, tail = template.partition("{q}")
    head_text = head.format(**slots)
    return head_text + q + tail.format(**slots), len(head_text)


def _render_article(
    rng: random.Random,
    story: _Story,
    lang: str,
    published: dt.date,
    wrong: tuple[str, float] | None,
    plain: str | None,
    footer_pool: Sequence[tuple[_Name, tuple[str, str, str]]],
) -> tuple[str, tuple[str, int, int] | None]:
    """Write one article; return its text and the (quote, start, end) of the wrong figure."""
    templates = _TEMPLATES[lang]
    co = _company_forms(story.name, lang, first=False)
    city = _city_forms(story.city, lang)
    writer = _Writer()
    title = {
        "en": f"{co} expands in {city}",
        "it": f"Il gruppo {co} punta su {city}",
        "zh": f"{co}加码{city}业务",
        "ko": f"{co}, {city} 사업 확대",
    }[lang]
    writer.add(f"---\nlang: {lang}\npublished: {published.isoformat()}\ntitle: \"{title}\"\n---\n")
    if lang == "en":
        writer.add(f"{story.city[0].upper()}, {_MONTHS_EN[published.month - 1]} {published.day} — ")
    first_co = _company_forms(story.name, lang, first=True)
    writer.add(rng.choice(templates["intro"]).format(co=first_co, city=city))
    space = "" if lang == "zh" else " "
    keys = [k for k in story.facts if k == (wrong[0] if wrong else None) or k == plain or rng.random() < 0.85]
    rng.shuffle(keys)
    planted: tuple[str, int, int] | None = None
    for index, key in enumerate(keys):
        value = wrong[1] if wrong and wrong[0] == key else story.facts[key]
        # The contradicted fact is written plainly everywhere in its story: a bound or
        # an approximation would make "more than 100" agree with "1,000".
        exact = key == plain
        quote, suffix, prev = _figure(rng, lang, key, value, story, published, exact)
        template = rng.choice(templates[key])
        sentence, offset = _fill(template, quote + suffix, co=co, city=city, prev=prev)
        writer.add("\n\n" if index % 3 == 0 else space)
        start = writer.add(sentence) + offset
        if wrong and wrong[0] == key:
            planted = (quote, start, start + len(quote))
        if key in ("jobs", "factories", "stores") and rng.random() < 0.2 and value >= 20:
            part = _count(lang, key, int(value // 4))
            scoped, _ = _fill(templates["scope"][0], part, city=city)
            writer.add(space + scoped)
    writer.add("\n")
    if rng.random() < 0.6 and footer_pool:
        writer.add(f"\n{_FOOTER_MARKERS[lang]}\n")
        for _ in range(rng.randint(1, 3)):
            other, other_city = rng.choice(footer_pool)
            headline = rng.choice(_FOOTER_HEADLINES[lang]).format(
                co=_company_forms(other, lang, first=False),
                city=_city_forms(other_city, lang),
                n=_count_number(lang, _nice(rng, 1, 3), False),
                p=rng.choice((4, 7, 9, 11, 16, 23, 31)),
            )
            writer.add(f"- {headline}\n")
    return writer.text(), planted


def _figure(
    rng: random.Random, lang: str, key: str, value: float, story: _Story, published: dt.date, exact: bool
) -> tuple[str, str, str]:
    """Return (quote, text after the quote, earlier-period figure) for one fact."""
    if key in _COUNTS:
        n = int(value)
        words = not exact and n <= 10 and rng.random() < 0.5
        approx = not exact and rng.random() < 0.15
        gt = not exact and not approx and key == "employees" and rng.random() < 0.2
        quote = _count(lang, key, n, words=words, approx=approx, gt=gt)
        prev = _count(lang, key, int(_round_sig(n * 0.8, 2))) if key == "employees" else ""
        return quote, "", prev
    if key in _MONEY:
        quote = _money(lang, value, story.currency)
        if not exact and rng.random() < 0.15:
            quote = _APPROX[lang] + quote
        suffix = ""
        if rng.random() < 0.5:
            target = "EUR" if story.currency == "USD" else "USD"
            converted = _round_sig(value * _eur_rate(story.currency, published) / _eur_rate(target, published))
            opening, closing = _conversion(lang)
            suffix = opening + _money(lang, converted, target) + closing
        return quote, suffix, ""
    if key == "area":
        hectares = value % 10_000 == 0 and rng.random() < 0.5
        return _area(lang, value, hectares), "", ""
    if key == "capacity":
        return _tonnes(lang, value), "", ""
    if key == "launch":
        return _year(lang, int(value)), "", ""
    if key == "founded":
        return _ago(lang, int(value)), "", ""
    return _percent(lang, value), "", ""


# ---------------------------------------------------------------- corpus


def _story_sizes(rng: random.Random, n_articles: int) -> list[int]:
    sizes: list[int] = []
    total = 0
    while total < n_articles:
        size = rng.randint(2, 8)
        sizes.append(size)
        total += size
    excess = total - n_articles
    sizes[-1] -= excess
    if sizes[-1] < 2:
        # A one-article story cannot be checked; give the article to a smaller story.
        orphan = sizes.pop()
        for index in range(len(sizes)):
            if orphan and sizes[index] < 8:
                sizes[index] += orphan
                orphan = 0
        if orphan:
            sizes.append(orphan)
    return sizes


def generate_corpus(out_dir: Path, n_articles: int, seed: int = 0) -> GroundTruth:
    """Write a synthetic corpus of ``n_articles`` articles into ``out_dir``.

    Args:
        out_dir: Directory to write into (created; existing articles of an
            earlier corpus with the same names are overwritten).
        n_articles: How many articles to write (at least 2).
        seed: The random seed; the same seed gives byte-identical files.

    Returns:
        The ground truth: stories, glossary and planted contradictions, also
        written to ``out_dir/ground_truth.json``.
    """
    if n_articles < 2:
        raise ValueError("a corpus needs at least two articles")
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    names = _Names(rng)
    truth = GroundTruth(root=out_dir.as_posix(), seed=seed, n_articles=n_articles)
    stories: list[_Story] = []
    for number, size in enumerate(_story_sizes(rng, n_articles)):
        story_id = f"s{number:06d}"
        base = rng.choice(stories) if stories and rng.random() < 0.15 else None
        if base is not None and base.distractor_of is None:
            # Same company, a different year: numbers differ and must not be compared.
            name = base.name
            year = base.year + rng.choice((-1, 1)) * rng.randint(3, 6)
            year = year if 2010 <= year <= 2024 else base.year + (5 if base.year < 2017 else -5)
            distractor_of: str | None = base.id
        else:
            latin, han, hangul = names.draw()
            name = _Name(latin, han, hangul, rng.randrange(len(_COMPANY_TYPES)), rng.random() < 0.4)
            year = rng.randint(2012, 2024)
            distractor_of = None
        currency = rng.choice(_CURRENCIES)
        stories.append(_Story(story_id, name, names.draw(), year, currency, _draw_facts(rng, year, currency), size,
                              distractor_of))

    footer_pool = [(s.name, s.city) for s in stories[:: max(1, len(stories) // 500)]]
    slots = list(range(n_articles))
    rng.shuffle(slots)
    width = max(6, len(str(n_articles)))
    cursor = 0
    for story in stories:
        langs = [rng.choice(LANGUAGES) for _ in range(story.size)]
        dates = _publication_dates(rng, story.year, story.size)
        paths = [f"{slots[cursor + i]:0{width}d}-{langs[i]}.md" for i in range(story.size)]
        cursor += story.size
        wrong_index = -1
        wrong: tuple[str, float] | None = None
        plain: str | None = None
        candidates = [k for k in story.facts if k in _CONTRADICTABLE]
        if story.size >= 3 and candidates and rng.random() < 0.4:
            plain = rng.choice(candidates)
            wrong_index = rng.randrange(story.size)
            wrong = (plain, _wrong_value(rng, plain, story.facts[plain]))
        for i, (lang, day, rel) in enumerate(zip(langs, dates, paths, strict=True)):
            text, planted = _render_article(
                rng, story, lang, day, wrong if i == wrong_index else None, plain, footer_pool
            )
            with open(out_dir / rel, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            if planted is not None and wrong is not None:
                quote, start, end = planted
                truth.contradictions.append(PlantedContradiction(
                    path=rel, story=story.id, fact=wrong[0], lang=lang, quote=quote, start=start, end=end,
                    right_value=float(story.facts[wrong[0]]), wrong_value=float(wrong[1]),
                    unit=_unit_of(wrong[0], story.currency), others=tuple(p for p in paths if p != rel),
                ))
        truth.stories[story.id] = StoryInfo(story.id, story.name.latin, story.year, tuple(paths),
                                            {k: float(v) for k, v in story.facts.items()}, story.currency,
                                            story.distractor_of)
        if story.name.glossary and story.distractor_of is None:
            truth.glossary[story.name.latin] = [story.name.han, story.name.hangul]

    _write_manifest(out_dir, truth.glossary)
    (out_dir / "ground_truth.json").write_text(json.dumps(truth.to_dict(), ensure_ascii=False, indent=1),
                                               encoding="utf-8")
    return truth


def _unit_of(key: str, currency: str) -> str | None:
    units: dict[str, str] = {"jobs": "job", "factories": "factory", "stores": "store", "employees": "employee",
                             "area": "m**2", "capacity": "tonne", "launch": "year"}
    return currency if key in _MONEY else units.get(key)


def _write_manifest(out_dir: Path, glossary: dict[str, list[str]]) -> None:
    # JSON is valid YAML flow style and far faster to write than yaml.dump for large glossaries.
    lines = ["# synthetic corpus: metadata is in each file's front matter", "files: {}", "glossary:"]
    lines += [f"  {json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}" for k, v in
              sorted(glossary.items())]
    if not glossary:
        lines[-1] = "glossary: {}"
    (out_dir / "manifest.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: ``python -m factcheck.synth OUT_DIR N_ARTICLES [--seed S]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m factcheck.synth", description=main.__doc__)
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("n_articles", type=int)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    truth = generate_corpus(args.out_dir, args.n_articles, args.seed)
    print(f"{truth.n_articles} articles, {len(truth.stories)} stories, "
          f"{len(truth.contradictions)} planted contradictions in {args.out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
