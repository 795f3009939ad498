"""Properties of agreement: symmetric, tolerant within the stated precision, strict beyond it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.facts import agree
from factcheck.model import Kind

from .builders import Spec, corpus, document

values = st.floats(min_value=1.0, max_value=1e12, allow_nan=False, allow_infinity=False)
precisions = st.floats(min_value=0.0, max_value=0.05)


def pair(first: float, second: float, p1: float, p2: float):
    """Two count claims in two articles."""
    _docs, claims = corpus(
        document("a.txt", "en", "2024-01-01", "Alpha runs X factories.",
                 [Spec("X factories", Kind.COUNT, first, "factory", precision=p1)], story="s"),
        document("b.txt", "it", "2024-01-01", "Alpha gestisce Y fabbriche.",
                 [Spec("Y fabbriche", Kind.COUNT, second, "factory", precision=p2)], story="s"),
    )
    return claims


@settings(max_examples=60, deadline=None)
@given(values, precisions, precisions, st.floats(min_value=-1.0, max_value=1.0))
def test_agreement_is_symmetric_and_honours_the_tolerance(value: float, p1: float, p2: float, share: float) -> None:
    """Within the smaller side's tolerance two figures agree, far beyond both they do not, either way round."""
    tolerance = max(p1, 0.005)
    near = value * (1 + share * tolerance * 0.99)
    a, b = pair(value, near, p1, p2)
    assert agree(a, b) and agree(b, a)
    far = value * (1 + 2.5 * (max(p1, 0.005) + max(p2, 0.005)))
    c, d = pair(value, far, p1, p2)
    assert not agree(c, d) and not agree(d, c)
