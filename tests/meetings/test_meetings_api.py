"""The meetings through the REST API, as a client with a token from `accord token` uses them: every user reads the
meetings and the bodies; the secretariat schedules a meeting and sets its agenda; the other roles get 403, a client
without credentials 401, input the forum does not accept 422 naming the field, and nothing is written then."""

import pytest

from accord.meetings.models import AgendaItem, Meeting
from json_errors import assert_json_error

SOC_MEETING = {
    "body": "SOC",
    "start": "2021-10-05",
    "end": "2021-10-06",
    "venue": {"en": "Almaty", "ru": "Алматы", "kk": "Алматы"},
    "chair": "KZ",
}


def written() -> tuple[int, int]:
    return Meeting.objects.count(), AgendaItem.objects.count()


def test_every_user_lists_the_meetings_with_their_body_dates_venue_and_chair(api, swg):
    response = api("observer-tm").get("/meetings")
    assert response.status_code == 200
    assert response.json()["count"] == 1
    (meeting,) = response.json()["items"]
    assert meeting == {
        "id": swg.pk, "body": "SWG", "body_name": "Special Working Group", "body_abbreviation": "SWG",
        "start": "2021-09-14", "end": "2021-09-15", "venue": "Nur-Sultan",
        "venues": {"en": "Nur-Sultan", "ru": "Нур-Султан", "kk": "Нұр-Сұлтан"},
        "chair": "KZ", "chair_name": "Kazakhstan", "agenda_items": 1,
    }


@pytest.mark.parametrize(("query", "found"), [
    ({"body": "SWG"}, 1), ({"body": "swg"}, 1), ({"body": "MM"}, 0),
    ({"year": 2021}, 1), ({"year": 2022}, 0), ({"body": "SWG", "year": 2021}, 1),
])
def test_the_list_filters_by_body_and_year(api, swg, query, found):
    assert api("delegate-ru").get("/meetings", **query).json()["count"] == found


def test_a_meeting_comes_with_its_agenda_in_the_language_asked_for(api, swg, draft):
    response = api("delegate-kz").get(f"/meetings/{swg.pk}", lang="ru")
    assert response.status_code == 200
    meeting = response.json()
    assert (meeting["body_name"], meeting["body_abbreviation"], meeting["venue"], meeting["chair_name"]) == (
        "Специальная рабочая группа", "СРГ", "Нур-Султан", "Казахстан")
    (item,) = meeting["agenda"]
    assert item["number"] == 1 and item["revision_id"] == draft.pk and item["symbol"] == "MM/2021/DRAFT/3"
    assert item["title"] == "Проект декларации шестой Встречи министров иностранных дел СВМДА"
    assert set(item["titles"]) == {"en", "ru", "kk"}


def test_the_secretariat_schedules_a_meeting_and_puts_the_draft_on_its_agenda(api, draft):
    officer = api("officer")
    response = officer.post("/meetings", SOC_MEETING)
    assert response.status_code == 201, response.content
    meeting = response.json()
    assert (meeting["body"], meeting["start"], meeting["end"], meeting["chair"], meeting["agenda"]) == (
        "SOC", "2021-10-05", "2021-10-06", "KZ", [])

    # The symbol as the Russian seed types it, with Cyrillic М: the same revision.
    response = officer.post(f"/meetings/{meeting['id']}/agenda",
                            {"titles": {"en": "Draft declaration"}, "revision": "ММ/2021/DRAFT/3"})
    assert response.status_code == 201, response.content
    assert response.json() == {"number": 1, "title": "Draft declaration", "titles": {"en": "Draft declaration"},
                               "revision_id": draft.pk, "symbol": "MM/2021/DRAFT/3"}
    response = officer.post(f"/meetings/{meeting['id']}/agenda", {"titles": {"en": "Any other business"}})
    assert response.status_code == 201 and response.json()["number"] == 2 and response.json()["symbol"] is None
    assert [item["number"] for item in officer.get(f"/meetings/{meeting['id']}").json()["agenda"]] == [1, 2]


@pytest.mark.parametrize("username", ["chair", "delegate-ru", "observer-tm", "translator"])
def test_other_roles_may_not_schedule_nor_set_an_agenda(api, swg, username):
    before = written()
    client = api(username)
    assert "only the secretariat" in assert_json_error(client.post("/meetings", SOC_MEETING), 403)
    assert "only the secretariat" in assert_json_error(
        client.post(f"/meetings/{swg.pk}/agenda", {"titles": {"en": "Any other business"}}), 403)
    assert written() == before


