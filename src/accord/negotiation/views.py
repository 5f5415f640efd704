"""Pages of the negotiation: a revision's compilation text with everything a delegation and the chair do to it, the
dashboard of provisions, and the page of adoption (silence procedures and adoption at a meeting).

Views stay thin, as the API's endpoints do: the services decide who may (:mod:`.permissions`) and what the
negotiation allows. A POST that the services refuse shows its page again with the one-line reason and a 4xx status:
403 for a role that may not, 409 for a conflict (the row changed since the user read it), 400 for anything else
refused; nothing is written then. A successful POST redirects back with a message. What a user may not read does not
exist for them (404).

The compilation page's content is compiled and rendered once per state of what it shows and served from Django's
cache (as the reading room is, see :mod:`accord.documents.side_by_side`). Every change to a negotiation appends to the
audit log in the same transaction, so the hash of the log's last entry is part of the key, with the user, their role
and delegation and the day (what their standing depends on); and since deadlines pass without any change being made,
a cached page is served only until the next deadline it was rendered before. A change to the registry (a State's
membership) shows in the controls from the next change to the negotiation or the next day; the services decide on
every action anyway.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

import accord
from accord.project.pages import allowed, form_errors, refusal_status
from accord.registry.models import State

from . import compilation, consensus, permissions, revisions, services
from .forms import (
    AdoptionForm,
    BreakForm,
    DecisionForm,
    OptionsForm,
    RulesForm,
    SilenceForm,
    StatusForm,
    TableForm,
    VersionedForm,
)
from .models import Amendment, AuditEntry, Backing, ProvisionStatus, SilenceProcedure

_DECISIONS = [(status, label) for status, label in Amendment.STATUSES if status in Amendment.DECISIONS]

# Where the cached body of the compilation takes each user's own CSRF token: the body is shared between users.
CSRF_SLOT = "__accord_csrf_token__"


@dataclass(frozen=True)
class Standing:
    """What the user may do in the negotiation of a revision, as :mod:`.permissions` decides: which controls a page
    shows. ``delegation`` is the code of the State the user tables for, None if they may not table."""

    delegation: str | None
    chair: bool
    sets_rules: bool
    starts_silence: bool
    breaks_silence: bool
    records_adoption: bool


def standing(user, revision, today: dt.date) -> Standing:
    try:
        delegation = permissions.tabling_delegation(user, revision.document, today).state.code
    except PermissionDenied:
        delegation = None
    return Standing(
        delegation=delegation,
        chair=allowed(permissions.check_chair, user),
        sets_rules=allowed(permissions.check_sets_rules, user),
        starts_silence=allowed(permissions.check_starts_silence, user),
        breaks_silence=allowed(permissions.silence_breaking_delegation, user, today),
        records_adoption=allowed(permissions.check_records_adoption, user),
    )


def _filters(params) -> tuple[str | None, str]:
    """The compilation's filters from the query: ``delegation`` (a State's code) and ``status``."""
    return (params.get("delegation") or None), (params.get("status") or compilation.LIVE)


def _query(delegation: str | None, status: str) -> str:
    return urlencode({key: value for key, value in (("delegation", delegation), ("status", status)) if value})


def _audit_head() -> str:
    """The hash of the audit log's last entry: it names the whole history up to it, so even a database restored from
    a backup and changed anew never gives an earlier key to a different state."""
    return AuditEntry.objects.order_by("-sequence").values_list("hash", flat=True).first() or ""


def compilation_page(request, pk: int):
    """The compilation text of a revision (``?delegation=RU&status=live``), with the controls the user's role
    gives: tabling and joining amendments for a delegation, marks, options, decisions and the next revision for the
    chair, the rules for the chair and the secretariat."""
    revision = permissions.readable_revision(request.user, pk)
    return _compilation_response(request, revision)


def _compilation_response(request, revision, *, errors=(), table_form: TableForm | None = None, status: int = 200):
    """The compilation page; with ``errors`` or a bound ``table_form`` (a refused action shown again) always
    rendered afresh, else from the cache while the state it was rendered from holds."""
    now = timezone.now()
    user = request.user
    delegation, status_filter = _filters(request.GET)
    errors = list(errors)
    try:
        compilation.check_filters(delegation, status_filter)
    except services.Refused as refusal:
        errors.append(str(refusal))
        delegation, status_filter = None, compilation.LIVE
    content = key = None
    if not errors and table_form is None:
        state = (accord.__version__, get_language(), revision.pk, revision.issued_at, delegation, status_filter,
                 user.pk, user.role, user.delegation_id, timezone.localdate(now), _audit_head())
        key = "compilation:" + hashlib.sha256(repr(state).encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None and (cached[1] is None or now < cached[1]):
            content = cached[0]
    if content is None:
        content, valid_until = _compilation_content(user, revision, now, delegation, status_filter, errors,
                                                    table_form)
        if key is not None:
            cache.set(key, (content, valid_until), timeout=None)
    context = {"document": revision.document, "revision": revision,
               "content": mark_safe(content.replace(CSRF_SLOT, get_token(request)))}
    return render(request, "negotiation/compilation.html", context, status=status)


def _compilation_content(user, revision, now: dt.datetime, delegation: str | None, status_filter: str, errors,
                         table_form: TableForm | None) -> tuple[str, dt.datetime | None]:
    """The page's content for ``user`` at ``now``, and the moment until which it stays true whatever happens: the
    next deadline (of tabling, or of a running silence procedure), None when none is ahead. Nothing in it depends on
    the request: each user's CSRF token goes where :data:`CSRF_SLOT` stands."""
    user_standing = standing(user, revision, timezone.localdate(now))
    closed = services.closed_reason(revision, now)
    round_ = services.current_round(revision)
    rules = services.negotiation_settings(revision.document)
    deadline_passed = round_.tabling_deadline is not None and now >= round_.tabling_deadline
    compiled = compilation.compile_text(revision, get_language(), delegation=delegation, status=status_filter)
    provisions = [(entry.provision_id, entry.label) for entry in compiled.entries if entry.kind != "proposed"]
    ahead = [round_.tabling_deadline] if round_.tabling_deadline and not deadline_passed else []
    ahead += list(revision.silence_procedures.filter(deadline__gt=now).values_list("deadline", flat=True))
    content = render_to_string("negotiation/_compilation_content.html", {
        "document": revision.document,
        "revision": revision,
        "tab": "compilation",
        "compilation": compiled,
        "errors": errors,
        "closed": closed,
        "open": closed is None,
        "round": round_,
        "deadline_passed": deadline_passed,
        "standing": user_standing,
        "may_table": closed is None and not deadline_passed and user_standing.delegation is not None,
        "table_form": table_form or TableForm(provisions),
        "rules_form": RulesForm(initial={
            "observers_may_table": rules.observers_may_table, "settings_version": rules.version,
            "tabling_deadline": round_.tabling_deadline, "round_version": round_.version,
        }),
        "delegations": sorted(State.objects.filter(delegation__isnull=False),
                              key=lambda state: state.name(get_language())),
        "delegation": delegation,
        "status": status_filter,
        "status_filters": [(compilation.LIVE, _("live")), (compilation.ALL, _("all")), *Amendment.STATUSES],
        "query": _query(delegation, status_filter),
        "time_zone": timezone.get_current_timezone_name(),
        "csrf_slot": CSRF_SLOT,
        "provision_statuses": ProvisionStatus.STATUSES,
    })
    return content, min(ahead, default=None)


