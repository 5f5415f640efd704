"""Forms of the meetings' pages: scheduling a meeting and adding an item to its agenda.

They check the shape of what was sent (a known body, State or revision; a date); what the forum accepts — a last day
not before the first, a venue or a title in at least one language, a document not yet on the agenda — is the
services' decision (:mod:`.services`), so a form never duplicates one of their rules. Names are typed per language,
one input for each interface language the text core knows, labelled with the language's name.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accord.documents.access import readable_documents
from accord.documents.models import Revision
from accord.project.pages import language_name
from accord.registry.models import Body, Chairmanship, State, sorted_states
from accord.text.languages import all_languages

from .services import MAX_NAME, NOTE_VERBALE, body_label


def name_languages() -> list[str]:
    """The languages a venue or a title is typed in: the interface languages, in the order of the settings."""
    known = all_languages()
    return [code for code, _name in settings.LANGUAGES if code in known]


class DayField(forms.DateField):
    """A day typed in ``<input type="date">``, which sends it as ISO 8601 whatever the interface language."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        super().__init__(input_formats=["%Y-%m-%d"], **kwargs)


class NamesForm(forms.Form):
    """A form with one text input per language for a name (``<prefix>_<language>``), which :meth:`names` gathers."""

    name_prefix = ""

    def add_name_fields(self):
        for code in name_languages():
            self.fields[f"{self.name_prefix}_{code}"] = forms.CharField(
                label=language_name(code), required=False, max_length=MAX_NAME,
                widget=forms.TextInput(attrs={"lang": code}),
            )

    def name_fields(self) -> list:
        return [self[f"{self.name_prefix}_{code}"] for code in name_languages()]

    def names(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"{self.name_prefix}_{code}"] for code in name_languages()}


class MeetingForm(NamesForm):
    """A meeting: its body, first and last day, the venue per language and the chairing State (optional)."""

    name_prefix = "venue"

    body = forms.ChoiceField(label=_("Body"))
    start = DayField(label=_("First day"))
    end = DayField(label=_("Last day"))
    chair = forms.ChoiceField(label=_("Chair"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language()
        self.fields["body"].choices = [(body.symbol_prefix, body_label(body, language)) for body in Body.objects.all()]
        self.fields["chair"].choices = [("", "—")] + [
            (state.code, state.name(language)) for state in sorted_states(State.objects.all(), language)
        ]
        chairmanship = Chairmanship.on(timezone.localdate())
        if chairmanship is not None:
            self.fields["chair"].initial = chairmanship.state.code
        self.add_name_fields()

    def clean_body(self) -> Body:
        return Body.objects.get(symbol_prefix=self.cleaned_data["body"])

    def clean_chair(self) -> State | None:
        code = self.cleaned_data["chair"]
        return State.objects.get(code=code) if code else None


def agenda_revisions(user):
    """The revisions an agenda item may put before a meeting, latest first: of documents ``user`` may read, notes
    verbales excepted."""
    return (
        Revision.objects.filter(document__in=readable_documents(user))
        .exclude(document__kind=NOTE_VERBALE)
        .select_related("document")
        .order_by("-created_at", "-pk")
    )


class AgendaItemForm(NamesForm):
    """An agenda item: its title per language and, optionally, the revision of a document it puts before the
    meeting."""

    name_prefix = "title"

    revision = forms.ChoiceField(label=_("Document"), required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language()
        self.revisions = {str(revision.pk): revision for revision in agenda_revisions(user)}
        self.fields["revision"].choices = [("", "—")] + [
            (pk, f"{revision.symbol} — {revision.document.title(language)}")
            for pk, revision in self.revisions.items()
        ]
        self.add_name_fields()
        # The document first, then its title: the order in which the secretariat fills them in.
        self.order_fields(["revision"])

    def clean_revision(self) -> Revision | None:
        pk = self.cleaned_data["revision"]
        return self.revisions[pk] if pk else None
