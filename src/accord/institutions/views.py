"""Pages of the forum's institutions: the overview, the catalogue of confidence building measures, the Plans on
Implementation with their events, the dashboards, and the plans' downloads (the treaty status and the mandates have
modules of their own: :mod:`.treaty_views`, :mod:`.mandate_views`).

Views stay thin: :mod:`.cbm` decides who may change what (the secretariat) and what the forum accepts. Every role
reads; the secretariat also gets the forms. A POST that is refused shows its page again with the one-line reason: 403
for a role that may not, 400 for input refused (nothing is written); a successful one redirects with a message.
"""

from __future__ import annotations

from collections import Counter

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accord.documents.access import readable_distributions
from accord.project.pages import allowed, form_errors, refusal_status
from accord.text.languages import all_languages

from . import cbm, mandates, plan_files, treaties
from .forms import ApprovalForm, EventFilterForm, EventForm, PlanForm, StatusForm
from .models import Mandate, PlanEvent


def _readable(user, revision):
    """``revision`` if ``user`` may read its document, else None (its symbol is not shown then)."""
    if revision is not None and revision.document.distribution in readable_distributions(user):
        return revision
    return None


# The overview ---------------------------------------------------------------------------------------------------------


@require_safe
def home(request):
    """The catalogue's versions and the plans, each with its approval and the count of its events by status."""
    return _home_response(request)


def _home_response(request, *, errors=(), form: PlanForm | None = None, status: int = 200):
    plans = cbm.plans().annotate(
        events_count=Count("events"),
        **{f"{code}_count": Count("events", filter=Q(events__status=code)) for code, _label in PlanEvent.STATUSES},
    )
    versions = [(version, cbm.adoption_of(version), _readable(request.user, version.decision))
                for version in cbm.versions()]
    context = {
        "plans": plans,
        "versions": versions,
        "statuses": PlanEvent.STATUSES,
        "form": (form or PlanForm()) if allowed(cbm.check_keeps_cbms, request.user) else None,
        "errors": list(errors),
        "instruments": treaties.instruments(),
        "mandate_counts": Counter(m.status for m in mandates.readable_mandates(request.user)),
        "mandate_statuses": Mandate.STATUSES,
    }
    return render(request, "institutions/home.html", context, status=status)


@require_POST
def create_plan(request):
    """The secretariat opens the plan for a year."""
    try:
        cbm.check_keeps_cbms(request.user)
    except PermissionDenied as refusal:
        return _home_response(request, errors=[str(refusal)], status=403)
    form = PlanForm(request.POST)
    if not form.is_valid():
        return _home_response(request, errors=form_errors(form), form=form, status=400)
    try:
        plan = cbm.create_plan(request.user, year=form.cleaned_data["year"])
    except (PermissionDenied, cbm.CbmRefused) as refusal:
        return _home_response(request, errors=[str(refusal)], form=form, status=refusal_status(refusal))
    messages.success(request, _("The plan for %(year)s is open.") % {"year": plan.year})
    return redirect("institutions:plan", plan.year)


# The catalogue --------------------------------------------------------------------------------------------------------


@require_safe
def catalogue(request):
    """The catalogue as one version holds it (``?version=``, by default the latest): dimensions, priority areas with
    their coordinators, measures, those new in the version marked."""
    versions = list(cbm.versions())
    version = cbm.version_by_number(request.GET.get("version"))
    if request.GET.get("version") and version is None:
        raise Http404("no such version of the catalogue")
    adoption = cbm.adoption_of(version) if version else None
    dimensions = cbm.catalogue(version)
    context = {
        "versions": versions,
        "version": version,
        "adoption": adoption,
        "decision": _readable(request.user, version.decision) if version else None,
        "adopted_revision": _readable(request.user, adoption.revision) if adoption else None,
        "dimensions": dimensions,
        "new_count": sum(shown.new for d in dimensions for a in d.areas for shown in a.measures),
    }
    return render(request, "institutions/catalogue.html", context)


# A plan ---------------------------------------------------------------------------------------------------------------


def _plan(year: int):
    return get_object_or_404(cbm.plans(), year=year)


@require_safe
def plan_page(request, year: int):
    """A plan's events, filtered by dimension, organizing State and status; for the secretariat, the forms to add an
    event, change an event's status and record the SOC's approval."""
    return _plan_response(request, _plan(year))


def _plan_response(request, plan, *, errors=(), forms=None, status: int = 200):
    forms = forms or {}
    filters = EventFilterForm(request.GET or None)
    selection = filters.selection(year=plan.year)
    keeps = allowed(cbm.check_keeps_cbms, request.user)
    context = {
        "plan": plan,
        "approval": _readable(request.user, plan.approval),
        "filters": filters,
        "filtered": any((selection.dimension, selection.state, selection.status)),
        "events": cbm.plan_events(plan, selection),
        "total": plan.events.count(),
        "download_languages": _download_languages(),
        "errors": list(errors),
    }
    if keeps:
        context.update({
            "event_form": forms.get("event") or EventForm(),
            "status_form": forms.get("status") or StatusForm(plan, request.user),
            "approval_form": None if plan.is_approved else (forms.get("approval") or ApprovalForm(request.user)),
        })
    return render(request, "institutions/plan.html", context, status=status)


