import io
from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from stepwise.core.models import AuditEvent
from stepwise.measures import periods, services
from stepwise.measures.imports import parse_measure_file
from stepwise.measures.models import DataPoint
from stepwise.measures.tests.factories import MeasureFactory

TODAY = date(2025, 6, 11)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(periods, "london_today", lambda now=None: TODAY)


@pytest.fixture
def measures(tenant_a):
    seen = MeasureFactory(organisation=tenant_a.organisation, name="Child seen alone",
                          unit="percentage", team=tenant_a.teams[0])
    days = MeasureFactory(organisation=tenant_a.organisation, name="Days to decision",
                          unit="days", direction="decrease")
    monthly = MeasureFactory(organisation=tenant_a.organisation, name="Audits",
                             frequency="monthly")
    return seen, days, monthly


GOOD = (
    "measure,period,value,numerator,denominator,note\n"
    "Child seen alone,2025-05-26,,7,9,\n"
    "Child seen alone,2025-W23,,8,10,half term\n"
    "Days to decision,2025-06-02,2.5,,,\n"
    "Audits,2025-05,4,,,\n"
)


def import_text(tenant, text: str, actor=None, name="figures.csv"):
    with tenant.context():
        parsed = parse_measure_file(text.encode(), name)
        if parsed.errors:
            return parsed, None
        return parsed, services.datapoints_import(
            actor=actor or tenant.performance_analyst, organisation=tenant.organisation,
            rows=parsed.rows, source=name)


def test_good_file_imports_every_row(tenant_a, measures):
    parsed, outcome = import_text(tenant_a, GOOD)
    assert not parsed.errors
    assert (outcome.created, outcome.updated) == (4, 0)
    with tenant_a.context():
        stored = {(p.measure.name, p.period): p for p in DataPoint.objects.select_related(
            "measure")}
    assert stored[("Child seen alone", date(2025, 6, 2))].note == "half term"
    assert stored[("Child seen alone", date(2025, 5, 26))].value == pytest.approx(700 / 9)
    assert stored[("Audits", date(2025, 5, 1))].value == 4
    event = AuditEvent.unscoped.get(action="measure.data_imported")
    assert event.data["created"] == 4 and event.data["source"] == "figures.csv"


def test_reimport_is_idempotent_and_updates_in_place(tenant_a, measures):
    import_text(tenant_a, GOOD)
    with tenant_a.context():
        before = list(DataPoint.objects.order_by("pk").values())
    _, again = import_text(tenant_a, GOOD)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    with tenant_a.context():
        assert list(DataPoint.objects.order_by("pk").values()) == before
    changed = GOOD.replace("Days to decision,2025-06-02,2.5", "Days to decision,2025-06-02,3")
    _, third = import_text(tenant_a, changed)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 3)
    with tenant_a.context():
        assert DataPoint.objects.count() == 4
        assert DataPoint.objects.get(measure=measures[1]).value == 3


def test_byte_order_mark_crlf_and_measure_ids(tenant_a, measures):
    seen = measures[0]
    text = ("\ufeffMeasure,Period,Numerator,Denominator,Extra\r\n"
            f"{seen.pk},2025-06-09,1,2,ignored\r\n\r\n")
    parsed, outcome = import_text(tenant_a, text)
    assert not parsed.errors and outcome.created == 1


@pytest.mark.parametrize(("row", "message"), [
    ("Days to decision,2025-06-02,lots,,,", "The value 'lots' is not a number"),
    ("Days to decision,2025-06-02,nan,,,", "The value 'nan' is not a number"),
    ("Days to decision,2025-06-02,1_000,,,", "is not a number"),
    ("Days to decision,2025-06-16,2,,,", "2025-06-16 is in the future"),
    ("Days to decision,2025-06-04,2,,,", "2025-06-04 is not a Monday"),
    ("Audits,2025-05-15,2,,,", "is not the 1st; did you mean 2025-05-01"),
    ("Days to decision,yesterday,2,,,", "'yesterday' is not a date"),
    ("Days to decision,,2,,,", "The period is empty"),
    ("Child seen alone,2025-06-02,,10,9,", "cannot be larger"),
    ("Child seen alone,2025-06-02,,1.5,9,", "not a whole number"),
    ("Child seen alone,2025-06-02,,1,,", "Enter both numbers"),
    ("Child seen alone,2025-06-02,50,4,5,", "does not match 4 of 5"),
    ("Days to decision,2025-06-02,-1,,,", "cannot be negative"),
    ("Days to decision,2025-06-02,,,,", "Enter the figure"),
    ("Nobody's measure,2025-06-02,2,,,", "There is no measure called 'Nobody's measure'"),
    ("child seen alone,2025-06-02,,1,2,", "There is no measure called"),
])
def test_each_bad_row_is_named_and_nothing_is_saved(tenant_a, measures, row, message):
    text = GOOD + row + "\n"
    parsed, outcome = import_text(tenant_a, text)
    assert outcome is None
    assert [line for line, _ in parsed.errors] == [6]
    assert message in parsed.errors[0][1]
    with tenant_a.context():
        assert not DataPoint.objects.exists()


def test_duplicate_periods_name_both_rows(tenant_a, measures):
    text = GOOD + "Days to decision,2025-06-02,2.9,,,\n"
    parsed, _ = import_text(tenant_a, text)
    assert parsed.errors == [(6, "Days to decision already has a figure for 2025-06-02 on "
                                 "row 4.")]


