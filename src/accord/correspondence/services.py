"""Issuing notes verbales and delivering them: what the web pages, the API and the demo call.

:func:`issue_note` writes a note from its facts in every language asked for (:mod:`accord.text.note_writer`), under
one number from the registry, stores it as a document whose one revision is the note, and delivers it to the inbox
of every addressee delegation — the Member States on the note's date, and the Observers when chosen. E-mail goes out
once the transaction has committed, through Django's e-mail framework (``EMAIL_BACKEND``). The enclosure line counts
the pages of the enclosed documents as their PDF downloads have them, in the note's language where the document has
a version in it.

Numbers are gapless and unique within a year: the counter of the file index and year is locked and incremented in
the transaction that stores the note, so two officers issuing at the same moment queue on it, and a note that fails
to be stored gives its number back with the rollback.

Only the secretariat issues notes (:class:`PermissionDenied`); a delegate acknowledges receipt for their own
delegation. Anything else refused raises :class:`NoteRefused`, one line in the interface language, and writes nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.documents import rendering
from accord.documents.models import Document, LanguageVersion, Revision
from accord.documents.services import store_text
from accord.meetings.models import Meeting
from accord.registry.models import Delegation, Membership, User, localized
from accord.registry.services import forum
from accord.text import note_writer
from accord.text.languages import all_languages

from .models import Delivery, Enclosure, NoteCounter, OutgoingNote

log = logging.getLogger(__name__)

NOTE_KIND = "note_verbale"


class NoteRefused(ValueError):
    """A note that cannot be issued, or a receipt that cannot be acknowledged; ``str()`` is one line."""


def check_issues_notes(user: User) -> None:
    if user.role != User.SECRETARIAT:
        raise PermissionDenied(_("only the secretariat issues notes verbales"))


def note_languages() -> list[str]:
    """The languages notes can be written in (those whose table has note templates): the interface languages first,
    in their order, then the others by code."""
    writable = [code for code, table in all_languages().items() if table.note_templates]
    interface = [code for code, _name in settings.LANGUAGES]
    return sorted(writable, key=lambda code: (interface.index(code) if code in interface else len(interface), code))


# Numbers ----------------------------------------------------------------------------------------------------------


def numbering() -> dict:
    """The forum's scheme: ``format`` (``{index}/{number}``) and the default file ``index`` (``17-1``)."""
    return {"format": "{index}/{number}", "index": "", **forum().get("note_numbers", {})}


def format_number(index: str, sequence: int | str) -> str:
    return numbering()["format"].format(index=index, number=sequence)


def note_symbol(number: str, year: int) -> str:
    """The symbol of the document a note Accord issues is: its number and year, since numbers recur each year."""
    return f"{number} ({year})"


def take_number(index: str, year: int) -> int:
    """The next running number of ``index`` in ``year``, taken for the caller's transaction: it stays taken only if
    that transaction commits, and no other transaction takes a number of the same counter until it ends."""
    counter, _created = NoteCounter.objects.select_for_update().get_or_create(index=index, year=year)
    NoteCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    counter.refresh_from_db()
    return counter.last_number


def record_number(index: str, year: int, sequence: int) -> None:
    """Note that ``sequence`` was issued outside Accord (an imported note): the counter goes on after it."""
    counter, _created = NoteCounter.objects.select_for_update().get_or_create(index=index, year=year)
    if counter.last_number < sequence:
        NoteCounter.objects.filter(pk=counter.pk).update(last_number=sequence)


# Facts ------------------------------------------------------------------------------------------------------------


def forum_named() -> note_writer.Named:
    return note_writer.Named.from_dict(forum())


def document_named(revision: Revision) -> note_writer.DocumentRef:
    """How notes refer to the revision: its document's reference (names and forms), else its titles."""
    reference = revision.document.reference or {}
    return note_writer.DocumentRef(
        names=dict(reference.get("names") or revision.document.titles),
        forms={code: dict(forms) for code, forms in (reference.get("forms") or {}).items()},
        symbol=revision.symbol,
    )


def meeting_named(meeting: Meeting) -> note_writer.Meeting:
    body = meeting.body
    return note_writer.Meeting(
        body=note_writer.Named(body.names, body.abbreviations, body.forms),
        start=meeting.start,
        end=meeting.end,
        venue=note_writer.Named(meeting.venue),
    )


