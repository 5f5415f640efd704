"""Pages of the treaty status: the forum's instruments, and for each the status of every Member State on a day, the
list of those that have not ratified it in each language (ready to quote in a note verbale), and the secretariat's
form to record a signature, ratification, accession or entry into force.

As the other pages of the institutions: every role reads; :mod:`.treaties` decides who may record what. A refused
POST shows the page again with the one-line reason, 403 for a role that may not, 400 for input refused (nothing is
written); a successful one redirects with a message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accord.meetings.forms import name_languages
from accord.project.pages import allowed, form_errors, refusal_status

from . import treaties
from .forms import TreatyActionForm, TreatyFilterForm
from .models import Instrument


@require_safe
def instruments(request):
    """The forum's instruments, each with how many Member States signed it, are bound by it and have it in force
    today."""
    today = timezone.localdate()
    language = get_language()
    rows = []
    for instrument in treaties.instruments():
        table = treaties.status_table(instrument, today, language)
        rows.append((instrument, len(table), treaties.stage_counts(table)))
    return render(request, "institutions/treaties.html", {"rows": rows, "today": today, "stages": treaties.STAGES})


def _instrument(pk: int) -> Instrument:
    return get_object_or_404(Instrument, pk=pk)


@require_safe
def instrument(request, pk: int):
    """The status table of one instrument on a day (``?on=``, today by default), filtered by stage (``?stage=``);
    the Member States that have not ratified it in each language; the secretariat's form."""
    return _instrument_response(request, _instrument(pk))


def _instrument_response(request, instrument, *, errors=(), form=None, status: int = 200):
    filters = TreatyFilterForm(request.GET or None)
    on, stage = filters.selection()
    language = get_language()
    every_row = treaties.status_table(instrument, on, language)
    context = {
        "instrument": instrument,
        "filters": filters,
        "on": on,
        "today": on == timezone.localdate(),
        "rows": [row for row in every_row if stage is None or row.stage == stage],
        "counts": treaties.stage_counts(every_row),
        "member_count": len(every_row),
        "stages": treaties.STAGES,
        "stage": stage,
        "not_ratified": [treaties.not_ratified(instrument, code, on) for code in name_languages()],
        "errors": list(errors),
    }
    if allowed(treaties.check_keeps_treaties, request.user):
        context["action_form"] = form or TreatyActionForm(initial={"date": timezone.localdate()})
    return render(request, "institutions/instrument.html", context, status=status)


@require_POST
def record_action(request, pk: int):
    """The secretariat records a State's signature, ratification (acceptance, approval, accession) or the entry into
    force for it."""
    instrument = _instrument(pk)
    try:
        treaties.check_keeps_treaties(request.user)
    except PermissionDenied as refusal:
        return _instrument_response(request, instrument, errors=[str(refusal)], status=403)
    form = TreatyActionForm(request.POST)
    if not form.is_valid():
        return _instrument_response(request, instrument, errors=form_errors(form), form=form, status=400)
    data = form.cleaned_data
    try:
        action = treaties.record_action(request.user, instrument, state=data["state"], kind=data["kind"],
                                        date=data["date"], note=data["note"])
    except (PermissionDenied, treaties.TreatyRefused) as refusal:
        return _instrument_response(request, instrument, errors=[str(refusal)], form=form,
                                    status=refusal_status(refusal))
    messages.success(request, _("%(kind)s by %(state)s on %(day)s recorded.")
                     % {"kind": action.get_kind_display(), "state": action.state.name(get_language()),
                        "day": date_format(action.date)})
    return redirect(reverse("institutions:instrument", args=[instrument.pk]) + f"#state-{action.state.code}")
