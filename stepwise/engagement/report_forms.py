from datetime import date, timedelta

from django import forms
from django.http import QueryDict
from django.utils import timezone

from stepwise.core.forms import Form
from stepwise.engagement import report
from stepwise.organisations.models import Team

# Long enough for a three-year inspection look-back; longer reports would mostly be empty
# months and slow to draw.
MAX_DAYS = 3 * 366
EARLIEST = date(2000, 1, 1)
MAX_TEAMS = 200

PRESETS = [
    ("last_month", "Last month"),
    ("last_quarter", "Last quarter"),
    ("last_12_months", "Last 12 months"),
    ("custom", "Choose the dates"),
]
DEFAULT_PRESET = "last_12_months"


def _month_start(day: date, months_back: int) -> date:
    index = day.year * 12 + day.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def preset_period(preset: str, today: date) -> tuple[date, date]:
    """Whole calendar months (or quarters) before ``today``'s month, so two people asking on
    different days of the same month get the same report."""
    this_month = today.replace(day=1)
    if preset == "last_month":
        return _month_start(today, 1), this_month - timedelta(days=1)
    if preset == "last_quarter":
        quarter_start = date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
        return _month_start(quarter_start, 3), quarter_start - timedelta(days=1)
    return _month_start(today, 12), this_month - timedelta(days=1)


class DateInput(forms.DateInput):
    input_type = "date"


class TeamsField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        # Refused before the database sees it: an id too large for an integer column, or
        # more ids than a query may carry, is an error there, not an unknown choice.
        if len(value) > MAX_TEAMS:
            raise forms.ValidationError(f"Choose at most {MAX_TEAMS} teams, or none for the "
                                        "whole organisation.", code="too_many")
        for pk in value:
            if not (isinstance(pk, str) and pk.isdigit() and len(pk) <= 12):
                raise forms.ValidationError(self.error_messages["invalid_choice"],
                                            code="invalid_choice", params={"value": pk})
        return super()._check_values(value)


class ReportScopeForm(Form):
    preset = forms.ChoiceField(label="Period", choices=PRESETS, widget=forms.RadioSelect,
                               initial=DEFAULT_PRESET)
    start = forms.DateField(label="From", required=False, widget=DateInput(format="%Y-%m-%d"),
                            help_text="Only with 'Choose the dates'. For example 2026-01-01.")
    end = forms.DateField(label="To (inclusive)", required=False,
                          widget=DateInput(format="%Y-%m-%d"),
                          help_text="Only with 'Choose the dates'.")
    teams = TeamsField(
        label="Teams", queryset=Team.unscoped.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose teams from the list.",
                        "invalid_pk_value": "Choose teams from the list.",
                        "invalid_list": "Choose teams from the list."},
        help_text="Leave every box empty for the whole organisation.")

    def __init__(self, *args, membership, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        self.membership = membership
        self.fields["teams"].queryset = report.reportable_teams(membership)
        self.whole_organisation = report.may_report_on_organisation(membership)
        if not self.whole_organisation:
            self.fields["teams"].help_text = "You can report on your own team."
        for name in ("start", "end"):
            self.fields[name].widget.attrs["class"] += " govuk-input--width-10"
            # Needed with "Choose the dates", so not marked optional.
            self.fields[name].hide_optional = True

    def clean_teams(self):
        teams = tuple(self.cleaned_data["teams"])
        if not teams and not self.whole_organisation:
            # Guaranteed non-empty: reportable_teams for a manager is their own team.
            teams = tuple(self.fields["teams"].queryset)
        return teams

    def clean(self):
        data = super().clean()
        preset = data.get("preset")
        if preset is None:
            return data
        if preset != "custom":
            data["start"], data["end"] = preset_period(preset, self.today)
            return data
        start, end = data.get("start"), data.get("end")
        if start is None and "start" not in self.errors:
            self.add_error("start", "Enter the first day of the period.")
        if end is None and "end" not in self.errors:
            self.add_error("end", "Enter the last day of the period.")
        if start is None or end is None:
            return data
        if start < EARLIEST:
            self.add_error("start", f"The period must start on or after {EARLIEST:%-d %B %Y}.")
        elif end < start:
            self.add_error("end", "The last day must be the same as or after the first day.")
        elif end > self.today:
            self.add_error("end", "The period cannot end in the future.")
        elif (end - start).days + 1 > MAX_DAYS:
            self.add_error("end", "The period can be at most three years long.")
        return data

    def scope(self) -> report.Scope:
        data = self.cleaned_data
        return report.Scope(organisation=self.membership.organisation, teams=data["teams"],
                            start=data["start"], end=data["end"])

    def shown_again(self) -> "ReportScopeForm":
        """The same choice, with the dates a preset stands for filled in, to show above the
        report."""
        data = QueryDict(self.query(), mutable=True)
        data["preset"] = self.cleaned_data["preset"]
        return ReportScopeForm(data, membership=self.membership, today=self.today)

    def query(self) -> str:
        """The chosen scope as explicit dates, so the PDF and CSV match the page exactly
        even when a preset would move on at midnight."""
        query = QueryDict(mutable=True)
        query["preset"] = "custom"
        query["start"] = self.cleaned_data["start"].isoformat()
        query["end"] = self.cleaned_data["end"].isoformat()
        query.setlist("teams", [str(team.pk) for team in self.cleaned_data["teams"]])
        return query.urlencode()
