"""REST endpoints of the meetings: the meetings of the forum's bodies with their agendas, scheduling one and adding
an item to its agenda (the secretariat only: 403 otherwise), and the bodies themselves.

Every authenticated user reads the meetings. An agenda item whose document the user may not read gives its title
only, ``revision_id`` and ``symbol`` null, as for an item that puts no document before the meeting (see
:func:`.services.shown_agenda`). Input the forum cannot accept answers 422 with a one-line ``detail`` that starts
with the field at fault (``end: the meeting ends on …``); errors are JSON like every other of the API
(:mod:`accord.project.api_errors`).
"""

import datetime as dt
from typing import Literal

from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils.translation import get_language
from ninja import Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from accord.documents.access import readable_documents
from accord.documents.models import Revision
from accord.project.api_errors import errors
from accord.registry.models import Body, State, localized
from accord.text import normalise_symbol
from accord.text.languages import all_languages

from .models import Meeting
from .services import MeetingRefused, ShownItem, add_agenda_item, agenda_items, check_schedules, schedule, shown_agenda

router = Router(tags=["meetings"])

Language = Literal[tuple(all_languages())]


class BodyOut(Schema):
    symbol_prefix: str  # MM, SOC, SWG: how the body's documents' symbols begin
    name: str  # in the language asked for
    abbreviation: str
    names: dict[str, str]
    abbreviations: dict[str, str]


class AgendaItemOut(Schema):
    number: int
    title: str  # in the language asked for
    titles: dict[str, str]
    revision_id: int | None  # null when the item puts no document before the meeting, or one the user may not read
    symbol: str | None


class MeetingOut(Schema):
    id: int
    body: str  # the body's symbol prefix
    body_name: str  # in the language asked for
    body_abbreviation: str
    start: dt.date  # the first day
    end: dt.date  # the last day, included
    venue: str  # in the language asked for
    venues: dict[str, str]
    chair: str | None  # the ISO code of the chairing State
    chair_name: str | None
    agenda_items: int


class MeetingDetailOut(MeetingOut):
    agenda: list[AgendaItemOut]


class MeetingIn(Schema):
    body: str  # the body's symbol prefix (SWG)
    start: dt.date
    end: dt.date  # the last day, included; not before ``start``
    venue: dict[str, str]  # the city per language, at least one: {"en": "Nur-Sultan", "ru": "Нур-Султан"}
    chair: str | None = None  # the ISO code of the chairing State


class AgendaItemIn(Schema):
    titles: dict[str, str]  # per language, at least one
    revision: str | None = None  # the symbol of the revision put before the meeting, Cyrillic look-alikes accepted


def body_out(body: Body, language: str) -> BodyOut:
    return BodyOut(symbol_prefix=body.symbol_prefix, name=body.name(language),
                   abbreviation=localized(body.abbreviations, language), names=body.names,
                   abbreviations=body.abbreviations)


def item_out(shown: ShownItem, language: str) -> AgendaItemOut:
    return AgendaItemOut(number=shown.number, title=shown.title(language), titles=shown.item.titles,
                         revision_id=shown.revision.pk if shown.revision else None,
                         symbol=shown.revision.symbol if shown.revision else None)


def _fields(meeting: Meeting, language: str, items: int) -> dict:
    return {
        "id": meeting.pk,
        "body": meeting.body.symbol_prefix,
        "body_name": meeting.body.name(language),
        "body_abbreviation": localized(meeting.body.abbreviations, language),
        "start": meeting.start,
        "end": meeting.end,
        "venue": meeting.venue_name(language),
        "venues": meeting.venue,
        "chair": meeting.chair.code if meeting.chair else None,
        "chair_name": meeting.chair.name(language) if meeting.chair else None,
        "agenda_items": items,
    }


def meeting_detail(meeting: Meeting, user, language: str) -> MeetingDetailOut:
    agenda = shown_agenda(meeting, user)
    return MeetingDetailOut(**_fields(meeting, language, len(agenda)),
                            agenda=[item_out(shown, language) for shown in agenda])


def _meetings():
    return Meeting.objects.select_related("body", "chair").prefetch_related(Prefetch("agenda", agenda_items()))


