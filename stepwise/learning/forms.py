from django import forms

from stepwise.core.forms import Form
from stepwise.learning.models import (
    Factor,
    Kind,
    PracticeArea,
    ReportOutcome,
    ReportReason,
    Visibility,
)
from stepwise.learning.services import MAX_TEXT, NoteContent
from stepwise.organisations.models import Team

WIDEN_LATER = (
    "The whole organisation: not available yet. It needs the privacy check that removes "
    "names and other details before a note leaves your team."
)


class _Gated:
    # Named RadioSelect so the GOV.UK field template (which goes by widget type) draws radios.
    class RadioSelect(forms.RadioSelect):
        """Shows the organisation option, disabled, so people see what is coming and why."""

        def create_option(self, *args, **kwargs):
            option = super().create_option(*args, **kwargs)
            if option["value"] == Visibility.ORGANISATION:
                option["attrs"]["disabled"] = True
            return option


GatedRadioSelect = _Gated.RadioSelect


def _text(label: str, help_text: str = "", rows: int = 3) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=MAX_TEXT, help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class NoteForm(Form):
    """The learning note. Only kind and "what happened" are needed to share it."""

    kind = forms.ChoiceField(
        label="What kind of learning is this?", choices=Kind.choices, required=False,
        widget=forms.RadioSelect,
    )
    what_happened = _text(
        "What happened?",
        "A few sentences are enough. Leave out names, addresses and case numbers.", rows=5,
    )
    what_expected = _text("What did you expect to happen?")
    why_difference = _text("Why was there a difference, or what helped?")
    next_time = _text("What would make it easier next time?")
    practice_area = forms.ModelChoiceField(
        label="Practice area", queryset=PracticeArea.unscoped.none(), required=False,
        empty_label="Choose a practice area",
    )
    factors = forms.MultipleChoiceField(
        label="What contributed? (optional)", choices=Factor.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Look at the system around the work, not at a person.",
    )
    is_anonymous = forms.BooleanField(
        label="Share without my name", required=False,
        help_text="Colleagues, managers and admins will not see who wrote it. You will still "
        "find it in your notes and hear about replies.",
    )
    visibility = forms.ChoiceField(
        label="Who can read it?", required=False, initial=Visibility.TEAM,
        choices=[(Visibility.TEAM, "My team"), (Visibility.ORGANISATION, WIDEN_LATER)],
        widget=GatedRadioSelect,
    )
    team = forms.ModelChoiceField(
        label="Which team is this learning for?", queryset=Team.unscoped.none(), required=False,
        empty_label="Choose a team",
        help_text="Only this team will read your note.",
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, membership, submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice_area"].queryset = PracticeArea.objects.filter(is_active=True)
        if membership.team_id is None:
            self.fields["team"].queryset = Team.objects.order_by("name")
            self.fields["team"].required = submitting
        else:
            del self.fields["team"]
        if submitting:
            self.fields["kind"].required = True
            self.fields["kind"].error_messages["required"] = "Choose what kind of learning this is."
            self.fields["what_happened"].required = True
            self.fields["what_happened"].error_messages["required"] = "Enter what happened."
        self.fields["what_happened"].hide_optional = True

    def content(self) -> NoteContent:
        data = self.cleaned_data
        return NoteContent(
            kind=data.get("kind") or "",
            what_happened=data.get("what_happened", ""),
            what_expected=data.get("what_expected", ""),
            why_difference=data.get("why_difference", ""),
            next_time=data.get("next_time", ""),
            practice_area=data.get("practice_area"),
            factors=list(data.get("factors") or []),
            is_anonymous=bool(data.get("is_anonymous")),
            team=data.get("team"),
        )

    @staticmethod
    def initial_for(note) -> dict:
        return {
            "kind": note.kind, "what_happened": note.what_happened,
            "what_expected": note.what_expected, "why_difference": note.why_difference,
            "next_time": note.next_time, "practice_area": note.practice_area_id,
            "factors": list(note.factor_rows.values_list("factor", flat=True)),
            "is_anonymous": note.is_anonymous, "visibility": note.visibility,
            "team": note.team_id, "version": note.version,
        }


class MeTooForm(Form):
    comment = forms.CharField(
        label="Add a comment", required=False, max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplyForm(Form):
    text = forms.CharField(
        label="Reply", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Be supportive: what helped you, or a question to understand more.",
    )


class ReportForm(Form):
    reason = forms.ChoiceField(
        label="Why are you reporting this note?", choices=ReportReason.choices,
        widget=forms.RadioSelect,
    )
    detail = forms.CharField(
        label="Anything the reviewer should know (optional)", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReviewForm(Form):
    outcome = forms.ChoiceField(
        label="What should happen to this note?", widget=forms.RadioSelect,
        choices=[(ReportOutcome.RESTORED, "Show it again: it is fine to share"),
                 (ReportOutcome.REMOVED, "Keep it hidden")],
    )
    comment = forms.CharField(
        label="Note for the record (optional)", required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Kept with the report. If a child may be at risk now, follow safeguarding "
        "procedures as well.",
    )


class PracticeAreaForm(Form):
    name = forms.CharField(label="New practice area", max_length=100)


class FilterForm(Form):
    kind = forms.ChoiceField(label="Kind", required=False,
                             choices=[("", "Any kind"), *Kind.choices])
    practice_area = forms.ModelChoiceField(
        label="Practice area", queryset=PracticeArea.unscoped.none(), required=False,
        empty_label="Any practice area",
    )
    factor = forms.ChoiceField(label="Contributory factor", required=False,
                               choices=[("", "Any factor"), *Factor.choices])
    since = forms.DateField(label="Shared from", required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label="Shared up to", required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice_area"].queryset = PracticeArea.objects.all()
        for field in self.fields.values():
            field.hide_optional = True
