"""REST endpoints of the forum's institutions: the catalogue of confidence building measures, the Plans on
Implementation with their events, adding an event and changing its status (the secretariat only: 403 otherwise),
and a plan's dashboard; the treaty status of the forum's instruments, the Member States that have not ratified one
(in a language, as a sentence), recording an action (the secretariat only); the mandates, proposing them from a text,
confirming them and changing their status (the secretariat only).

Every authenticated user reads. Names come in the language asked for (``lang``, default the request's) and in every
language (``names``, ``titles``…). A decision or report the user may not read is given without its symbol. Input the
forum cannot accept answers 422 with a one-line ``detail`` that starts with the field at fault (``start: an event of
the plan for 2021 starts in 2021, …``); errors are JSON like every other of the API (:mod:`accord.project.api_errors`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from accord.documents.access import readable_distributions, readable_documents
from accord.documents.models import Revision
from accord.project.api_errors import errors
from accord.meetings.models import Meeting
from accord.registry.models import Body, State
from accord.text import normalise_symbol
from accord.text.languages import all_languages

from . import cbm, mandates, treaties
from .models import Dimension, Instrument, Mandate, Plan, PlanEvent, TreatyAction

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


class CatalogueVersionOut(Schema):
    number: int
    label: str
    adopted_on: dt.date | None  # null while its decision is not adopted
    decision: str | None  # the symbol of the decision's revision, when the user may read it
    reference: str
    measures: int


class CatalogueOut(Schema):
    version: CatalogueVersionOut | None  # the version shown; null when none is recorded (then every measure is listed)
    versions: list[CatalogueVersionOut]
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


class EventStatusIn(Schema):
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


def version_out(version, user) -> CatalogueVersionOut:
    adoption = cbm.adoption_of(version)
    return CatalogueVersionOut(number=version.number, label=version.label, adopted_on=adoption.date,
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
def change_status(request, year: int, event_id: int, payload: EventStatusIn):
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



# Treaty status --------------------------------------------------------------------------------------------------------

ActionKind = Literal[tuple(code for code, _label in TreatyAction.KINDS)]
Stage = Literal[tuple(code for code, _label in treaties.STAGES)]


class InstrumentOut(Schema):
    id: int
    name: str
    names: dict[str, str]
    adopted_on: dt.date | None
    entry_into_force: dt.date | None  # null while it has not entered into force, or the day is not known
    depositary: str
    note: str
    member_states: int  # Member States today
    counts: dict[str, int]  # of those, by stage: not_signed, signed, ratified, in_force


class StatusRowOut(Schema):
    state: str  # ISO code
    state_name: str
    stage: Stage
    signed_on: dt.date | None
    ratified_on: dt.date | None  # the day of its consent to be bound
    consent: str | None  # how: ratification, acceptance, approval or accession
    in_force_since: dt.date | None


class StatusOut(Schema):
    instrument: int
    on: dt.date
    counts: dict[str, int]
    states: list[StatusRowOut]  # every Member State on the day, alphabetically in ``lang``


class NotRatifiedOut(Schema):
    instrument: int
    on: dt.date
    language: str
    states: list[str]  # ISO codes, alphabetically in ``language``
    names: list[str]
    text: str  # the names as a sentence in ``language``: "Afghanistan, Bahrain and Viet Nam"


class ActionIn(Schema):
    state: str  # the ISO code of a Member State on ``date``
    kind: ActionKind
    date: dt.date  # not in the future
    note: str = ""


class ActionOut(Schema):
    id: int
    instrument: int
    state: str
    state_name: str
    kind: str
    date: dt.date
    note: str


def _instrument(instrument_id: int) -> Instrument:
    instrument = Instrument.objects.filter(pk=instrument_id).first()
    if instrument is None:
        raise Http404(f"no instrument {instrument_id}")
    return instrument


def instrument_out(instrument: Instrument, language: str) -> InstrumentOut:
    table = treaties.status_table(instrument, timezone.localdate(), language)
    return InstrumentOut(id=instrument.pk, name=instrument.name(language), names=instrument.names,
                         adopted_on=instrument.adopted_on, entry_into_force=instrument.entry_into_force,
                         depositary=instrument.depositary_name(language), note=instrument.note,
                         member_states=len(table), counts=treaties.stage_counts(table))


@router.get("/instruments", response={200: list[InstrumentOut], **errors(401, 422)})
def get_instruments(request, lang: Language | None = None):
    """The forum's instruments, each with the count of today's Member States by how far they have gone with it."""
    language = lang or get_language()
    return [instrument_out(instrument, language) for instrument in treaties.instruments()]


@router.get("/instruments/{instrument_id}/status", response={200: StatusOut, **errors(401, 404, 422)})
def get_instrument_status(request, instrument_id: int, on: dt.date | None = None, stage: Stage | None = None,
                          lang: Language | None = None):
    """The status of every Member State on ``on`` (default today), alphabetically in ``lang``: the days it signed,
    consented to be bound and saw the instrument enter into force for it, up to that day; of one ``stage`` when
    asked."""
    language = lang or get_language()
    instrument = _instrument(instrument_id)
    on = on or timezone.localdate()
    rows = treaties.status_table(instrument, on, language)
    return StatusOut(
        instrument=instrument.pk, on=on, counts=treaties.stage_counts(rows),
        states=[StatusRowOut(
            state=row.state.code, state_name=row.state.name(language), stage=row.stage,
            signed_on=row.signature.date if row.signature else None,
            ratified_on=row.consent.date if row.consent else None,
            consent=row.consent.kind if row.consent else None,
            in_force_since=row.in_force.date if row.in_force else None,
        ) for row in rows if stage is None or row.stage == stage],
    )


@router.get("/instruments/{instrument_id}/not-ratified", response={200: NotRatifiedOut, **errors(401, 404, 422)})
def get_not_ratified(request, instrument_id: int, on: dt.date | None = None, lang: Language | None = None):
    """The Member States on ``on`` (default today) that have not ratified (accepted, approved, acceded to) the
    instrument, alphabetically in ``lang``, and their names as a sentence in that language, ready to quote in a note
    verbale."""
    language = lang or get_language()
    instrument = _instrument(instrument_id)
    on = on or timezone.localdate()
    listed = treaties.not_ratified(instrument, language, on)
    return NotRatifiedOut(instrument=instrument.pk, on=on, language=language,
                          states=[state.code for state in listed.states],
                          names=[state.name(language) for state in listed.states], text=listed.text)


@router.post("/instruments/{instrument_id}/actions", response={201: ActionOut, **errors(401, 403, 404, 422)})
def record_action(request, instrument_id: int, payload: ActionIn):
    """Record a State's signature, ratification (acceptance, approval, accession) or the instrument's entry into
    force for it (the secretariat only). 422 for a day to come, a State that is not a Member State on the day, an
    action recorded already, a ratification without or before the signature, an entry into force before the consent;
    nothing is written then."""
    instrument = _instrument(instrument_id)
    treaties.check_keeps_treaties(request.auth)
    state = State.objects.filter(code__iexact=payload.state.strip()).first()
    if state is None:
        raise refused("state", f"no State with the code {payload.state!r}")
    try:
        action = treaties.record_action(request.auth, instrument, state=state, kind=payload.kind, date=payload.date,
                                        note=payload.note)
    except treaties.TreatyRefused as refusal:
        raise refused(refusal.field or "action", str(refusal)) from None
    language = get_language()
    return Status(201, ActionOut(id=action.pk, instrument=instrument.pk, state=state.code,
                                 state_name=state.name(language), kind=action.kind, date=action.date,
                                 note=action.note))


# Mandates -------------------------------------------------------------------------------------------------------------

MandateStatus = Literal[tuple(code for code, _label in Mandate.STATUSES)]
Actor = Literal[tuple(code for code, _label in Mandate.ACTORS)]


class MandateOut(Schema):
    id: int
    revision: str  # the symbol of the text it comes from
    provision: str  # "para_3"
    label: str  # "OP3"
    position: int  # its place among the tasks of the paragraph, from 0
    language: str  # of the excerpt
    excerpt: str  # the words of the paragraph that give the task
    cue: str  # the cue word the proposal was made from, as the text has it
    actor_words: str  # the words that named the one responsible; "" when none was recognised
    actor: str  # body, chairmanship, secretariat; "" while no one is named
    body: str | None  # the body's symbol prefix ("SOC") when ``actor`` is "body"
    responsible: str  # who, in ``lang``
    task: str
    due_meeting: int | None
    due: str  # the meeting or the day it is due, in words
    due_date: dt.date | None
    status: str
    fulfilled_by: list[str]  # the symbols of the documents that fulfil it (those the user may read)
    proposed_at: dt.datetime
    confirmed_by: str | None  # the user name of who confirmed it
    confirmed_at: dt.datetime | None


class ProposeIn(Schema):
    revision_id: int  # an issued revision of a text (not a note verbale)


class ProposedOut(Schema):
    revision: str
    created: list[MandateOut]
    already: int  # tasks of the text proposed already, not proposed again


class ConfirmIn(Schema):
    """What the secretariat corrects; a field left out keeps the proposal's."""

    actor: Actor | None = None
    body: str | None = None  # the body's symbol prefix, with ``actor`` "body"
    task: str | None = None
    due_meeting: int | None = None
    due_date: dt.date | None = None


