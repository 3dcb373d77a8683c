from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation

from stepwise.core.forms import Form, GovukFormMixin


class LoginForm(Form):
    email = forms.EmailField(max_length=254, widget=forms.EmailInput(attrs={
        "autocomplete": "username", "spellcheck": "false"}))
    password = forms.CharField(max_length=200, strip=False, widget=forms.PasswordInput(attrs={
        "autocomplete": "current-password"}))


class TokenForm(Form):
    token = forms.RegexField(
        label="Code from your authenticator app",
        regex=r"^\s*\d{6}\s*$",
        max_length=12,
        error_messages={"invalid": "Enter the 6-digit code from your authenticator app."},
        widget=forms.TextInput(attrs={
            "autocomplete": "one-time-code", "inputmode": "numeric", "class": "govuk-input--width-5",
        }),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class PasswordSetForm(Form):
    """Used when accepting an invitation: the invitee chooses their own password."""

    full_name = forms.CharField(label="Your full name", max_length=150)
    password1 = forms.CharField(
        label="Choose a password", strip=False, max_length=200,
        help_text="At least 10 characters. A few unrelated words make a strong password.",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="Type the password again", strip=False, max_length=200,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        p1, p2 = cleaned.get("password1"), cleaned.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "The passwords do not match.")
        if p1:
            from stepwise.accounts.models import User

            try:
                password_validation.validate_password(
                    p1, User(email=self.email, full_name=cleaned.get("full_name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class PasswordResetForm(GovukFormMixin, auth_forms.PasswordResetForm):
    email = forms.EmailField(label="Email address", max_length=254, widget=forms.EmailInput(
        attrs={"autocomplete": "email"}))


class SetPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(GovukFormMixin, auth_forms.PasswordChangeForm):
    pass
