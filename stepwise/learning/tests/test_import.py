"""Importing a team's learning log: map columns, check every row, import all or nothing."""

import html
import io
import re
from datetime import date, datetime, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from stepwise.core.models import AuditEvent
from stepwise.learning import imports
from stepwise.learning.models import Note, Status, Visibility
from stepwise.learning.search import search_notes

HEADER = "Type,What happened,What we expected,Why,Next time,Practice area,Team,Date\n"


def _url(tenant):
    return reverse("learning:import", kwargs={"org_slug": tenant.organisation.slug})


def _csv(tenant, *rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).format(
        team=tenant.teams[0].name, other=tenant.teams[1].name).encode()


def _good_rows():
    return [
        "Success,The lanyard project worked at the front door,,Staff liked it,Keep it,"
        "Recording,{team},2026-01-31",
        "near miss,A visit was nearly missed because of the rota,Visit on Monday,,"
        "Shared calendar,,{team},31/01/2026",
        'Observation,"A long, quoted, comma-filled note",,,,,{other},',
    ]


def _upload(client, tenant, content: bytes, name="log.csv"):
    return client.post(_url(tenant), {"file": SimpleUploadedFile(name, content)})


def _mapping_from(response) -> dict:
    body = response.content.decode()
    payload = html.unescape(re.search(r'name="payload" value="([^"]+)"', body).group(1))
    data = {"payload": payload}
    for name in imports.FIELDS:
        select = re.search(rf'<select name="map_{name}".*?</select>', body, re.S).group(0)
        chosen = re.search(r'<option value="(\d*)" selected>', select)
        data[f"map_{name}"] = chosen.group(1) if chosen else ""
    return data


def _notes(tenant):
    with tenant.context():
        return list(Note.objects.order_by("pk"))


def test_upload_map_check_then_import(client, login, tenant_a):
    login(client, tenant_a.org_admin.user)
    assert client.get(_url(tenant_a)).status_code == 200
    mapping_page = _upload(client, tenant_a, _csv(tenant_a, *_good_rows()))
    assert mapping_page.status_code == 200
    data = _mapping_from(mapping_page)
    # The first guess maps every column of this file to its field.
    assert {k: data[f"map_{k}"] for k in imports.FIELDS} == {
        "kind": "0", "what_happened": "1", "what_expected": "2", "why_difference": "3",
        "next_time": "4", "practice_area": "5", "team": "6", "date": "7"}

    preview = client.post(_url(tenant_a), {**data, "action": "check"})
    assert preview.status_code == 200
    body = preview.content.decode()
    assert "Check before importing 3 notes" in body and "Import 3 notes" in body
    assert _notes(tenant_a) == [], "a dry run saves nothing"

    done = client.post(_url(tenant_a), {**data, "action": "import"})
    assert done.status_code == 302
    notes = _notes(tenant_a)
    assert len(notes) == 3
    first, second, third = notes
    assert (first.kind, first.team, first.practice_area.name) == (
        "success", tenant_a.teams[0], "Recording")
    assert first.submitted_at.date() == date(2026, 1, 31)
    assert second.kind == "near_miss" and second.what_expected == "Visit on Monday"
    assert third.what_happened == "A long, quoted, comma-filled note"
    assert third.team == tenant_a.teams[1] and third.practice_area is None
    for note in notes:
        assert note.status == Status.SUBMITTED and note.visibility == Visibility.TEAM
        assert note.is_anonymous and note.author == tenant_a.org_admin.user
    event = AuditEvent.unscoped.get(action="note.imported")
    assert event.actor == tenant_a.org_admin.user and event.data["count"] == 3
    assert "lanyard" not in str(event.data).lower(), "no note text in the audit trail"
    # The team finds the imported notes at once.
    with tenant_a.context():
        found = search_notes(membership=tenant_a.practitioner, text="lanyard")
    assert [hit.note.pk for hit in found.hits] == [first.pk]


