"""The catalogue of confidence building measures and the Plans on Implementation: what the pages, the API and the
demo call.

Every role reads the catalogue and the plans. Only the secretariat changes them (:class:`PermissionDenied`
otherwise); input the forum cannot accept raises :class:`CbmRefused` with a one-line reason in the interface language
and writes nothing.

The rules kept here:

* priority areas, measures and catalogue versions are numbered one after the other; a version once adopted never
  changes (a measure added later goes into a new version, where it shows as new);
* coordinators and co-coordinators are Member States on the first day of their term; an area has one coordinator at a
  time, and a State holds one term at a time on an area;
* an event of the plan for a year starts in that year and is organised by a Member State; it is marked held only once
  its first day has come, and a held event stays held (its report may be added later); only a held event has a report;
* a plan is approved by the Senior Officials Committee once, on a day that has come, by a decision Accord holds (a
  revision, of the SOC's when it belongs to a body) or one named in words.

:func:`dashboard` counts a selection of events by dimension × status, by organizing State and by year.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord.documents.models import Revision
from accord.registry.models import Membership, State, User, sorted_states
from accord.text.languages import all_languages

from .models import CatalogueVersion, Coordination, Dimension, Measure, Plan, PlanEvent, PriorityArea

MAX_NAME = 500
MAX_TEXT = 4000
MAX_REFERENCE = 500
APPROVING_BODY = "SOC"  # the symbol prefix of the body that approves the plans (the Senior Officials Committee)
# An event's status inside a sentence ("the event is already held"), where the labels' capital would be wrong.
STATUS_WORDS = {
    PlanEvent.PLANNED: gettext_lazy("planned"),
    PlanEvent.HELD: gettext_lazy("held"),
    PlanEvent.POSTPONED: gettext_lazy("postponed"),
    PlanEvent.CANCELLED: gettext_lazy("cancelled"),
}


class CbmRefused(ValueError):
    """A change to the catalogue or a plan that cannot be stored; ``str()`` is one line. ``field`` names the input at
    fault (``end``, ``titles``, ``organizer``…) for the API's answer, or is None."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def check_keeps_cbms(user: User) -> None:
    """Only the secretariat keeps the catalogue and the plans."""
    if not user.is_authenticated or user.role != User.SECRETARIAT:
        raise PermissionDenied(_("only the secretariat keeps the catalogue of confidence building measures and the "
                                 "plans on implementation"))


def clean_names(names: dict, what: str, field: str | None = None, limit: int = MAX_NAME) -> dict[str, str]:
    """Names (or texts) per language, stripped; at least one, in known languages only, none longer than ``limit``."""
    known = all_languages()
    cleaned = {language: " ".join((name or "").split()) for language, name in (names or {}).items()}
    cleaned = {language: name for language, name in cleaned.items() if name}
    unknown = sorted(set(cleaned) - set(known))
    if unknown:
        raise CbmRefused(_("%(what)s: unknown language '%(language)s'") % {"what": what, "language": unknown[0]},
                         field)
    if not cleaned:
        raise CbmRefused(_("%(what)s: give it in at least one language") % {"what": what}, field)
    if any(len(name) > limit for name in cleaned.values()):
        raise CbmRefused(_("%(what)s is longer than %(limit)d characters") % {"what": what, "limit": limit}, field)
    return cleaned


def _optional_names(names: dict | None, what: str, field: str) -> dict[str, str]:
    if not any((name or "").strip() for name in (names or {}).values()):
        return {}
    return clean_names(names, what, field)


def _reference(text: str | None, field: str) -> str:
    text = " ".join((text or "").split())
    if len(text) > MAX_REFERENCE:
        raise CbmRefused(_("the reference is longer than %(limit)d characters") % {"limit": MAX_REFERENCE}, field)
    return text


def _language() -> str:
    return get_language() or "en"


def _member_on(state: State, day: dt.date) -> bool:
    membership = state.membership_on(day)
    return membership is not None and membership.status == Membership.MEMBER


def _shown(day: dt.date) -> str:
    return date_format(day)


# The catalogue: reading -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionAdoption:
    """How a catalogue version stands: adopted on ``date`` (recorded on the version, or the negotiation's record of
    the adoption of its decision, ``revision`` the revision adopted), else pending."""

    date: dt.date | None
    revision: Revision | None = None

    @property
    def adopted(self) -> bool:
        return self.date is not None