def _meeting(meeting_id: int) -> Meeting:
    meeting = _meetings().filter(pk=meeting_id).first()
    if meeting is None:
        raise Http404(f"no meeting {meeting_id}")
    return meeting


def refused(field: str, message: str) -> HttpError:
    """The 422 answer for input the forum does not accept: one line, the field first."""
    return HttpError(422, f"{field}: {message}")


@router.get("/meetings", response={200: list[MeetingOut], **errors(401, 422)})
@paginate
def list_meetings(request, body: str | None = None,
                  year: int | None = Query(None, ge=dt.MINYEAR, le=dt.MAXYEAR), lang: Language | None = None):
    """The meetings, first to last: of one body only (``body``: its symbol prefix, such as SWG), or held in one
    ``year`` (a meeting across the new year is in both); names in ``lang`` (default: the request's language)."""
    language = lang or get_language()
    meetings = Meeting.objects.select_related("body", "chair").prefetch_related("agenda").order_by("start", "pk")
    if body:
        meetings = meetings.filter(body__symbol_prefix__iexact=body)
    if year is not None:
        meetings = meetings.filter(Q(start__year=year) | Q(end__year=year))
    return [MeetingOut(**_fields(meeting, language, len(meeting.agenda.all()))) for meeting in meetings]


@router.get("/meetings/{meeting_id}", response={200: MeetingDetailOut, **errors(401, 404, 422)})
def get_meeting(request, meeting_id: int, lang: Language | None = None):
    """A meeting with its agenda; an item's document is given only to a user who may read it."""
    return meeting_detail(_meeting(meeting_id), request.auth, lang or get_language())


@router.post("/meetings", response={201: MeetingDetailOut, **errors(401, 403, 422)})
def schedule_meeting(request, payload: MeetingIn):
    """Schedule a meeting (the secretariat only). 422 for an unknown body or State, a last day before the first, or
    no venue in any language; nothing is written then."""
    check_schedules(request.auth)
    body = Body.objects.filter(symbol_prefix__iexact=payload.body.strip()).first()
    if body is None:
        raise refused("body", f"no body with the symbol prefix {payload.body!r}")
    chair = None
    if payload.chair:
        chair = State.objects.filter(code__iexact=payload.chair.strip()).first()
        if chair is None:
            raise refused("chair", f"no State with the code {payload.chair!r}")
    try:
        meeting = schedule(request.auth, body=body, start=payload.start, end=payload.end, venue=payload.venue,
                           chair=chair)
    except MeetingRefused as refusal:
        raise refused(refusal.field or "meeting", str(refusal)) from None
    return Status(201, meeting_detail(_meeting(meeting.pk), request.auth, get_language()))


@router.post("/meetings/{meeting_id}/agenda", response={201: AgendaItemOut, **errors(401, 403, 404, 422)})
def add_item(request, meeting_id: int, payload: AgendaItemIn):
    """Add the next item to the meeting's agenda (the secretariat only), optionally putting a revision before the
    meeting. 422 for a revision the user may not read or that does not exist, a note verbale, one already on the
    agenda, or no title in any language; nothing is written then."""
    meeting = _meeting(meeting_id)
    check_schedules(request.auth)
    revision = None
    if payload.revision:
        symbol = normalise_symbol(payload.revision)
        revision = (Revision.objects.filter(document__in=readable_documents(request.auth), symbol=symbol)
                    .select_related("document").first())
        if revision is None:
            raise refused("revision", f"no revision {symbol!r}")
    try:
        item = add_agenda_item(meeting, request.auth, titles=payload.titles, revision=revision)
    except MeetingRefused as refusal:
        raise refused(refusal.field or "item", str(refusal)) from None
    return Status(201, item_out(ShownItem(item, revision), get_language()))


@router.get("/bodies", response={200: list[BodyOut], **errors(401, 422)}, tags=["registry"])
@paginate
def list_bodies(request, lang: Language | None = None):
    """The forum's bodies (Ministerial Meeting, SOC, SWG…) by symbol prefix, named in ``lang`` (default: the
    request's language)."""
    language = lang or get_language()
    return [body_out(body, language) for body in Body.objects.all()]
