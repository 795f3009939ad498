"""ECB rate table: publication-date rates, business-day fallback, stale and bad dates, --rates files."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest

from factcheck.fx import Conversion, FxError, FxTable


@pytest.fixture(scope="module")
def fx() -> FxTable:
    """The bundled ECB history, loaded once for the module."""
    return FxTable.load()


def _relative_gap(observed: float, stated: float) -> float:
    return abs(observed - stated) / abs(stated)


def test_cross_rate_goes_through_the_euro(fx: FxTable) -> None:
    """CNY→USD is the USD-per-EUR rate divided by the CNY-per-EUR rate of the same ECB day."""
    on = dt.date(2020, 4, 8)
    cny_per_eur, cny_day, _ = fx.rate("CNY", on)
    usd_per_eur, usd_day, _ = fx.rate("USD", on)
    conversion = fx.convert(100_000_000, "CNY", "USD", on)
    assert cny_day == usd_day == conversion.rate_date == on
    assert conversion.rate == pytest.approx(usd_per_eur / cny_per_eur)
    assert conversion.value == pytest.approx(100_000_000 / cny_per_eur * usd_per_eur)


def test_100_milioni_di_yuan_is_about_14_2_milioni_di_dollari(fx: FxTable) -> None:
    """100 milioni di yuan on 2020-04-08 agrees with "14,2 milioni di dollari" within the stated digit."""
    conversion = fx.convert(100_000_000, "CNY", "USD", dt.date(2020, 4, 8))
    # "14,2 milioni" states tenths of a million: half of that is the tolerance.
    assert abs(conversion.value - 14_200_000) <= 50_000


def test_6_billion_yuan_is_about_849_million_dollars(fx: FxTable) -> None:
    """6 billion yuan on 2020-04-20 agrees with "$849 million" within the 0.5 % comparison floor."""
    conversion = fx.convert(6_000_000_000, "CNY", "USD", dt.date(2020, 4, 20))
    assert conversion.rate_date == dt.date(2020, 4, 20)
    assert _relative_gap(conversion.value, 849_000_000) < 0.005


def test_note_shows_the_arithmetic(fx: FxTable) -> None:
    """The note names amount, currencies, rate, ECB date and result."""
    conversion = fx.convert(100_000_000, "CNY", "EUR", dt.date(2020, 4, 7))
    shown_rate = f"{conversion.rate:.4g}"
    assert conversion.note.startswith(f"100,000,000 CNY × {shown_rate} EUR/CNY (ECB 2020-04-07) = ")
    assert conversion.note.endswith(f"{conversion.value:,.0f} EUR")
    assert isinstance(conversion, Conversion) and not conversion.stale


def test_weekend_uses_previous_business_day(fx: FxTable) -> None:
    """A Saturday and a Sunday use Friday's rate."""
    friday = fx.convert(1000, "USD", "EUR", dt.date(2020, 4, 17))
    for day in (dt.date(2020, 4, 18), dt.date(2020, 4, 19)):
        weekend = fx.convert(1000, "USD", "EUR", day)
        assert weekend.rate_date == dt.date(2020, 4, 17)
        assert weekend.rate == friday.rate
        assert not weekend.stale


def test_bank_holiday_uses_nearest_earlier_business_day(fx: FxTable) -> None:
    """Easter weekend 2020 (Good Friday closed) falls back to Thursday 2020-04-09."""
    conversion = fx.convert(1000, "CNY", "EUR", dt.date(2020, 4, 12))
    assert conversion.rate_date == dt.date(2020, 4, 9)


def test_unknown_currency_is_fx_error_naming_it(fx: FxTable) -> None:
    """A currency the ECB table lacks raises FxError whose message names it."""
    with pytest.raises(FxError, match="XTS"):
        fx.convert(1, "XTS", "EUR", dt.date(2020, 4, 7))
    with pytest.raises(FxError, match="XTS"):
        fx.convert(1, "EUR", "XTS", dt.date(2020, 4, 7))


def test_date_before_the_table_is_fx_error(fx: FxTable) -> None:
    """Dates before the euro's first ECB fixing (1999-01-04) have no rate."""
    with pytest.raises(FxError, match="1998-12-31"):
        fx.convert(1, "USD", "EUR", dt.date(1998, 12, 31))
    with pytest.raises(FxError):
        fx.convert(1, "EUR", "EUR", dt.date(1990, 1, 1))


