from django import forms

from stepwise.core.forms import Form
from stepwise.learning.models import PracticeArea
from stepwise.organisations.models import Team
from stepwise.themes.services import MAX_NAME


class FilterForm(Form):
    team = forms.ModelChoiceField(label="Team", queryset=Team.unscoped.none(), required=False,
                                  empty_label="All teams")
    practice_area = forms.ModelChoiceField(
        label="Practice area", queryset=PracticeArea.unscoped.none(), required=False,
        empty_label="All practice areas")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.order_by("name")
        self.fields["practice_area"].queryset = PracticeArea.objects.filter(is_active=True)


class RenameForm(Form):
    name = forms.CharField(label="Theme name", max_length=MAX_NAME,
                           help_text="A few words colleagues will recognise. Stepwise keeps "
                           "this name when it recomputes the themes.")


def _theme_choices(themes) -> list[tuple[str, str]]:
    return [(str(theme.pk), theme.title) for theme in themes]


class MergeForm(Form):
    into = forms.ChoiceField(label="Merge into", widget=forms.RadioSelect,
                             help_text="Every note of this theme moves there, now and after "
                             "every recomputation.")

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = _theme_choices(themes)


class SplitForm(Form):
    notes = forms.MultipleChoiceField(label="Notes to move to the new theme",
                                      widget=forms.CheckboxSelectMultiple)
    name = forms.CharField(label="Name of the new theme", max_length=MAX_NAME)

    def __init__(self, *args, notes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["notes"].choices = [(str(pk), text) for pk, text in notes]


class PinForm(Form):
    theme = forms.ChoiceField(label="Theme for this note", widget=forms.RadioSelect,
                              help_text="The note stays there when Stepwise recomputes.")

    def __init__(self, *args, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = _theme_choices(themes)