class MandateStatusIn(Schema):
    status: MandateStatus | None = None  # in_progress, done, dropped (a proposal: dropped only)
    documents: list[str] = []  # symbols of revisions that fulfil it, to link


def mandate_out(mandate: Mandate, user, language: str) -> MandateOut:
    return MandateOut(
        id=mandate.pk, revision=mandate.revision.symbol, provision=mandate.provision, label=mandate.label,
        position=mandate.position, language=mandate.language, excerpt=mandate.excerpt, cue=mandate.cue,
        actor_words=mandate.actor_words, actor=mandate.actor,
        body=mandate.body.symbol_prefix if mandate.body else None, responsible=mandate.responsible(language),
        task=mandate.task, due_meeting=mandate.due_meeting_id, due=mandates.due_shown(mandate, language),
        due_date=mandate.due_date, status=mandate.status,
        fulfilled_by=[r.symbol for r in mandate.fulfilled_by.all()
                      if r.document.distribution in readable_distributions(user)],
        proposed_at=mandate.proposed_at, confirmed_by=mandate.confirmed_by.username if mandate.confirmed_by else None,
        confirmed_at=mandate.confirmed_at,
    )


def _mandate(user, mandate_id: int) -> Mandate:
    mandate = (mandates.mandate_rows().filter(pk=mandate_id, revision__document__in=readable_documents(user))
               .first())
    if mandate is None:
        raise Http404(f"no mandate {mandate_id}")
    return mandate