def adoption_of(version: CatalogueVersion, now: dt.datetime | None = None) -> VersionAdoption:
    """Whether ``version`` is adopted, and on which day: its own record, else the adoption of its decision's document
    (the revision linked, or a later one: by consensus at a meeting or by silence procedure) as the negotiation
    records it."""
    if version.adopted_on is not None:
        return VersionAdoption(version.adopted_on, version.decision)
    if version.decision_id is not None:
        from accord.negotiation.consensus import adoption_state

        for revision in version.decision.document.revisions.order_by("-sequence"):
            state = adoption_state(revision, now)
            if state.adopted:
                return VersionAdoption(state.date, revision)
    return VersionAdoption(None)


def versions() -> QuerySet[CatalogueVersion]:
    return CatalogueVersion.objects.select_related("decision__document").order_by("number")


def version_by_number(number: int | str | None) -> CatalogueVersion | None:
    """The version numbered ``number``; the latest when None; None when there is no such version."""
    if number in (None, ""):
        return versions().last()
    try:
        return versions().filter(number=int(number)).first()
    except (TypeError, ValueError):
        return None


@dataclass
class MeasureShown:
    measure: Measure
    new: bool  # in this version, not in the one before


@dataclass
class AreaShown:
    area: PriorityArea
    measures: list[MeasureShown]
    coordinations: list[Coordination]
    new: bool  # every one of its measures is new in this version

    @property
    def coordinators(self) -> list[Coordination]:
        return [c for c in self.coordinations if c.role == Coordination.COORDINATOR]

    @property
    def co_coordinators(self) -> list[Coordination]:
        return [c for c in self.coordinations if c.role == Coordination.CO_COORDINATOR]


@dataclass
class DimensionShown:
    dimension: Dimension
    areas: list[AreaShown]


def catalogue(version: CatalogueVersion | None = None) -> list[DimensionShown]:
    """The dimensions, their priority areas with coordinators (every term, earliest first) and their measures: of
    ``version`` only, marked new where the version before did not hold them (nothing is new in the first version;
    areas without a measure in the version are left out), or every measure when ``version`` is None."""
    in_version: set[int] | None = None
    before: set[int] | None = None  # the measures of the version before; None when there is none to compare with
    if version is not None:
        in_version = set(version.measures.values_list("pk", flat=True))
        previous = version.previous()
        if previous is not None:
            before = set(previous.measures.values_list("pk", flat=True))
    coordinations = Coordination.objects.select_related("state").order_by("start", "pk")
    area_rows = (PriorityArea.objects.select_related("dimension").order_by("number")
             .prefetch_related(Prefetch("measures", Measure.objects.order_by("number")),
                               Prefetch("coordinations", coordinations)))
    dimensions = Dimension.objects.order_by("number").prefetch_related(Prefetch("areas", area_rows))
    shown = []
    for dimension in dimensions:
        area_rows = []
        for area in dimension.areas.all():
            measures = [MeasureShown(m, before is not None and m.pk not in before)
                        for m in area.measures.all() if in_version is None or m.pk in in_version]
            if in_version is not None and not measures:
                continue
            area_rows.append(AreaShown(area, measures, list(area.coordinations.all()),
                                       new=bool(measures) and all(m.new for m in measures)))
        shown.append(DimensionShown(dimension, area_rows))
    return shown


def areas() -> QuerySet[PriorityArea]:
    return PriorityArea.objects.select_related("dimension").order_by("dimension__number", "number")


def area_by_label(label: str) -> PriorityArea | None:
    """The priority area "2.3" (dimension 2, area 3)."""
    dimension, _dot, number = (label or "").strip().partition(".")
    if not (dimension.isdigit() and number.isdigit()):
        return None
    return areas().filter(dimension__number=int(dimension), number=int(number)).first()


# The catalogue: changes -----------------------------------------------------------------------------------------------


@transaction.atomic
def add_area(user: User, dimension: Dimension, *, names: dict) -> PriorityArea:
    """The next priority area of ``dimension``."""
    check_keeps_cbms(user)
    dimension = Dimension.objects.select_for_update().get(pk=dimension.pk)
    number = (dimension.areas.aggregate(last=Max("number"))["last"] or 0) + 1
    return PriorityArea.objects.create(dimension=dimension, number=number,
                                       names=clean_names(names, _("the priority area"), "names"))


