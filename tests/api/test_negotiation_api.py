"""The negotiation's REST endpoints: every endpoint under every role, conflicts (409), refusals (4xx, one-line JSON),
and the whole flow from Russia's amendment to OP27 to the adopted, locked MM/2021/DRAFT/4.

As in test_api_roles.py, the demo and a token per user are made once for the module inside a transaction rolled
back when the module ends; each test runs in a savepoint of its own.
"""

import datetime as dt
import io
import time
from dataclasses import dataclass

import pytest
from api_helpers import assert_json_error, bearer_headers
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accord.documents.models import Document, Immutable, Revision
from accord.documents.services import import_file
from accord.negotiation import consensus, revisions, services
from accord.negotiation.models import Amendment, SilenceProcedure
from accord.registry.models import User

ANONYMOUS = "anonymous"
ROLES = ["officer", "chair", "delegate-ru", "observer-tm", "translator", ANONYMOUS]
USERS = ["officer", "chair", "delegate-ru", "delegate-cn", "delegate-in", "observer-tm", "translator"]
OP27 = "para_27"
OLD_WORDS = "on an expeditious basis"
NEW_WORDS = "as soon as possible"
STATEMENT = b"SWG/2021/DRAFT/1\n\n**DRAFT STATEMENT**\n\nWe, the members,\n\n*Recalling* it,\n\n1. *Welcome* it.\n"


@dataclass
class World:
    headers: dict[str, dict[str, str]]
    draft: Revision
    members_only: Revision

    def user(self, username: str) -> User:
        return User.objects.get(username=username)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        officer = User.objects.get(username="officer")
        (version,) = import_file(STATEMENT, "statement.md", officer, distribution=Document.MEMBERS)
        yield World(
            headers={username: bearer_headers(username) for username in USERS} | {ANONYMOUS: {}},
            draft=Revision.objects.get(symbol="MM/2021/DRAFT/3"),
            members_only=version.revision,
        )
        transaction.set_rollback(True)


def call(client, world, username, method, path, body=None):
    send = getattr(client, method.lower())
    if body is None:
        return send(path, headers=world.headers[username])
    return send(path, body, content_type="application/json", headers=world.headers[username])


# Every endpoint × every role ----------------------------------------------------------------------------------------


def amendment_by(world, username="delegate-ru"):
    """Amendment 1 to the draft, by ``username``'s delegation: OP27's words replaced."""
    return services.table(world.draft, world.user(username), kind="replace", provision_id=OP27, old_text=OLD_WORDS,
                          text=NEW_WORDS)


def draft_4(world):
    amendment = amendment_by(world)
    services.decide(amendment, world.user("chair"), outcome=Amendment.ACCEPTED, version=1)
    return revisions.issue_next_revision(world.draft, world.user("chair")).revision


def procedure(world):
    return consensus.start_silence(world.draft, world.user("officer"), deadline=timezone.now() + dt.timedelta(days=14))


def in_a_week():
    return (timezone.now() + dt.timedelta(days=7)).isoformat()


