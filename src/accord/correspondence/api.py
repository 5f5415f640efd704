"""REST endpoints of the correspondence: the registry of outgoing notes verbales, issuing a note, a delegation's
inbox and the acknowledgement of receipt.

A thin layer over :mod:`.services`. The secretariat reads every note with its deliveries and issues notes (403 for
the other roles); a delegate reads the notes delivered to their delegation, and a note or delivery that was not does
not exist for them (404). Only a delegation's delegates have an inbox (403 for the roles without a delegation). A note
that cannot be written, or documents and a meeting that cannot be referred to, answer 422 with the one-line reason;
acknowledging a receipt acknowledged already answers 409. Errors are JSON like every other of the API
(:mod:`accord.project.api_errors`).
"""

import datetime as dt
from typing import Literal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from accord.documents.models import LanguageVersion
from accord.meetings.models import Meeting
from accord.project.api_errors import errors
from accord.registry.models import User
from accord.text.languages import all_languages

from . import services
from .forms import enclosable_revisions
from .models import Delivery, Enclosure, OutgoingNote

INDEX_LENGTH = OutgoingNote._meta.get_field("index").max_length

router = Router(tags=["correspondence"])

Purpose = Literal[tuple(purpose for purpose, _label in OutgoingNote.PURPOSES)]
Language = Literal[tuple(all_languages())]


def _viewer(context) -> User:
    return context["request"].auth


def _is_secretariat(user: User) -> bool:
    return user.role == User.SECRETARIAT


class DocumentRefOut(Schema):
    revision_id: int
    symbol: str

    @staticmethod
    def resolve_symbol(enclosure: Enclosure) -> str:
        return enclosure.revision.symbol


class DeliveryOut(Schema):
    id: int
    delegation: str  # the State's ISO code
    delivered_at: dt.datetime
    emailed_to: list[str]
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None  # the user name of the delegate who acknowledged receipt

    @staticmethod
    def resolve_delegation(delivery: Delivery) -> str:
        return delivery.delegation.state.code

    @staticmethod
    def resolve_acknowledged_by(delivery: Delivery) -> str | None:
        return delivery.acknowledged_by.username if delivery.acknowledged_by_id else None


class NoteOut(Schema):
    id: int
    number: str  # 17-1/542
    index: str
    year: int
    sequence: int
    purpose: Purpose
    date: dt.date
    place: dict[str, str]  # per language
    observers: bool  # addressed to the Observers as well as the Member States
    meeting_id: int | None
    documents: list[DocumentRefOut]  # referred to and enclosed, in the note's order
    revision_id: int  # the note itself, a document: its reading room and downloads
    languages: list[str]
    enclosure_pages: dict[str, int | None]  # per language
    issued_at: dt.datetime
    delivered: int | None  # secretariat only: how many delegations it was delivered to
    acknowledged: int | None  # secretariat only: how many of them acknowledged receipt

    @staticmethod
    def resolve_documents(note: OutgoingNote) -> list[Enclosure]:
        return list(note.enclosures.all())

    @staticmethod
    def resolve_languages(note: OutgoingNote) -> list[str]:
        return sorted(version.language for version in note.revision.versions.all())

    @staticmethod
    def resolve_delivered(note: OutgoingNote, context) -> int | None:
        return getattr(note, "delivered_count", None) if _is_secretariat(_viewer(context)) else None

    @staticmethod
    def resolve_acknowledged(note: OutgoingNote, context) -> int | None:
        return getattr(note, "acknowledged_count", None) if _is_secretariat(_viewer(context)) else None


class NoteDetailOut(NoteOut):
    deliveries: list[DeliveryOut] | None  # secretariat only: every addressee, in the order of their codes

    @staticmethod
    def resolve_deliveries(note: OutgoingNote, context) -> list[Delivery] | None:
        if not _is_secretariat(_viewer(context)):
            return None
        return list(note.deliveries.select_related("delegation__state", "acknowledged_by"))


class NoteIn(Schema):
    purpose: Purpose
    documents: list[int] = []  # revision ids, in the order the note names them
    meeting: int | None = None  # a meeting's id
    observers: bool = False
    date: dt.date | None = None  # default: today
    index: str | None = Field(None, max_length=INDEX_LENGTH)  # default: the forum's file index
    languages: list[Language] | None = None  # default: every language notes can be written in


