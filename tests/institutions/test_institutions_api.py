"""The catalogue and the plans through the REST API, as a client with a token from `accord token` uses them: every
user reads the catalogue, a plan and its dashboard; the secretariat adds events and changes their status; the other
roles get 403, a client without credentials 401, input the forum does not accept 422 naming the field, and nothing is
written then."""

import pytest

from accord.institutions.models import PlanEvent
from institutions_helpers import event
from json_errors import assert_json_error

NEW_EVENT = {
    "area": "2.3",
    "kind": "workshop",
    "titles": {"en": "Workshop on cyber hygiene", "ru": "Семинар-практикум по кибергигиене"},
    "organizer": "KZ",
    "start": "2021-12-14",
    "end": "2021-12-15",
    "venue": {"en": "Online"},
}


def test_every_user_reads_the_catalogue_with_what_its_version_adds(api, demo):
    response = api("observer-tm").get("/catalogue", lang="ru")
    assert response.status_code == 200
    catalogue = response.json()
    assert catalogue["version"] == {"number": 2, "label": "2021", "adopted_on": None, "decision": "MM/2021/DRAFT/3",
                                    "reference": catalogue["version"]["reference"], "measures": 15}
    assert [v["label"] for v in catalogue["versions"]] == ["2004", "2021"]
    assert catalogue["versions"][0]["adopted_on"] == "2004-10-22"
    assert [d["name"] for d in catalogue["dimensions"]] == [
        "Военно-политическое измерение", "Новые вызовы и угрозы", "Экономическое измерение",
        "Экологическое измерение", "Человеческое измерение"]
    areas = {area["label"]: area for d in catalogue["dimensions"] for area in d["areas"]}
    (measure,) = areas["5.3"]["measures"]
    assert measure["label"] == "5.3.1" and measure["new"] is True
    assert measure["text"].startswith("Сотрудничество в сфере эпидемиологической безопасности")
    assert areas["2.2"]["coordinators"][0] == {"state": "AF", "state_name": "Афганистан", "role": "coordinator",
                                               "start": "2018-01-01", "end": "2020-12-31"}

    first = api("delegate-ru").get("/catalogue", version=1).json()
    assert first["version"]["label"] == "2004"
    assert "5.3" not in {area["label"] for d in first["dimensions"] for area in d["areas"]}
    assert_json_error(api("delegate-ru").get("/catalogue", version=7), 404)


def test_every_user_reads_a_plan_with_its_events(api, plan):
    response = api("delegate-ru").get("/plans/2021")
    assert response.status_code == 200
    body = response.json()
    assert (body["year"], body["approved_by_soc_on"], body["approval"]) == (2021, "2021-02-25", None)
    assert len(body["events"]) == 14
    workshop = next(e for e in body["events"] if e["titles"]["en"].startswith("Workshop on responding to mudflows"))
    assert {key: workshop[key] for key in ("area", "dimension", "kind", "organizer", "start", "end", "venue",
                                           "status")} == {
        "area": "4.1", "dimension": 4, "kind": "workshop", "organizer": "KG", "start": "2021-06-22",
        "end": "2021-06-23", "venue": "Bishkek", "status": "held"}
    assert workshop["report_note"].startswith("Report of the organizer")

    held_economic = api("delegate-ru").get("/plans/2021", dimension=3, status="held").json()["events"]
    assert [e["organizer"] for e in held_economic] == ["TR"]
    assert [e["organizer"] for e in api("delegate-ru").get("/plans/2021", state="qa").json()["events"]] == ["QA"]
    assert assert_json_error(api("delegate-ru").get("/plans/2021", state="XX"), 422) == "state: no State with the code 'XX'"
    assert_json_error(api("delegate-ru").get("/plans/2021", status="finished"), 422)
    assert_json_error(api("delegate-ru").get("/plans/1999"), 404)
    assert_json_error(api(None).get("/plans/2021"), 401)