@pytest.mark.parametrize(("row", "column", "message"), [
    ("Blunder,Text,,,,,{team},", "kind", "'Blunder' is not a kind of learning"),
    (",Text,,,,,{team},", "kind", "'(empty)' is not a kind of learning"),
    ("Success,,,,,,{team},", "what_happened", "'What happened' is empty"),
    ("Success,   ,,,,,{team},", "what_happened", "'What happened' is empty"),
    ("Success,Text,,,,,Nowhere Team,", "team", "There is no team called 'Nowhere Team'"),
    ("Success,Text,,,,Astrology,{team},", "practice_area",
     "There is no practice area called 'Astrology'"),
    ("Success,Text,,,,,{team},31/02/2026", "date", "'31/02/2026' is not a date"),
    ("Success,Text,,,,,{team},next Tuesday", "date", "'next Tuesday' is not a date"),
    ("Success,Text,,,,,{team},2999-01-01", "date", "The date is in the future"),
    ("Success,Text,,,,,{team},1999-12-31", "date", "The date is before 2000"),
    ("Success,Text,,," + "x" * 5001 + ",,{team},", "next_time", "longer than 5000"),
])
def test_one_bad_row_imports_nothing(client, login, tenant_a, row, column, message):
    login(client, tenant_a.org_admin.user)
    data = _mapping_from(_upload(client, tenant_a, _csv(tenant_a, *_good_rows(), row)))
    before = AuditEvent.unscoped.count()
    for action in ("check", "import"):
        response = client.post(_url(tenant_a), {**data, "action": action})
        assert response.status_code == 422
        body = html.unescape(response.content.decode())
        assert "Nothing has been imported" in body
        assert message in body and "<td class=\"govuk-table__cell\">5</td>" in body
        assert "Import 4 notes" not in body
    assert _notes(tenant_a) == []
    assert AuditEvent.unscoped.count() == before


def test_every_bad_row_is_reported(tenant_a):
    table = imports.read_table(_csv(tenant_a, "Blunder,,,,,,Nowhere,soon",
                                    *_good_rows()), "log.csv")
    with tenant_a.context():
        checked = imports.check_rows(table=table, mapping=imports.guess_mapping(table.headers),
                                     membership=tenant_a.org_admin)
    assert [(e.line, e.column) for e in checked.errors] == [
        (2, "what_happened"), (2, "kind"), (2, "team"), (2, "date")]
    assert len(checked.notes) == 3


@pytest.mark.parametrize(("content", "name", "message"), [
    ("Type,What happened\nSuccess,Caf\xe9 visit\n".encode("latin-1"), "log.csv",
     "not UTF-8"),
    (b"", "log.csv", "The submitted file is empty"),
    (b"Type,What happened\n", "log.csv", "no notes under it"),
    (b"PK\x03\x04 not really a workbook", "log.xlsx", "not an Excel (.xlsx) workbook"),
    (b"a,b\n" + b"x,y\n" * (imports.MAX_ROWS + 1), "log.csv", "more than 2000 rows"),
    (b"a\x00b", "log.csv", "not a CSV file"),
])
def test_unreadable_files_are_refused(client, login, tenant_a, content, name, message):
    login(client, tenant_a.org_admin.user)
    response = _upload(client, tenant_a, content, name)
    assert response.status_code == 422
    body = html.unescape(response.content.decode())
    assert message in body and "govuk-error-message" in body


