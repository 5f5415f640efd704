"""The treaty status and the mandates through the REST API, with a token from `accord token`: every user reads the
instruments, a status on a day and the not-ratified list in a language; the secretariat records actions, proposes,
confirms and follows up mandates; the other roles get 403, a client without credentials 401, input refused 422 naming
the field, and nothing is written then."""

import pytest

from accord.documents.models import Revision
from accord.institutions.models import Instrument, Mandate, TreatyAction
from accord.meetings.models import Meeting
from json_errors import assert_json_error

STATUTE = "Statute of the Secretariat of the Conference on Interaction and Confidence Building Measures in Asia"


@pytest.fixture
def statute(demo):
    return Instrument.objects.get(names__en=STATUTE)


def op3(position: int) -> Mandate:
    return Mandate.objects.get(revision__symbol="MM/2021/DRAFT/3", label="OP3", position=position)


def test_every_user_reads_the_instruments_and_their_status(api, statute):
    instruments = api("observer-tm").get("/instruments", lang="ru").json()
    assert [i["name"] for i in instruments][0] == (
        "Соглашение о Секретариате Совещания по взаимодействию и мерам доверия в Азии")
    first = instruments[0]
    assert (first["id"], first["adopted_on"], first["entry_into_force"], first["member_states"]) == (
        statute.pk, "2006-06-17", "2008-01-19", 28)  # Kuwait is a Member State since 2022 and has not signed
    assert first["counts"] == {"not_signed": 14, "signed": 3, "ratified": 1, "in_force": 10}
    assert first["depositary"] == "Республика Казахстан"

    status = api("delegate-ru").get(f"/instruments/{statute.pk}/status", on="2021-08-26", lang="kk").json()
    assert status["on"] == "2021-08-26" and len(status["states"]) == 27
    assert [row["state_name"] for row in status["states"]][:2] == ["Ауғанстан", "Әзербайжан"]
    mongolia = next(row for row in status["states"] if row["state"] == "MN")
    assert mongolia == {"state": "MN", "state_name": "Моңғолия", "stage": "in_force", "signed_on": "2006-06-17",
                        "ratified_on": "2010-02-09", "consent": "approval", "in_force_since": "2010-03-11"}
    signed = api("delegate-ru").get(f"/instruments/{statute.pk}/status", stage="signed").json()["states"]
    assert [row["state"] for row in signed] == ["AF", "IN", "PK"]
    early = api("delegate-ru").get(f"/instruments/{statute.pk}/status", on="2007-06-01").json()
    assert "BH" not in {row["state"] for row in early["states"]}
    assert_json_error(api("delegate-ru").get("/instruments/9999/status"), 404)
    assert_json_error(api("delegate-ru").get(f"/instruments/{statute.pk}/status", on="someday"), 422)
    assert_json_error(api(None).get("/instruments"), 401)


def test_the_not_ratified_list_in_each_language(api, statute):
    english = api("observer-tm").get(f"/instruments/{statute.pk}/not-ratified", lang="en", on="2021-08-26").json()
    assert english["states"][:3] == ["AF", "BH", "BD"] and len(english["states"]) == 16
    assert english["text"].endswith("Uzbekistan and Viet Nam")
    russian = api("observer-tm").get(f"/instruments/{statute.pk}/not-ratified", lang="ru").json()
    assert russian["states"][:4] == ["AF", "BD", "BH", "VN"]
    assert russian["text"] == ", ".join(russian["names"][:-1]) + " и " + russian["names"][-1]
    kazakh = api("observer-tm").get(f"/instruments/{statute.pk}/not-ratified", lang="kk").json()
    assert kazakh["names"][-6:] == ["Өзбекстан", "Палестина", "Пәкістан", "Тайланд", "Үндістан", "Шри-Ланка"]
    assert_json_error(api("observer-tm").get(f"/instruments/{statute.pk}/not-ratified", lang="xx"), 422)


