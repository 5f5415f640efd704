"""REST endpoints of the forum's institutions: the catalogue of confidence building measures, the Plans on
Implementation with their events, adding an event and changing its status (the secretariat only: 403 otherwise),
and a plan's dashboard.

Every authenticated user reads. Names come in the language asked for (``lang``, default the request's) and in every
language (``names``, ``titles``…). A decision or report the user may not read is given without its symbol. Input the
forum cannot accept answers 422 with a one-line ``detail`` that starts with the field at fault (``start: an event of
the plan for 2021 starts in 2021, …``); errors are JSON like every other of the API (:mod:`accord.project.api_errors`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.http import Http404
from django.utils.translation import get_language
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from accord.documents.access import readable_distributions, readable_documents
from accord.documents.models import Revision
from accord.project.api_errors import errors
from accord.registry.models import State
from accord.text import normalise_symbol
from accord.text.languages import all_languages

from . import cbm
from .models import Dimension, Plan, PlanEvent

router = Router(tags=["institutions"])

Language = Literal[tuple(all_languages())]
EventStatus = Literal[tuple(code for code, _label in PlanEvent.STATUSES)]
EventKind = Literal[tuple(code for code, _label in PlanEvent.KINDS)]


class CoordinationOut(Schema):
    state: str  # ISO code
    state_name: str
    role: Literal["coordinator", "co_coordinator"]
    start: dt.date
    end: dt.date | None  # null while the term is open


class MeasureOut(Schema):
    label: str  # "2.3.1"
    text: str
    texts: dict[str, str]
    new: bool  # in this version and not in the one before


class AreaOut(Schema):
    label: str  # "2.3"
    name: str
    names: dict[str, str]
    coordinators: list[CoordinationOut]
    measures: list[MeasureOut]


class DimensionOut(Schema):
    number: int
    name: str
    names: dict[str, str]
    areas: list[AreaOut]


class VersionOut(Schema):
    number: int
    label: str
    adopted_on: dt.date | None  # null while its decision is not adopted
    decision: str | None  # the symbol of the decision's revision, when the user may read it
    reference: str
    measures: int


class CatalogueOut(Schema):
    version: VersionOut | None  # the version shown; null when none is recorded (then every measure is listed)
    versions: list[VersionOut]
    dimensions: list[DimensionOut]


class EventOut(Schema):
    id: int
    area: str  # "2.3"
    dimension: int
    kind: str
    title: str
    titles: dict[str, str]
    organizer: str  # ISO code
    organizer_name: str
    start: dt.date
    end: dt.date
    venue: str
    venues: dict[str, str]
    status: str
    report: str | None  # the symbol of the report's revision, when the user may read it
    report_note: str


class PlanOut(Schema):
    year: int
    approved_by_soc_on: dt.date | None
    approval: str | None  # the symbol of the SOC decision's revision, when the user may read it
    approval_reference: str
    events: list[EventOut]


class EventIn(Schema):
    area: str  # the priority area's label, "2.3"
    kind: EventKind
    titles: dict[str, str]  # per language, at least one
    organizer: str  # the ISO code of a Member State
    start: dt.date  # in the plan's year
    end: dt.date | None = None  # the last day, included; by default the first
    venue: dict[str, str] = {}  # the city per language, may be left out while not known


class StatusIn(Schema):
    status: EventStatus
    report: str | None = None  # for a held event: the symbol of its report's revision
    report_note: str = ""  # for a held event: a note on its report


class CountsOut(Schema):
    key: str  # the dimension's number, the State's code, or the year
    name: str
    counts: dict[str, int]  # by status
    total: int


class DashboardOut(Schema):
    year: int
    statuses: list[str]
    by_dimension: list[CountsOut]
    by_state: list[CountsOut]
    totals: CountsOut


def refused(field: str, message: str) -> HttpError:
    """The 422 answer for input the forum does not accept: one line, the field first."""
    return HttpError(422, f"{field}: {message}")


def _symbol(user, revision: Revision | None) -> str | None:
    if revision is not None and revision.document.distribution in readable_distributions(user):
        return revision.symbol
    return None


def version_out(version, user) -> VersionOut:
    adoption = cbm.adoption_of(version)
    return VersionOut(number=version.number, label=version.label, adopted_on=adoption.date,
                      decision=_symbol(user, version.decision), reference=version.reference,
                      measures=version.measures.count())


def event_out(event: PlanEvent, user, language: str) -> EventOut:
    return EventOut(
        id=event.pk, area=event.area.label, dimension=event.area.dimension.number, kind=event.kind,
        title=event.title(language), titles=event.titles, organizer=event.organizer.code,
        organizer_name=event.organizer.name(language), start=event.start, end=event.end,
        venue=event.venue_name(language), venues=event.venue, status=event.status,
        report=_symbol(user, event.report), report_note=event.report_note,
    )


def _plan(year: int) -> Plan:
    plan = cbm.plans().filter(year=year).first()
    if plan is None:
        raise Http404(f"no plan for {year}")
    return plan


def _selection(year: int, dimension: int | None, state: str | None, status: str | None = None) -> cbm.EventFilter:
    chosen_dimension = chosen_state = None
    if dimension is not None:
        chosen_dimension = Dimension.objects.filter(number=dimension).first()
        if chosen_dimension is None:
            raise refused("dimension", f"no dimension {dimension}")
    if state:
        chosen_state = State.objects.filter(code__iexact=state.strip()).first()
        if chosen_state is None:
            raise refused("state", f"no State with the code {state!r}")
    return cbm.EventFilter(year=year, dimension=chosen_dimension, state=chosen_state, status=status)


@router.get("/catalogue", response={200: CatalogueOut, **errors(401, 404, 422)})
def get_catalogue(request, version: int | None = None, lang: Language | None = None):
    """The catalogue as ``version`` holds it (its number; default the latest): dimensions, priority areas with their
    coordinators and co-coordinators (every term), measures, each marked ``new`` when the version before did not
    hold it."""
    language = lang or get_language()
    chosen = cbm.version_by_number(version)
    if version is not None and chosen is None:
        raise Http404(f"no version {version} of the catalogue")
    dimensions = [
        DimensionOut(
            number=shown.dimension.number, name=shown.dimension.name(language), names=shown.dimension.names,
            areas=[AreaOut(
                label=row.area.label, name=row.area.name(language), names=row.area.names,
                coordinators=[CoordinationOut(state=c.state.code, state_name=c.state.name(language), role=c.role,
                                              start=c.start, end=c.end) for c in row.coordinations],
                measures=[MeasureOut(label=m.measure.label, text=m.measure.text(language), texts=m.measure.texts,
                                     new=m.new) for m in row.measures],
            ) for row in shown.areas],
        )
        for shown in cbm.catalogue(chosen)
    ]
    return CatalogueOut(version=version_out(chosen, request.auth) if chosen else None,
                        versions=[version_out(v, request.auth) for v in cbm.versions()], dimensions=dimensions)


@router.get("/plans/{year}", response={200: PlanOut, **errors(401, 404, 422)})
def get_plan(request, year: int, dimension: int | None = None, state: str | None = None,
             status: EventStatus | None = None, lang: Language | None = None):
    """The plan for ``year`` with its events, first day first: of one ``dimension`` (its number), one organizing
    ``state`` (ISO code), one ``status`` only when asked."""
    language = lang or get_language()
    plan = _plan(year)
    events = cbm.plan_events(plan, _selection(year, dimension, state, status))
    return PlanOut(year=plan.year, approved_by_soc_on=plan.approved_by_soc_on,
                   approval=_symbol(request.auth, plan.approval), approval_reference=plan.approval_reference,
                   events=[event_out(event, request.auth, language) for event in events])


@router.post("/plans/{year}/events", response={201: EventOut, **errors(401, 403, 404, 422)})
def add_event(request, year: int, payload: EventIn):
    """Add a planned event to the plan (the secretariat only). 422 for an unknown priority area or State, a first
    day outside the plan's year, a last day before the first, an organizer that is not a Member State then, or no
    title in any language; nothing is written then."""
    plan = _plan(year)
    cbm.check_keeps_cbms(request.auth)
    area = cbm.area_by_label(payload.area)
    if area is None:
        raise refused("area", f"no priority area {payload.area!r}")
    organizer = State.objects.filter(code__iexact=payload.organizer.strip()).first()
    if organizer is None:
        raise refused("organizer", f"no State with the code {payload.organizer!r}")
    try:
        event = cbm.add_event(request.auth, plan, area=area, kind=payload.kind, titles=payload.titles,
                              organizer=organizer, start=payload.start, end=payload.end, venue=payload.venue)
    except cbm.CbmRefused as refusal:
        raise refused(refusal.field or "event", str(refusal)) from None
    return Status(201, event_out(cbm.event_rows().get(pk=event.pk), request.auth, get_language()))


@router.post("/plans/{year}/events/{event_id}/status", response={200: EventOut, **errors(401, 403, 404, 422)})
def change_status(request, year: int, event_id: int, payload: StatusIn):
    """Mark an event planned, held, postponed or cancelled (the secretariat only), with the report of a held one.
    422 for a report of an event not held, an event marked held before its first day, a held event marked anything
    else, or the status it already has; nothing is written then."""
    event = cbm.event_rows().filter(plan__year=year, pk=event_id).first()
    if event is None:
        raise Http404(f"no event {event_id} in the plan for {year}")
    cbm.check_keeps_cbms(request.auth)
    report = None
    if payload.report:
        symbol = normalise_symbol(payload.report)
        report = (Revision.objects.filter(document__in=readable_documents(request.auth), symbol=symbol)
                  .select_related("document").first())
        if report is None:
            raise refused("report", f"no revision {symbol!r}")
    try:
        cbm.change_status(request.auth, event, status=payload.status, report=report, report_note=payload.report_note)
    except cbm.CbmRefused as refusal:
        raise refused(refusal.field or "status", str(refusal)) from None
    return event_out(cbm.event_rows().get(pk=event.pk), request.auth, get_language())


def _counts(key: str, name: str, row: cbm.Row) -> CountsOut:
    return CountsOut(key=key, name=name, counts=row.counts, total=row.total)


@router.get("/plans/{year}/dashboard", response={200: DashboardOut, **errors(401, 404, 422)})
def get_dashboard(request, year: int, dimension: int | None = None, state: str | None = None,
                  lang: Language | None = None):
    """The plan's events counted by status: per dimension (every one, or ``dimension``), per organizing State (those
    organising any, alphabetically in ``lang``), and in all."""
    language = lang or get_language()
    plan = _plan(year)
    board = cbm.dashboard(_selection(plan.year, dimension, state), language)
    return DashboardOut(
        year=plan.year, statuses=board.statuses,
        by_dimension=[_counts(str(row.key.number), row.key.name(language), row) for row in board.by_dimension],
        by_state=[_counts(row.key.code, row.key.name(language), row) for row in board.by_state],
        totals=_counts("total", "", board.totals),
    )