@transaction.atomic
def add_measure(user: User, area: PriorityArea, *, texts: dict, versions: list[CatalogueVersion] = ()) -> Measure:
    """The next measure of ``area``, in ``versions`` (none of them adopted yet)."""
    check_keeps_cbms(user)
    for version in versions:
        if adoption_of(version).adopted:
            raise CbmRefused(_("the catalogue %(version)s is adopted and no longer changes: add the measure to a new "
                               "version") % {"version": version.label}, "versions")
    area = PriorityArea.objects.select_for_update().get(pk=area.pk)
    number = (area.measures.aggregate(last=Max("number"))["last"] or 0) + 1
    measure = Measure.objects.create(area=area, number=number,
                                     texts=clean_names(texts, _("the measure"), "texts", MAX_TEXT))
    for version in versions:
        version.measures.add(measure)
    return measure


@transaction.atomic
def appoint(user: User, area: PriorityArea, state: State, *, role: str, start: dt.date,
            end: dt.date | None = None) -> Coordination:
    """``state`` coordinates (``role`` coordinator) or co-coordinates ``area`` from ``start`` until ``end``."""
    check_keeps_cbms(user)
    if role not in dict(Coordination.ROLES):
        raise CbmRefused(_("unknown role '%(role)s'") % {"role": role}, "role")
    if end is not None and end < start:
        raise CbmRefused(_("the term ends on %(end)s, before it starts on %(start)s")
                         % {"end": _shown(end), "start": _shown(start)}, "end")
    if not _member_on(state, start):
        raise CbmRefused(_("%(state)s is not a Member State on %(day)s: only Member States coordinate measures")
                         % {"state": state.name(_language()), "day": _shown(start)}, "state")
    area = PriorityArea.objects.select_for_update().get(pk=area.pk)
    overlapping = area.coordinations.filter(start__lte=end or dt.date.max).exclude(end__lt=start)
    if overlapping.filter(state=state).exists():
        raise CbmRefused(_("%(state)s already holds a term on this priority area then")
                         % {"state": state.name(_language())}, "state")
    if role == Coordination.COORDINATOR:
        current = overlapping.filter(role=Coordination.COORDINATOR).select_related("state").first()
        if current is not None:
            raise CbmRefused(_("%(state)s coordinates this priority area then: end its term first")
                             % {"state": current.state.name(_language())}, "role")
    return Coordination.objects.create(area=area, state=state, role=role, start=start, end=end)


@transaction.atomic
def end_term(user: User, coordination: Coordination, *, end: dt.date) -> Coordination:
    """Close an open term on ``end``."""
    check_keeps_cbms(user)
    coordination = Coordination.objects.select_for_update().get(pk=coordination.pk)
    if coordination.end is not None:
        raise CbmRefused(_("this term already ended on %(end)s") % {"end": _shown(coordination.end)}, "end")
    if end < coordination.start:
        raise CbmRefused(_("the term ends on %(end)s, before it starts on %(start)s")
                         % {"end": _shown(end), "start": _shown(coordination.start)}, "end")
    coordination.end = end
    coordination.save(update_fields=["end"])
    return coordination


@transaction.atomic
def add_version(user: User, *, label: str, measures=None, adopted_on: dt.date | None = None,
                decision: Revision | None = None, reference: str = "") -> CatalogueVersion:
    """The next version of the catalogue, holding ``measures`` (by default, those of the version before), adopted
    on ``adopted_on`` (None while its decision is a draft) by ``decision`` or the decision named in ``reference``."""
    check_keeps_cbms(user)
    label = " ".join((label or "").split())
    if not label or len(label) > 100:
        raise CbmRefused(_("give the version a label of at most 100 characters"), "label")
    if CatalogueVersion.objects.filter(label=label).exists():
        raise CbmRefused(_("there is already a version %(label)s") % {"label": label}, "label")
    if adopted_on is not None and adopted_on > timezone.localdate():
        raise CbmRefused(_("an adoption is recorded once it has happened, not for %(day)s")
                         % {"day": _shown(adopted_on)}, "adopted_on")
    last = CatalogueVersion.objects.select_for_update().order_by("-number").first()
    version = CatalogueVersion.objects.create(number=(last.number + 1) if last else 1, label=label,
                                              adopted_on=adopted_on, decision=decision,
                                              reference=_reference(reference, "reference"))
    if measures is None and last is not None:
        measures = last.measures.all()
    version.measures.set(list(measures or []))
    return version


