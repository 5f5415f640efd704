"""Forms of the registry's pages."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .auth import client_address, login_blocked


class LoginForm(AuthenticationForm):
    """Django's login form, which says so when the throttle refuses a login rather than blaming the password.

    Labels and messages are Accord's own, so that every language of the interface has them (Django's Kazakh
    catalog lacks some).
    """

    username = UsernameField(label=_("User name"),
                             widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}))
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    error_messages = {
        "invalid_login": _("Wrong user name or password."),
        "inactive": _("This account is inactive."),
        "throttled": _("Too many failed attempts: try again later."),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        if username and login_blocked(username, client_address(self.request)):
            raise ValidationError(self.error_messages["throttled"], code="throttled")
        return super().clean()


class RegistryDateForm(forms.Form):
    """The day the registry page shows the forum as it was (or will be) on; today when left out."""

    on = forms.DateField(label=_("On"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
