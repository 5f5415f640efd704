"""Scheduling meetings and setting their agendas: what the web pages, the API and the demo call.

Only the secretariat schedules meetings and sets agendas (:class:`PermissionDenied` otherwise). Input the forum
cannot accept raises :class:`MeetingRefused` with a one-line reason in the interface language, and writes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.documents.models import Revision
from accord.registry.models import Body, State, User
from accord.text.languages import all_languages

from .models import AgendaItem, Meeting

MAX_NAME = 500


class MeetingRefused(ValueError):
    """A meeting or agenda item that cannot be stored; ``str()`` is one line."""


def check_schedules(user: User) -> None:
    if user.role != User.SECRETARIAT:
        raise PermissionDenied(_("only the secretariat schedules meetings and sets their agendas"))


def clean_names(names: dict, what: str) -> dict[str, str]:
    """Names per language, stripped; at least one, in known languages only."""
    known = all_languages()
    cleaned = {language: (name or "").strip() for language, name in (names or {}).items()}
    cleaned = {language: name for language, name in cleaned.items() if name}
    unknown = sorted(set(cleaned) - set(known))
    if unknown:
        raise MeetingRefused(_("%(what)s: unknown language '%(language)s'") % {"what": what, "language": unknown[0]})
    if not cleaned:
        raise MeetingRefused(_("%(what)s: give it in at least one language") % {"what": what})
    if any(len(name) > MAX_NAME for name in cleaned.values()):
        raise MeetingRefused(_("%(what)s is longer than %(limit)d characters") % {"what": what, "limit": MAX_NAME})
    return cleaned


@transaction.atomic
def schedule(user: User, *, body: Body, start: dt.date, end: dt.date, venue: dict, chair: State | None = None,
             now: dt.datetime | None = None) -> Meeting:
    """A meeting of ``body`` from ``start`` to ``end`` at ``venue`` (the city per language), chaired by ``chair``."""
    check_schedules(user)
    if end < start:
        raise MeetingRefused(_("the meeting ends on %(end)s, before it starts on %(start)s") % {"end": end,
                                                                                                 "start": start})
    return Meeting.objects.create(body=body, start=start, end=end, venue=clean_names(venue, _("the venue")),
                                  chair=chair, created_by=user, created_at=now or timezone.now())


@transaction.atomic
def add_agenda_item(meeting: Meeting, user: User, *, titles: dict, revision: Revision | None = None) -> AgendaItem:
    """The next item of the meeting's agenda; ``revision`` the document it puts before the meeting."""
    check_schedules(user)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)  # numbers are given one after the other
    if revision is not None and meeting.agenda.filter(revision=revision).exists():
        raise MeetingRefused(_("%(symbol)s is already on the agenda") % {"symbol": revision.symbol})
    number = (meeting.agenda.aggregate(last=Max("number"))["last"] or 0) + 1
    return AgendaItem.objects.create(meeting=meeting, number=number, titles=clean_names(titles, _("the item")),
                                     revision=revision)
