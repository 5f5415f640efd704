"""Pages of the meetings: the list of meetings with the form that schedules one, a meeting with its agenda and the
form that adds an item, and the iCalendar feed.

Views stay thin: :mod:`.services` decides who may schedule (the secretariat) and what the forum accepts, and which
agenda items show their document to whom. Every role reads the meetings; an agenda item whose document the user may
not read shows its title only, without the symbol or the link. A POST that is refused shows its page again with the
one-line reason: 403 for a role that may not, 400 for input refused (nothing is written); a successful one redirects
with a message.

The calendar is for calendar applications too, which cannot log in: besides the browser's session it accepts an API
token (``accord token``) as ``?token=…`` or ``Authorization: Bearer …``; without either it answers 401, with a token
that is not valid 403, in plain text.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from accord.project.pages import allowed, form_errors, refusal_status
from accord.registry.models import ApiToken
from accord.registry.services import forum
from accord.text.languages import all_languages

from . import ical
from .forms import AgendaItemForm, MeetingForm
from .models import Meeting
from .services import (
    MeetingRefused,
    add_agenda_item,
    agenda_items,
    check_schedules,
    schedule,
    shown_agenda,
)


def _meetings():
    return Meeting.objects.select_related("body", "chair")


def meeting_list(request):
    """The meetings to come, soonest first, then those past, latest first; for the secretariat, the form that
    schedules one."""
    return _list_response(request)


def _list_response(request, *, errors=(), form: MeetingForm | None = None, status: int = 200):
    today = timezone.localdate()
    meetings = _meetings().annotate(items=Count("agenda"))
    schedules = allowed(check_schedules, request.user)
    context = {
        "upcoming": meetings.filter(end__gte=today).order_by("start", "pk"),
        "past": meetings.filter(end__lt=today).order_by("-start", "-pk"),
        "form": (form or MeetingForm()) if schedules else None,
        "errors": list(errors),
    }
    return render(request, "meetings/list.html", context, status=status)


@require_POST
def schedule_meeting(request):
    """The secretariat schedules a meeting, then sees its page, where the agenda is set."""
    try:
        check_schedules(request.user)
    except PermissionDenied as refusal:
        return _list_response(request, errors=[str(refusal)], status=403)
    form = MeetingForm(request.POST)
    if not form.is_valid():
        return _list_response(request, errors=form_errors(form), form=form, status=400)
    data = form.cleaned_data
    try:
        meeting = schedule(request.user, body=data["body"], start=data["start"], end=data["end"], venue=form.names(),
                           chair=data["chair"])
    except (PermissionDenied, MeetingRefused) as refusal:
        return _list_response(request, errors=[str(refusal)], form=form, status=refusal_status(refusal))
    messages.success(request, _("Meeting of the %(body)s on %(start)s scheduled.") % {
        "body": meeting.body.name(get_language()), "start": date_format(meeting.start)})
    return redirect("meetings:detail", meeting.pk)


def _meeting(pk: int) -> Meeting:
    return get_object_or_404(_meetings().prefetch_related(Prefetch("agenda", agenda_items())), pk=pk)


def meeting_detail(request, pk: int):
    """A meeting and its numbered agenda; for the secretariat, the form that adds an item."""
    return _detail_response(request, _meeting(pk))


def _detail_response(request, meeting: Meeting, *, errors=(), form: AgendaItemForm | None = None,
                     status: int = 200):
    context = {
        "meeting": meeting,
        "agenda": shown_agenda(meeting, request.user),
        "form": (form or AgendaItemForm(request.user)) if allowed(check_schedules, request.user) else None,
        "errors": list(errors),
    }
    return render(request, "meetings/detail.html", context, status=status)


@require_POST
def add_item(request, pk: int):
    """The secretariat adds the next item to the meeting's agenda, optionally putting a document before it."""
    meeting = _meeting(pk)
    try:
        check_schedules(request.user)
    except PermissionDenied as refusal:
        return _detail_response(request, meeting, errors=[str(refusal)], status=403)
    form = AgendaItemForm(request.user, request.POST)
    if not form.is_valid():
        return _detail_response(request, meeting, errors=form_errors(form), form=form, status=400)
    try:
        item = add_agenda_item(meeting, request.user, titles=form.names(), revision=form.cleaned_data["revision"])
    except (PermissionDenied, MeetingRefused) as refusal:
        return _detail_response(request, meeting, errors=[str(refusal)], form=form, status=refusal_status(refusal))
    messages.success(request, _("Item %(number)d added to the agenda.") % {"number": item.number})
    return redirect(reverse("meetings:detail", args=[meeting.pk]) + f"#item-{item.number}")


# The iCalendar feed -------------------------------------------------------------------------------------------------


def _plain(status: int, text: str) -> HttpResponse:
    response = HttpResponse(text + "\n", status=status, content_type="text/plain; charset=utf-8")
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="accord"'
    return response


def _feed_user(request):
    """The user the feed is for: the token's (``?token=`` or a bearer header), else the session's; or the plain
    response that refuses."""
    token = request.GET.get("token")
    authorization = request.headers.get("Authorization", "")
    if token is None and authorization.startswith("Bearer "):
        token = authorization.removeprefix("Bearer ").strip()
    if token is not None:
        user = ApiToken.user_for(token) if token else None
        return user or _plain(403, _("This token is not valid: make a new one with `accord token`."))
    if request.user.is_authenticated:
        return request.user
    return _plain(401, _("Log in, or add ?token=<your API token> to the address (see `accord token`)."))


def _calendar_response(request, pk: int | None = None) -> HttpResponse:
    """Every meeting, or the meeting ``pk``, as iCalendar for the user who asks (credentials first: whether a
    meeting exists is not told to a client that has none)."""
    user = _feed_user(request)
    if isinstance(user, HttpResponse):
        return user
    language = request.GET.get("lang") or get_language()
    if language not in all_languages():
        return _plain(400, _("Unknown language: %(language)s.") % {"language": language})
    meetings = _meetings().prefetch_related(Prefetch("agenda", agenda_items())).order_by("start", "pk")
    if pk is not None:
        meetings = meetings.filter(pk=pk)
        if not meetings.exists():
            return _plain(404, _("There is no such meeting."))
    feed = ical.Feed(
        forum=forum(), language=language, now=timezone.now(),
        url_of=lambda meeting: request.build_absolute_uri(reverse("meetings:detail", args=[meeting.pk])),
    )
    text = ical.calendar(((meeting, shown_agenda(meeting, user)) for meeting in meetings), feed)
    response = HttpResponse(text.encode("utf-8"), content_type=ical.CONTENT_TYPE)
    filename = "meetings.ics" if pk is None else f"meeting-{pk}.ics"
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    # What it holds depends on who asks: never in a shared cache.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Authorization", "Cookie"])
    return response


@login_not_required
@require_safe
def calendar_feed(request):
    """Every meeting as iCalendar (``?lang=ru``: named in that language; by default the interface language)."""
    return _calendar_response(request)


@login_not_required
@require_safe
def meeting_calendar(request, pk: int):
    """One meeting as iCalendar, to add to a calendar by hand."""
    return _calendar_response(request, pk)
