"""The catalogue of confidence building measures and the Plans on Implementation, as the services keep them: the
demo as loaded, who may change what, what the forum refuses (one line, nothing written), the versions of the
catalogue and their adoption, and the dashboard's counts."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import override

from accord.documents.models import Revision
from accord.institutions import cbm
from accord.institutions.demo import load_demo
from accord.institutions.models import (
    CatalogueVersion,
    Coordination,
    Dimension,
    Measure,
    Plan,
    PlanEvent,
    PriorityArea,
)
from accord.negotiation import consensus
from accord.registry.models import State
from institutions_helpers import event

NEW_EVENT = {
    "kind": PlanEvent.WORKSHOP,
    "titles": {"en": "Workshop on cyber hygiene", "ru": "Семинар-практикум по кибергигиене"},
    "start": dt.date(2021, 12, 14),
    "end": dt.date(2021, 12, 15),
    "venue": {"en": "Online", "ru": "Онлайн"},
}


def state(code: str) -> State:
    return State.objects.get(code=code)


def area(label: str) -> PriorityArea:
    return cbm.area_by_label(label)


def everything() -> tuple:
    return tuple(model.objects.count() for model in (Dimension, PriorityArea, Measure, Coordination,
                                                      CatalogueVersion, Plan, PlanEvent))


def test_the_demo_has_the_five_dimensions_in_three_languages_and_loads_once(demo, officer):
    dimensions = Dimension.objects.order_by("number")
    assert [d.name("en") for d in dimensions] == [
        "Military-political dimension", "New challenges and threats", "Economic dimension",
        "Environmental dimension", "Human dimension"]
    assert dimensions[1].name("ru") == "Новые вызовы и угрозы"
    assert dimensions[4].name("kk") == "Адами өлшем"
    before = everything()
    assert before == (5, 14, 15, 29, 2, 2, 18)

    load_demo(officer)

    assert everything() == before
    plan = Plan.objects.get(year=2021)
    assert plan.approved_by_soc_on == dt.date(2021, 2, 25) and "Senior Officials Committee" in plan.approval_reference
    assert plan.events.count() == 14
    assert set(plan.events.values_list("status", flat=True)) == {"planned", "held", "postponed", "cancelled"}
    assert {e.area.dimension.number for e in plan.events.select_related("area__dimension")} == {1, 2, 3, 4, 5}


def test_every_area_has_a_coordinator_and_a_co_coordinator_among_the_member_states(demo):
    on = dt.date(2021, 8, 26)
    for priority_area in PriorityArea.objects.all():
        terms = [c for c in priority_area.coordinations.select_related("state") if c.in_force_on(on)]
        roles = sorted(c.role for c in terms)
        assert roles == ["co_coordinator", "coordinator"] or priority_area.label == "5.3", priority_area
        assert all(c.state.membership_on(c.start).status == "member" for c in terms)
    terms = area("2.2").coordinations.filter(role="coordinator").order_by("start")
    assert [(c.state.code, c.start, c.end) for c in terms] == [
        ("AF", dt.date(2018, 1, 1), dt.date(2020, 12, 31)), ("TJ", dt.date(2021, 1, 1), None)]


@pytest.mark.parametrize("username", ["chair", "delegate-ru", "observer-tm", "translator", "reviser"])
def test_only_the_secretariat_changes_the_catalogue_and_the_plans(users, plan, username):
    user = users[username]
    before = everything()
    attempts = [
        lambda: cbm.add_event(user, plan, area=area("2.3"), organizer=state("RU"), **NEW_EVENT),
        lambda: cbm.change_status(user, event("Seminar on combating desertification"), status="held"),
        lambda: cbm.approve_plan(user, plan, on=dt.date(2021, 3, 1), reference="SOC"),
        lambda: cbm.create_plan(user, year=2022),
        lambda: cbm.add_measure(user, area("2.3"), texts={"en": "A measure"}),
        lambda: cbm.appoint(user, area("2.3"), state("IN"), role="co_coordinator", start=dt.date(2021, 1, 1)),
        lambda: cbm.add_version(user, label="2023"),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionDenied, match="only the secretariat keeps the catalogue"):
            attempt()
    assert everything() == before


def test_the_secretariat_adds_an_event_to_the_plan(officer, plan):
    added = cbm.add_event(officer, plan, area=area("2.3"), organizer=state("RU"), **NEW_EVENT)

    assert added.status == PlanEvent.PLANNED and added.plan == plan
    assert added.titles == NEW_EVENT["titles"] and added.title("kk") == "Workshop on cyber hygiene"
    assert added.venue_name("ru") == "Онлайн"
    assert list(cbm.plan_events(plan, cbm.EventFilter(state=state("RU")))).count(added) == 1


@pytest.mark.parametrize("change, field, message", [
    ({"start": dt.date(2022, 1, 10), "end": None}, "start", "an event of the plan for 2021 starts in 2021"),
    ({"end": dt.date(2021, 12, 1)}, "end", "the event ends on 1 December 2021, before it starts on 14 December"),
    ({"organizer": "TM"}, "organizer", "Turkmenistan is not a Member State on 14 December 2021"),
    ({"organizer": "KW"}, "organizer", "Kuwait is not a Member State on 14 December 2021"),
    ({"titles": {"en": "  ", "ru": ""}}, "titles", "the title: give it in at least one language"),
    ({"titles": {"xx": "Title"}}, "titles", "unknown language 'xx'"),
    ({"kind": "banquet"}, "kind", "unknown kind of event 'banquet'"),
])
def test_an_event_the_forum_cannot_accept_is_refused_in_one_line_and_not_written(officer, plan, change, field,
                                                                                 message):
    values = {**NEW_EVENT, "organizer": "RU", **change}
    values["organizer"] = state(values["organizer"])
    before = everything()
    with pytest.raises(cbm.CbmRefused, match=message) as refusal:
        cbm.add_event(officer, plan, area=area("2.3"), **values)
    assert refusal.value.field == field and "\n" not in str(refusal.value)
    assert everything() == before


def test_an_event_is_held_once_it_has_begun_and_stays_held(officer, plan):
    seminar = event("Seminar on combating desertification")  # 26 October 2021, planned
    with pytest.raises(cbm.CbmRefused, match="marked held once it has begun, not before 26 October 2021"):
        cbm.change_status(officer, seminar, status="held", today=dt.date(2021, 8, 26))
    with pytest.raises(cbm.CbmRefused, match="only an event that was held has a report"):
        cbm.change_status(officer, seminar, status="postponed", report_note="Report")
    with pytest.raises(cbm.CbmRefused, match="the event is already planned"):
        cbm.change_status(officer, seminar, status="planned")

    held = cbm.change_status(officer, seminar, status="held", report_note="Conclusions circulated.")
    assert (held.status, held.report_note) == ("held", "Conclusions circulated.")
    with pytest.raises(cbm.CbmRefused, match="the event was held: it can no longer be cancelled"):
        cbm.change_status(officer, seminar, status="cancelled")
    report = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    again = cbm.change_status(officer, seminar, status="held", report=report)
    assert again.report == report and again.report_note == ""
    postponed = cbm.change_status(officer, event("Seminar on combating illicit drug trafficking"), status="planned")
    assert postponed.status == "planned"


def test_the_soc_approves_a_plan_once_by_a_decision_named(officer, plan):
    with pytest.raises(cbm.CbmRefused, match="the plan for 2021 was already approved on 25 February 2021"):
        cbm.approve_plan(officer, plan, on=dt.date(2021, 3, 1), reference="SOC decision")

    next_plan = cbm.create_plan(officer, year=2022)
    with pytest.raises(cbm.CbmRefused, match="there is already a plan for 2022"):
        cbm.create_plan(officer, year=2022)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(cbm.CbmRefused, match="an approval is recorded once it has happened"):
        cbm.approve_plan(officer, next_plan, on=tomorrow, reference="SOC decision")
    with pytest.raises(cbm.CbmRefused, match="name the SOC's decision"):
        cbm.approve_plan(officer, next_plan, on=dt.date(2022, 2, 1), reference="  ")
    draft = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    with pytest.raises(cbm.CbmRefused, match="MM/2021/DRAFT/3 is a document of the Meeting of Ministers of Foreign "
                                              "Affairs, not of the Senior Officials Committee"):
        cbm.approve_plan(officer, next_plan, on=dt.date(2022, 2, 1), decision=draft)
    next_plan.refresh_from_db()
    assert not next_plan.is_approved

    approved = cbm.approve_plan(officer, next_plan, on=dt.date(2022, 2, 1), reference=" SOC  decision of 1 February ")
    assert (approved.approved_by_soc_on, approved.approval, approved.approval_reference) == (
        dt.date(2022, 2, 1), None, "SOC decision of 1 February")


def test_the_updated_catalogue_shows_the_measures_it_adds_as_new(demo):
    first, updated = CatalogueVersion.objects.order_by("number")
    assert (first.label, updated.label) == ("2004", "2021")
    assert updated.decision.symbol == "MM/2021/DRAFT/3"

    shown = {row.area.label: row for d in cbm.catalogue(updated) for row in d.areas}
    assert {m.measure.label for row in shown.values() for m in row.measures if m.new} == {"2.3.2", "5.3.1"}
    assert shown["5.3"].new and not shown["2.3"].new
    assert shown["5.3"].measures[0].measure.text("en").startswith("Cooperation in epidemiological safety")
    assert [c.state.code for c in shown["5.3"].coordinators] == ["KZ"]

    before = {row.area.label: row for d in cbm.catalogue(first) for row in d.areas}
    assert "5.3" not in before and len(before) == 13
    assert not any(m.new for row in before.values() for m in row.measures)  # the first version: nothing before it
    every = {row.area.label for d in cbm.catalogue(None) for row in d.areas}
    assert len(every) == 14


def test_the_updated_catalogue_is_adopted_with_the_declaration_that_adopts_it(demo, users, officer):
    updated = CatalogueVersion.objects.get(label="2021")
    first = CatalogueVersion.objects.get(label="2004")
    assert cbm.adoption_of(first).date == dt.date(2004, 10, 22)
    assert not cbm.adoption_of(updated).adopted
    cbm.add_measure(officer, area("1.1"), texts={"en": "Notification of troop movements"}, versions=[updated])
    assert updated.measures.filter(texts__en="Notification of troop movements").exists()

    today = timezone.localdate()
    consensus.adopt_at_meeting(updated.decision, users["chair"], meeting="Sixth CICA Ministerial Meeting",
                               date=today)

    adoption = cbm.adoption_of(updated)
    assert (adoption.date, adoption.revision) == (today, updated.decision)
    with pytest.raises(cbm.CbmRefused, match="the catalogue 2021 is adopted and no longer changes"):
        cbm.add_measure(officer, area("1.1"), texts={"en": "Another measure"}, versions=[updated])
    newer = cbm.add_version(officer, label="2023", reference="Decision of the Summit")
    assert newer.number == 3 and set(newer.measures.all()) == set(updated.measures.all())


def test_coordinators_are_member_states_one_coordinator_at_a_time(officer, demo):
    ict = area("2.3")
    with pytest.raises(cbm.CbmRefused, match="Turkmenistan is not a Member State on 1 January 2022"):
        cbm.appoint(officer, ict, state("TM"), role="co_coordinator", start=dt.date(2022, 1, 1))
    with pytest.raises(cbm.CbmRefused, match="Russia coordinates this priority area then: end its term first"):
        cbm.appoint(officer, ict, state("IN"), role="coordinator", start=dt.date(2022, 1, 1))
    with pytest.raises(cbm.CbmRefused, match="Cambodia already holds a term on this priority area then"):
        cbm.appoint(officer, ict, state("KH"), role="coordinator", start=dt.date(2022, 1, 1))

    russia = cbm.end_term(officer, ict.coordinations.get(state__code="RU"), end=dt.date(2021, 12, 31))
    with pytest.raises(cbm.CbmRefused, match="this term already ended on 31 December 2021"):
        cbm.end_term(officer, russia, end=dt.date(2022, 12, 31))
    india = cbm.appoint(officer, ict, state("IN"), role="coordinator", start=dt.date(2022, 1, 1))
    second = cbm.appoint(officer, ict, state("LK"), role="co_coordinator", start=dt.date(2022, 1, 1))
    assert [c.state.code for c in ict.coordinations.filter(role="coordinator").order_by("start")] == ["RU", "IN"]
    assert india.in_force_on(dt.date(2022, 6, 1)) and not russia.in_force_on(dt.date(2022, 6, 1))
    assert second.role == "co_coordinator"


def test_the_dashboard_counts_by_dimension_status_state_and_year(officer, plan):
    with override("ru"):
        board = cbm.dashboard(cbm.EventFilter(year=2021), "ru")
    by_dimension = {row.key.number: row.counts for row in board.by_dimension}
    assert by_dimension[2] == {"planned": 1, "held": 1, "postponed": 1, "cancelled": 0}
    assert by_dimension[3] == {"planned": 2, "held": 1, "postponed": 0, "cancelled": 1}
    assert board.totals.counts == {"planned": 7, "held": 5, "postponed": 1, "cancelled": 1}
    assert board.totals.total == 14
    names = [row.key.name("ru") for row in board.by_state]
    assert names[:3] == ["Азербайджан", "Индия", "Казахстан"] and names == sorted(names)
    assert {row.key.code: row.total for row in board.by_state}["KZ"] == 3
    assert [(row.key, row.total) for row in board.by_year] == [(2021, 14)]

    economic = cbm.dashboard(cbm.EventFilter(year=2021, dimension=Dimension.objects.get(number=3)), "en")
    assert [row.key.number for row in economic.by_dimension] == [3]
    assert economic.totals.total == 4
    assert [row.key.code for row in economic.by_state] == ["AZ", "QA", "KR", "TR"]

    cbm.add_event(officer, plan, area=area("3.1"), organizer=state("TR"), **NEW_EVENT)
    cbm.change_status(officer, event("Workshop on the security of transport corridors"), status="held")
    economic = cbm.dashboard(cbm.EventFilter(year=2021, dimension=Dimension.objects.get(number=3)), "en")
    assert economic.by_dimension[0].counts == {"planned": 2, "held": 2, "postponed": 0, "cancelled": 1}
    assert economic.totals.total == 5

    every_year = cbm.dashboard(cbm.EventFilter(), "en")
    assert [(row.key, row.total) for row in every_year.by_year] == [(2020, 4), (2021, 15)]
    assert every_year.totals.total == 19