ALL_READ = {role: 200 for role in ROLES if role != ANONYMOUS}
RULE_MAKERS = {"officer": 200, "chair": 200}
# Each case: how to prepare it (returns what the path needs), method, path, body, and the status of each role
# (a role not named is refused with 403; anonymous is always 401).
CASES = {
    "read settings": (None, "GET", "/api/documents/{document}/negotiation", None, ALL_READ),
    "set settings": (None, "PUT", "/api/documents/{document}/negotiation",
                     {"observers_may_table": True, "version": 1}, RULE_MAKERS),
    "read round": (None, "GET", "/api/revisions/{revision}/round", None, ALL_READ),
    "set deadline": (None, "PUT", "/api/revisions/{revision}/round",
                     {"tabling_deadline": in_a_week(), "version": 1}, RULE_MAKERS),
    "list amendments": (amendment_by, "GET", "/api/revisions/{revision}/amendments", None, ALL_READ),
    "table": (None, "POST", "/api/revisions/{revision}/amendments", {"kind": "delete", "provision": "para_1"},
              {"chair": 201, "delegate-ru": 201}),
    "read amendment": (amendment_by, "GET", "/api/revisions/{revision}/amendments/1", None, ALL_READ),
    "withdraw": (amendment_by, "POST", "/api/revisions/{revision}/amendments/1/withdraw", {"version": 1},
                 {"delegate-ru": 200}),
    "co-sponsor": (amendment_by, "POST", "/api/revisions/{revision}/amendments/1/cosponsor", None,
                   {"chair": 200, "delegate-ru": 422}),
    "support": (amendment_by, "POST", "/api/revisions/{revision}/amendments/1/support", None,
                {"chair": 200, "delegate-ru": 422}),
    "decide": (amendment_by, "POST", "/api/revisions/{revision}/amendments/1/decision",
               {"outcome": "accepted", "version": 1}, {"chair": 200}),
    "compilation": (amendment_by, "GET", "/api/revisions/{revision}/compilation?lang=ru", None, ALL_READ),
    "dashboard": (amendment_by, "GET", "/api/revisions/{revision}/dashboard", None, ALL_READ),
    "mark": (None, "PUT", f"/api/revisions/{{revision}}/provisions/{OP27}/status",
             {"status": "agreed_ad_ref", "version": 1}, {"chair": 200}),
    "options": (None, "PUT", f"/api/revisions/{{revision}}/provisions/{OP27}/options",
                {"amendments": [], "version": 1}, {"chair": 200}),
    "issue next": (lambda world: services.decide(amendment_by(world), world.user("chair"), outcome="accepted",
                                                 version=1),
                   "POST", "/api/revisions/{revision}/next", None, {"chair": 201}),
    "translations": (None, "GET", "/api/revisions/{revision}/translations", None, ALL_READ),
    "translate": (draft_4, "PUT", f"/api/revisions/{{prepared}}/versions/ru/provisions/{OP27}",
                  {"text": "Новый текст."}, {"translator": 200}),
    "start silence": (None, "POST", "/api/revisions/{revision}/silence", {"deadline": in_a_week()},
                      {"officer": 201}),
    "list procedures": (procedure, "GET", "/api/revisions/{revision}/silence", None, ALL_READ),
    "read procedure": (procedure, "GET", "/api/silence/{prepared}", None, ALL_READ),
    "break silence": (procedure, "POST", "/api/silence/{prepared}/break", {"reason": "OP27"},
                      {"chair": 200, "delegate-ru": 200}),
    "read adoption": (None, "GET", "/api/revisions/{revision}/adoption", None, ALL_READ),
    "adopt": (None, "POST", "/api/revisions/{revision}/adoption",
              {"meeting": "Sixth Ministerial Meeting", "date": timezone.localdate().isoformat()},
              {"officer": 201, "chair": 201}),
    "verify audit": (None, "GET", "/api/audit/verify", None, RULE_MAKERS),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("username", ROLES)
def test_every_endpoint_answers_every_role(client, db, world, case, username):
    prepare, method, template, body, allowed = CASES[case]
    prepared = prepare(world) if prepare else None
    path = template.format(document=world.draft.document_id, revision=world.draft.pk,
                           prepared=getattr(prepared, "pk", None))

    response = call(client, world, username, method, path, body)

    expected = 401 if username == ANONYMOUS else allowed.get(username, 403)
    if expected < 400:
        assert response.status_code == expected, response.content
    else:
        assert_json_error(response, expected)


@pytest.mark.parametrize("path", [
    "/api/revisions/{revision}/amendments", "/api/revisions/{revision}/compilation",
    "/api/revisions/{revision}/dashboard", "/api/revisions/{revision}/round", "/api/revisions/{revision}/adoption",
])
def test_an_observer_cannot_see_the_negotiation_of_a_members_only_text(client, db, world, path):
    path = path.format(revision=world.members_only.pk)
    assert_json_error(call(client, world, "observer-tm", "GET", path), 404)
    assert call(client, world, "delegate-ru", "GET", path).status_code == 200


# Conflicts and refusals ----------------------------------------------------------------------------------------------


def test_of_two_changes_from_the_same_version_the_second_is_a_409_and_writes_nothing(client, db, world):
    path = f"/api/revisions/{world.draft.pk}/provisions/{OP27}/status"
    first = call(client, world, "chair", "PUT", path, {"status": "bracketed", "version": 1})
    second = call(client, world, "chair", "PUT", path, {"status": "agreed", "version": 1})
    assert first.status_code == 200 and first.json()["version"] == 2
    assert "your version 1, now 2" in assert_json_error(second, 409)
    amendment = amendment_by(world)
    amendments = f"/api/revisions/{world.draft.pk}/amendments/{amendment.number}"
    assert call(client, world, "chair", "POST", f"{amendments}/decision",
                {"outcome": "not_accepted", "reason": "no consensus", "version": 1}).status_code == 200
    withdrawal = call(client, world, "delegate-ru", "POST", f"{amendments}/withdraw", {"version": 1})
    assert "has changed since you read it" in assert_json_error(withdrawal, 409)
    assert call(client, world, "delegate-ru", "GET", amendments).json()["status"] == "not_accepted"


def test_refusals_are_one_line_json_and_store_nothing(client, db, world):
    amendments = f"/api/revisions/{world.draft.pk}/amendments"
    cases = [
        ("delegate-ru", {"kind": "delete", "provision": "para_99"}, 422, "has no provision 'para_99'"),
        ("delegate-ru", {"kind": "replace", "provision": OP27, "old_text": "ratify", "text": "x"}, 422,
         "occurs 2 times in OP27"),
        ("delegate-ru", {"kind": "merge", "provision": OP27}, 422, "body.kind"),
        ("observer-tm", {"kind": "delete", "provision": OP27}, 403, "Observers may not table"),
        ("translator", {"kind": "delete", "provision": OP27}, 403, "only a delegation"),
    ]
    for username, body, status, detail in cases:
        assert detail in assert_json_error(call(client, world, username, "POST", amendments, body), status)
    assert_json_error(call(client, world, "delegate-ru", "GET", f"{amendments}/7"), 404)
    closed = (timezone.now() - dt.timedelta(minutes=1)).isoformat()
    call(client, world, "chair", "PUT", f"/api/revisions/{world.draft.pk}/round",
         {"tabling_deadline": closed, "version": 1})
    late = call(client, world, "delegate-ru", "POST", amendments, {"kind": "delete", "provision": OP27})
    assert "the deadline for amendments to MM/2021/DRAFT/3 passed at" in assert_json_error(late, 422)
    naive = call(client, world, "officer", "POST", f"/api/revisions/{world.draft.pk}/silence",
                 {"deadline": "2030-01-01T12:00:00"})
    assert "needs a time zone" in assert_json_error(naive, 422)
    assert not Amendment.objects.exists() and not SilenceProcedure.objects.exists()


def test_the_audit_check_reports_the_chain(client, db, world):
    amendment_by(world)
    assert call(client, world, "officer", "GET", "/api/audit/verify").json() == {
        "entries": 1, "intact": True, "first_broken": None, "problem": None}


# The whole flow ------------------------------------------------------------------------------------------------------


def test_the_whole_flow_from_russias_amendment_to_the_adopted_and_locked_draft_4(client, db, world):
    draft = f"/api/revisions/{world.draft.pk}"

    # Russia tables a replacement in OP27; China supports it.
    tabled = call(client, world, "delegate-ru", "POST", f"{draft}/amendments",
                  {"kind": "replace", "provision": OP27, "old_text": OLD_WORDS, "text": NEW_WORDS})
    assert tabled.status_code == 201, tabled.content
    number = tabled.json()["number"]
    assert (tabled.json()["label"], tabled.json()["delegation"], tabled.json()["status"]) == ("OP27", "RU", "tabled")
    supported = call(client, world, "delegate-cn", "POST", f"{draft}/amendments/{number}/support")
    assert supported.json()["supporters"] == ["CN"]
    compiled = call(client, world, "delegate-in", "GET", f"{draft}/compilation?lang=en").json()
    [op27] = [entry for entry in compiled["entries"] if entry["provision_id"] == OP27]
    assert op27["bracketed"] and op27["proposals"][0]["attribution"] == "OP27 [Russia]"
    assert op27["proposals"][0]["supporters"] == ["China"]

    # The chair marks OP27 agreed ad referendum, accepts the amendment and issues DRAFT/4.
    marked = call(client, world, "chair", "PUT", f"{draft}/provisions/{OP27}/status",
                  {"status": "agreed_ad_ref", "version": op27["status_version"]})
    assert marked.json()["status"] == "agreed_ad_ref"
    decided = call(client, world, "chair", "POST", f"{draft}/amendments/{number}/decision",
                   {"outcome": "accepted", "reason": "agreed at the second reading", "version": 1})
    assert (decided.json()["status"], decided.json()["reason"]) == ("accepted", "agreed at the second reading")
    issued = call(client, world, "chair", "POST", f"{draft}/next")
    assert issued.status_code == 201, issued.content
    assert (issued.json()["symbol"], issued.json()["changed"]) == ("MM/2021/DRAFT/4", [OP27])
    assert issued.json()["stale"] == {"ru": [OP27]}
    draft4 = f"/api/revisions/{issued.json()['revision_id']}"
    english = call(client, world, "delegate-ru", "GET", f"{draft4}/versions/en").json()
    [paragraph] = [p for s in english["sections"] for p in s["paragraphs"] if p["id"] == OP27]
    assert NEW_WORDS in paragraph["text"] and OLD_WORDS not in paragraph["text"]
    translations = call(client, world, "translator", "GET", f"{draft4}/translations").json()
    assert [(t["language"], t["issued_at"] is None, t["stale_provisions"]) for t in translations] == [
        ("en", False, []), ("ru", True, [OP27])]

    # The secretariat starts a silence procedure; Turkmenistan (an Observer) cannot break it; India breaks it.
    started = call(client, world, "officer", "POST", f"{draft4}/silence",
                   {"deadline": (timezone.now() + dt.timedelta(days=14)).isoformat()})
    assert started.status_code == 201 and started.json()["outcome"] == "running"
    procedure = f"/api/silence/{started.json()['id']}"
    observer = call(client, world, "observer-tm", "POST", f"{procedure}/break", {"reason": "we object"})
    assert "only Member States may break silence" in assert_json_error(observer, 403)
    broken = call(client, world, "delegate-in", "POST", f"{procedure}/break", {"reason": "OP27 is premature"})
    assert (broken.json()["outcome"], broken.json()["broken_by"]) == ("broken", "IN")
    assert call(client, world, "delegate-ru", "GET", f"{draft4}/adoption").json()["adopted"] is False

    # A second procedure passes without objection once its deadline is past: the text is adopted.
    deadline = timezone.now() + dt.timedelta(seconds=1)
    second = call(client, world, "officer", "POST", f"{draft4}/silence", {"deadline": deadline.isoformat()})
    assert second.json()["outcome"] == "running"
    time.sleep(max(0.0, (deadline - timezone.now()).total_seconds()) + 0.05)
    assert call(client, world, "chair", "GET", f"/api/silence/{second.json()['id']}").json()["outcome"] == "adopted"
    adoption = call(client, world, "delegate-ru", "GET", f"{draft4}/adoption").json()
    assert (adoption["adopted"], adoption["method"], adoption["procedure_id"]) == (True, "silence", second.json()["id"])

    # Adopted and locked: through the API, save(), update() and raw SQL.
    late = call(client, world, "delegate-ru", "POST", f"{draft4}/amendments", {"kind": "delete", "provision": OP27})
    assert "MM/2021/DRAFT/4 has been adopted" in assert_json_error(late, 422)
    revision = Revision.objects.get(symbol="MM/2021/DRAFT/4")
    revision.stage = "FINAL"
    with pytest.raises(Immutable):
        revision.save()
    with pytest.raises(IntegrityError), transaction.atomic():
        Revision.objects.filter(pk=revision.pk).update(stage="FINAL")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE documents_revision SET stage = 'FINAL' WHERE id = %s", [revision.pk])
    with pytest.raises(IntegrityError), transaction.atomic():
        SilenceProcedure.objects.filter(revision=revision).update(deadline=timezone.now() + dt.timedelta(days=1))
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM negotiation_silencebreak")
    assert Revision.objects.get(pk=revision.pk).stage == "DRAFT"
    assert call(client, world, "officer", "GET", "/api/audit/verify").json()["intact"] is True