class InboxEntryOut(Schema):
    id: int  # the delivery's id, to acknowledge receipt
    note: NoteOut
    delivered_at: dt.datetime
    acknowledged_at: dt.datetime | None
    acknowledged_by: str | None  # the user name of the delegate who acknowledged receipt

    @staticmethod
    def resolve_acknowledged_by(delivery: Delivery) -> str | None:
        return delivery.acknowledged_by.username if delivery.acknowledged_by_id else None


def _note_parts(prefix: str = "") -> tuple[Prefetch, ...]:
    """What :class:`NoteOut` shows of a note: its enclosures' symbols and its languages."""
    return (Prefetch(f"{prefix}enclosures", Enclosure.objects.select_related("revision")),
            Prefetch(f"{prefix}revision__versions", LanguageVersion.objects.only("language", "revision")))


def _notes(user: User):
    """The notes ``user`` may see: every note for the secretariat, with its counts of deliveries; else those
    delivered to their delegation."""
    notes = (OutgoingNote.objects.select_related("revision").prefetch_related(*_note_parts())
             .order_by("-date", "-year", "-sequence", "-pk"))
    if _is_secretariat(user):
        return notes.annotate(
            delivered_count=Count("deliveries"),
            acknowledged_count=Count("deliveries", filter=Q(deliveries__acknowledged_at__isnull=False)),
        )
    if user.delegation_id is None:
        return notes.none()
    return notes.filter(deliveries__delegation_id=user.delegation_id)


# The registry ------------------------------------------------------------------------------------------------------


@router.get("/notes", response={200: list[NoteOut], **errors(401, 422)})
@paginate
def list_notes(request):
    """Notes verbales, newest first: every one for the secretariat, with how many addressees acknowledged receipt;
    for a delegate, those delivered to their delegation."""
    return _notes(request.auth)


@router.get("/notes/{note_id}", response={200: NoteDetailOut, **errors(401, 404, 422)})
def get_note(request, note_id: int):
    """A note; for the secretariat, with every delivery and its acknowledgement."""
    return get_object_or_404(_notes(request.auth), pk=note_id)


@router.post("/notes", response={201: NoteDetailOut, **errors(401, 403, 422)})
def issue_note(request, body: NoteIn):
    """The secretariat issues a note in every language asked for under the next number of the file index, delivers
    it to the Member States (and the Observers when ``observers``) and e-mails it once stored. Laying out the
    enclosures to count their pages takes a second or two."""
    services.check_issues_notes(request.auth)
    offered = enclosable_revisions(request.auth).in_bulk(body.documents)
    missing = [str(pk) for pk in body.documents if pk not in offered]
    if missing:
        raise HttpError(422, _("no issued document to refer to with revision id %(ids)s") % {
            "ids": ", ".join(missing)})
    meeting = None
    if body.meeting is not None:
        meeting = Meeting.objects.select_related("body").filter(pk=body.meeting).first()
        if meeting is None:
            raise HttpError(422, _("no meeting with id %(id)s") % {"id": body.meeting})
    try:
        note = services.issue_note(
            request.auth, purpose=body.purpose, revisions=[offered[pk] for pk in dict.fromkeys(body.documents)],
            meeting=meeting, observers=body.observers, date=body.date, index=body.index,
            languages=body.languages if body.languages is not None else services.note_languages(),
        )
    except services.NoteRefused as refusal:
        raise HttpError(422, str(refusal)) from None
    return Status(201, _notes(request.auth).get(pk=note.pk))


# The inbox ---------------------------------------------------------------------------------------------------------


def _inbox(user: User):
    if user.delegation_id is None:
        raise PermissionDenied(_("only a delegation's delegates have an inbox of notes verbales"))
    return services.inbox(user).prefetch_related(*_note_parts("note__"))


@router.get("/inbox", response={200: list[InboxEntryOut], **errors(401, 403, 422)})
@paginate
def list_inbox(request):
    """The notes delivered to the user's delegation, newest first, with the acknowledgement of each."""
    return _inbox(request.auth)


@router.post("/inbox/{delivery_id}/acknowledge", response={200: InboxEntryOut, **errors(401, 403, 404, 409, 422)})
def acknowledge(request, delivery_id: int):
    """A delegate acknowledges receipt of the note for their delegation; a receipt acknowledged already is 409."""
    delivery = get_object_or_404(_inbox(request.auth), pk=delivery_id)
    try:
        services.acknowledge(delivery, request.auth)
    except services.NoteRefused as refusal:
        raise HttpError(409, str(refusal)) from None
    return _inbox(request.auth).get(pk=delivery_id)
