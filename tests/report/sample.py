"""A small, realistic Report for formatter tests: one story in zh, it and ko.

Three articles report a logistics hub in Milan; the Italian one says 1.800
jobs where the others say 1200, the Korean one converts 46억 위안 into a dollar
figure that does not match the ECB rate, and a fourth file is skipped.  Offsets,
lines, columns and sentences are computed from the article texts, so the
claims satisfy the Claim contract (``text[start:end] == quote``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from factcheck.baseline import fingerprint
from factcheck.model import (
    Claim,
    Document,
    Fact,
    Finding,
    Kind,
    Relative,
    Report,
    Severity,
    Status,
    column_of,
    line_of,
)

STORY = "milan-logistics-hub"
STARTED = "2024-03-14T09:30:00+00:00"
VERSION = "0.1.0"

# ECB reference rates (units of currency per euro) for the two publication days.
RATES = {
    "2024-03-12": {"CNY": 7.8314, "USD": 1.0927},
    "2024-03-13": {"CNY": 7.8297, "USD": 1.0938},
}

ZH_TEXT = """---
lang: zh
published: 2024-03-12
story: milan-logistics-hub
---
浙江物流企业在米兰建设智能物流枢纽

新华社米兰3月11日电 浙江一家物流企业11日与米兰市政府签署协议，将投资46亿元人民币在米兰东郊建设智能物流枢纽。
项目预计创造1200个就业岗位。该企业12年前在意大利设立了首个海外仓。
"""

IT_TEXT = """---
lang: it
published: 2024-03-12
story: milan-logistics-hub
---
Hub logistico a Milano, firmato l'accordo con il gruppo dello Zhejiang

MILANO – Un gruppo logistico dello Zhejiang investirà 4,6 miliardi di yuan in un polo logistico intelligente alla periferia est di Milano.
Il progetto creerà 1.800 posti di lavoro. Il gruppo aveva aperto il suo primo magazzino in Italia nel 2012.
"""

KO_TEXT = """---
lang: ko
published: 2024-03-13
story: milan-logistics-hub
---
저장성 물류기업, 밀라노에 스마트 물류허브 건설

저장성의 한 물류기업이 밀라노 동부에 46억 위안(약 8억 달러)을 투자해 스마트 물류허브를 짓는다.
이 사업으로 1200개 일자리가 생길 전망이다. 이 기업은 12년 전 이탈리아에 첫 해외 창고를 열었다.
"""

CHECK_DOCS = {
    "fact-agreement": (
        "Articles of one story state the same fact with the same number.\n\n"
        "Why: a translation or rewrite that changes a figure misinforms its readers.\n"
        "Fails: '1.800 posti di lavoro' where the other versions say '1200个就业岗位' and '1200개 일자리'."
    ),
    "conversion": (
        "A figure and its conversion stated together agree at the ECB rate of the publication date.\n\n"
        "Why: '46억 위안(약 8억 달러)' tells readers a dollar amount the yuan figure does not support.\n"
        "Options: tolerance (default 0.5 %, widened for approximate figures)."
    ),
    "input": (
        "Every input file could be read and checked.\n\n"
        "A skipped file (binary content, unknown encoding, broken front matter) is reported with its reason."
    ),
}

_SENTENCE_END = re.compile(r"(?<=[。！？])|(?<=[.!?])\s+|\n")


def _sentence(text: str, offset: int) -> tuple[int, str]:
    """Return the start and text of the sentence around ``offset``."""
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            return start, text[start : match.start()].strip()
    return start, text[start:].strip()


def _claim(path: str, text: str, lang: str, quote: str, kind: Kind, **fields: Any) -> Claim:
    """Build a claim at the first occurrence of ``quote`` in the article body."""
    start = text.index(quote, text.index("---\n", 4))
    sentence_start, sentence = _sentence(text, start)
    return Claim(
        path=path,
        start=start,
        end=start + len(quote),
        quote=quote,
        kind=kind,
        lang=lang,
        line=line_of(text, start),
        column=column_of(text, start),
        sentence=sentence,
        sentence_start=sentence_start,
        story=STORY,
        **fields,
    )


def _money(path: str, text: str, lang: str, quote: str, value: float, unit: str, date: str, **fields: Any) -> Claim:
    """Build a money claim converted to EUR at the sample's ECB rate."""
    rate = RATES[date][unit]
    euros = round(value / rate, 2)
    note = f"{value:,.0f} {unit} ÷ {rate} {unit}/EUR (ECB reference rate of {date}) = {euros:,.2f} EUR"
    return _claim(
        path,
        text,
        lang,
        quote,
        Kind.MONEY,
        value=value,
        unit=unit,
        canonical_value=euros,
        canonical_unit="EUR",
        rate_date=date,
        note=note,
        concept="investment",
        **fields,
    )


