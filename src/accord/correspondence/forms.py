"""The form of a new note verbale. It checks the shape of what was sent (known choices, a date, an index); whether
the note can be written and issued is :mod:`.services`' decision, so the form never duplicates one of its rules.

The documents offered are the issued revisions the officer may read, notes verbales excepted, latest first; the
meetings, the upcoming ones first (soonest first), then the past ones (latest first).
"""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accord.documents.access import readable_documents
from accord.documents.models import Revision
from accord.meetings.models import Meeting
from accord.project.pages import language_name
from accord.registry.models import User, localized

from . import services
from .models import OutgoingNote

MAX_INDEX = OutgoingNote._meta.get_field("index").max_length


def enclosable_revisions(user: User) -> QuerySet[Revision]:
    """The revisions a note may refer to: issued, of documents ``user`` may read, not notes verbales; latest first."""
    return (Revision.objects.filter(issued_at__isnull=False, document__in=readable_documents(user))
            .exclude(document__kind=services.NOTE_KIND).select_related("document").order_by("-issued_at", "-pk"))


def meetings_upcoming_first(today) -> list[Meeting]:
    """Meetings not yet over, soonest first, then the past ones, latest first."""
    meetings = Meeting.objects.select_related("body")
    return [*meetings.filter(end__gte=today).order_by("start", "pk"),
            *meetings.filter(end__lt=today).order_by("-start", "-pk")]


def meeting_label(meeting: Meeting) -> str:
    """"SWG, 14 September 2021 – 15 September 2021, Nur-Sultan", in the interface language."""
    language = get_language()
    body = localized(meeting.body.abbreviations, language) or meeting.body.name(language)
    days = date_format(meeting.start, "DATE_FORMAT")
    if meeting.end != meeting.start:
        days = f"{days} – {date_format(meeting.end, 'DATE_FORMAT')}"
    return f"{body}, {days}, {meeting.venue_name(language)}"


class RevisionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, revision: Revision) -> str:
        return f"{revision.symbol} — {revision.document.title(get_language())}"


class IssueForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=OutgoingNote.PURPOSES)
    documents = RevisionChoiceField(
        label=_("Documents"), queryset=Revision.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Referred to and enclosed, in the order listed here. A note forwarding a document or informing "
                    "of an agenda needs at least one."),
    )
    meeting = forms.TypedChoiceField(label=_("Meeting"), required=False, coerce=int, empty_value=None,
                                     help_text=_("Its agenda, or the meeting the note invites to."))
    observers = forms.BooleanField(label=_("Observers addressed too"), required=False, label_suffix="",
                                   help_text=_("The Member States always are."))
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    index = forms.CharField(label=_("File index"), max_length=MAX_INDEX,
                            help_text=_("The note's number is this index and the next running number of the year."))
    languages = forms.MultipleChoiceField(label=_("Languages"), widget=forms.CheckboxSelectMultiple,
                                          help_text=_("The note is issued in all of them at once, under one number."))

    def __init__(self, user: User, *args, **kwargs):
        today = timezone.localdate()
        languages = services.note_languages()
        kwargs.setdefault("initial", {
            "purpose": OutgoingNote.PURPOSES[0][0], "date": today, "index": services.numbering()["index"],
            "languages": languages,
        })
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = enclosable_revisions(user)
        self.meetings = {meeting.pk: meeting for meeting in meetings_upcoming_first(today)}
        self.fields["meeting"].choices = [("", _("(none)")),
                                          *((pk, meeting_label(meeting)) for pk, meeting in self.meetings.items())]
        self.fields["languages"].choices = [(code, language_name(code)) for code in languages]

    def clean_meeting(self) -> Meeting | None:
        pk = self.cleaned_data["meeting"]
        return self.meetings[pk] if pk is not None else None

    def clean_index(self) -> str:
        return self.cleaned_data["index"].strip()