def facts(*, number: str, purpose: str, revisions: Iterable[Revision], meeting: Meeting | None, observers: bool,
          place: dict, date: dt.date, letterhead: Iterable[str]) -> note_writer.NoteFacts:
    return note_writer.NoteFacts(
        number=number,
        forum=forum_named(),
        purpose=purpose,
        place=note_writer.Named(place),
        date=date,
        observers=observers,
        documents=tuple(document_named(revision) for revision in revisions),
        meeting=meeting_named(meeting) if meeting else None,
        letterhead=tuple(letterhead),
    )


def note_facts(note: OutgoingNote) -> note_writer.NoteFacts:
    """The facts ``note`` was written from, as stored (its enclosure pages per language are set by :func:`write`)."""
    return facts(
        number=note.number, purpose=note.purpose,
        revisions=[enclosure.revision for enclosure in note.enclosures.select_related("revision__document")],
        meeting=note.meeting, observers=note.observers, place=note.place, date=note.date, letterhead=note.letterhead,
    )


def write(base: note_writer.NoteFacts, pages: dict[str, int | None], languages: Iterable[str]) -> dict:
    """The note in each of ``languages``, its enclosure line counting that language's ``pages``."""
    try:
        return {
            language: note_writer.compose_note(dataclasses.replace(base, enclosure_pages=pages.get(language)),
                                               language)
            for language in languages
        }
    except ValueError as error:
        raise NoteRefused(str(error)) from None


def rewrite(note: OutgoingNote) -> dict:
    """The note written again from its stored facts, in each language it was issued in: what it said, by the data
    it was written from (the seed's note, imported, is checked against this)."""
    languages = list(note.revision.versions.values_list("language", flat=True))
    return write(note_facts(note), {code: pages for code, pages in note.enclosure_pages.items()}, languages)


def differences_from_data(note: OutgoingNote) -> dict[str, list[tuple[str, str | None, str | None]]]:
    """Per language, where the note as stored says something else than the note written again from its facts:
    (role, from the data, as stored), sentence by sentence (:func:`accord.text.note_writer.differences`). Empty lists
    for a note that says exactly what its data says."""
    written = rewrite(note)
    stored = {version.language: version.text() for version in note.revision.versions.all()}
    return {language: note_writer.differences(text, stored[language]) for language, text in written.items()}


def enclosure_pages(revisions: list[Revision], language: str) -> int | None:
    """The pages of the enclosed documents' PDFs in ``language`` (the master language's for a document without a
    version in it); None when nothing is enclosed."""
    if not revisions:
        return None
    total = 0
    for revision in revisions:
        versions = {version.language: version for version in revision.versions.defer("source")}
        version = versions.get(language) or versions.get(revision.document.master_language)
        if version is None:
            version = next(iter(versions.values()), None)
        if version is None:
            raise NoteRefused(_("%(symbol)s has no language version to enclose") % {"symbol": revision.symbol})
        total += rendering.pdf_pages(version)
    return total


# Issuing and delivering --------------------------------------------------------------------------------------------


def addressees(day: dt.date, observers: bool) -> list[Delegation]:
    """The delegations a note of ``day`` goes to: the Member States then, and the Observers when chosen."""
    statuses = [Membership.MEMBER, Membership.OBSERVER] if observers else [Membership.MEMBER]
    in_force = Membership.objects.filter(start__lte=day, status__in=statuses).exclude(end__lt=day)
    return list(Delegation.objects.filter(state__memberships__in=in_force).select_related("state").distinct()
                .order_by("state__code"))


