"""The REST API of notes verbales as clients use it with bearer tokens: the registry, issuing a note, a delegation's
inbox and the acknowledgement of receipt, with every refusal a JSON error of one line."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from accord.correspondence.models import NoteCounter, OutgoingNote


@pytest.fixture
def api(client, demo):
    """``api("delegate-kz").get("/api/inbox")``: the test client with a bearer token of the user, made by
    `accord token`; ``api(None)`` sends no credentials."""

    class Api:
        def __init__(self, username):
            self.headers = {}
            if username:
                out = io.StringIO()
                call_command("token", username, stdout=out)
                self.headers = {"Authorization": f"Bearer {out.getvalue().strip()}"}

        def get(self, path):
            return client.get(path, headers=self.headers)

        def post(self, path, body=None):
            return client.post(path, body or {}, content_type="application/json", headers=self.headers)

    return Api


def error(response, status: int) -> str:
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    detail = response.json()["detail"]
    assert isinstance(detail, str) and detail and "\n" not in detail
    return detail


def seed_facts(document, swg_meeting, **changes) -> dict:
    """The seed's facts (forwarding ``document``) as a client sends them, dated 1 September 2021."""
    return {"purpose": "forward", "documents": [document.pk], "meeting": swg_meeting.pk, "date": "2021-09-01",
            **changes}


def test_the_secretariat_lists_every_note_with_its_counts(api, seed_note, draft):
    body = api("officer").get("/api/notes").json()
    assert body["count"] == 1
    (note,) = body["items"]
    assert note["id"] == seed_note.pk and note["number"] == "17-1/542"
    assert (note["index"], note["year"], note["sequence"]) == ("17-1", 2021, 542)
    assert (note["purpose"], note["date"], note["observers"]) == ("forward", "2021-08-26", False)
    assert note["documents"] == [{"revision_id": draft.pk, "symbol": "MM/2021/DRAFT/3"}]
    assert note["languages"] == ["en", "kk", "ru"] and note["revision_id"] == seed_note.revision_id
    assert note["enclosure_pages"] == {"en": 7, "ru": 7, "kk": 7}
    assert (note["delivered"], note["acknowledged"]) == (27, 0)


def test_a_delegate_lists_the_notes_delivered_to_their_delegation_without_counts(api, seed_note):
    (note,) = api("delegate-kz").get("/api/notes").json()["items"]
    assert note["number"] == "17-1/542" and (note["delivered"], note["acknowledged"]) == (None, None)
    assert api("observer-tm").get("/api/notes").json()["items"] == []  # the seed's note went to Member States
    assert api("chair").get("/api/notes").json()["items"] == []  # no delegation, nothing delivered


def test_a_note_with_its_deliveries_for_the_secretariat_only(api, users, seed_note):
    kazakhstan = seed_note.deliveries.get(delegation__state__code="KZ")
    api("delegate-kz").post(f"/api/inbox/{kazakhstan.pk}/acknowledge")
    note = api("officer").get(f"/api/notes/{seed_note.pk}").json()
    assert note["acknowledged"] == 1 and len(note["deliveries"]) == 27
    by_state = {delivery["delegation"]: delivery for delivery in note["deliveries"]}
    assert by_state["KZ"]["acknowledged_by"] == "delegate-kz" and by_state["KZ"]["acknowledged_at"]
    assert by_state["RU"]["acknowledged_at"] is None and by_state["RU"]["emailed_to"] == []
    assert api("delegate-ru").get(f"/api/notes/{seed_note.pk}").json()["deliveries"] is None
    error(api("observer-tm").get(f"/api/notes/{seed_note.pk}"), 404)  # not delivered to Turkmenistan
    error(api("officer").get("/api/notes/999999"), 404)


