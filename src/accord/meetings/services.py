"""Scheduling meetings and setting their agendas: what the web pages, the API and the demo call.

Only the secretariat schedules meetings and sets agendas (:class:`PermissionDenied` otherwise). Input the forum
cannot accept raises :class:`MeetingRefused` with a one-line reason in the interface language, and writes nothing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.documents.access import readable_distributions
from accord.documents.models import Revision
from accord.registry.models import Body, State, User, localized
from accord.text.languages import all_languages

from .models import AgendaItem, Meeting

MAX_NAME = 500
NOTE_VERBALE = "note_verbale"  # the kind of document that is correspondence, never an item of an agenda


class MeetingRefused(ValueError):
    """A meeting or agenda item that cannot be stored; ``str()`` is one line. ``field`` names the input at fault
    (``end``, ``venue``, ``titles``, ``revision``) for the API's answer, or is None."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def body_label(body: Body, language: str) -> str:
    """The body's name and abbreviation in ``language``: "Special Working Group (SWG)", "Специальная рабочая группа
    (СРГ)"."""
    return f"{body.name(language)} ({localized(body.abbreviations, language)})"


def check_schedules(user: User) -> None:
    if user.role != User.SECRETARIAT:
        raise PermissionDenied(_("only the secretariat schedules meetings and sets their agendas"))


def clean_names(names: dict, what: str, field: str | None = None) -> dict[str, str]:
    """Names per language, stripped; at least one, in known languages only."""
    known = all_languages()
    cleaned = {language: (name or "").strip() for language, name in (names or {}).items()}
    cleaned = {language: name for language, name in cleaned.items() if name}
    unknown = sorted(set(cleaned) - set(known))
    if unknown:
        raise MeetingRefused(_("%(what)s: unknown language '%(language)s'") % {"what": what, "language": unknown[0]},
                             field)
    if not cleaned:
        raise MeetingRefused(_("%(what)s: give it in at least one language") % {"what": what}, field)
    if any(len(name) > MAX_NAME for name in cleaned.values()):
        raise MeetingRefused(_("%(what)s is longer than %(limit)d characters") % {"what": what, "limit": MAX_NAME},
                             field)
    return cleaned


@transaction.atomic
def schedule(user: User, *, body: Body, start: dt.date, end: dt.date, venue: dict, chair: State | None = None,
             now: dt.datetime | None = None) -> Meeting:
    """A meeting of ``body`` from ``start`` to ``end`` at ``venue`` (the city per language), chaired by ``chair``."""
    check_schedules(user)
    if end < start:
        raise MeetingRefused(_("the meeting ends on %(end)s, before it starts on %(start)s")
                             % {"end": end, "start": start}, "end")
    return Meeting.objects.create(body=body, start=start, end=end, venue=clean_names(venue, _("the venue"), "venue"),
                                  chair=chair, created_by=user, created_at=now or timezone.now())


@transaction.atomic
def add_agenda_item(meeting: Meeting, user: User, *, titles: dict, revision: Revision | None = None) -> AgendaItem:
    """The next item of the meeting's agenda; ``revision`` the document it puts before the meeting."""
    check_schedules(user)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)  # numbers are given one after the other
    if revision is not None and revision.document.kind == NOTE_VERBALE:
        raise MeetingRefused(_("%(symbol)s is a note verbale, which no agenda lists") % {"symbol": revision.symbol},
                             "revision")
    if revision is not None and meeting.agenda.filter(revision=revision).exists():
        raise MeetingRefused(_("%(symbol)s is already on the agenda") % {"symbol": revision.symbol}, "revision")
    number = (meeting.agenda.aggregate(last=Max("number"))["last"] or 0) + 1
    return AgendaItem.objects.create(meeting=meeting, number=number,
                                     titles=clean_names(titles, _("the item"), "titles"), revision=revision)


@dataclass(frozen=True)
class ShownItem:
    """An agenda item as one user sees it: ``revision`` is None when the item puts no document before the meeting
    *or one the user may not read*, whose symbol the user is not shown (its title, which the agenda gives every
    participant, is)."""

    item: AgendaItem
    revision: Revision | None

    @property
    def number(self) -> int:
        return self.item.number

    def title(self, language: str) -> str:
        return self.item.title(language)


def agenda_items():
    """Agenda items with what :func:`shown_agenda` reads, for ``prefetch_related(Prefetch("agenda", …))``."""
    return AgendaItem.objects.select_related("revision__document").order_by("number")


def shown_agenda(meeting: Meeting, user: User) -> list[ShownItem]:
    """The meeting's agenda in order, each document withheld from a user who may not read it (see
    :mod:`accord.documents.access`)."""
    readable = set(readable_distributions(user))
    return [
        ShownItem(item, item.revision if item.revision and item.revision.document.distribution in readable else None)
        for item in meeting.agenda.all()
    ]
