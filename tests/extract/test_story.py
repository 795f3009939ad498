"""A test story whose vocabulary appears nowhere in the issue: a cherry harvest and a ferry line.

Four versions of one event, written for this test, must yield the same figures:
the tonnage, the subsidy, the count of growers, the share and the opening date.
"""

from __future__ import annotations

import pytest

from factcheck.model import Claim, Kind

from .conftest import Extract

STORY = {
    "en": ("Cherry growers in the valley picked nearly 18,500 tonnes this season, about 12% more than "
           "three years ago. The province will pay 4.2 million euros to 640 farmers, and the new ferry "
           "line opens on 14 May."),
    "it": ("I coltivatori di ciliegie della valle hanno raccolto quasi 18.500 tonnellate in questa stagione, "
           "circa il 12% in più di tre anni fa. La provincia verserà 4,2 milioni di euro a 640 agricoltori "
           "e la nuova linea di traghetti aprirà il 14 maggio."),
    "zh": ("山谷里的樱桃种植户本季采摘了近1.85万吨,比三年前增长约12%。省政府将向640名农民发放420万欧元,"
           "新的轮渡航线将于5月14日开通。"),
    "ko": ("계곡의 체리 재배 농가는 이번 시즌 약 1만 8500톤을 수확해 3년 전보다 약 12% 늘었다. "
           "도는 농민 640명에게 420만 유로를 지급하고, 새 여객선 항로는 5월 14일 개통한다."),
}


def figures(claims: list[Claim]) -> dict[str, object]:
    """Summarize the claims of one version by what they state."""
    by_unit = {c.unit: c for c in claims if c.kind in (Kind.QUANTITY, Kind.MONEY, Kind.PERCENT, Kind.COUNT)}
    date = next(c for c in claims if c.kind is Kind.DATE and c.relative is None)
    ago = next(c for c in claims if c.relative is not None)
    return {
        "tonnes": by_unit["tonne"].value,
        "euros": by_unit["EUR"].value,
        "percent": by_unit["percent"].value,
        "farmers": by_unit["farmer"].value,
        "date": date.parts,
        "ago": (ago.relative.unit, ago.relative.amount) if ago.relative else None,
    }


@pytest.mark.parametrize("lang", sorted(STORY))
def test_every_version_states_the_same_figures(extract: Extract, lang: str) -> None:
    """Each language version yields 18,500 t, 4.2 M EUR, 12 %, 640 farmers, 14 May and three years back."""
    assert figures(extract(STORY[lang], lang)) == {
        "tonnes": 18_500,
        "euros": 4_200_000,
        "percent": 12,
        "farmers": 640,
        "date": (None, 5, 14),
        "ago": ("year", -3),
    }


@pytest.mark.parametrize("lang", sorted(STORY))
def test_approximation_markers_carry_over(extract: Extract, lang: str) -> None:
    """nearly / quasi / 近 / 약 mark the tonnage approximate in every version."""
    tonnage = next(c for c in extract(STORY[lang], lang) if c.unit == "tonne")
    assert tonnage.approx
