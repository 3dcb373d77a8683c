from django import forms

from stepwise.core.forms import Form
from stepwise.learning.models import Factor, Kind, PracticeArea
from stepwise.learning.search import MAX_QUERY, SearchFilters, parse_query
from stepwise.organisations.models import Team


class SearchForm(Form):
    q = forms.CharField(label="Words to look for", max_length=MAX_QUERY,
                        help_text='Every word must appear. Put "quotes" around a phrase.',
                        error_messages={"required": "Enter words to search for."})
    kind = forms.ChoiceField(label="Kind", required=False,
                             choices=[("", "Any kind"), *Kind.choices])
    practice_area = forms.ModelChoiceField(
        label="Practice area", queryset=PracticeArea.unscoped.none(), required=False,
        empty_label="Any practice area",
    )
    team = forms.ModelChoiceField(label="Team", queryset=Team.unscoped.none(), required=False,
                                  empty_label="Any team")
    factor = forms.ChoiceField(label="Contributory factor", required=False,
                               choices=[("", "Any factor"), *Factor.choices])
    since = forms.DateField(label="From (YYYY-MM-DD)", required=False)
    until = forms.DateField(label="To (YYYY-MM-DD)", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["q"].label_class = "govuk-label--s"
        self.fields["q"].widget.attrs.update(type="search", autocomplete="off", spellcheck="true")
        self.fields["practice_area"].queryset = PracticeArea.objects.all()
        self.fields["team"].queryset = Team.objects.order_by("name")
        for field in self.fields.values():
            field.hide_optional = True

    def clean_q(self) -> str:
        text = self.cleaned_data["q"]
        if not parse_query(text):
            raise forms.ValidationError(
                "Enter words to search for. Very common words such as 'the' are left out.")
        return text

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", "The end date must be on or after the start date.")
        return data

    def filters(self) -> SearchFilters:
        data = self.cleaned_data
        return SearchFilters(
            kind=data["kind"], factor=data["factor"], since=data["since"], until=data["until"],
            practice_area=data["practice_area"].pk if data["practice_area"] else None,
            team=data["team"].pk if data["team"] else None,
        )