def test_the_secretariat_records_an_action(api, statute):
    response = api("officer").post(f"/instruments/{statute.pk}/actions",
                                   {"state": "in", "kind": "ratification", "date": "2021-05-04"})
    assert response.status_code == 201, response.content
    assert {key: response.json()[key] for key in ("state", "kind", "date")} == {
        "state": "IN", "kind": "ratification", "date": "2021-05-04"}
    not_ratified = api("officer").get(f"/instruments/{statute.pk}/not-ratified", lang="en").json()
    assert "IN" not in not_ratified["states"]


@pytest.mark.parametrize("payload, detail", [
    ({"state": "IN", "kind": "ratification", "date": "2006-06-10"},
     "date: the instrument was adopted on 17 June 2006, after 10 June 2006"),
    ({"state": "TM", "kind": "accession", "date": "2021-07-01"},
     "state: Turkmenistan is not a Member State on 1 July 2021"),
    ({"state": "KZ", "kind": "ratification", "date": "2021-07-01"},
     "kind: the ratification by Kazakhstan is already recorded, on 12 March 2007"),
    ({"state": "ZZ", "kind": "signature", "date": "2021-07-01"}, "state: no State with the code 'ZZ'"),
    ({"state": "IN", "kind": "ratification", "date": "2999-01-01"}, "date: 1 January 2999 has not come yet"),
])
def test_an_action_refused_answers_422_naming_the_field(api, statute, payload, detail):
    before = TreatyAction.objects.count()
    assert assert_json_error(api("officer").post(f"/instruments/{statute.pk}/actions", payload), 422).startswith(detail)
    assert TreatyAction.objects.count() == before


@pytest.mark.parametrize("username", ["chair", "delegate-ru", "observer-tm", "translator"])
def test_only_the_secretariat_changes_through_the_api(api, statute, username):
    client = api(username)
    assert "only the secretariat" in assert_json_error(client.post(
        f"/instruments/{statute.pk}/actions", {"state": "EG", "kind": "accession", "date": "2021-07-01"}), 403)
    declaration = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    assert "only the secretariat" in assert_json_error(client.post("/mandates/proposals",
                                                            {"revision_id": declaration.pk}), 403)
    assert "only the secretariat" in assert_json_error(client.post(f"/mandates/{op3(0).pk}/confirmation", {}), 403)
    assert "only the secretariat" in assert_json_error(client.post(f"/mandates/{op3(0).pk}/status",
                                                            {"status": "dropped"}), 403)
    assert not TreatyAction.objects.filter(state__code="EG").exists()
    assert set(Mandate.objects.values_list("status", flat=True)) == {"proposed"}


def test_every_user_reads_the_mandates(api, demo):
    mandates = api("observer-tm").get("/mandates").json()
    assert [m["label"] for m in mandates] == ["OP3", "OP3", "OP15", "OP19", "OP26", "OP27", "OP27"]
    chairmanship = mandates[0]
    assert {key: chairmanship[key] for key in ("revision", "provision", "position", "cue", "actor_words", "actor",
                                               "body", "responsible", "status", "confirmed_by")} == {
        "revision": "MM/2021/DRAFT/3", "provision": "para_3", "position": 0, "cue": "request",
        "actor_words": "Chairmanship", "actor": "chairmanship", "body": None, "responsible": "The Chairmanship",
        "status": "proposed", "confirmed_by": None}
    committee = api("observer-tm").get("/mandates", body="soc", lang="ru").json()
    assert [(m["label"], m["responsible"]) for m in committee] == [("OP3", "Комитет старших должностных лиц")]
    assert len(api("observer-tm").get("/mandates", actor="none").json()) == 5
    assert api("observer-tm").get("/mandates", status="confirmed").json() == []
    assert len(api("observer-tm").get("/mandates", revision="ММ/2021/DRAFT/3").json()) == 7  # Cyrillic MM
    assert_json_error(api("observer-tm").get("/mandates", status="finished"), 422)
    assert_json_error(api("observer-tm").get("/mandates", body="XYZ"), 422)


