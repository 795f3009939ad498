"""Decoding: every supported encoding, and bad bytes that must not crash ingest."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from factcheck.model import Document, Status

ZH = "阿里巴巴将在三年内帮助一千家工厂实现线上直销，产值超过一亿元。公司表示，中小企业是社会经济的原子细胞。"
ZH_HANT = "該公司表示，將在三年內幫助一千家工廠實現線上直銷，產值超過一億元。中小企業是社會經濟的原子細胞。"
KO = "회사는 3년 이내에 100개의 공장을 건설할 예정이며, 지방 정부와 긴밀한 협력을 맺었다. 중소기업을 지원하기 위한 계획이다."
IT = "Il comune ha speso 2.500 euro, più del previsto: è la città più cara della regione. Perché? Lo spiega l’assessore."


def test_plain_utf8_is_the_fast_path(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """A UTF-8 file decodes as utf-8 with its text unchanged and a sha256 of the raw bytes."""
    path = write("a.txt", IT)
    doc = one("a.txt")
    assert doc.status is Status.CHECKED
    assert (doc.encoding, doc.text) == ("utf-8", IT)
    import hashlib

    assert doc.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_utf8_bom_is_stripped_so_offsets_start_at_the_text(write: Callable[..., Path],
                                                            one: Callable[[str], Document]) -> None:
    """A UTF-8 BOM is not part of Document.text, so offset 0 is the first real character."""
    write("bom.txt", b"\xef\xbb\xbf" + IT.encode("utf-8"))
    doc = one("bom.txt")
    assert doc.text == IT
    assert doc.encoding == "utf-8-sig"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec: str, write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """UTF-16 decodes with a BOM and, from the position of its NUL bytes, without one."""
    write("u16.txt", ("Report: 2,500 teachers hired in 2024.\n" + IT).encode(codec))
    doc = one("u16.txt")
    assert doc.status is Status.CHECKED, doc.reason
    assert doc.text.startswith("Report: 2,500 teachers")
    assert doc.encoding is not None and doc.encoding.startswith("utf-16")


@pytest.mark.parametrize(("text", "codec"), [(ZH, "gbk"), (ZH, "gb18030"), (ZH_HANT, "big5"), (KO, "euc-kr")])
def test_legacy_cjk_encodings(text: str, codec: str, write: Callable[..., Path],
                              one: Callable[[str], Document]) -> None:
    """GBK, GB18030, Big5 and EUC-KR files decode to the same text."""
    write("legacy.txt", (text * 3).encode(codec))
    doc = one("legacy.txt")
    assert doc.status is Status.CHECKED, doc.reason
    assert doc.text == text * 3
    assert doc.encoding not in (None, "utf-8")


def test_windows_1252_is_preferred_among_western_code_pages(write: Callable[..., Path],
                                                             one: Callable[[str], Document]) -> None:
    """A Windows-1252 file keeps its accented letters and euro sign."""
    text = "Caffè e brioche a 3 € nella città: la qualità è più alta, però il prezzo è salito del 5%."
    write("cp.txt", (text * 2).encode("cp1252"))
    doc = one("cp.txt")
    assert doc.text == text * 2
    assert doc.encoding == "cp1252"


def test_invalid_utf8_among_valid_text_is_replaced_with_a_warning(write: Callable[..., Path],
                                                                  one: Callable[[str], Document]) -> None:
    """A stray invalid byte in a UTF-8 file is replaced and reported with its line, never a crash."""
    raw = ("第一行 2020年\n" + IT + "\n").encode("utf-8") + b"broken \xff byte\n" + ZH.encode("utf-8")
    write("bad.txt", raw)
    doc = one("bad.txt")
    assert doc.status is Status.CHECKED
    assert "\ufffd" in doc.text and "阿里巴巴" in doc.text
    assert any(w.startswith("line 3: invalid UTF-8") for w in doc.warnings)


def test_empty_file_is_skipped(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """An empty file is skipped with the reason 'empty file'."""
    write("empty.md", b"")
    doc = one("empty.md")
    assert (doc.status, doc.reason) == (Status.SKIPPED, "empty file")


def test_whitespace_only_file_is_skipped(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """A file of blank lines is skipped as empty."""
    write("blank.txt", "\n  \n\t\n")
    doc = one("blank.txt")
    assert doc.status is Status.SKIPPED
    assert doc.reason is not None and doc.reason.startswith("empty file")


def test_binary_file_with_text_extension_is_skipped(write: Callable[..., Path], one: Callable[[str], Document]) -> None:
    """PNG bytes named .md are skipped as a binary file."""
    write("image.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    doc = one("image.md")
    assert doc.status is Status.SKIPPED
    assert doc.reason is not None and doc.reason.startswith("binary file")


def test_random_bytes_without_nul_are_skipped_or_decoded_never_raised(write: Callable[..., Path],
                                                                       one: Callable[[str], Document]) -> None:
    """High bytes with no NUL either decode to something or are skipped with a reason."""
    data = bytes(b for b in os.urandom(4096) if b not in (0, 0x0A)) or b"\xff"
    write("noise.txt", data)
    doc = one("noise.txt")
    assert doc.status is Status.CHECKED or (doc.reason or "").startswith("binary file")


def test_a_50_mb_file_is_skipped_without_being_read(write: Callable[..., Path], load: Callable[..., object],
                                                    tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A 50 MB file over --max-bytes is skipped from its size alone; its bytes are never read."""
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: no 50 MB write on a shared disk
    import builtins

    real_open = builtins.open

    def guarded_open(file: object, mode: str = "r", *args: object, **kwargs: object) -> object:
        assert not str(file).endswith("big.txt"), "the oversized file was opened"
        return real_open(file, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(builtins, "open", guarded_open)
    corpus = load("big.txt")
    doc = corpus.documents[0]  # type: ignore[attr-defined]
    assert doc.status is Status.SKIPPED
    assert doc.reason == "larger than 20000000 bytes (--max-bytes)"


def test_max_bytes_is_configurable(write: Callable[..., Path], load: Callable[..., object]) -> None:
    """The size limit comes from max_bytes and the reason names it."""
    write("a.txt", IT)
    doc = load("a.txt", max_bytes=10).documents[0]  # type: ignore[attr-defined]
    assert (doc.status, doc.reason) == (Status.SKIPPED, "larger than 10 bytes (--max-bytes)")


def test_short_gbk_text_is_not_mistaken_for_broken_utf8(write: Callable[..., Path],
                                                        one: Callable[[str], Document]) -> None:
    """Even a short GBK line decodes as GBK rather than UTF-8 with replacement characters."""
    write("short.txt", "中国银行宣布利率下调。".encode("gbk"))
    doc = one("short.txt")
    assert doc.text == "中国银行宣布利率下调。"
    assert not doc.warnings


def test_stray_nul_in_utf8_text_is_kept_with_a_warning(write: Callable[..., Path],
                                                       one: Callable[[str], Document]) -> None:
    """One NUL byte inside a long UTF-8 article is damage to report, not a binary file."""
    write("nul.txt", (IT + "\n") * 30 + "\x00\n" + IT)
    doc = one("nul.txt")
    assert doc.status is Status.CHECKED
    assert any(w.startswith("line 31: 1 NUL byte") for w in doc.warnings)


def test_arbitrary_bytes_never_raise(ruleset: object) -> None:
    """Any byte string in a .md file yields a checked or skipped document with a reason, never an exception."""
    import tempfile

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from factcheck.ingest import load_document

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.one_of(st.binary(max_size=600),
                     st.text(max_size=300).map(lambda t: t.encode("utf-8")),
                     st.text(max_size=200).map(lambda t: t.encode("utf-16-le", "surrogatepass"))))
    def check(data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "fuzz.md"
            path.write_bytes(data)
            doc = load_document(path, ruleset=ruleset)  # type: ignore[arg-type]
        assert doc.status is Status.CHECKED or doc.reason
        for start, end in (*doc.masked, *doc.boilerplate, *((s, e) for s, e, _ in doc.suppressed)):
            assert 0 <= start <= end <= len(doc.text)
        assert 0 <= doc.body_start <= len(doc.text)

    check()