def test_the_secretariat_adds_an_event_and_marks_another_held(api, plan):
    officer = api("officer")
    response = officer.post("/plans/2021/events", NEW_EVENT)
    assert response.status_code == 201, response.content
    added = response.json()
    assert (added["area"], added["organizer"], added["status"], added["venue"]) == ("2.3", "KZ", "planned", "Online")
    assert PlanEvent.objects.get(pk=added["id"]).titles == NEW_EVENT["titles"]

    seminar = event("Seminar on combating desertification")
    response = officer.post(f"/plans/2021/events/{seminar.pk}/status",
                            {"status": "held", "report": "ММ/2021/DRAFT/3", "report_note": "Circulated."})
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["report"]) == ("held", "MM/2021/DRAFT/3")

    board = api("delegate-ru").get("/plans/2021/dashboard", dimension=4).json()
    assert board["by_dimension"] == [{"key": "4", "name": "Environmental dimension",
                                      "counts": {"planned": 0, "held": 2, "postponed": 0, "cancelled": 0},
                                      "total": 2}]
    assert board["totals"]["total"] == 2


@pytest.mark.parametrize("change, detail", [
    ({"start": "2022-01-10", "end": None}, "start: an event of the plan for 2021 starts in 2021, not on 10 January"),
    ({"organizer": "TM"}, "organizer: Turkmenistan is not a Member State on 14 December 2021"),
    ({"organizer": "ZZ"}, "organizer: no State with the code 'ZZ'"),
    ({"area": "9.9"}, "area: no priority area '9.9'"),
    ({"titles": {}}, "titles: the title: give it in at least one language"),
])
def test_an_event_the_forum_cannot_accept_answers_422_naming_the_field(api, plan, change, detail):
    response = api("officer").post("/plans/2021/events", {**NEW_EVENT, **change})
    assert assert_json_error(response, 422).startswith(detail)
    assert PlanEvent.objects.count() == 18


@pytest.mark.parametrize("username", ["chair", "delegate-ru", "observer-tm", "translator"])
def test_only_the_secretariat_changes_a_plan_through_the_api(api, plan, username):
    seminar = event("Seminar on combating desertification")
    client = api(username)
    assert "only the secretariat" in assert_json_error(client.post("/plans/2021/events", NEW_EVENT), 403)
    assert "only the secretariat" in assert_json_error(
        client.post(f"/plans/2021/events/{seminar.pk}/status", {"status": "held"}), 403)
    seminar.refresh_from_db()
    assert seminar.status == "planned" and PlanEvent.objects.count() == 18


def test_a_status_change_refused_answers_422(api, plan):
    officer = api("officer")
    cancelled = event("Experts meeting on the security of energy infrastructure")
    detail = assert_json_error(officer.post(f"/plans/2021/events/{cancelled.pk}/status", {"status": "cancelled"}), 422)
    assert detail == "status: the event is already cancelled"
    detail = assert_json_error(officer.post(f"/plans/2021/events/{cancelled.pk}/status",
                                     {"status": "planned", "report_note": "Minutes"}), 422)
    assert detail == "report: only an event that was held has a report"
    assert_json_error(officer.post(f"/plans/2021/events/{cancelled.pk}/status", {"status": "finished"}), 422)
    assert_json_error(officer.post(f"/plans/2020/events/{cancelled.pk}/status", {"status": "planned"}), 404)
    assert_json_error(officer.post(f"/plans/2021/events/{cancelled.pk}/status",
                            {"status": "held", "report": "NO/SUCH/1"}), 422)
    cancelled.refresh_from_db()
    assert cancelled.status == "cancelled"


def test_the_dashboard_counts_a_plans_events(api, plan):
    board = api("observer-tm").get("/plans/2021/dashboard", lang="ru").json()
    assert board["statuses"] == ["planned", "held", "postponed", "cancelled"]
    assert [row["key"] for row in board["by_dimension"]] == ["1", "2", "3", "4", "5"]
    assert board["by_dimension"][2]["counts"] == {"planned": 2, "held": 1, "postponed": 0, "cancelled": 1}
    assert [row["name"] for row in board["by_state"]][:3] == ["Азербайджан", "Индия", "Казахстан"]
    assert board["totals"] == {"key": "total", "name": "", "total": 14,
                               "counts": {"planned": 7, "held": 5, "postponed": 1, "cancelled": 1}}
    assert_json_error(api("observer-tm").get("/plans/2021/dashboard", dimension=8), 422)
