"""Importing learning notes from a spreadsheet (CSV or XLSX): map the columns, check every
row, then create all the notes or none.

Imported notes are shared with their team only, like any new note, and are anonymous: the
person importing is recorded as the author (so they find the notes under "my notes" and the
audit trail names them), but colleagues see "Anonymous", because the person who wrote each
row in the old log is not known and the importer did not write it. Nothing imported goes
beyond its team without the privacy review, as for every note.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stepwise.core import audit, policy
from stepwise.learning.models import Kind, Note, PracticeArea, Status, Visibility
from stepwise.organisations.models import Membership, Team

# Carried (signed) through the mapping and preview steps, so it must fit in a form post.
MAX_BYTES = 1024 * 1024
MAX_ROWS = 2000
MAX_TEXT = 5000
MAX_COLUMNS = 50
TEXT_FIELDS = ("what_happened", "what_expected", "why_difference", "next_time")
# The note fields a column can be mapped to, in the order the mapping step shows them.
FIELDS = {
    "kind": "Kind of learning (success, mistake, near miss, observation)",
    "what_happened": "What happened",
    "what_expected": "What was expected",
    "why_difference": "Why the difference, or what helped",
    "next_time": "What would make it easier next time",
    "practice_area": "Practice area",
    "team": "Team",
    "date": "Date",
}
REQUIRED = ("kind", "what_happened")
# Header words that suggest a field, for a first guess at the mapping.
HINTS = {
    "kind": ("kind", "type", "category"),
    "what_happened": ("happened", "what happened", "description", "event", "summary"),
    "what_expected": ("expected",),
    "why_difference": ("why", "difference", "helped", "reason"),
    "next_time": ("next time", "easier", "improve", "action", "learning"),
    "practice_area": ("practice", "area", "service"),
    "team": ("team",),
    "date": ("date", "when", "day"),
}
KIND_NAMES = {
    **{k.value: k.value for k in Kind},
    **{k.label.lower(): k.value for k in Kind},
    "near-miss": Kind.NEAR_MISS, "nearmiss": Kind.NEAR_MISS, "good practice": Kind.SUCCESS,
    "error": Kind.MISTAKE,
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%d %B %Y",
                "%d %b %Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class ImportFileError(ValueError):
    pass


@dataclass
class Table:
    headers: list[str]
    rows: list[list[object]]


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    @property
    def label(self) -> str:
        return FIELDS.get(self.column, self.column)


@dataclass(frozen=True, kw_only=True)
class ImportedNote:
    line: int
    kind: str
    what_happened: str
    what_expected: str
    why_difference: str
    next_time: str
    practice_area: PracticeArea | None
    team: Team
    day: date | None


@dataclass
class ImportCheck:
    notes: list[ImportedNote] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_csv(raw: bytes) -> list[list[object]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            "The file is not UTF-8 text. In your spreadsheet, save it as 'CSV UTF-8' (or as "
            "an Excel .xlsx file) and upload it again.") from None
    if "\x00" in text:
        raise ImportFileError("The file is not a CSV file.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as error:
        raise ImportFileError(f"The file could not be read as CSV ({error}).") from None


def _read_xlsx(raw: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise ImportFileError("The file is not an Excel (.xlsx) workbook.") from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for row in sheet.iter_rows(values_only=True):
            rows.append(list(row[:MAX_COLUMNS]))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        workbook.close()


def read_table(raw: bytes, filename: str) -> Table:
    """The first sheet (or the CSV) as a header row and data rows, blank rows dropped."""
    if not raw.strip():
        raise ImportFileError("The file is empty.")
    if len(raw) > MAX_BYTES:
        raise ImportFileError("The file is too large (the limit is 1 MB); split it and import "
                              "each part.")
    is_xlsx = raw[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm"))
    rows = _read_xlsx(raw) if is_xlsx else _read_csv(raw)
    rows = [row for row in rows if any(_cell(v) for v in row)]
    if not rows:
        raise ImportFileError("The file has no rows.")
    headers = [_cell(h)[:100] or f"Column {i + 1}" for i, h in enumerate(rows[0][:MAX_COLUMNS])]
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(f"The file has more than {MAX_ROWS} rows; split it and import "
                              "each part.")
    if len(rows) == 1:
        raise ImportFileError("The file has a header row but no notes under it.")
    width = len(headers)
    data = [(list(row[:width]) + [None] * width)[:width] for row in rows[1:]]
    return Table(headers=headers, rows=data)


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """A first guess (the person checks it): each field to the first header that hints at it."""
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    taken: set[int] = set()
    for name in FIELDS:
        for index, header in enumerate(headers):
            lowered = header.lower()
            if index not in taken and any(hint in lowered for hint in HINTS[name]):
                mapping[name] = index
                taken.add(index)
                break
    return mapping


def _parse_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _cell(value)
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)


def check_rows(
    *, table: Table, mapping: dict[str, int | None], membership: Membership
) -> ImportCheck:
    """Every row checked against the organisation's teams and practice areas; nothing saved."""
    result = ImportCheck()
    for name in REQUIRED:
        if mapping.get(name) is None:
            result.errors.append(RowError(0, name, f"Choose the column for '{FIELDS[name]}'."))
    if membership.team_id is None and mapping.get("team") is None:
        result.errors.append(RowError(0, "team", "Choose the column that names each row's team "
                                                 "(you do not belong to a team yourself)."))
    if result.errors:
        return result
    teams = {t.name.strip().lower(): t for t in Team.objects.all()}
    allowed_teams = _importable_teams(membership)
    areas = {a.name.strip().lower(): a for a in PracticeArea.objects.filter(is_active=True)}
    today = timezone.localdate()

    for line, row in enumerate(table.rows, start=2):
        def value(name: str, row=row) -> object:
            index = mapping.get(name)
            return row[index] if index is not None and index < len(row) else None

        problems: list[RowError] = []
        texts = {}
        for name in TEXT_FIELDS:
            text = CONTROL.sub("", _cell(value(name)))
            if len(text) > MAX_TEXT:
                problems.append(RowError(line, name, f"'{FIELDS[name]}' is longer than "
                                                     f"{MAX_TEXT} characters."))
            texts[name] = text
        if not texts["what_happened"]:
            problems.append(RowError(line, "what_happened", "'What happened' is empty."))
        kind_text = _cell(value("kind"))
        kind = KIND_NAMES.get(kind_text.lower())
        if kind is None:
            shown = kind_text[:40] or "(empty)"
            problems.append(RowError(line, "kind", f"'{shown}' is not a kind of learning: use "
                                                   "success, mistake, near miss or observation."))
        team_name = _cell(value("team"))
        if team_name:
            team = teams.get(team_name.lower())
            if team is None:
                problems.append(RowError(line, "team", f"There is no team called "
                                                       f"'{team_name[:60]}'."))
            elif team.pk not in allowed_teams:
                problems.append(RowError(line, "team", f"You can import notes only for your own "
                                                       f"team, not '{team.name}'."))
        else:
            team = membership.team
            if team is None:
                problems.append(RowError(line, "team", "The team is empty."))
        area_name = _cell(value("practice_area"))
        area = areas.get(area_name.lower()) if area_name else None
        if area_name and area is None:
            problems.append(RowError(line, "practice_area", f"There is no practice area called "
                                                            f"'{area_name[:60]}'."))
        day = None
        raw_date = value("date")
        if _cell(raw_date):
            try:
                day = _parse_date(raw_date)
            except ValueError:
                problems.append(RowError(line, "date", f"'{_cell(raw_date)[:30]}' is not a date "
                                                       "(use 31/01/2026 or 2026-01-31)."))
            else:
                if day > today:
                    problems.append(RowError(line, "date", "The date is in the future."))
                elif day.year < 2000:
                    problems.append(RowError(line, "date", "The date is before 2000."))
        if problems:
            result.errors.extend(problems)
        else:
            result.notes.append(ImportedNote(line=line, kind=kind, practice_area=area,
                                             team=team, day=day, **texts))
    return result


