from datetime import date

from django import forms

from stepwise.core.forms import Form
from stepwise.measures import periods
from stepwise.measures.imports import MAX_BYTES
from stepwise.measures.models import Direction, Frequency, Measure, Unit
from stepwise.organisations.models import Membership, Team
from stepwise.organisations.selectors import organisation_members


class MeasureForm(Form):
    name = forms.CharField(label="Name", max_length=150,
                           help_text="Short and plain, e.g. 'Visits where the child was seen "
                                     "alone'.")
    definition = forms.CharField(
        label="Definition", max_length=2000, required=False, widget=forms.Textarea(
            attrs={"rows": 3}),
        help_text="What counts, and where the figure comes from.")
    unit = forms.ChoiceField(choices=Unit.choices, widget=forms.RadioSelect,
                             initial=Unit.COUNT)
    direction = forms.ChoiceField(label="Which way is better?", choices=Direction.choices,
                                  widget=forms.RadioSelect, initial=Direction.INCREASE)
    frequency = forms.ChoiceField(choices=Frequency.choices, widget=forms.RadioSelect,
                                  initial=Frequency.WEEKLY)
    target = forms.FloatField(
        required=False, min_value=-1e12, max_value=1e12,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "any"}))
    team = forms.ModelChoiceField(queryset=Team.unscoped.none(), required=False,
                                  empty_label="Whole organisation")
    owner = forms.ModelChoiceField(
        queryset=Membership.unscoped.none(), required=False, empty_label="Me",
        help_text="Who looks after this measure and is asked when a gain fades.")
    rolls_up_into = forms.ModelChoiceField(
        label="Adds into", queryset=Measure.unscoped.none(), required=False,
        empty_label="Nothing",
        help_text="A team's count or percentage can add into an organisation-wide measure.")

    def __init__(self, *args, editing: Measure | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.order_by("name")
        self.fields["team"].hide_optional = True
        parents = Measure.objects.filter(team__isnull=True, rolls_up_into__isnull=True)
        if editing is not None:
            parents = parents.exclude(pk=editing.pk)
            # Unit and frequency shape every stored figure, so they are fixed once created.
            del self.fields["unit"]
            del self.fields["frequency"]
        self.fields["rolls_up_into"].queryset = parents.order_by("name")
        self.fields["owner"].queryset = organisation_members()
        self.fields["owner"].label_from_instance = lambda m: m.user.full_name
        self.fields["owner"].hide_optional = True
        if editing is not None:
            self.fields["owner"].required = True
            self.fields["owner"].empty_label = None
        self.fields["rolls_up_into"].hide_optional = True


class TallyForm(Form):
    period = forms.TypedChoiceField(label="Period", coerce=date.fromisoformat)
    numerator = forms.IntegerField(
        label="How many", required=False, min_value=0, max_value=10_000_000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}))
    denominator = forms.IntegerField(
        label="Out of", required=False, min_value=1, max_value=10_000_000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}))
    value = forms.FloatField(
        label="Figure", required=False, min_value=-1e12, max_value=1e12,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5", "step": "any"}))
    note = forms.CharField(label="Note", max_length=300, required=False,
                           help_text="Anything that explains this figure. No names.")

    def __init__(self, *args, measure: Measure, **kwargs):
        super().__init__(*args, **kwargs)
        labels = [(p.isoformat(), periods.period_label(p, measure.frequency))
                  for p in periods.recent_periods(measure.frequency, 8)]
        this = "week" if measure.frequency == "weekly" else "month"
        choices = [(labels[0][0], f"This {this} ({labels[0][1]})")]
        choices += [(value, label[:1].upper() + label[1:]) for value, label in labels[1:]]
        self.fields["period"].choices = choices
        self.fields["period"].initial = choices[0][0]
        if measure.is_proportion:
            del self.fields["value"]
            self.fields["numerator"].required = True
            self.fields["denominator"].required = True
            self.fields["numerator"].error_messages["required"] = "Enter how many."
            self.fields["denominator"].error_messages["required"] = "Enter how many in all."
        else:
            del self.fields["numerator"]
            del self.fields["denominator"]
            self.fields["value"].required = True
            self.fields["value"].error_messages["required"] = "Enter the figure."


class RebaseForm(Form):
    period = forms.DateField(label="From (YYYY-MM-DD)",
                             help_text="The first week or month of the changed process.",
                             widget=forms.DateInput(attrs={"class": "govuk-input--width-10"}))
    reason = forms.CharField(label="What changed", max_length=200)


class ImportForm(Form):
    file = forms.FileField(
        label="CSV or Excel file",
        help_text="Columns: measure, period, value, numerator, denominator, note. Measure is "
                  "the exact name or number; period the Monday of the week (or the 1st of the "
                  "month), like 2025-03-03.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError("The file is too large (the limit is 1 MB).")
        return upload


class FindingForm(Form):
    finding = forms.CharField(
        label="What did you find?", max_length=4000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example: the new checklist stopped being used after staff changes; "
                  "we have re-introduced it at the team meeting.")
