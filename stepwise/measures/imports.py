"""Measure figures from CSV or XLSX: every row is read and checked before anything is saved.

Columns (first row, any order, case-insensitive; others ignored):
``measure`` (id or exact name), ``period`` (YYYY-MM-DD starting its week or month; 2025-W07
and 2025-03 are accepted too), ``value``, ``numerator``, ``denominator`` (percentage measures:
7 and 9 for "7 of 9"; the value may then be left empty) and ``note`` (optional).
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from stepwise.measures import periods
from stepwise.measures.models import Measure
from stepwise.measures.services import PointInput, check_rows, sentence
from stepwise.measures.spc.series_csv import parse_decimal

COLUMNS = ("measure", "period", "value", "numerator", "denominator", "note")
REQUIRED = ("measure", "period")
MAX_ROWS = 20_000
MAX_BYTES = 1024 * 1024  # the preview carries the file back, within Django's 2.5 MB form limit


@dataclass
class ParsedImport:
    rows: list[PointInput] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def _is_xlsx(raw: bytes, filename: str) -> bool:
    return raw[:4] == b"PK\x03\x04" or filename.lower().endswith(".xlsx")


def _cell_text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime):
        return cell.date().isoformat()
    if isinstance(cell, date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _read_xlsx(raw: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as error:
        raise ValueError("The file is not a readable Excel (.xlsx) workbook.") from error
    try:
        sheet = workbook.worksheets[0]
        table = []
        for row in sheet.iter_rows(values_only=True):
            table.append([_cell_text(cell) for cell in row])
            if len(table) > MAX_ROWS + 1:
                break
        return table
    finally:
        workbook.close()


def _read_csv(raw: bytes) -> list[list[str]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValueError("The file is not UTF-8 text. Save it as 'CSV UTF-8' and retry.") from None
    if "\x00" in text:
        raise ValueError("The file is not a CSV file.")
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""))]


def read_table(raw: bytes, filename: str = "") -> list[list[str]]:
    if len(raw) > MAX_BYTES:
        raise ValueError("The file is too large (the limit is 1 MB).")
    return _read_xlsx(raw) if _is_xlsx(raw, filename) else _read_csv(raw)


def _integer(text: str, what: str) -> int | None:
    if not text:
        return None
    try:
        number = parse_decimal(text)
    except ValueError:
        raise ValueError(f"the {what} '{text[:20]}' is not a number") from None
    if not number.is_integer() or number < 0:
        raise ValueError(f"the {what} '{text[:20]}' is not a whole number of 0 or more")
    return int(number)


def _measures_by_key() -> tuple[dict[str, Measure], dict[str, Measure]]:
    measures = list(Measure.objects.all())
    return {str(m.pk): m for m in measures}, {m.name: m for m in measures}


def parse_measure_file(raw: bytes, filename: str = "", *, today: date | None = None
                       ) -> ParsedImport:
    result = ParsedImport()
    if not raw.strip():
        result.errors.append((0, "The file is empty."))
        return result
    try:
        table = read_table(raw, filename)
    except ValueError as error:
        result.errors.append((0, str(error)))
        return result
    while table and not any(table[0]):
        table.pop(0)
    if not table:
        result.errors.append((0, "The file is empty."))
        return result
    header = [cell.strip().lower() for cell in table[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing or not {"value", "numerator"} & set(header):
        result.errors.append((1, "The first row must name the columns: "
                                 f"{','.join(COLUMNS)}."))
        return result
    at = {column: header.index(column) for column in COLUMNS if column in header}
    by_id, by_name = _measures_by_key()
    for line, cells in enumerate(table[1:], start=2):
        if line - 1 > MAX_ROWS:
            result.errors.append((line, f"Too many rows: at most {MAX_ROWS} at a time."))
            break
        row = {column: (cells[i] if i < len(cells) else "") for column, i in at.items()}
        if not any(row.values()):
            continue
        row_or_problem = _parse_row(line, row, by_id, by_name)
        if isinstance(row_or_problem, str):
            result.errors.append((line, row_or_problem))
        else:
            result.rows.append(row_or_problem)
    result.errors.extend(check_rows(result.rows, today=today))
    result.errors.sort()
    if not result.rows and not result.errors:
        result.errors.append((0, "The file has no rows to import."))
    return result


def _parse_row(line: int, row: dict[str, str], by_id, by_name) -> PointInput | str:
    key = row.get("measure", "")
    measure = by_id.get(key) or by_name.get(key)
    if measure is None:
        return f"There is no measure called '{key[:80]}' (use its exact name or its number)."
    problems = []
    period = None
    try:
        period = periods.parse_period(row.get("period", ""), measure.frequency)
    except ValueError as error:
        problems.append(f"the period {error}" if row.get("period") else "the period is empty")
    value = None
    if row.get("value"):
        try:
            value = parse_decimal(row["value"])
        except ValueError:
            problems.append(f"the value '{row['value'][:20]}' is not a number")
    numerator = denominator = None
    for column in ("numerator", "denominator"):
        try:
            number = _integer(row.get(column, ""), column)
        except ValueError as error:
            problems.append(str(error))
        else:
            if column == "numerator":
                numerator = number
            else:
                denominator = number
    note = row.get("note", "")
    if len(note) > 300:
        problems.append("the note is longer than 300 characters")
    if problems or period is None:
        message = "; ".join(problems)
        return sentence(message[:1].upper() + message[1:])
    return PointInput(measure=measure, period=period, value=value, numerator=numerator,
                      denominator=denominator, note=note, line=line)