def _body(prefix: str | None) -> Body | None:
    if not prefix:
        return None
    body = Body.objects.filter(symbol_prefix__iexact=prefix.strip()).first()
    if body is None:
        raise refused("body", f"no body {prefix!r}")
    return body


@router.get("/mandates", response={200: list[MandateOut], **errors(401, 422)})
def get_mandates(request, status: MandateStatus | None = None, actor: Literal[Actor, "none"] | None = None,
                 body: str | None = None, revision: str | None = None, lang: Language | None = None):
    """The mandates of the texts the user may read, in the order of their texts and paragraphs: of one ``status``,
    one ``actor`` ("none": proposals naming no one Accord recognises), one ``body`` (symbol prefix), one text's
    ``revision`` (its symbol) when asked."""
    language = lang or get_language()
    chosen_revision = None
    if revision:
        symbol = normalise_symbol(revision)
        chosen_revision = Revision.objects.filter(symbol=symbol, document__in=readable_documents(request.auth)).first()
        if chosen_revision is None:
            raise refused("revision", f"no revision {symbol!r}")
    chosen_body = _body(body)
    selection = mandates.MandateFilter(status=status, actor=actor or ("body" if chosen_body else None),
                                       body=chosen_body, revision=chosen_revision)
    return [mandate_out(m, request.auth, language) for m in mandates.readable_mandates(request.auth, selection)]