def test_without_credentials_the_answer_is_401(api, swg):
    anonymous = api(None)
    for response in (anonymous.get("/meetings"), anonymous.get(f"/meetings/{swg.pk}"), anonymous.get("/bodies"),
                     anonymous.post("/meetings", SOC_MEETING)):
        assert "accord token" in assert_json_error(response, 401)


def test_an_unknown_meeting_is_404(api, demo):
    assert_json_error(api("officer").get("/meetings/99999"), 404)
    assert_json_error(api("officer").post("/meetings/99999/agenda", {"titles": {"en": "x"}}), 404)


@pytest.mark.parametrize(("change", "detail"), [
    ({"end": "2021-10-04"}, "end: the meeting ends on 2021-10-04, before it starts on 2021-10-05"),
    ({"venue": {"en": "  "}}, "venue: the venue: give it in at least one language"),
    ({"venue": {"xx": "Almaty"}}, "venue: the venue: unknown language 'xx'"),
    ({"body": "XX"}, "body: no body with the symbol prefix 'XX'"),
    ({"chair": "ZZ"}, "chair: no State with the code 'ZZ'"),
    ({"start": "5 October 2021"}, "start"),
    ({"venue": None}, "venue"),
])
def test_a_meeting_the_forum_cannot_accept_is_422_naming_the_field(api, demo, change, detail):
    before = written()
    found = assert_json_error(api("officer").post("/meetings", {**SOC_MEETING, **change}), 422)
    assert found == detail if ":" in detail else detail in found
    assert written() == before


@pytest.mark.parametrize(("item", "detail"), [
    ({"titles": {}}, "titles: the item: give it in at least one language"),
    ({"titles": {"en": "x"}, "revision": "MM/2021/DRAFT/3"}, "revision: MM/2021/DRAFT/3 is already on the agenda"),
    ({"titles": {"en": "x"}, "revision": "17-1/542"}, "revision: 17-1/542 is a note verbale, which no agenda lists"),
    ({"titles": {"en": "x"}, "revision": "MM/2099/DRAFT/1"}, "revision: no revision 'MM/2099/DRAFT/1'"),
])
def test_an_agenda_item_the_forum_cannot_accept_is_422_naming_the_field(api, swg, item, detail):
    before = written()
    assert assert_json_error(api("officer").post(f"/meetings/{swg.pk}/agenda", item), 422) == detail
    assert written() == before


def test_an_item_whose_document_the_user_may_not_read_gives_its_title_only(api, swg, members_only):
    response = api("officer").post(f"/meetings/{swg.pk}/agenda",
                                   {"titles": {"en": "Observer status"}, "revision": "A/RES/76/1"})
    assert response.status_code == 201 and response.json()["symbol"] == "A/RES/76/1"
    observer = api("observer-tm").get(f"/meetings/{swg.pk}").json()["agenda"]
    assert observer[1] == {"number": 2, "title": "Observer status", "titles": {"en": "Observer status"},
                           "revision_id": None, "symbol": None}
    assert observer[0]["symbol"] == "MM/2021/DRAFT/3"
    assert api("delegate-ru").get(f"/meetings/{swg.pk}").json()["agenda"][1]["symbol"] == "A/RES/76/1"


def test_the_bodies_are_listed_with_their_names_and_abbreviations(api, demo):
    response = api("delegate-ru").get("/bodies", lang="ru")
    assert response.status_code == 200
    bodies = {body["symbol_prefix"]: body for body in response.json()["items"]}
    assert set(bodies) == {"MM", "SOC", "SUMMIT", "SWG"}
    assert (bodies["SOC"]["name"], bodies["SOC"]["abbreviation"]) == ("Комитет старших должностных лиц", "КСДЛ")
    assert bodies["SWG"]["abbreviations"] == {"en": "SWG", "ru": "СРГ", "kk": "АЖТ"}


def test_the_schema_documents_the_meetings_endpoints(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert set(paths["/api/meetings"]) == {"get", "post"}
    assert paths["/api/meetings"]["get"]["tags"] == ["meetings"]
    assert set(paths["/api/meetings/{meeting_id}/agenda"]) == {"post"}
    assert paths["/api/bodies"]["get"]["tags"] == ["registry"]