def test_date_after_the_table_is_stale_last_known_rate(fx: FxTable) -> None:
    """After the table ends the last known rate is used and the conversion says it is stale."""
    later = fx.last_date + dt.timedelta(days=40)
    last = fx.convert(1000, "USD", "EUR", fx.last_date)
    stale = fx.convert(1000, "USD", "EUR", later)
    assert stale.stale and not last.stale
    assert stale.rate == last.rate
    assert stale.rate_date == fx.last_date
    assert "last known rate" in stale.note


def test_load_is_cached() -> None:
    """Loading the bundled table twice returns the same parsed table."""
    assert FxTable.load() is FxTable.load()


CSV = """Date,USD,JPY,CNY,XDM,
2024-03-08,1.0941,160.86,7.8708,N/A,
2024-03-07,1.0893,161.01,7.8368,N/A,
2024-03-06,1.0895,162.17,7.8417,N/A,
2024-01-03,1.0919,155.22,7.8029,2.5,
"""


def _write(tmp_path: Path, name: str = "eurofxref-hist.csv") -> Path:
    path = tmp_path / name
    path.write_text(CSV, encoding="utf-8")
    return path


def test_rates_csv_is_parsed(tmp_path: Path) -> None:
    """A --rates CSV in eurofxref-hist format (newest first, trailing comma, N/A) is read."""
    table = FxTable.load(_write(tmp_path))
    assert table.last_date == dt.date(2024, 3, 8)
    assert table.first_date == dt.date(2024, 1, 3)
    assert {"USD", "JPY", "CNY", "EUR"} <= table.currencies
    conversion = table.convert(1.0941, "USD", "EUR", dt.date(2024, 3, 8))
    assert conversion.value == pytest.approx(1.0)
    cross = table.convert(7.8368, "CNY", "USD", dt.date(2024, 3, 7))
    assert cross.value == pytest.approx(1.0893)


def test_rates_csv_fallback_stale_and_before(tmp_path: Path) -> None:
    """A --rates table applies the same policy: earlier business day, stale after, error before."""
    table = FxTable.load(_write(tmp_path))
    assert table.convert(1, "USD", "EUR", dt.date(2024, 3, 10)).stale
    gap = table.convert(1, "USD", "EUR", dt.date(2024, 2, 1))
    assert gap.rate_date == dt.date(2024, 1, 3) and not gap.stale
    with pytest.raises(FxError):
        table.convert(1, "USD", "EUR", dt.date(2023, 12, 29))


def test_discontinued_currency_has_no_later_rate(tmp_path: Path) -> None:
    """A currency whose series stopped long before the table ends is an error after its last day."""
    table = FxTable.load(_write(tmp_path))
    assert table.convert(5, "XDM", "EUR", dt.date(2024, 1, 3)).value == pytest.approx(2.0)
    with pytest.raises(FxError, match="XDM"):
        table.convert(5, "XDM", "EUR", dt.date(2024, 3, 8))


def test_rates_zip_as_the_ecb_publishes_it(tmp_path: Path) -> None:
    """The ZIP the ECB publishes is read like the CSV inside it."""
    archive = tmp_path / "eurofxref-hist.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("eurofxref-hist.csv", CSV)
    assert FxTable.load(archive).last_date == dt.date(2024, 3, 8)


def test_bad_rates_file_is_fx_error(tmp_path: Path) -> None:
    """A file that is not an ECB history raises FxError, not a parser traceback."""
    bad = tmp_path / "rates.csv"
    bad.write_text("hello,world\n1,2\n", encoding="utf-8")
    with pytest.raises(FxError, match="Date"):
        FxTable.load(bad)
    with pytest.raises(FxError):
        FxTable.load(tmp_path / "missing.csv")


def test_bundled_history_read_on_demand_gives_the_full_parse() -> None:
    """The bundled history, read a currency at a time, answers every rate as parsing it whole does."""
    import random

    from factcheck.fx import _bundled_file, _load_cached, _parse, _read_lines

    lazy = _load_cached(None)
    whole = FxTable(_parse(_read_lines(_bundled_file()), "whole"), "whole")
    assert (lazy.first_date, lazy.last_date, lazy.currencies) == (whole.first_date, whole.last_date, whole.currencies)
    pick = random.Random(3)
    for _ in range(300):
        code = pick.choice(sorted(whole.currencies))
        day = dt.date.fromordinal(pick.randint(whole.first_date.toordinal() - 30, whole.last_date.toordinal() + 30))
        answers = []
        for table in (lazy, whole):
            try:
                answers.append(table.rate(code, day))
            except FxError as exc:
                answers.append(str(exc))
        assert answers[0] == answers[1]