# Plans: reading -------------------------------------------------------------------------------------------------------


def plans() -> QuerySet[Plan]:
    return Plan.objects.select_related("approval").order_by("year")


def event_rows() -> QuerySet[PlanEvent]:
    """Events with what the pages, the API and the exports show of them."""
    return PlanEvent.objects.select_related("plan", "area__dimension", "organizer", "report").order_by(
        "start", "area__dimension__number", "area__number", "pk")


@dataclass(frozen=True)
class EventFilter:
    """A selection of events: of one plan's year, one dimension, one organizing State, one status (None: any)."""

    year: int | None = None
    dimension: Dimension | None = None
    state: State | None = None
    status: str | None = None

    def apply(self, events: QuerySet[PlanEvent]) -> QuerySet[PlanEvent]:
        if self.year is not None:
            events = events.filter(plan__year=self.year)
        if self.dimension is not None:
            events = events.filter(area__dimension=self.dimension)
        if self.state is not None:
            events = events.filter(organizer=self.state)
        if self.status:
            events = events.filter(status=self.status)
        return events


def plan_events(plan: Plan, selection: EventFilter = EventFilter()) -> QuerySet[PlanEvent]:
    """The events of ``plan`` in ``selection``, first day first."""
    return selection.apply(event_rows().filter(plan=plan))


# Plans: changes -------------------------------------------------------------------------------------------------------


def create_plan(user: User, *, year: int) -> Plan:
    """The (empty) plan for ``year``."""
    check_keeps_cbms(user)
    if not 1900 <= year <= 2999:
        raise CbmRefused(_("%(year)s is not a year") % {"year": year}, "year")
    if Plan.objects.filter(year=year).exists():
        raise CbmRefused(_("there is already a plan for %(year)s") % {"year": year}, "year")
    return Plan.objects.create(year=year)


@transaction.atomic
def add_event(user: User, plan: Plan, *, area: PriorityArea, kind: str, titles: dict, organizer: State,
              start: dt.date, end: dt.date | None = None, venue: dict | None = None) -> PlanEvent:
    """A planned event of ``plan`` in ``area``, organised by ``organizer`` from ``start`` to ``end`` (the same day
    when None) at ``venue`` (the city per language; may be left out while it is not known)."""
    check_keeps_cbms(user)
    end = end or start
    if kind not in dict(PlanEvent.KINDS):
        raise CbmRefused(_("unknown kind of event '%(kind)s'") % {"kind": kind}, "kind")
    if start.year != plan.year:
        raise CbmRefused(_("an event of the plan for %(year)s starts in %(year)s, not on %(start)s")
                         % {"year": plan.year, "start": _shown(start)}, "start")
    if end < start:
        raise CbmRefused(_("the event ends on %(end)s, before it starts on %(start)s")
                         % {"end": _shown(end), "start": _shown(start)}, "end")
    if not _member_on(organizer, start):
        raise CbmRefused(_("%(state)s is not a Member State on %(day)s: events are organised by Member States")
                         % {"state": organizer.name(_language()), "day": _shown(start)}, "organizer")
    return PlanEvent.objects.create(
        plan=plan, area=area, kind=kind, titles=clean_names(titles, _("the title"), "titles"), organizer=organizer,
        start=start, end=end, venue=_optional_names(venue, _("the venue"), "venue"), status=PlanEvent.PLANNED,
    )


