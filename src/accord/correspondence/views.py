"""Pages of the correspondence: the secretariat's registry of outgoing notes, the form that issues a note, a note
with its deliveries and its check against the data it was written from, and a delegation's inbox where receipt is
acknowledged.

Views stay thin: :mod:`.services` decides who may and what can be issued. Only the secretariat keeps the registry and
issues notes (403 for other roles; a delegate who opens the registry is sent to their inbox instead). Only a
delegation's delegates have an inbox (403 for the roles without a delegation); a delivery to another delegation does
not exist for them (404), nor does a note whose document the user may not read. A refused POST shows its page again
with the one-line reason: 400 for a note that cannot be written or an invalid form, 409 for a receipt acknowledged
already (by another delegate of the delegation, since the page was read). A successful POST redirects with a message.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accord.documents.access import can_read
from accord.documents.models import LanguageVersion, in_reading_order
from accord.project.pages import form_errors
from accord.registry.models import User
from accord.text.languages import all_languages
from accord.text.languages import get_language as language_table

from . import services
from .forms import IssueForm, meeting_label
from .models import Enclosure, OutgoingNote

FORMATS = ("docx", "pdf")  # what a note and its enclosures are downloaded as from these pages

# The parts of a note that its check against its data names (:func:`accord.text.note_writer.sentences`).
PARTS = {
    "letterhead": gettext_lazy("Letterhead"),
    "number": gettext_lazy("Number"),
    "sentence": gettext_lazy("Sentence"),
    "enclosure": gettext_lazy("Enclosure line"),
    "place and date": gettext_lazy("Place and date"),
    "addressee": gettext_lazy("Addressee block"),
}


@dataclass(frozen=True)
class NoteShown:
    """A note verbale's text in one language, as a page shows it."""

    language: str
    letterhead: list[str]
    number: str
    paragraphs: list[str]
    enclosure: str | None
    place_and_date: str
    addressees: list[str]


def note_shown(version: LanguageVersion) -> NoteShown:
    text = version.text()
    enclosure = None
    if text.enclosure is not None:
        enclosure = language_table(text.language).enclosure_line(text.enclosure.text, text.enclosure.pages)
    return NoteShown(
        language=version.language,
        letterhead=list(text.metadata.get("letterhead", [])),
        number=text.number or "",
        paragraphs=list(text.paragraphs),
        enclosure=enclosure,
        place_and_date=", ".join(part for part in (text.place_text, text.date_text) if part),
        addressees=list(text.addressees),
    )


def _versions(note: OutgoingNote) -> list[LanguageVersion]:
    """The note's language versions in reading order (the language it was written in first)."""
    return in_reading_order(note.revision.versions.all(), note.revision.document.master_language)


def _version_shown(versions: list[LanguageVersion]) -> LanguageVersion:
    """The version in the interface language, else the first."""
    return next((version for version in versions if version.language == get_language()), versions[0])


def _enclosures(note: OutgoingNote, user: User) -> list[tuple[Enclosure, list[LanguageVersion], bool]]:
    """Each enclosure with its versions in reading order, and whether ``user`` may open it."""
    return [
        (enclosure, in_reading_order(enclosure.revision.versions.all(), enclosure.revision.document.master_language),
         can_read(user, enclosure.revision.document))
        for enclosure in note.enclosures.all()
    ]


def _note_details(prefix: str = "") -> tuple[Prefetch, ...]:
    """What a note's page shows of it: its versions' texts, and its enclosures with their languages."""
    return (
        Prefetch(f"{prefix}revision__versions", LanguageVersion.objects.defer("source").order_by()),
        Prefetch(f"{prefix}enclosures", Enclosure.objects.select_related("revision__document").prefetch_related(
            Prefetch("revision__versions", LanguageVersion.objects.only("language", "revision").order_by()))),
    )


def _notes():
    return OutgoingNote.objects.select_related("revision__document", "meeting__body", "issued_by")


def _sort_key(language: str):
    table = all_languages().get(language) or all_languages()["en"]
    return table.sort_key


# The registry and issuing ------------------------------------------------------------------------------------------


def notes_page(request):
    """The secretariat's registry of outgoing notes, newest first, with how many addressees acknowledged receipt.
    A delegate is sent to their delegation's inbox; other roles are not allowed."""
    if request.user.role != User.SECRETARIAT:
        if request.user.delegation_id is not None:
            return redirect("correspondence:inbox")
        raise PermissionDenied(_("only the secretariat keeps the registry of notes verbales"))
    notes = (_notes().prefetch_related(Prefetch("enclosures", Enclosure.objects.select_related("revision")))
             .annotate(delivered=Count("deliveries"),
                       acknowledged=Count("deliveries", filter=Q(deliveries__acknowledged_at__isnull=False)))
             .order_by("-date", "-year", "-sequence", "-pk"))
    return render(request, "correspondence/notes.html", {"notes": notes})


