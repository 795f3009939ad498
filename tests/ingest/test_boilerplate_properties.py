"""Property tests: boilerplate marking never raises and returns ordered spans inside the body."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.ingest_boilerplate import find_boilerplate

MARKERS = ("Read more", "Related", "延伸阅读", "관련기사", "Leggi anche", "Home")
PIECES = st.sampled_from([
    "Read more", "Related", "延伸阅读：", "관련기사", "Leggi anche: ", "Home > News > ", "- [Title 3](x)", "| 1 | 2 |",
    "The council approved 12 new schools on Monday after a long debate that drew 300 residents to the hall.",
    "港务局今年前三季度共处理集装箱420万标准箱，同比增长7.5%，创下历史同期最高纪录，官员表示。",
    "Storm leaves 40,000 homes without power", "...", "。", "\r\n", "\n", "\n\n", " ", "30", "\u3000", "\ufeff",
])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=30), st.integers(min_value=0, max_value=40))
def test_spans_are_ordered_disjoint_and_inside_the_body(pieces: list[str], body_start: int) -> None:
    """For any text, spans are sorted, disjoint, non-empty and within [body_start, len(text)]."""
    text = "".join(pieces)
    start = min(body_start, len(text))
    spans = find_boilerplate(text, start, MARKERS)
    previous_end = start
    for span_start, span_end in spans:
        assert previous_end <= span_start < span_end <= len(text)
        previous_end = span_end