def _back_to_compilation(request, revision, anchor: str = "") -> HttpResponseRedirect:
    delegation, status_filter = _filters(request.GET)
    query = _query(delegation, status_filter)
    url = reverse("negotiation:compilation", args=[revision.pk]) + (f"?{query}" if query else "")
    return HttpResponseRedirect(url + (f"#{anchor}" if anchor else ""))


def _act(request, revision, action, done: str, anchor: str = "", form=None):
    """Run ``action`` (a service call) if ``form`` is valid; redirect back with the message ``done``, else show the
    compilation again with the reason."""
    if form is not None and not form.is_valid():
        return _compilation_response(request, revision, errors=form_errors(form), status=400)
    try:
        action()
    except (PermissionDenied, services.Refused) as refusal:
        return _compilation_response(request, revision, errors=[str(refusal)], status=refusal_status(refusal, (services.Conflict,)))
    messages.success(request, done)
    return _back_to_compilation(request, revision, anchor)


@require_POST
def table_amendment(request, pk: int):
    """A delegation tables an amendment; a refused one is shown again, with what the delegate typed."""
    revision = permissions.readable_revision(request.user, pk)
    provisions = [(p.id, p.label) for p in services.master_text(revision).provisions()]
    form = TableForm(provisions, request.POST)
    if not form.is_valid():
        return _compilation_response(request, revision, errors=form_errors(form), table_form=form, status=400)
    data = form.cleaned_data
    try:
        amendment = services.table(revision, request.user, kind=data["kind"], provision_id=data["provision"],
                                   old_text=data["old_text"], text=data["text"])
    except (PermissionDenied, services.Refused) as refusal:
        return _compilation_response(request, revision, errors=[str(refusal)], table_form=form,
                                     status=refusal_status(refusal, (services.Conflict,)))
    messages.success(request, _("Amendment %(number)s tabled: %(label)s.") % {
        "number": amendment.number, "label": amendment.label})
    return _back_to_compilation(request, revision, f"amendment-{amendment.number}")