def test_the_secretariat_issues_a_note(api, draft, swg_meeting, seed_note, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api("officer").post("/api/notes", seed_facts(draft, swg_meeting, observers=True))
    assert response.status_code == 201, response.content
    note = response.json()
    assert note["number"] == "17-1/543" and note["date"] == "2021-09-01" and note["observers"] is True
    assert note["languages"] == ["en", "kk", "ru"] and note["meeting_id"] == swg_meeting.pk
    assert note["place"] == {"en": "Nur-Sultan", "ru": "Нур-Султан", "kk": "Нұр-Сұлтан"}
    assert len(note["deliveries"]) == note["delivered"] == OutgoingNote.objects.get(pk=note["id"]).deliveries.count()
    assert "TM" in {delivery["delegation"] for delivery in note["deliveries"]}
    assert len(mail.outbox) == 5  # the four delegations with delegates, and Turkmenistan
    (tm,) = api("observer-tm").get("/api/inbox").json()["items"]
    assert tm["note"]["number"] == "17-1/543" and tm["acknowledged_at"] is None


def test_issuing_with_a_file_index_and_languages_of_ones_own(api, swg_meeting, seed_note):
    response = api("officer").post("/api/notes", {"purpose": "invitation", "meeting": swg_meeting.pk,
                                                  "date": "2021-08-30", "index": "17-2", "languages": ["ru", "kk"]})
    assert response.status_code == 201, response.content
    assert response.json()["number"] == "17-2/1" and response.json()["languages"] == ["kk", "ru"]


def test_a_note_that_cannot_be_written_is_422_with_the_reason_and_takes_no_number(api, resolution, seed_note):
    detail = error(api("officer").post("/api/notes", {"purpose": "forward", "documents": [resolution.pk],
                                                      "date": "2021-09-01"}), 422)
    assert detail == "'A/RES/76/1' has no 'accusative' form in ru"
    assert NoteCounter.objects.get(index="17-1", year=2021).last_number == 542
    assert OutgoingNote.objects.count() == 1


def test_what_a_note_cannot_refer_to_is_422(api, draft, swg_meeting, seed_note):
    officer = api("officer")
    assert error(officer.post("/api/notes", seed_facts(draft, swg_meeting, documents=[999999])), 422) == (
        "no issued document to refer to with revision id 999999")
    # A note verbale is not a document another note encloses.
    assert error(officer.post("/api/notes", seed_facts(draft, swg_meeting, documents=[seed_note.revision_id])),
                 422) == f"no issued document to refer to with revision id {seed_note.revision_id}"
    assert error(officer.post("/api/notes", seed_facts(draft, swg_meeting, meeting=999999)), 422) == (
        "no meeting with id 999999")
    assert "purpose" in error(officer.post("/api/notes", seed_facts(draft, swg_meeting, purpose="greet")), 422)
    assert "languages" in error(officer.post("/api/notes", seed_facts(draft, swg_meeting, languages=["xx"])), 422)
    assert OutgoingNote.objects.count() == 1


@pytest.mark.parametrize("username", ["delegate-kz", "chair", "observer-tm", "translator"])
def test_only_the_secretariat_issues(api, draft, swg_meeting, seed_note, username):
    assert error(api(username).post("/api/notes", seed_facts(draft, swg_meeting)), 403) == (
        "only the secretariat issues notes verbales")
    assert OutgoingNote.objects.count() == 1


def test_the_inbox_and_the_acknowledgement_of_receipt(api, seed_note):
    kazakhstan = api("delegate-kz")
    (entry,) = kazakhstan.get("/api/inbox").json()["items"]
    delivery = seed_note.deliveries.get(delegation__state__code="KZ")
    assert entry["id"] == delivery.pk and entry["note"]["number"] == "17-1/542"
    assert entry["acknowledged_at"] is None and entry["acknowledged_by"] is None
    assert dt.datetime.fromisoformat(entry["delivered_at"]) == dt.datetime(2021, 8, 26, 6, tzinfo=dt.UTC)
    response = kazakhstan.post(f"/api/inbox/{delivery.pk}/acknowledge")
    assert response.status_code == 200
    assert response.json()["acknowledged_by"] == "delegate-kz" and response.json()["acknowledged_at"]
    delivery.refresh_from_db()
    assert delivery.acknowledged_at is not None
    # Once is enough: a second time is a conflict, saying when it was done.
    detail = error(kazakhstan.post(f"/api/inbox/{delivery.pk}/acknowledge"), 409)
    assert detail.startswith("receipt of 17-1/542 was acknowledged already, on 2")


def test_another_delegations_delivery_is_404(api, seed_note):
    russia = seed_note.deliveries.get(delegation__state__code="RU")
    error(api("delegate-kz").post(f"/api/inbox/{russia.pk}/acknowledge"), 404)
    error(api("delegate-kz").post("/api/inbox/999999/acknowledge"), 404)
    russia.refresh_from_db()
    assert russia.acknowledged_at is None


@pytest.mark.parametrize("username", ["officer", "chair", "translator"])
def test_roles_without_a_delegation_have_no_inbox(api, seed_note, username):
    error(api(username).get("/api/inbox"), 403)
    delivery = seed_note.deliveries.get(delegation__state__code="KZ")
    error(api(username).post(f"/api/inbox/{delivery.pk}/acknowledge"), 403)


def test_without_credentials_everything_is_401(api, seed_note):
    anonymous = api(None)
    for path in ("/api/notes", f"/api/notes/{seed_note.pk}", "/api/inbox"):
        error(anonymous.get(path), 401)
    error(anonymous.post("/api/notes", {"purpose": "forward"}), 401)


def test_the_endpoints_are_in_the_schema_under_their_tag(api):
    schema = api(None).get("/api/openapi.json").json()
    paths = {path: operations for path, operations in schema["paths"].items()
             if path.startswith(("/api/notes", "/api/inbox"))}
    assert sorted(paths) == ["/api/inbox", "/api/inbox/{delivery_id}/acknowledge", "/api/notes",
                             "/api/notes/{note_id}"]
    assert {tag for operations in paths.values() for operation in operations.values()
            for tag in operation["tags"]} == {"correspondence"}