def test_service_refuses_bad_rows_even_if_parsing_was_skipped(tenant_a, measures):
    seen = measures[0]
    rows = [services.PointInput(measure=seen, period=date(2025, 6, 2), value=None,
                                numerator=1, denominator=2, line=2),
            services.PointInput(measure=seen, period=date(2025, 6, 30), value=None,
                                numerator=1, denominator=2, line=3)]
    with tenant_a.context(), pytest.raises(services.ImportRejected) as rejected:
        services.datapoints_import(actor=tenant_a.performance_analyst,
                                   organisation=tenant_a.organisation, rows=rows)
    assert rejected.value.rows == [(3, "2025-06-30 is in the future.")]
    with tenant_a.context():
        assert not DataPoint.objects.exists()


def test_import_needs_the_right(tenant_a, measures):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_text(tenant_a, GOOD, actor=tenant_a.team_manager)


def test_another_organisations_measure_is_unknown(tenant_a, tenant_b, measures):
    parsed, _ = import_text(tenant_b, GOOD)
    assert {line for line, _ in parsed.errors} == {2, 3, 4, 5}
    assert "no measure called" in parsed.errors[0][1]


@pytest.mark.parametrize(("raw", "message"), [
    (b"", "The file is empty."),
    (b"\xff\xfe\x00x", "not UTF-8"),
    (b"measure,value\nA,1\n", "The first row must name the columns"),
    (b"measure,period,value\n", "The file has no rows to import."),
    (b"PK\x03\x04 not really a workbook", "not a readable Excel"),
])
def test_unreadable_files(tenant_a, raw, message):
    with tenant_a.context():
        parsed = parse_measure_file(raw, "x.csv")
    assert message in parsed.errors[0][1]


def xlsx(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_with_real_dates_and_numbers(tenant_a, measures):
    raw = xlsx([
        ["Measure", "Period", "Value", "Numerator", "Denominator", "Note"],
        ["Child seen alone", datetime(2025, 6, 2), None, 7, 9, None],
        ["Days to decision", date(2025, 6, 9), 2.25, None, None, "short week"],
        ["Audits", "2025-04", 3, None, None, None],
        [None, None, None, None, None, None],
    ])
    with tenant_a.context():
        parsed = parse_measure_file(raw, "figures.xlsx")
        assert not parsed.errors
        outcome = services.datapoints_import(actor=tenant_a.org_admin,
                                             organisation=tenant_a.organisation,
                                             rows=parsed.rows)
        assert outcome.created == 3
        assert DataPoint.objects.get(measure=measures[1]).note == "short week"


def test_xlsx_bad_row_rejects_the_whole_file(tenant_a, measures):
    raw = xlsx([
        ["measure", "period", "value"],
        ["Days to decision", datetime(2025, 6, 2), 2],
        ["Days to decision", datetime(2025, 6, 3), 2],
    ])
    with tenant_a.context():
        parsed = parse_measure_file(raw, "figures.xlsx")
    assert parsed.errors == [(3, "The period 2025-06-03 is not a Monday (the start of its ISO "
                                 "week); did you mean 2025-06-02?")]


def test_command_imports_and_reports(tenant_a, measures, tmp_path, capsys):
    path = tmp_path / "figures.csv"
    path.write_text(GOOD)
    out = io.StringIO()
    call_command("import-measures", str(path), "--organisation", tenant_a.organisation.slug,
                 stdout=out)
    assert "Imported 4 rows: 4 new, 0 replaced, 0 unchanged." in out.getvalue()
    out = io.StringIO()
    call_command("import-measures", str(path), "--organisation", tenant_a.organisation.slug,
                 "--user", tenant_a.performance_analyst.user.email, stdout=out)
    assert "0 new, 0 replaced, 4 unchanged" in out.getvalue()
    assert AuditEvent.unscoped.filter(action="measure.data_imported",
                                      actor=tenant_a.performance_analyst.user).exists()


def test_command_refuses_bad_files_and_saves_nothing(tenant_a, measures, tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(GOOD + "Days to decision,2025-06-02,x,,,\n")
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 problem"):
        call_command("import-measures", str(path), "--organisation",
                     tenant_a.organisation.slug, stderr=err)
    assert "row 6: The value 'x' is not a number." in err.getvalue()
    with tenant_a.context():
        assert not DataPoint.objects.exists()
    with pytest.raises(CommandError, match="No active organisation"):
        call_command("import-measures", str(path), "--organisation", "nowhere")
    with pytest.raises(CommandError, match="not a member"):
        call_command("import-measures", str(path), "--organisation",
                     tenant_a.organisation.slug, "--user", "stranger@example.org")
    with pytest.raises(CommandError, match="does not allow"):
        path.write_text(GOOD)
        call_command("import-measures", str(path), "--organisation",
                     tenant_a.organisation.slug, "--user", tenant_a.practitioner.user.email)


def test_command_dry_run_saves_nothing(tenant_a, measures, tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(GOOD)
    out = io.StringIO()
    call_command("import-measures", str(path), "--organisation", tenant_a.organisation.slug,
                 "--dry-run", stdout=out)
    assert "4 rows are fine" in out.getvalue()
    with tenant_a.context():
        assert not DataPoint.objects.exists()