@router.post("/mandates/proposals", response={201: ProposedOut, **errors(401, 403, 404, 422)})
def propose_mandates(request, payload: ProposeIn):
    """Propose the mandates of an issued text's operative paragraphs (the secretariat only): each "proposed", with the
    cue and the words it was made from, until the secretariat confirms or drops it. A task proposed already is not
    proposed again. 422 for a revision not issued, a note verbale, or a language without cue words."""
    revision = (Revision.objects.filter(pk=payload.revision_id, document__in=readable_documents(request.auth))
                .select_related("document").first())
    if revision is None:
        raise Http404(f"no revision {payload.revision_id}")
    mandates.check_keeps_mandates(request.auth)
    try:
        result = mandates.propose(request.auth, revision)
    except mandates.MandateRefused as refusal:
        raise refused(refusal.field or "revision", str(refusal)) from None
    language = get_language()
    created = mandates.mandate_rows().filter(pk__in=[m.pk for m in result.created])
    return Status(201, ProposedOut(revision=revision.symbol, already=result.already,
                                   created=[mandate_out(m, request.auth, language) for m in created]))


@router.post("/mandates/{mandate_id}/confirmation", response={200: MandateOut, **errors(401, 403, 404, 422)})
def confirm_mandate(request, mandate_id: int, payload: ConfirmIn):
    """Confirm a proposed mandate (the secretariat only), correcting who is responsible, the task, the meeting or day
    it is due where given. 422 for a mandate not proposed, no one responsible, an empty task, a meeting and a day
    both; nothing is written then."""
    mandate = _mandate(request.auth, mandate_id)
    mandates.check_keeps_mandates(request.auth)
    given = payload.model_fields_set
    changes = {}
    if "actor" in given:
        changes["actor"] = payload.actor or ""
        changes["body"] = _body(payload.body) if payload.actor == Mandate.BODY else None
    elif "body" in given:
        changes["actor"], changes["body"] = Mandate.BODY, _body(payload.body)
    if "task" in given:
        changes["task"] = payload.task or ""
    if "due_meeting" in given:
        meeting = Meeting.objects.filter(pk=payload.due_meeting).first() if payload.due_meeting else None
        if payload.due_meeting and meeting is None:
            raise refused("due_meeting", f"no meeting {payload.due_meeting}")
        changes["due_meeting"] = meeting
    if "due_date" in given:
        changes["due_date"] = payload.due_date
    try:
        mandates.confirm(request.auth, mandate, **changes)
    except mandates.MandateRefused as refusal:
        raise refused(refusal.field or "mandate", str(refusal)) from None
    return mandate_out(_mandate(request.auth, mandate_id), request.auth, get_language())


@router.post("/mandates/{mandate_id}/status", response={200: MandateOut, **errors(401, 403, 404, 422)})
def change_mandate_status(request, mandate_id: int, payload: MandateStatusIn):
    """Change a mandate's status and/or link the documents that fulfil it (the secretariat only): a confirmed mandate
    goes in progress, done or dropped, a done one in progress again, a proposal dropped. 422 for a proposal given any
    other status (it is confirmed first), an unknown document, or a link to a mandate not confirmed; nothing is written
    then."""
    mandate = _mandate(request.auth, mandate_id)
    mandates.check_keeps_mandates(request.auth)
    if payload.status is None and not payload.documents:
        raise refused("status", "give a status, or documents to link")
    documents = []
    for symbol in payload.documents:
        revision = (Revision.objects.filter(symbol=normalise_symbol(symbol),
                                            document__in=readable_documents(request.auth)).first())
        if revision is None:
            raise refused("documents", f"no revision {normalise_symbol(symbol)!r}")
        documents.append(revision)
    try:
        with transaction.atomic():
            if payload.status is not None:
                mandates.change_status(request.auth, mandate, status=payload.status)
            for revision in documents:
                mandates.link_document(request.auth, mandate, revision)
    except mandates.MandateRefused as refusal:
        raise refused(refusal.field or "status", str(refusal)) from None
    return mandate_out(_mandate(request.auth, mandate_id), request.auth, get_language())
