from django import forms

from stepwise.core.forms import Form
from stepwise.privacy.models import PhraseKind


class ShareReviewForm(Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    show = forms.MultipleChoiceField(
        label="Not personal: leave these visible", required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Everything highlighted is hidden unless you tick it here.",
    )
    phrases = forms.CharField(
        label="Other words or phrases to hide", required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}),
        help_text="One per line. Every place it appears is hidden. On a computer or phone you "
                  "can also select words in your text and choose “Hide everywhere”.",
    )
    confirm = forms.BooleanField(label="I have read the redacted version", required=False)

    def __init__(self, *args, detections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = [
            (d.key, f"{d.text} ({d.type.replace('_', ' ').lower()})") for d in detections
        ]

    def phrase_list(self) -> list[str]:
        return [line for line in self.cleaned_data.get("phrases", "").splitlines()
                if line.strip()]


class PhraseForm(Form):
    kind = forms.ChoiceField(label="List", choices=PhraseKind.choices, widget=forms.RadioSelect)
    phrase = forms.CharField(label="Word or phrase", max_length=120)


class OutsideTextForm(Form):
    # The same names as the note review, so its "Hide everywhere" script works here too.
    show = forms.MultipleChoiceField(
        label="Not personal: leave these visible", required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Everything highlighted is hidden from people outside your team unless you "
                  "tick it here. It stays visible when you edit the text later.",
    )
    phrases = forms.CharField(
        label="Other words or phrases to hide", required=False, max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off", "spellcheck": "false"}),
        help_text="One per line. Every place it appears is hidden, now and after later edits. "
                  "You can also select words in your text and choose “Hide everywhere”.",
    )

    def __init__(self, *args, detected: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show"].choices = list((detected or {}).items())

    def phrase_list(self) -> list[str]:
        return [line for line in self.cleaned_data.get("phrases", "").splitlines()
                if line.strip()]