@transaction.atomic
def change_status(user: User, event: PlanEvent, *, status: str, report: Revision | None = None,
                  report_note: str = "", today: dt.date | None = None) -> PlanEvent:
    """Mark ``event`` planned, held, postponed or cancelled; a held event may be given its report (a revision Accord
    holds, or a note: where the report was published, what it concluded)."""
    check_keeps_cbms(user)
    today = today or timezone.localdate()
    event = PlanEvent.objects.select_for_update().select_related("plan").get(pk=event.pk)
    if status not in STATUS_WORDS:
        raise CbmRefused(_("unknown status '%(status)s'") % {"status": status}, "status")
    report_note = (report_note or "").strip()
    if len(report_note) > MAX_TEXT:
        raise CbmRefused(_("the report's note is longer than %(limit)d characters") % {"limit": MAX_TEXT},
                         "report_note")
    gives_report = report is not None or bool(report_note)
    if status != PlanEvent.HELD and gives_report:
        raise CbmRefused(_("only an event that was held has a report"), "report")
    if event.status == PlanEvent.HELD and status != PlanEvent.HELD:
        raise CbmRefused(_("the event was held: it can no longer be %(status)s") % {"status": STATUS_WORDS[status]},
                         "status")
    if status == PlanEvent.HELD and event.start > today:
        raise CbmRefused(_("an event is marked held once it has begun, not before %(start)s")
                         % {"start": _shown(event.start)}, "status")
    if status == event.status and not gives_report:
        raise CbmRefused(_("the event is already %(status)s") % {"status": STATUS_WORDS[status]}, "status")
    event.status = status
    if gives_report:
        event.report = report
        event.report_note = report_note
    event.save(update_fields=["status", "report", "report_note"])
    return event


@transaction.atomic
def approve_plan(user: User, plan: Plan, *, on: dt.date, decision: Revision | None = None, reference: str = "",
                 today: dt.date | None = None) -> Plan:
    """Record that the Senior Officials Committee approved ``plan`` on ``on`` by ``decision`` (the revision of its
    decision, when Accord holds it) or the decision named in ``reference``."""
    check_keeps_cbms(user)
    today = today or timezone.localdate()
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_approved:
        raise CbmRefused(_("the plan for %(year)s was already approved on %(day)s")
                         % {"year": plan.year, "day": _shown(plan.approved_by_soc_on)}, "approved_on")
    if on > today:
        raise CbmRefused(_("an approval is recorded once it has happened, not for %(day)s") % {"day": _shown(on)},
                         "approved_on")
    reference = _reference(reference, "reference")
    if decision is None and not reference:
        raise CbmRefused(_("name the SOC's decision: its document, or a reference in words"), "decision")
    if decision is not None:
        body = decision.document.body
        if body is not None and body.symbol_prefix != APPROVING_BODY:
            raise CbmRefused(_("%(symbol)s is a document of the %(body)s, not of the Senior Officials Committee")
                             % {"symbol": decision.symbol, "body": body.name(_language())}, "decision")
    plan.approved_by_soc_on = on
    plan.approval = decision
    plan.approval_reference = reference
    plan.save(update_fields=["approved_by_soc_on", "approval", "approval_reference"])
    return plan


# The dashboard --------------------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One line of a dashboard table: what it counts (a dimension, a State, a year), events by status, the total."""

    key: object
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Dashboard:
    statuses: list[str]
    by_dimension: list[Row] = field(default_factory=list)
    by_state: list[Row] = field(default_factory=list)
    by_year: list[Row] = field(default_factory=list)
    totals: Row | None = None


def dashboard(selection: EventFilter, language: str) -> Dashboard:
    """The events in ``selection`` counted by status: per dimension (every dimension, or the one selected), per
    organizing State (those organising any, alphabetically in ``language``) and per plan year (every plan, or the
    year selected)."""
    statuses = [code for code, _label in PlanEvent.STATUSES]
    events = selection.apply(PlanEvent.objects.all())

    def counted(key: str) -> dict[object, dict[str, int]]:
        table: dict[object, dict[str, int]] = {}
        for entry in events.values(key, "status").annotate(n=Count("pk")).order_by():
            table.setdefault(entry[key], dict.fromkeys(statuses, 0))[entry["status"]] = entry["n"]
        return table

    def row(key, counts) -> Row:
        return Row(key, counts or dict.fromkeys(statuses, 0))

    per_dimension = counted("area__dimension")
    dimensions = [selection.dimension] if selection.dimension else list(Dimension.objects.order_by("number"))
    per_state = counted("organizer")
    states = sorted_states(State.objects.filter(pk__in=per_state), language)
    per_year = counted("plan__year")
    years = [selection.year] if selection.year is not None else list(plans().values_list("year", flat=True))
    totals = Counter()
    for counts in per_dimension.values():
        totals.update(counts)
    return Dashboard(
        statuses=statuses,
        by_dimension=[row(d, per_dimension.get(d.pk)) for d in dimensions],
        by_state=[row(s, per_state[s.pk]) for s in states],
        by_year=[row(y, per_year.get(y)) for y in years],
        totals=row(None, {status: totals[status] for status in statuses}),
    )