def test_the_secretariat_proposes_confirms_and_follows_up_a_mandate(api, demo):
    officer = api("officer")
    declaration = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    proposed = officer.post("/mandates/proposals", {"revision_id": declaration.pk})
    assert proposed.status_code == 201 and proposed.json() == {"revision": "MM/2021/DRAFT/3", "created": [],
                                                               "already": 7}
    note = Revision.objects.get(symbol="17-1/542")
    assert assert_json_error(officer.post("/mandates/proposals", {"revision_id": note.pk}), 422) == (
        "revision: 17-1/542 is a note verbale: its paragraphs give no mandates")
    assert_json_error(officer.post("/mandates/proposals", {"revision_id": 99999}), 404)

    committee = op3(1)
    swg_meeting = Meeting.objects.get(body__symbol_prefix="SWG")
    confirmed = officer.post(f"/mandates/{committee.pk}/confirmation", {"due_meeting": swg_meeting.pk})
    assert confirmed.status_code == 200, confirmed.content
    body = confirmed.json()
    assert (body["status"], body["body"], body["confirmed_by"], body["due_meeting"]) == (
        "confirmed", "SOC", "officer", swg_meeting.pk)
    assert body["task"] == "with preparing a relevant decision of the 2022 CICA Summit Meeting"
    assert assert_json_error(officer.post(f"/mandates/{committee.pk}/confirmation", {}), 422) == (
        "status: the mandate is already confirmed")

    done = officer.post(f"/mandates/{committee.pk}/status", {"status": "done", "documents": ["17-1/542"]})
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["fulfilled_by"]) == ("done", ["17-1/542"])


def test_confirming_and_changing_status_refused_answer_422(api, demo):
    officer = api("officer")
    budget = Mandate.objects.get(label="OP26")
    assert assert_json_error(officer.post(f"/mandates/{budget.pk}/confirmation", {}), 422) == (
        "actor: name who is responsible: a body, the Chairmanship or the Secretariat")
    assert assert_json_error(officer.post(f"/mandates/{budget.pk}/confirmation", {"actor": "body"}), 422) == (
        "body: name the body responsible")
    assert assert_json_error(officer.post(f"/mandates/{budget.pk}/status", {"status": "done"}), 422) == (
        "status: the mandate is only proposed: the secretariat confirms it first")
    assert assert_json_error(officer.post(f"/mandates/{budget.pk}/status", {"documents": ["17-1/542"]}), 422) == (
        "revision: only a confirmed mandate is fulfilled by documents; this one is proposed")
    assert_json_error(officer.post(f"/mandates/{budget.pk}/status", {}), 422)
    assert_json_error(officer.post("/mandates/99999/status", {"status": "dropped"}), 404)
    budget.refresh_from_db()
    assert budget.status == "proposed" and not budget.fulfilled_by.exists()

    secretariat = officer.post(f"/mandates/{budget.pk}/confirmation",
                               {"actor": "secretariat", "task": "Remind the Member States of voluntary contributions",
                                "due_date": "2022-03-01"})
    assert secretariat.status_code == 200
    assert (secretariat.json()["responsible"], secretariat.json()["due"]) == ("The Secretariat", "1 March 2022")
    # A link refused takes the status change with it: nothing is written.
    response = officer.post(f"/mandates/{budget.pk}/status", {"status": "in_progress", "documents": ["NO/SUCH/1"]})
    assert assert_json_error(response, 422) == "documents: no revision 'NO/SUCH/1'"
    response = officer.post(f"/mandates/{budget.pk}/status",
                            {"status": "in_progress", "documents": ["MM/2021/DRAFT/3"]})
    assert assert_json_error(response, 422) == "revision: MM/2021/DRAFT/3 is the text that gives the mandate"
    budget.refresh_from_db()
    assert budget.status == "confirmed"