def issue_note(user: User, *, purpose: str, revisions: list[Revision], meeting: Meeting | None = None,
               observers: bool = False, place: dict | None = None, date: dt.date | None = None,
               languages: Iterable[str] = ("en", "ru", "kk"), letterhead: Iterable[str] | None = None,
               index: str | None = None, now: dt.datetime | None = None) -> OutgoingNote:
    """Issue a note in every one of ``languages`` under the next number of ``index`` (the forum's default index),
    deliver it to its addressees, and e-mail them once stored. ``place`` defaults to the forum's seat, ``date`` to
    today, ``letterhead`` to the forum's languages of the letterhead (``note_letterhead``, else the first language)."""
    check_issues_notes(user)
    now = now or timezone.now()
    date = date or timezone.localdate(now)
    languages = list(dict.fromkeys(languages))
    unknown = [code for code in languages if code not in all_languages()]
    if not languages or unknown:
        raise NoteRefused(_("no language '%(language)s' to write the note in") % {
            "language": unknown[0] if unknown else ""})
    index = (index or numbering()["index"]).strip()
    if not index:
        raise NoteRefused(_("the note needs a file index"))
    place = place or forum().get("seat") or {}
    letterhead = list(letterhead if letterhead is not None else forum().get("note_letterhead", languages[:1]))
    if observers:
        for revision in revisions:
            if revision.document.distribution == Document.MEMBERS:
                raise NoteRefused(_("%(symbol)s is for Member States only: a note to the Observers cannot enclose it")
                                  % {"symbol": revision.symbol})
    # The number is not taken yet: until it is, refusals name the note by its index alone ("17-1/…").
    base = facts(number=format_number(index, "…"), purpose=purpose, revisions=revisions, meeting=meeting,
                 observers=observers, place=place, date=date, letterhead=letterhead)
    # Missing facts and forms are refused before anything is laid out or numbered (any page count does for that:
    # one for every language, so that a note without documents is refused for that alone, not for its page count).
    write(base, dict.fromkeys(languages, 1), languages)
    # Laying out the enclosures takes seconds: done before the transaction, which then holds the counter briefly.
    pages = {language: enclosure_pages(revisions, language) for language in languages}
    with transaction.atomic():
        sequence = take_number(index, date.year)
        number = format_number(index, sequence)
        if Revision.objects.filter(symbol=note_symbol(number, date.year)).exists():
            raise NoteRefused(_("a document numbered %(number)s exists already") % {"number": number})
        notes = write(dataclasses.replace(base, number=number), pages, languages)
        note = _store(notes, user, now, number=number, index=index, year=date.year, sequence=sequence,
                      purpose=purpose, observers=observers, meeting=meeting, revisions=revisions, place=place,
                      date=date, pages=pages, letterhead=letterhead)
        deliver(note, now)
    return note


def _store(notes: dict, user: User, now: dt.datetime, *, number: str, revisions: list[Revision],
           pages: dict, **fields) -> OutgoingNote:
    first = next(iter(notes.values()))
    document = Document.objects.create(
        kind=NOTE_KIND,
        titles={language: text.title for language, text in notes.items()},
        distribution=Document.PARTICIPANTS if fields["observers"] else Document.MEMBERS,
        master_language=first.language,
    )
    revision = Revision.objects.create(document=document, symbol=note_symbol(number, fields["year"]), sequence=1,
                                       stage="FINAL", issued_at=now)
    for text in notes.values():
        store_text(revision, text, user, issued_at=now)
    note = OutgoingNote.objects.create(revision=revision, number=number, enclosure_pages=pages, issued_by=user,
                                       issued_at=now, **fields)
    Enclosure.objects.bulk_create(
        Enclosure(note=note, revision=enclosed, position=position) for position, enclosed in enumerate(revisions, 1)
    )
    return note


def register_issued(revision: Revision, user: User, *, purpose: str, revisions: list[Revision],
                    meeting: Meeting | None, observers: bool, place: dict, date: dt.date, pages: dict,
                    letterhead: list[str], delivered_at: dt.datetime) -> OutgoingNote:
    """Enter a note issued before Accord (imported, like the seed's 17-1/542) in the registry with the facts it was
    written from, and deliver it as it was then: its number is split by the forum's scheme and the counter of its
    index goes on after it."""
    index, sequence = split_number(revision.symbol)
    with transaction.atomic():
        record_number(index, date.year, sequence)
        note = OutgoingNote.objects.create(
            revision=revision, number=revision.symbol, index=index, year=date.year, sequence=sequence, purpose=purpose, observers=observers,
            meeting=meeting, place=place, date=date, enclosure_pages=pages, letterhead=letterhead, issued_by=user,
            issued_at=delivered_at,
        )
        Enclosure.objects.bulk_create(
            Enclosure(note=note, revision=enclosed, position=position)
            for position, enclosed in enumerate(revisions, 1)
        )
        deliver(note, delivered_at, email=False)
    return note


