from django import forms

from stepwise.core.forms import Form
from stepwise.core.policy import Role
from stepwise.organisations.models import Membership, Organisation, Team

MAX_CSV_BYTES = 512 * 1024


class TeamChoiceMixin:
    """Team choices are read when the form is built, inside the active organisation."""

    def _set_team_choices(self, *, required: bool = False) -> None:
        team = self.fields["team"]
        team.queryset = Team.objects.order_by("name")
        team.required = required
        team.help_text = "Practitioners and team managers belong to a team."
        team.hide_optional = True


class InviteForm(TeamChoiceMixin, Form):
    email = forms.EmailField(label="Email address", max_length=254)
    full_name = forms.CharField(label="Full name", max_length=150, required=False)
    role = forms.ChoiceField(choices=Role.choices, initial=Role.PRACTITIONER,
                             widget=forms.RadioSelect)
    team = forms.ModelChoiceField(queryset=Team.unscoped.none(), required=False,
                                  empty_label="No team (organisation-wide role)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_team_choices()


class BulkInviteForm(Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: email, name, role, team. Role is one of: "
        + ", ".join(label.lower() for label in Role.labels) + ". At most 500 rows.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError("The file is too large (the limit is 512 KB).")
        return upload


class MemberForm(TeamChoiceMixin, Form):
    role = forms.ChoiceField(choices=Role.choices, widget=forms.RadioSelect)
    team = forms.ModelChoiceField(queryset=Team.unscoped.none(), required=False,
                                  empty_label="No team (organisation-wide role)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_team_choices()


class DeactivateForm(Form):
    handover_to = forms.ModelChoiceField(
        label="Who takes over their ideas and measures?",
        queryset=Membership.unscoped.none(),
        help_text="Nothing they own is left without an owner.",
    )

    def __init__(self, *args, leaving: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        from stepwise.organisations.selectors import handover_candidates

        self.fields["handover_to"].queryset = handover_candidates(leaving=leaving)
        self.fields["handover_to"].label_from_instance = lambda m: (
            f"{m.user.full_name} ({m.get_role_display()})"
        )


class TeamForm(Form):
    name = forms.CharField(label="Team name", max_length=120)


class OrganisationSettingsForm(Form):
    name = forms.CharField(label="Organisation name", max_length=150)
    retention_days = forms.IntegerField(
        label="Retention period (days)", min_value=7, max_value=3650,
        help_text=Organisation._meta.get_field("retention_days").help_text,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-4"}),
    )
    concern_window_days = forms.IntegerField(
        label="Concern window (working days)", min_value=1, max_value=20,
        help_text=Organisation._meta.get_field("concern_window_days").help_text,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    stalled_test_days = forms.IntegerField(
        label="Nudge after (days without an update)", min_value=3, max_value=90,
        help_text=Organisation._meta.get_field("stalled_test_days").help_text,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
