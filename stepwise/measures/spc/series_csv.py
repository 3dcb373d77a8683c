import csv
import io
import math
import re
from dataclasses import dataclass
from datetime import date

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Plain decimal notation only: Python's float() would also take "nan", "inf" and "1_000".
_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


class SeriesError(ValueError):
    pass


@dataclass(slots=True, frozen=True)
class Series:
    dates: list[date]
    values: list[float | None]


def parse_iso_date(text: str) -> date:
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        raise ValueError(f"{text!r} is not a YYYY-MM-DD date")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a real calendar date") from None


def parse_decimal(text: str) -> float:
    text = text.strip()
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"{text!r} is not a decimal number")
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text!r} is too large to be a finite number")
    return number


def read_series(text: str) -> Series:
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    while header is not None and not any(cell.strip() for cell in header):
        header = next(reader, None)
    if header is None:
        raise SeriesError("the input is empty; expected a header line 'date,value'")
    columns = [cell.strip().lower() for cell in header]
    for required in ("date", "value"):
        if required not in columns:
            raise SeriesError(f"line {reader.line_num}: the header has no '{required}' column")
    date_at, value_at = columns.index("date"), columns.index("value")

    dates: list[date] = []
    values: list[float | None] = []
    first_row_of: dict[date, int] = {}
    row_number = 0
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        row_number += 1
        where = f"row {row_number} (line {reader.line_num})"
        if len(cells) <= max(date_at, value_at):
            raise SeriesError(f"{where}: expected {len(columns)} columns, found {len(cells)}")
        try:
            when = parse_iso_date(cells[date_at])
        except ValueError as error:
            raise SeriesError(f"{where}: date {error}") from None
        if when in first_row_of:
            raise SeriesError(
                f"{where}: duplicate date {when.isoformat()} (also in row {first_row_of[when]})"
            )
        first_row_of[when] = row_number
        raw_value = cells[value_at]
        if raw_value.strip():
            try:
                values.append(parse_decimal(raw_value))
            except ValueError as error:
                raise SeriesError(f"{where}: value {error}") from None
        else:
            values.append(None)
        dates.append(when)
    if not dates:
        raise SeriesError("the input has a header but no data rows")
    return Series(dates, values)