def split_number(number: str) -> tuple[str, int]:
    """``17-1/542`` → ``("17-1", 542)``, by the forum's number format."""
    template = numbering()["format"]
    pattern = re.escape(template).replace(re.escape("{index}"), "(?P<index>.+)").replace(
        re.escape("{number}"), "(?P<number>[0-9]+)")
    match = re.fullmatch(pattern, number)
    if match is None:
        raise NoteRefused(_("%(number)s is not a number of the form %(format)s") % {"number": number,
                                                                                   "format": template})
    return match.groupdict().get("index", ""), int(match["number"])


def deliver(note: OutgoingNote, now: dt.datetime, *, email: bool = True) -> list[Delivery]:
    """Put the note in the inbox of each addressee delegation; e-mail its delegates once the transaction commits."""
    deliveries = Delivery.objects.bulk_create(
        Delivery(note=note, delegation=delegation, delivered_at=now)
        for delegation in addressees(note.date, note.observers)
    )
    if email:
        transaction.on_commit(lambda: send_emails(note.pk))
    return deliveries


def send_emails(note_id: int) -> int:
    """E-mail the note, with the note and its enclosures attached as DOCX in each of its languages, to the delegates
    of every delegation it was delivered to that has e-mail addresses; returns the number of messages sent. A
    failure of the mail server is logged: the note is in the inboxes already."""
    note = OutgoingNote.objects.select_related("revision__document").get(pk=note_id)
    versions = list(note.revision.versions.order_by("language"))
    attachments = [_attachment(version) for version in versions]
    for enclosure in note.enclosures.select_related("revision"):
        attachments += [_attachment(version) for version in enclosure.revision.versions.order_by("language")]
    forum_abbreviation = localized(forum()["abbreviations"], "en")
    subject = f"{forum_abbreviation} note verbale No. {note.number}"
    body = "\n\n".join(_plain(version) for version in versions)
    messages, sent_to = [], {}
    for delivery in note.deliveries.select_related("delegation"):
        recipients = sorted(
            delivery.delegation.delegates.filter(is_active=True).exclude(email="").values_list("email", flat=True)
        )
        if not recipients:
            continue
        message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
        for attachment in attachments:
            message.attach(*attachment)
        messages.append(message)
        sent_to[delivery.pk] = recipients
    try:
        count = get_connection().send_messages(messages) or 0
    except OSError:
        log.exception("e-mail of note %s failed", note.number)
        return 0
    for delivery_id, recipients in sent_to.items():
        Delivery.objects.filter(pk=delivery_id).update(emailed_to=recipients)
    return count


def _attachment(version: LanguageVersion) -> tuple[str, bytes, str]:
    exported = rendering.export(version, "docx")
    return exported.filename, exported.content, exported.content_type


def _plain(version: LanguageVersion) -> str:
    text = version.text()
    lines = [text.number and f"№ {text.number}", *text.paragraphs,
             text.enclosure and text.enclosure.text, text.date_text and f"{text.place_text}, {text.date_text}"]
    return "\n\n".join(line for line in lines if line)


# Receipt ----------------------------------------------------------------------------------------------------------


def inbox(user: User):
    """The deliveries to the user's delegation, newest first."""
    if user.delegation_id is None:
        return Delivery.objects.none()
    return (Delivery.objects.filter(delegation_id=user.delegation_id)
            .select_related("note__revision__document", "acknowledged_by").order_by("-delivered_at", "-id"))


@transaction.atomic
def acknowledge(delivery: Delivery, user: User, now: dt.datetime | None = None) -> Delivery:
    """A delegate acknowledges receipt of the note for their delegation; once is enough."""
    if user.delegation_id != delivery.delegation_id:
        raise PermissionDenied(_("only a delegate of the addressee acknowledges receipt"))
    updated = Delivery.objects.filter(pk=delivery.pk, acknowledged_at__isnull=True).update(
        acknowledged_at=now or timezone.now(), acknowledged_by=user
    )
    delivery.refresh_from_db()
    if not updated:
        raise NoteRefused(_("receipt of %(number)s was acknowledged already, on %(at)s") % {
            "number": delivery.note.number, "at": timezone.localtime(delivery.acknowledged_at).isoformat(
                timespec="minutes")})
    return delivery


def unacknowledged(note: OutgoingNote):
    """The deliveries of ``note`` whose receipt no one has acknowledged yet."""
    return note.deliveries.filter(acknowledged_at__isnull=True).select_related("delegation__state")
