"""Forms of the negotiation's pages. They check the shape of what was sent (a known choice, a number, a moment);
what the negotiation allows is the services' decision, so a form never duplicates a rule of :mod:`.services`.

Deadlines are typed as a local date and time in the forum's time zone (``settings.TIME_ZONE``, which the page names)
and become aware datetimes here, so every delegation reads the same moment whatever its own clock says.
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Amendment, ProvisionStatus
from .services import MAX_TEXT


class MomentField(forms.DateTimeField):
    """A date and time typed in the forum's time zone (``<input type="datetime-local">``), to the second."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local", "step": "1"}, format="%Y-%m-%dT%H:%M:%S")

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"], **kwargs)

    def to_python(self, value):
        moment = super().to_python(value)  # aware, in the current time zone, which is the forum's
        return timezone.localtime(moment) if moment else moment


class VersionedForm(forms.Form):
    """A change to a row as the user read it: a version changed since answers a conflict."""

    version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class TableForm(forms.Form):
    """An amendment: its kind, the provision it is made to (after which an insertion goes) and its words."""

    provision = forms.ChoiceField(label=_("Provision"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Amendment.KINDS)
    old_text = forms.CharField(label=_("Words replaced"), required=False, max_length=MAX_TEXT,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("For a replacement: words that occur once in the provision."))
    text = forms.CharField(label=_("Proposed text"), required=False, max_length=MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 3}),
                           help_text=_("The new words, the inserted provision or the whole alternative text."))

    def __init__(self, provisions: list[tuple[str, str]], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["provision"].choices = provisions


class DecisionForm(VersionedForm):
    outcome = forms.ChoiceField(label=_("Decision"),
                                choices=[(status, label) for status, label in Amendment.STATUSES
                                         if status in Amendment.DECISIONS])
    reason = forms.CharField(label=_("Reason"), required=False, max_length=MAX_TEXT,
                             widget=forms.Textarea(attrs={"rows": 2}))
    text = forms.CharField(label=_("Text as modified"), required=False, max_length=MAX_TEXT,
                           widget=forms.Textarea(attrs={"rows": 2}))


class StatusForm(VersionedForm):
    status = forms.ChoiceField(label=_("Status"), choices=ProvisionStatus.STATUSES)


class OptionsForm(VersionedForm):
    """Amendment numbers in the order of the options, separated by commas or spaces; empty to ungroup."""

    amendments = forms.CharField(label=_("Amendments, option 1 first"), required=False, max_length=500)

    def clean_amendments(self) -> list[int]:
        words = self.cleaned_data["amendments"].replace(",", " ").split()
        if not all(word.isdigit() for word in words):
            raise forms.ValidationError(_("Give amendment numbers, such as 3, 7."))
        return [int(word) for word in words]


class RulesForm(forms.Form):
    """A document's rule on Observers and the round's tabling deadline (empty: none), each with its version."""

    observers_may_table = forms.BooleanField(label=_("Observers may table amendments"), required=False)
    settings_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    tabling_deadline = MomentField(label=_("Tabling deadline"), required=False)
    round_version = forms.IntegerField(min_value=1, widget=forms.HiddenInput)


class SilenceForm(forms.Form):
    deadline = MomentField(label=_("Deadline"))


class BreakForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 2}))


class AdoptionForm(forms.Form):
    meeting = forms.CharField(label=_("Meeting"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
