from django import forms

from stepwise.core.forms import Form
from stepwise.notifications import kinds
from stepwise.notifications.models import Delivery


class PreferencesForm(Form):
    """One radio group per kind of notification, built from the registry."""

    def __init__(self, *args, current: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in kinds.all_kinds():
            choices = [c for c in Delivery.choices if kind.can_turn_off or c[0] != Delivery.OFF]
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label, help_text=kind.description, choices=choices,
                initial=current.get(kind.key, kind.default), widget=forms.RadioSelect,
            )