def _amendment(request, pk: int, number: int) -> tuple:
    revision = permissions.readable_revision(request.user, pk)
    return revision, get_object_or_404(revision.amendments.select_related("revision", "delegation__state"),
                                       number=number)


@require_POST
def join_amendment(request, pk: int, number: int, kind: str):
    """The user's delegation co-sponsors or supports an amendment."""
    revision, amendment = _amendment(request, pk, number)
    done = (_("Your delegation co-sponsors amendment %(number)s.") if kind == Backing.COSPONSOR
            else _("Your delegation supports amendment %(number)s.")) % {"number": number}
    return _act(request, revision, lambda: services.back(amendment, request.user, kind), done,
                f"amendment-{number}")


@require_POST
def withdraw_amendment(request, pk: int, number: int):
    """The proposing delegation withdraws its undecided amendment."""
    revision, amendment = _amendment(request, pk, number)
    form = VersionedForm(request.POST)
    return _act(request, revision,
                lambda: services.withdraw(amendment, request.user, version=form.cleaned_data["version"]),
                _("Amendment %(number)s withdrawn.") % {"number": number}, f"amendment-{number}", form)


@require_http_methods(["GET", "POST"])
def decide_amendment(request, pk: int, number: int):
    """The chair decides on an amendment, with the reason. GET gives the form: alone for htmx, which puts it under
    the proposal in the compilation, else on a page of its own (so that it works without JavaScript too); the
    compilation does not carry a form for each of hundreds of proposals."""
    revision, amendment = _amendment(request, pk, number)
    if request.method == "GET":
        permissions.check_chair(request.user)
        delegation, status_filter = _filters(request.GET)
        context = {"document": revision.document, "revision": revision, "tab": "compilation", "amendment": amendment,
                   "query": _query(delegation, status_filter), "decisions": _DECISIONS}
        fragment = request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request")
        response = render(request, "negotiation/_decision_form.html" if fragment else "negotiation/decision.html",
                          context)
        patch_vary_headers(response, ["HX-Request"])
        return response
    form = DecisionForm(request.POST)

    def decide():
        data = form.cleaned_data
        services.decide(amendment, request.user, outcome=data["outcome"], reason=data["reason"], text=data["text"],
                        version=data["version"])

    return _act(request, revision, decide, _("Decision on amendment %(number)s recorded.") % {"number": number},
                f"amendment-{number}", form)


@require_POST
def provision_status(request, pk: int, provision_id: str):
    """The chair marks a provision."""
    revision = permissions.readable_revision(request.user, pk)
    form = StatusForm(request.POST)

    def mark():
        services.set_status(revision, provision_id, request.user, status=form.cleaned_data["status"],
                            version=form.cleaned_data["version"])

    return _act(request, revision, mark, _("Status of the provision recorded."), provision_id, form)


@require_POST
def provision_options(request, pk: int, provision_id: str):
    """The chair numbers competing amendments on a provision as options."""
    revision = permissions.readable_revision(request.user, pk)
    form = OptionsForm(request.POST)

    def number():
        services.set_options(revision, provision_id, request.user, numbers=form.cleaned_data["amendments"],
                             version=form.cleaned_data["version"])

    return _act(request, revision, number, _("Options recorded."), provision_id, form)


@require_POST
def set_rules(request, pk: int):
    """The chair or the secretariat sets whether Observers table, and the round's tabling deadline."""
    revision = permissions.readable_revision(request.user, pk)
    form = RulesForm(request.POST)

    def apply():
        # Checked even when nothing differs (no service is called then): a role that may not is refused, not told
        # that the rules were recorded.
        permissions.check_sets_rules(request.user)
        data = form.cleaned_data
        rules = services.negotiation_settings(revision.document)
        if rules.observers_may_table != data["observers_may_table"]:
            services.set_settings(revision.document, request.user, observers_may_table=data["observers_may_table"],
                                  version=data["settings_version"])
        if services.current_round(revision).tabling_deadline != data["tabling_deadline"]:
            services.set_tabling_deadline(revision, request.user, deadline=data["tabling_deadline"],
                                          version=data["round_version"])

    return _act(request, revision, apply, _("Rules of the negotiation recorded."), form=form)