def _download_languages() -> list[str]:
    """The languages a plan is offered for download in: the interface languages the text core knows."""
    known = all_languages()
    return [code for code, _name in settings.LANGUAGES if code in known]


def _refused_post(request, plan, refusal, key, form):
    return _plan_response(request, plan, errors=[str(refusal)], forms={key: form}, status=refusal_status(refusal))


@require_POST
def add_event(request, year: int):
    """The secretariat adds a planned event to the plan."""
    plan = _plan(year)
    try:
        cbm.check_keeps_cbms(request.user)
    except PermissionDenied as refusal:
        return _plan_response(request, plan, errors=[str(refusal)], status=403)
    form = EventForm(request.POST)
    if not form.is_valid():
        return _plan_response(request, plan, errors=form_errors(form), forms={"event": form}, status=400)
    data = form.cleaned_data
    try:
        event = cbm.add_event(request.user, plan, area=data["area"], kind=data["kind"], titles=form.titles(),
                              organizer=data["organizer"], start=data["start"], end=data["end"], venue=form.venue())
    except (PermissionDenied, cbm.CbmRefused) as refusal:
        return _refused_post(request, plan, refusal, "event", form)
    messages.success(request, _("Event “%(title)s” added to the plan.") % {"title": event.title(get_language())})
    return redirect(reverse("institutions:plan", args=[plan.year]) + f"#event-{event.pk}")


@require_POST
def change_status(request, year: int):
    """The secretariat marks an event planned, held, postponed or cancelled, with the report of a held one."""
    plan = _plan(year)
    try:
        cbm.check_keeps_cbms(request.user)
    except PermissionDenied as refusal:
        return _plan_response(request, plan, errors=[str(refusal)], status=403)
    form = StatusForm(plan, request.user, request.POST)
    if not form.is_valid():
        return _plan_response(request, plan, errors=form_errors(form), forms={"status": form}, status=400)
    data = form.cleaned_data
    try:
        event = cbm.change_status(request.user, data["event"], status=data["status"], report=data["report"],
                                  report_note=data["report_note"])
    except (PermissionDenied, cbm.CbmRefused) as refusal:
        return _refused_post(request, plan, refusal, "status", form)
    messages.success(request, _("“%(title)s”: %(status)s.") % {"title": event.title(get_language()),
                                                               "status": event.get_status_display()})
    return redirect(reverse("institutions:plan", args=[plan.year]) + f"#event-{event.pk}")


@require_POST
def approve(request, year: int):
    """The secretariat records the SOC's approval of the plan."""
    plan = _plan(year)
    try:
        cbm.check_keeps_cbms(request.user)
    except PermissionDenied as refusal:
        return _plan_response(request, plan, errors=[str(refusal)], status=403)
    form = ApprovalForm(request.user, request.POST)
    if not form.is_valid():
        return _plan_response(request, plan, errors=form_errors(form), forms={"approval": form}, status=400)
    data = form.cleaned_data
    try:
        cbm.approve_plan(request.user, plan, on=data["approved_on"], decision=data["decision"],
                         reference=data["reference"])
    except (PermissionDenied, cbm.CbmRefused) as refusal:
        return _refused_post(request, plan, refusal, "approval", form)
    messages.success(request, _("The SOC's approval of the plan for %(year)s is recorded.") % {"year": plan.year})
    return redirect("institutions:plan", plan.year)


@require_safe
def download(request, year: int, fmt: str):
    """The plan as DOCX or XLSX, in ``?lang=`` (by default the interface language)."""
    plan = _plan(year)
    language = request.GET.get("lang") or get_language()
    if language not in all_languages():
        raise Http404("unknown language")
    if fmt == "docx":
        content, content_type = plan_files.plan_docx(plan, language), plan_files.DOCX_TYPE
    elif fmt == "xlsx":
        content, content_type = plan_files.plan_xlsx(plan, language), plan_files.XLSX_TYPE
    else:
        raise Http404("unknown format")
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="cbm-plan-{plan.year}-{language}.{fmt}"'
    return response


# Dashboards -----------------------------------------------------------------------------------------------------------


@require_safe
def plan_dashboard(request, year: int):
    """The plan's events counted by dimension × status, by organizing State, filtered by dimension and State."""
    plan = _plan(year)
    filters = EventFilterForm(request.GET or None, statuses=False)
    selection = filters.selection(year=plan.year)
    return render(request, "institutions/dashboard.html", {
        "plan": plan,
        "filters": filters,
        "selection": selection,
        "dashboard": cbm.dashboard(selection, get_language()),
        "statuses": PlanEvent.STATUSES,
    })


@require_safe
def dashboard(request):
    """Every plan's events (or one year's, ``?year=``) counted by dimension × status, by State and by year."""
    filters = EventFilterForm(request.GET or None, years=True, statuses=False)
    selection = filters.selection()
    return render(request, "institutions/dashboard.html", {
        "plan": None,
        "filters": filters,
        "selection": selection,
        "dashboard": cbm.dashboard(selection, get_language()),
        "statuses": PlanEvent.STATUSES,
    })