def _relative_year(path: str, text: str, lang: str, quote: str, years: int, anchor: str) -> Claim:
    """Build a year claim stated relative to the publication date."""
    resolved = int(anchor[:4]) - years
    relative = Relative(expression=quote, unit="year", amount=-years, anchor=anchor, resolved=str(resolved))
    note = f"{quote}: {anchor[:4]} − {years} years = {resolved} (anchor: publication date {anchor})"
    return _claim(
        path,
        text,
        lang,
        quote,
        Kind.YEAR,
        value=float(resolved),
        unit="year",
        canonical_value=resolved,
        canonical_unit="year",
        relative=relative,
        parts=(resolved, None, None),
        event="opening",
        concept="first-warehouse",
        fact="first-warehouse-year",
        note=note,
    )


def _jobs(path: str, text: str, lang: str, quote: str, value: float) -> Claim:
    """Build a count claim of jobs created."""
    return _claim(
        path,
        text,
        lang,
        quote,
        Kind.COUNT,
        value=value,
        unit="job",
        canonical_value=value,
        canonical_unit="job",
        concept="job",
        fact="jobs-created",
    )


def build_report(hostile: str | None = None) -> Report:
    """Return the sample report.

    Args:
        hostile: When given, this text is put into every quote, sentence, path,
            message and title, to test that renderers escape article content.
    """
    it_path, ko_path, zh_path = "corpus/hub/it.txt", "corpus/hub/ko.txt", "corpus/hub/zh.txt"
    skipped_path = "corpus/hub/scan.txt"

    it_claims = [
        _money(it_path, IT_TEXT, "it", "4,6 miliardi di yuan", 4.6e9, "CNY", "2024-03-12", fact="investment"),
        _jobs(it_path, IT_TEXT, "it", "1.800 posti di lavoro", 1800),
        _claim(
            it_path,
            IT_TEXT,
            "it",
            "2012",
            Kind.YEAR,
            value=2012.0,
            unit="year",
            canonical_value=2012,
            canonical_unit="year",
            parts=(2012, None, None),
            event="opening",
            concept="first-warehouse",
            fact="first-warehouse-year",
        ),
    ]
    ko_claims = [
        _money(ko_path, KO_TEXT, "ko", "46억 위안", 4.6e9, "CNY", "2024-03-13", fact="investment"),
        _money(ko_path, KO_TEXT, "ko", "약 8억 달러", 8e8, "USD", "2024-03-13", approx=True),
        _jobs(ko_path, KO_TEXT, "ko", "1200개 일자리", 1200),
        _relative_year(ko_path, KO_TEXT, "ko", "12년 전", 12, "2024-03-13"),
    ]
    zh_claims = [
        _money(zh_path, ZH_TEXT, "zh", "46亿元", 4.6e9, "CNY", "2024-03-12", fact="investment"),
        _jobs(zh_path, ZH_TEXT, "zh", "1200个就业岗位", 1200),
        _relative_year(zh_path, ZH_TEXT, "zh", "12年前", 12, "2024-03-12"),
    ]
    claims = [
        dataclasses.replace(claim, id=f"c{index}")
        for index, claim in enumerate([*it_claims, *ko_claims, *zh_claims], start=1)
    ]
    it_invest, it_jobs, it_year, ko_invest, ko_usd, ko_jobs, ko_year, zh_invest, zh_jobs, zh_year = claims

    documents = [
        Document(path=it_path, text=IT_TEXT, lang="it", published=dt.date(2024, 3, 12), story=STORY,
                 title="Hub logistico a Milano, firmato l'accordo con il gruppo dello Zhejiang", encoding="utf-8",
                 lang_origin="front-matter", published_origin="front-matter", body_start=IT_TEXT.index("Hub")),
        Document(path=ko_path, text=KO_TEXT, lang="ko", published=dt.date(2024, 3, 13), story=STORY,
                 title="저장성 물류기업, 밀라노에 스마트 물류허브 건설", encoding="utf-8",
                 lang_origin="front-matter", published_origin="front-matter", body_start=KO_TEXT.index("저장성")),
        Document(path=skipped_path, status=Status.SKIPPED, reason="binary content (NUL bytes at offset 0): not a text article"),
        Document(path=zh_path, text=ZH_TEXT, lang="zh", published=dt.date(2024, 3, 12), story=STORY,
                 title="浙江物流企业在米兰建设智能物流枢纽", encoding="utf-8", source=True,
                 lang_origin="front-matter", published_origin="front-matter", body_start=ZH_TEXT.index("浙江")),
    ]  # fmt: skip

    facts = [
        Fact(id="first-warehouse-year", story=STORY, claims=(it_year, ko_year, zh_year), consensus=2012,
             label="year the first overseas warehouse opened"),
        Fact(id="investment", story=STORY, claims=(it_invest, ko_invest, zh_invest),
             consensus=zh_invest.canonical_value, label="investment"),
        Fact(id="jobs-created", story=STORY, claims=(it_jobs, ko_jobs, zh_jobs), consensus=1200,
             label="jobs created"),
    ]  # fmt: skip

    usd_expected = round(4.6e9 / RATES["2024-03-13"]["CNY"] * RATES["2024-03-13"]["USD"], -6)
    findings = [
        Finding(
            check="fact-agreement",
            rule="fact-agreement",
            severity=Severity.ERROR,
            message="jobs created: 1,800 here, 1,200 in the 2 other articles of the story",
            claims=(it_jobs, ko_jobs, zh_jobs),
            fact="jobs-created",
            story=STORY,
            expected=1200,
            observed=1800,
            explanation=(
                "1.800 posti di lavoro = 1,800 job (it); 1200개 일자리 = 1,200 job (ko); "
                "1200个就业岗位 = 1,200 job (zh, source article). "
                "1,800 differs from 1,200 by +50 %, beyond the tolerance of ±0.5 %."
            ),
        ),
        Finding(
            check="conversion",
            rule="conversion",
            severity=Severity.WARNING,
            message=f"약 8억 달러 does not match 46억 위안 at the ECB rate: 4.6 billion CNY ≈ {usd_expected / 1e6:,.0f} million USD",
            claims=(ko_usd, ko_invest),
            story=STORY,
            expected=usd_expected,
            observed=8e8,
            explanation=(
                f"{ko_invest.note}; {ko_usd.note}. "
                f"The stated conversion is {800e6 / usd_expected - 1:+.1%} off, "
                "beyond the ±10 % allowed for an approximate figure (약)."
            ),
        ),
        Finding(
            check="input",
            rule="input",
            severity=Severity.INFO,
            message="file skipped: binary content (NUL bytes at offset 0): not a text article",
            path=skipped_path,
            line=1,
            column=1,
        ),
    ]
    report = Report(
        documents=tuple(documents),
        claims=tuple(claims),
        facts=tuple(facts),
        findings=tuple(dataclasses.replace(f, id=f"f{i}", fingerprint=fingerprint(f)) for i, f in enumerate(findings, 1)),
        tool_version=VERSION,
        started=STARTED,
        as_of="2024-03-14",
        rules=("default",),
        suite="sample",
        check_docs=dict(CHECK_DOCS),
    )
    if hostile is not None:
        report = _poison(report, hostile)
    return report