@require_POST
def issue_next_revision(request, pk: int):
    """The chair issues the next revision; its compilation opens, with what changed and what awaits translators."""
    revision = permissions.readable_revision(request.user, pk)
    try:
        issued = revisions.issue_next_revision(revision, request.user)
    except (PermissionDenied, services.Refused) as refusal:
        return _compilation_response(request, revision, errors=[str(refusal)], status=refusal_status(refusal, (services.Conflict,)))
    messages.success(request, _(
        "%(symbol)s issued. Provisions changed: %(changed)d; deleted: %(deleted)d; translations to update: %(stale)d."
    ) % {"symbol": issued.revision.symbol, "changed": len(issued.changed), "deleted": len(issued.deleted),
         "stale": sum(len(ids) for ids in issued.stale.values())})
    return HttpResponseRedirect(reverse("documents:document", args=[revision.document_id]))


def dashboard_page(request, pk: int):
    """Each provision's status and the amendments on it, across all delegations."""
    revision = permissions.readable_revision(request.user, pk)
    return render(request, "negotiation/dashboard.html", {
        "document": revision.document,
        "revision": revision,
        "tab": "dashboard",
        "dashboard": compilation.dashboard(revision, get_language()),
        "amendment_statuses": Amendment.STATUSES,
    })


# Adoption ----------------------------------------------------------------------------------------------------------


def adoption_page(request, pk: int):
    """Whether the revision is adopted; its silence procedures with their outcome now; the forms to start one, to
    break silence and to record an adoption at a meeting, for the roles that may."""
    revision = permissions.readable_revision(request.user, pk)
    return _adoption_response(request, revision)


def _adoption_response(request, revision, *, errors=(), status: int = 200, forms=None):
    now = timezone.now()
    procedures = list(revision.silence_procedures.select_related("silence_break__delegation__state")
                      .order_by("started_at", "id"))
    forms = forms or {}
    context = {
        "document": revision.document,
        "revision": revision,
        "tab": "adoption",
        "errors": list(errors),
        "state": consensus.adoption_state(revision, now),
        "procedures": [(procedure, procedure.outcome(now)) for procedure in procedures],
        "standing": standing(request.user, revision, timezone.localdate(now)),
        "closed": services.closed_reason(revision, now),
        "silence_form": forms.get("silence") or SilenceForm(),
        "break_form": forms.get("break") or BreakForm(),
        "adoption_form": forms.get("adoption") or AdoptionForm(initial={"date": timezone.localdate(now)}),
        "time_zone": timezone.get_current_timezone_name(),
        "running": SilenceProcedure.RUNNING,
    }
    return render(request, "negotiation/adoption.html", context, status=status)


def _adopt_act(request, revision, name: str, form, action, done: str):
    if not form.is_valid():
        return _adoption_response(request, revision, errors=form_errors(form), status=400, forms={name: form})
    try:
        action(form.cleaned_data)
    except (PermissionDenied, services.Refused) as refusal:
        return _adoption_response(request, revision, errors=[str(refusal)], status=refusal_status(refusal, (services.Conflict,)),
                                  forms={name: form})
    messages.success(request, done)
    return HttpResponseRedirect(reverse("negotiation:adoption", args=[revision.pk]))


@require_POST
def start_silence(request, pk: int):
    """The secretariat circulates the revision under a silence procedure until the deadline."""
    revision = permissions.readable_revision(request.user, pk)
    return _adopt_act(
        request, revision, "silence", SilenceForm(request.POST),
        lambda data: consensus.start_silence(revision, request.user, deadline=data["deadline"]),
        _("Silence procedure on %(symbol)s started.") % {"symbol": revision.symbol},
    )


@require_POST
def break_silence(request, pk: int, procedure_id: int):
    """A Member State breaks silence, with its reason."""
    revision = permissions.readable_revision(request.user, pk)
    procedure = get_object_or_404(revision.silence_procedures, pk=procedure_id)
    return _adopt_act(
        request, revision, "break", BreakForm(request.POST),
        lambda data: consensus.break_silence(procedure, request.user, reason=data["reason"]),
        _("Silence on %(symbol)s broken.") % {"symbol": revision.symbol},
    )


@require_POST
def record_adoption(request, pk: int):
    """The chair or the secretariat records adoption by consensus at a meeting."""
    revision = permissions.readable_revision(request.user, pk)
    return _adopt_act(
        request, revision, "adoption", AdoptionForm(request.POST),
        lambda data: consensus.adopt_at_meeting(revision, request.user, meeting=data["meeting"], date=data["date"]),
        _("Adoption of %(symbol)s recorded.") % {"symbol": revision.symbol},
    )