def issue_page(request):
    """The secretariat writes and issues a note in every language chosen, under the next number; it is delivered to
    the addressees' inboxes and e-mailed once stored."""
    services.check_issues_notes(request.user)
    form = IssueForm(request.user, request.POST if request.method == "POST" else None)
    if request.method != "POST":
        return _issue_response(request, form)
    if not form.is_valid():
        return _issue_response(request, form, status=400)
    data = form.cleaned_data
    try:
        note = services.issue_note(
            request.user, purpose=data["purpose"], revisions=list(data["documents"]), meeting=data["meeting"],
            observers=data["observers"], date=data["date"], index=data["index"], languages=data["languages"],
        )
    except PermissionDenied as refusal:
        return _issue_response(request, form, errors=[str(refusal)], status=403)
    except services.NoteRefused as refusal:
        return _issue_response(request, form, errors=[str(refusal)], status=400)
    count = note.deliveries.count()
    messages.success(request, ngettext(
        "Note verbale %(number)s issued and delivered to %(count)d delegation.",
        "Note verbale %(number)s issued and delivered to %(count)d delegations.", count,
    ) % {"number": note.number, "count": count})
    return redirect("correspondence:note", pk=note.pk)


def _issue_response(request, form, *, errors=None, status: int = 200):
    errors = errors if errors is not None else (form_errors(form) if form.is_bound else [])
    return render(request, "correspondence/issue.html", {
        "form": form, "errors": errors, "place": services.forum().get("seat", {}).get(get_language(), ""),
        "format": services.numbering()["format"],
    }, status=status)


# A note --------------------------------------------------------------------------------------------------------------


def note_page(request, pk: int):
    """A note: its number, date and purpose, each language with its reading room and downloads, its enclosures; for
    the user's delegation, its receipt; for the secretariat, every delivery (those not acknowledged first) and where
    the note says something else than its data."""
    note = get_object_or_404(_notes().prefetch_related(*_note_details()), pk=pk)
    if not can_read(request.user, note.revision.document):
        raise Http404
    secretariat = request.user.role == User.SECRETARIAT
    context = {
        "note": note,
        "versions": _versions(note),
        "enclosures": _enclosures(note, request.user),
        "formats": FORMATS,
        "meeting": meeting_label(note.meeting) if note.meeting else None,
        "secretariat": secretariat,
        "own_delivery": (note.deliveries.select_related("acknowledged_by").filter(
            delegation_id=request.user.delegation_id).first() if request.user.delegation_id else None),
    }
    if secretariat:
        key = _sort_key(get_language())
        deliveries = sorted(
            note.deliveries.select_related("delegation__state", "acknowledged_by"),
            key=lambda delivery: (delivery.acknowledged_at is not None, key(delivery.delegation.state.name(
                get_language()))),
        )
        context.update(deliveries=deliveries,
                       acknowledged=sum(1 for delivery in deliveries if delivery.acknowledged_at is not None))
        try:
            differences = services.differences_from_data(note)
        except services.NoteRefused as refusal:
            context["check_refused"] = str(refusal)
        else:
            context["differences"] = [
                (version.language, [(role, PARTS.get(role, role), expected, actual)
                                    for role, expected, actual in differences.get(version.language, [])])
                for version in context["versions"]
            ]
    return render(request, "correspondence/note.html", context)


# The inbox -----------------------------------------------------------------------------------------------------------


def _check_has_inbox(user: User) -> None:
    if user.delegation_id is None:
        raise PermissionDenied(_("only a delegation's delegates have an inbox of notes verbales"))


def inbox_page(request):
    """The notes delivered to the user's delegation, newest first, each in the interface language where it has a
    version in it, with its downloads, enclosures and the acknowledgement of receipt."""
    _check_has_inbox(request.user)
    return _inbox_response(request)


def _inbox_response(request, *, errors=(), status: int = 200):
    deliveries = services.inbox(request.user).prefetch_related(*_note_details("note__"))
    items = []
    for delivery in deliveries:
        versions = _versions(delivery.note)
        items.append({
            "delivery": delivery,
            "note": delivery.note,
            "versions": versions,
            "shown": note_shown(_version_shown(versions)),
            "enclosures": _enclosures(delivery.note, request.user),
        })
    return render(request, "correspondence/inbox.html", {
        "items": items, "errors": list(errors), "formats": FORMATS,
        "unacknowledged": sum(1 for item in items if item["delivery"].acknowledged_at is None),
    }, status=status)


@require_POST
def acknowledge(request, pk: int):
    """A delegate acknowledges receipt of a note for their delegation; back to the inbox, or to the note's page
    (``back=note``)."""
    _check_has_inbox(request.user)
    delivery = get_object_or_404(services.inbox(request.user), pk=pk)
    try:
        services.acknowledge(delivery, request.user)
    except PermissionDenied as refusal:
        return _inbox_response(request, errors=[str(refusal)], status=403)
    except services.NoteRefused as refusal:  # acknowledged already: someone else did since the page was read
        return _inbox_response(request, errors=[str(refusal)], status=409)
    messages.success(request, _("Receipt of note verbale %(number)s acknowledged.") % {"number": delivery.note.number})
    if request.POST.get("back") == "note":
        return HttpResponseRedirect(reverse("correspondence:note", args=[delivery.note_id]))
    return HttpResponseRedirect(reverse("correspondence:inbox") + f"#delivery-{delivery.pk}")
