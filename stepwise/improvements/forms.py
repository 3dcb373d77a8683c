from django import forms

from stepwise.core.forms import Form
from stepwise.improvements import measures_bridge
from stepwise.improvements.models import ActOutcome, State
from stepwise.organisations.models import Membership, Team

YES_NO = [("yes", "Yes"), ("no", "No")]
NOT_A_CASE = "Describe the change, not a case: no names or details of children or families."


class VersionMixin(forms.Form):
    # The idea's version when the page was opened: a stale one is refused, never overwritten.
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)


class IdeaForm(Form):
    title = forms.CharField(max_length=150, help_text="A short name people will recognise.")
    change = forms.CharField(label="The change: we will …", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}), help_text=NOT_A_CASE)
    team = forms.ModelChoiceField(label="Where (team)", queryset=Team.unscoped.none())
    first_test_days = forms.IntegerField(
        label="How long the first test runs (days)", min_value=1, max_value=90, initial=7,
        help_text="Plan the first test for days or a week, not a quarter.",
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
    )
    prediction = forms.CharField(label="The prediction: we expect …", max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    measure_label = forms.CharField(
        label="Measured by", max_length=200, required=False,
        help_text="For example: visits that could not go ahead, per week.",
    )
    measure_id = forms.TypedChoiceField(
        label="Measure", required=False, coerce=int, empty_value=None, choices=[],
        help_text="The measure whose chart will show whether it worked.")
    new_tally = forms.BooleanField(
        label="Start a weekly tally measure, named as in “Measured by”", required=False)
    tally_direction = forms.ChoiceField(
        label="For the tally", choices=measures_bridge.DIRECTION_CHOICES, required=False)

    def __init__(self, *args, with_team: bool = True, can_create_tally: bool = False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        if with_team:
            self.fields["team"].queryset = Team.objects.order_by("name")
        else:
            del self.fields["team"]
        self.fields["measure_id"].choices = [("", "No measure yet"),
                                             *measures_bridge.measure_choices()]
        if not can_create_tally:
            del self.fields["new_tally"]
            del self.fields["tally_direction"]

    def clean(self):
        data = super().clean()
        if data.get("new_tally"):
            if data.get("measure_id"):
                self.add_error("new_tally", "Choose a measure or start a tally, not both.")
            if not data.get("measure_label", "").strip():
                self.add_error("measure_label", "Say what the tally counts.")
        return data


class IdeaEditForm(VersionMixin, IdeaForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, with_team=False, **kwargs)


class SmallnessForm(VersionMixin, Form):
    fits_in_weeks = forms.ChoiceField(
        label="Can your team test it within a few weeks?", choices=YES_NO,
        widget=forms.RadioSelect)
    needs_money = forms.ChoiceField(label="Does it need new money?", choices=YES_NO,
                                    widget=forms.RadioSelect)
    needs_policy_change = forms.ChoiceField(label="Does it need a policy change?",
                                            choices=YES_NO, widget=forms.RadioSelect)
    needs_outside_people = forms.ChoiceField(
        label="Does it need people outside the team to take part?", choices=YES_NO,
        widget=forms.RadioSelect)

    def answers(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] == "yes" for name in (
            "fits_in_weeks", "needs_money", "needs_policy_change", "needs_outside_people")}


class SplitForm(Form):
    title = forms.CharField(label="Title of the first small test", max_length=150)
    change = forms.CharField(label="The small test: we will …", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Fewer people, one team, days not months.")
    prediction = forms.CharField(label="We expect …", max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    first_test_days = forms.IntegerField(
        label="How long it runs (days)", min_value=1, max_value=90, initial=5,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}))


class CyclePlanForm(VersionMixin, Form):
    what = forms.CharField(label="What will you do?", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))
    who = forms.CharField(label="Who will do it?", max_length=300)
    where = forms.CharField(label="Where?", max_length=300, required=False)
    prediction = forms.CharField(label="What do you predict will happen?", max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))
    data = forms.CharField(label="What data will you collect?", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    starts_on = forms.DateField(label="Starts on", help_text="For example, 27/3/2026",
                                input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                                widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label="Ends on", help_text="Every cycle has an end date.",
                              input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                              widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "The end date must be on or after the start date.")
        return data


class CycleDoForm(VersionMixin, Form):
    what_happened = forms.CharField(label="What happened?", max_length=4000,
                                    widget=forms.Textarea(attrs={"rows": 3}))
    problems = forms.CharField(label="Problems", max_length=4000, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    observations = forms.CharField(label="Observations", max_length=4000, required=False,
                                   widget=forms.Textarea(attrs={"rows": 2}))


class CycleStudyForm(VersionMixin, Form):
    result = forms.CharField(
        label="Compare the result with the prediction", max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What did the data show? Was the prediction right? What did you learn?")


class CycleActForm(VersionMixin, Form):
    outcome = forms.ChoiceField(label="What next?", choices=ActOutcome.choices,
                                widget=forms.RadioSelect)
    notes = forms.CharField(label="Why, and what changes", max_length=4000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}),
                            help_text="Needed when you abandon: it is learning too.")

    def clean(self):
        data = super().clean()
        if data.get("outcome") == ActOutcome.ABANDON and not data.get("notes", "").strip():
            self.add_error("notes", "Say why the idea is abandoned: it is learning too.")
        return data


class ConcernForm(Form):
    text = forms.CharField(label="Your concern", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text="It opens a conversation with the owners and stops the "
                                     "clock until it is resolved.")


class ReplyForm(Form):
    text = forms.CharField(label="Reply", max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ResolveForm(Form):
    resolution = forms.CharField(label="How was it resolved?", max_length=2000,
                                 widget=forms.Textarea(attrs={"rows": 2}))


class SupportForm(Form):
    comment = forms.CharField(label="Comment (optional)", max_length=500, required=False)


class AbandonForm(VersionMixin, Form):
    reason = forms.CharField(label="Why is it being abandoned?", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="An abandoned idea is learning too: say what you found.")


class MoveForm(VersionMixin, Form):
    to_state = forms.ChoiceField(choices=State.choices)


class TryForm(Form):
    team = forms.ModelChoiceField(label="Which team will try it?",
                                  queryset=Team.unscoped.none())

    def __init__(self, *args, exclude_team_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.exclude(pk=exclude_team_id).order_by("name")


class OwnerForm(VersionMixin, Form):
    new_owner = forms.ModelChoiceField(label="Colleague", queryset=Membership.unscoped.none())
    hand_over = forms.BooleanField(
        label="Hand it over: I step back as an owner", required=False)

    def __init__(self, *args, actor: Membership, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["new_owner"]
        field.queryset = Membership.objects.filter(is_active=True).exclude(
            pk=actor.pk).select_related("user", "team").order_by("user__full_name")
        field.label_from_instance = lambda m: (
            f"{m.user.full_name}" + (f" ({m.team.name})" if m.team_id else ""))
