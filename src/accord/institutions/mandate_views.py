"""Pages of the mandates: the list by status, with filters, and the secretariat's form to propose mandates from a text;
a mandate's page with the words it was proposed from and the secretariat's forms to confirm (correcting who is
responsible, the task, when it is due), drop, change its status and link the documents that fulfil it.

As the other pages of the institutions: every role reads the mandates of the texts it may read; :mod:`.mandates`
decides who may change what. A refused POST shows the page again with the one-line reason, 403 for a role that may
not, 400 for input refused (nothing is written); a successful one redirects with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from accord.documents.access import can_read
from accord.documents.models import Revision
from accord.negotiation.consensus import adoption_state
from accord.project.pages import allowed, form_errors, refusal_status

from . import mandates
from .forms import ConfirmForm, LinkForm, MandateFilterForm, MandateStatusForm, ProposeForm
from .models import Mandate


def _keeps(user) -> bool:
    return allowed(mandates.check_keeps_mandates, user)


# The list -------------------------------------------------------------------------------------------------------------


@require_safe
def mandate_list(request):
    """The mandates of the texts the user may read, grouped by status (proposed first), filtered by status,
    responsible and text."""
    return _list_response(request)


def _list_response(request, *, errors=(), form=None, status: int = 200):
    filters = MandateFilterForm(request.user, request.GET or None)
    selection = filters.selection()
    rows = mandates.readable_mandates(request.user, selection)
    groups = [(code, label, [m for m in rows if m.status == code]) for code, label in Mandate.STATUSES]
    context = {
        "filters": filters,
        "filtered": any((selection.status, selection.actor, selection.revision)),
        "groups": [group for group in groups if group[2] or not selection.status],
        "total": len(rows),
        "errors": list(errors),
    }
    if _keeps(request.user):
        context["propose_form"] = form or ProposeForm(request.user)
    return render(request, "institutions/mandates.html", context, status=status)


@require_POST
def propose(request):
    """The secretariat has Accord propose the mandates of a text's operative paragraphs."""
    try:
        mandates.check_keeps_mandates(request.user)
    except PermissionDenied as refusal:
        return _list_response(request, errors=[str(refusal)], status=403)
    form = ProposeForm(request.user, request.POST)
    if not form.is_valid():
        return _list_response(request, errors=form_errors(form), form=form, status=400)
    revision = form.cleaned_data["revision"]
    try:
        result = mandates.propose(request.user, revision)
    except (PermissionDenied, mandates.MandateRefused) as refusal:
        return _list_response(request, errors=[str(refusal)], form=form, status=refusal_status(refusal))
    count = len(result.created)
    message = ngettext("%(count)d mandate proposed from %(symbol)s: confirm or drop it.",
                       "%(count)d mandates proposed from %(symbol)s: confirm or drop each.", count) % {
        "count": count, "symbol": revision.symbol}
    if result.already:
        message += " " + ngettext("%(count)d task was proposed already.", "%(count)d tasks were proposed already.",
                                  result.already) % {"count": result.already}
    messages.success(request, message)
    return redirect(reverse("institutions:mandates") + f"?revision={revision.pk}")


# A mandate ------------------------------------------------------------------------------------------------------------


def _mandate(request, pk: int) -> Mandate:
    mandate = mandates.mandate_rows().filter(pk=pk).first()
    if mandate is None or not can_read(request.user, mandate.revision.document):
        raise Http404("no such mandate")
    return mandate


def _paragraph(mandate: Mandate) -> str:
    """The whole paragraph the mandate comes from, in the language it was read in."""
    version = mandate.revision.versions.filter(language=mandate.language).first()
    if version is None:
        return ""
    text = version.text()
    for paragraph in getattr(text, "operative_paragraphs", lambda: [])():
        if paragraph.id == mandate.provision:
            return mandates.paragraph_text(paragraph)
    return ""


@require_safe
def mandate_page(request, pk: int):
    """A mandate: where it comes from (the paragraph, the words it was proposed from), who is responsible, the task,
    when it is due, its status and the documents that fulfil it; the secretariat's forms."""
    return _mandate_response(request, _mandate(request, pk))


def _mandate_response(request, mandate, *, errors=(), forms=None, status: int = 200):
    forms = forms or {}
    fulfilling = list(mandate.fulfilled_by.select_related("document").order_by("created_at", "pk"))
    context = {
        "mandate": mandate,
        "paragraph": _paragraph(mandate),
        "adoption": adoption_state(mandate.revision),
        "fulfilling": [r for r in fulfilling if can_read(request.user, r.document)],
        "errors": list(errors),
    }
    if _keeps(request.user):
        if mandate.status == Mandate.PROPOSED:
            context["confirm_form"] = forms.get("confirm") or ConfirmForm(mandate)
        if mandate.status not in (Mandate.DONE, Mandate.DROPPED):
            context["can_drop"] = True
        if mandate.is_confirmed:
            context["status_form"] = forms.get("status") or MandateStatusForm()
            context["link_form"] = forms.get("link") or LinkForm(request.user)
    return render(request, "institutions/mandate.html", context, status=status)