def test_a_real_xlsx_workbook(client, login, tenant_a):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Date", "Category", "Description", "Lessons for next time", "Team name"])
    sheet.append([datetime(2026, 3, 2, 9, 30), "Mistake", "The wrong form was sent out.",
                  "Check the form first", tenant_a.teams[0].name])
    sheet.append([date(2026, 3, 3), "Success", "The review was held at home.", None,
                  tenant_a.teams[0].name.upper()])
    sheet.append([None, None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    login(client, tenant_a.improvement_lead.user)
    page = _upload(client, tenant_a, buffer.getvalue(), "Learning log 2026.xlsx")
    assert page.status_code == 200
    data = _mapping_from(page)
    assert data["map_kind"] == "1" and data["map_what_happened"] == "2"
    assert data["map_date"] == "0" and data["map_team"] == "4"
    data["map_next_time"] = "3"
    assert client.post(_url(tenant_a), {**data, "action": "import"}).status_code == 302
    first, second = _notes(tenant_a)
    assert first.submitted_at.date() == date(2026, 3, 2) and first.next_time == (
        "Check the form first")
    assert second.kind == "success" and second.team == tenant_a.teams[0]


def test_mapping_is_required_for_kind_and_text(client, login, tenant_a):
    login(client, tenant_a.org_admin.user)
    data = _mapping_from(_upload(client, tenant_a, _csv(tenant_a, *_good_rows())))
    data["map_kind"] = ""
    response = client.post(_url(tenant_a), {**data, "action": "import"})
    assert response.status_code == 422
    assert "Choose the column for" in html.unescape(response.content.decode())
    assert _notes(tenant_a) == []


def test_without_a_team_column_notes_go_to_the_importers_team(client, login, tenant_a):
    login(client, tenant_a.team_manager.user)
    data = _mapping_from(_upload(client, tenant_a, _csv(tenant_a, *_good_rows()[:2])))
    data["map_team"] = ""
    assert client.post(_url(tenant_a), {**data, "action": "import"}).status_code == 302
    assert {n.team for n in _notes(tenant_a)} == {tenant_a.teams[0]}


def test_a_team_manager_imports_only_for_their_team(client, login, tenant_a):
    login(client, tenant_a.team_manager.user)
    data = _mapping_from(_upload(client, tenant_a, _csv(tenant_a, *_good_rows())))
    response = client.post(_url(tenant_a), {**data, "action": "import"})
    assert response.status_code == 422
    assert "only for your own team" in html.unescape(response.content.decode())
    assert _notes(tenant_a) == []


def test_another_organisations_team_is_unknown(client, login, tenant_a, tenant_b):
    login(client, tenant_a.org_admin.user)
    row = f"Success,Text,,,,,{tenant_b.teams[0].name},"
    data = _mapping_from(_upload(client, tenant_a, _csv(tenant_a, row)))
    response = client.post(_url(tenant_a), {**data, "action": "import"})
    assert response.status_code == 422
    assert "There is no team called" in html.unescape(response.content.decode())
    assert _notes(tenant_b) == []


def test_practitioners_cannot_import(client, login, tenant_a):
    login(client, tenant_a.practitioner.user)
    assert client.get(_url(tenant_a)).status_code == 403
    assert _upload(client, tenant_a, _csv(tenant_a, *_good_rows())).status_code == 403


def test_a_tampered_or_expired_check_imports_nothing(client, login, tenant_a):
    login(client, tenant_a.org_admin.user)
    data = _mapping_from(_upload(client, tenant_a, _csv(tenant_a, *_good_rows())))
    tampered = {**data, "payload": data["payload"][:-3] + "AAA", "action": "import"}
    response = client.post(_url(tenant_a), tampered)
    assert response.status_code == 400 and "Upload the file again" in response.content.decode()
    later = timezone.now() + timedelta(hours=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("time.time", lambda: later.timestamp())
        response = client.post(_url(tenant_a), {**data, "action": "import"})
    assert response.status_code == 400
    assert _notes(tenant_a) == []


def test_the_service_checks_again(tenant_a):
    table = imports.read_table(_csv(tenant_a, *_good_rows()), "log.csv")
    with tenant_a.context():
        checked = imports.check_rows(table=table, mapping=imports.guess_mapping(table.headers),
                                     membership=tenant_a.org_admin)
        from django.core.exceptions import PermissionDenied, ValidationError

        with pytest.raises(ValidationError):
            imports.notes_import(membership=tenant_a.team_manager, notes=checked.notes,
                                 filename="log.csv")
        with pytest.raises(PermissionDenied):
            imports.notes_import(membership=tenant_a.practitioner, notes=checked.notes,
                                 filename="log.csv")
        with pytest.raises(ValidationError):
            imports.notes_import(membership=tenant_a.org_admin, notes=[], filename="log.csv")
    assert _notes(tenant_a) == []


def test_the_example_spreadsheet_imports(client, login, tenant_a):
    from pathlib import Path

    from stepwise.learning import apps

    example = Path(apps.__file__).parent / "static" / "learning" / "example-learning-log.csv"
    login(client, tenant_a.team_manager.user)
    assert "example-learning-log.csv" in client.get(_url(tenant_a)).content.decode()
    data = _mapping_from(_upload(client, tenant_a, example.read_bytes()))
    assert client.post(_url(tenant_a), {**data, "action": "import"}).status_code == 302
    assert len(_notes(tenant_a)) == 4