def _poison(report: Report, hostile: str) -> Report:
    """Put ``hostile`` into every text field an article or a user controls."""

    def claim(c: Claim) -> Claim:
        return dataclasses.replace(
            c,
            quote=f"{c.quote}{hostile}",
            sentence=f"{c.sentence} {hostile}",
            path=f"{c.path}{hostile}",
            note=f"{c.note or ''}{hostile}",
            story=f"{c.story}{hostile}",
        )

    claims = {c.id: claim(c) for c in report.claims}
    return dataclasses.replace(
        report,
        documents=tuple(
            dataclasses.replace(d, path=f"{d.path}{hostile}", title=f"{d.title}{hostile}",
                                story=f"{d.story}{hostile}" if d.story else None,
                                reason=f"{d.reason}{hostile}" if d.reason else None)
            for d in report.documents
        ),
        claims=tuple(claims.values()),
        facts=tuple(
            dataclasses.replace(f, story=f"{f.story}{hostile}", label=f"{f.label}{hostile}",
                                claims=tuple(claims[c.id] for c in f.claims))
            for f in report.facts
        ),
        findings=tuple(
            dataclasses.replace(
                f,
                message=f"{f.message}{hostile}",
                explanation=f"{f.explanation}{hostile}",
                story=f"{f.story}{hostile}" if f.story else None,
                path=f"{f.path}{hostile}" if f.path else None,
                claims=tuple(claims[c.id] for c in f.claims),
            )
            for f in report.findings
        ),
        check_docs={k: f"{v}{hostile}" for k, v in report.check_docs.items()},
    )