def _secretariat_post(request, pk: int):
    """The mandate, and the 403 page when the user may not change it (else None)."""
    mandate = _mandate(request, pk)
    try:
        mandates.check_keeps_mandates(request.user)
    except PermissionDenied as refusal:
        return mandate, _mandate_response(request, mandate, errors=[str(refusal)], status=403)
    return mandate, None


def _done(request, mandate: Mandate, message: str):
    messages.success(request, message)
    return redirect("institutions:mandate", mandate.pk)


@require_POST
def confirm(request, pk: int):
    """The secretariat confirms a proposal, correcting it where it guessed wrong."""
    mandate, refused = _secretariat_post(request, pk)
    if refused:
        return refused
    form = ConfirmForm(mandate, request.POST)
    if not form.is_valid():
        return _mandate_response(request, mandate, errors=form_errors(form), forms={"confirm": form}, status=400)
    actor, body = form.chosen_responsible()
    data = form.cleaned_data
    try:
        mandate = mandates.confirm(request.user, mandate, actor=actor, body=body, task=data["task"],
                                   due_meeting=data["due_meeting"], due_date=data["due_date"])
    except (PermissionDenied, mandates.MandateRefused) as refusal:
        return _mandate_response(request, mandate, errors=[str(refusal)], forms={"confirm": form},
                                 status=refusal_status(refusal))
    return _done(request, mandate, _("The mandate of %(responsible)s is confirmed.")
                 % {"responsible": mandate.responsible(get_language())})


@require_POST
def drop(request, pk: int):
    """The secretariat drops a proposal (or a mandate no longer followed up)."""
    mandate, refused = _secretariat_post(request, pk)
    if refused:
        return refused
    try:
        mandate = mandates.drop(request.user, mandate)
    except (PermissionDenied, mandates.MandateRefused) as refusal:
        return _mandate_response(request, mandate, errors=[str(refusal)], status=refusal_status(refusal))
    return _done(request, mandate, _("The mandate is dropped."))


@require_POST
def change_status(request, pk: int):
    """The secretariat marks a confirmed mandate in progress, done or dropped."""
    mandate, refused = _secretariat_post(request, pk)
    if refused:
        return refused
    form = MandateStatusForm(request.POST)
    if not form.is_valid():
        return _mandate_response(request, mandate, errors=form_errors(form), forms={"status": form}, status=400)
    try:
        mandate = mandates.change_status(request.user, mandate, status=form.cleaned_data["status"])
    except (PermissionDenied, mandates.MandateRefused) as refusal:
        return _mandate_response(request, mandate, errors=[str(refusal)], forms={"status": form},
                                 status=refusal_status(refusal))
    return _done(request, mandate, _("The mandate is now: %(status)s.") % {"status": mandate.get_status_display()})


@require_POST
def link_document(request, pk: int):
    """The secretariat links a document that fulfils the mandate."""
    mandate, refused = _secretariat_post(request, pk)
    if refused:
        return refused
    form = LinkForm(request.user, request.POST)
    if not form.is_valid():
        return _mandate_response(request, mandate, errors=form_errors(form), forms={"link": form}, status=400)
    revision = form.cleaned_data["revision"]
    try:
        mandate = mandates.link_document(request.user, mandate, revision)
    except (PermissionDenied, mandates.MandateRefused) as refusal:
        return _mandate_response(request, mandate, errors=[str(refusal)], forms={"link": form},
                                 status=refusal_status(refusal))
    return _done(request, mandate, _("%(symbol)s is linked to the mandate.") % {"symbol": revision.symbol})


@require_POST
def unlink_document(request, pk: int):
    """The secretariat takes back a document linked by mistake."""
    mandate, refused = _secretariat_post(request, pk)
    if refused:
        return refused
    revision = Revision.objects.filter(pk=request.POST.get("revision") or 0).first() \
        if (request.POST.get("revision") or "").isdigit() else None
    if revision is None:
        return _mandate_response(request, mandate, errors=[_("Document: Select a valid choice.")], status=400)
    try:
        mandate = mandates.unlink_document(request.user, mandate, revision)
    except (PermissionDenied, mandates.MandateRefused) as refusal:
        return _mandate_response(request, mandate, errors=[str(refusal)], status=refusal_status(refusal))
    return _done(request, mandate, _("%(symbol)s is no longer linked to the mandate.") % {"symbol": revision.symbol})