def _importable_teams(membership: Membership) -> set[int]:
    """Team managers bring in their own team's log; leads and admins any team's."""
    if membership.role == policy.Role.TEAM_MANAGER:
        return {membership.team_id} if membership.team_id else set()
    return set(Team.objects.values_list("pk", flat=True))


@transaction.atomic
def notes_import(
    *, membership: Membership, notes: list[ImportedNote], filename: str
) -> list[Note]:
    """Create every note or none: the rows were checked, but are checked again here."""
    policy.require(membership, "note.import")
    if not notes:
        raise ValidationError("There are no notes to import.")
    allowed = _importable_teams(membership)
    if any(n.team.pk not in allowed or n.team.organisation_id != membership.organisation_id
           for n in notes):
        raise ValidationError("You can import notes only for your own team.")
    now = timezone.now()
    created = Note.objects.bulk_create([
        Note(
            organisation=membership.organisation, team=n.team, author=membership.user,
            is_anonymous=True, kind=n.kind, what_happened=n.what_happened,
            what_expected=n.what_expected, why_difference=n.why_difference,
            next_time=n.next_time, practice_area=n.practice_area, status=Status.SUBMITTED,
            visibility=Visibility.TEAM,
            # The day the learning happened, at noon so that it stays that day in any zone.
            submitted_at=min(now, timezone.make_aware(datetime.combine(n.day, time(12))))
            if n.day else now,
        )
        for n in notes
    ])
    teams = sorted({n.team.name for n in notes})
    audit.record(
        audit.NotesImported(count=len(created), teams=teams, filename=filename[:200]),
        organisation=membership.organisation, actor=membership.user,
    )
    return created
