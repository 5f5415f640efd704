"""The concordance endpoints: the findings of a pair of language versions as `accord check --json` prints them, with
their fingerprint and whether they were accepted as is; accepting one, by revisers only; every role on both.

The demo, a members-only resolution in English and Russian and a token per role are made once for the module inside
a transaction rolled back at its end; each test runs in a savepoint of its own, so an acceptance in one test is gone
by the next.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from api_helpers import ANONYMOUS, assert_json_error, demo_world
from django.conf import settings

from accord.documents.models import AcceptedFinding, Revision
from accord.documents.services import import_file
from accord.registry.models import User

ACCORD = str(Path(sys.executable).with_name("accord"))
ROLES = ["officer", "chair", "delegate-ru", "observer-tm", "translator", ANONYMOUS]
REVISERS = {"officer", "translator"}
FIXTURES = Path(__file__).resolve().parents[1] / "text" / "fixtures"
# A UN resolution in English and Russian; its Russian OP4 is made to read 47 activities where the English has 46.
RESOLUTION_EN_RU = (FIXTURES / "concordance" / "resolution_en_ru.md").read_text(encoding="utf-8").replace(
    "46 мероприятий", "47 мероприятий")
TARGETS = {"participants": "MM/2021/DRAFT/3", "members only": "A/RES/80/12"}



@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield from demo_world(ROLES, RESOLUTION_EN_RU.encode(), "resolution_en_ru.md", TARGETS)


def url(revision, accepted=False):
    return f"/api/revisions/{revision.pk}/concordance" + ("/accepted" if accepted else "")


def findings(client, world, revision, username="delegate-ru", **params):
    response = client.get(url(revision), params, headers=world.headers[username])
    assert response.status_code == 200, response.content
    return response.json()


def post(client, world, revision, username, **payload):
    return client.post(url(revision, accepted=True), json.dumps(payload), content_type="application/json",
                       headers=world.headers[username])


def fingerprint_of(client, world, revision, code, provision):
    (found,) = [f for f in findings(client, world, revision)["findings"]
                if (f["code"], f["provision"]) == (code, provision)]
    return found["fingerprint"]


def test_the_findings_are_those_accord_check_prints_with_fingerprint_and_accepted_flag(client, db, world):
    draft = world.targets["participants"]
    answer = findings(client, world, draft)
    assert answer["revision_id"] == draft.pk and answer["pair"] == "en:ru"  # by default, master against the other

    checked = subprocess.run([ACCORD, "check", str(settings.ACCORD_SEED_PATH), "--pair", "en:ru", "--json"],
                             capture_output=True, text=True, timeout=120)
    printed = [f for f in json.loads(checked.stdout)["findings"] if f["text"] == "Declaration MM/2021/DRAFT/3"]
    assert [{k: v for k, v in f.items() if k not in ("accepted", "acceptance")} for f in answer["findings"]] == [
        {k: v for k, v in f.items() if k != "text"} for f in printed]
    assert [(f["code"], f["provision"]) for f in answer["findings"]] == [
        ("one_version.only", "header_1"), ("one_version.only", "header_2"),
        ("punctuation.convention", "recs_1__rec_6"), ("punctuation.convention", "recs_1__rec_7"),
        ("terminology.missing", "para_27"),
    ]
    assert all(f["accepted"] is False and f["acceptance"] is None for f in answer["findings"])
    pp6 = answer["findings"][2]
    assert pp6["message"] == ("PP6 ends with full stop in the ru version, where preambular paragraphs end with comma "
                              "or semicolon")
    assert pp6["target"]["excerpt"].endswith("мир и безопасность.") and len(pp6["fingerprint"]) == 20


def test_the_notes_symbol_with_cyrillic_letters_in_each_pair(client, db, world):
    note = Revision.objects.get(symbol="17-1/542")
    for pair in ("en:ru", "en:kk"):
        answer = findings(client, world, note, pair=pair)
        lookalikes = [f for f in answer["findings"] if f["code"] == "symbols.lookalike"]
        assert [(f["severity"], f["target"]["excerpt"]) for f in lookalikes] == [("error", "ММ/2021/DRAFT/3")], pair


def test_a_translator_accepts_a_finding_and_it_is_flagged_not_forgotten(client, db, world):
    draft = world.targets["participants"]
    fingerprint = fingerprint_of(client, world, draft, "punctuation.convention", "recs_1__rec_6")

    response = post(client, world, draft, "translator", pair="en:ru", fingerprint=fingerprint,
                    reason="Russian drafting practice.")

    assert response.status_code == 201, response.content
    created = response.json()
    assert {k: created[k] for k in ("revision_id", "pair", "fingerprint", "code", "provision", "label", "reason",
                                    "accepted_by")} == {
        "revision_id": draft.pk, "pair": "en:ru", "fingerprint": fingerprint, "code": "punctuation.convention",
        "provision": "recs_1__rec_6", "label": "PP6", "reason": "Russian drafting practice.",
        "accepted_by": "translator"}
    after = {f["fingerprint"]: f for f in findings(client, world, draft)["findings"]}
    assert after[fingerprint]["accepted"] is True
    assert after[fingerprint]["acceptance"]["reason"] == "Russian drafting practice."
    assert after[fingerprint]["acceptance"]["accepted_by"] == "translator"
    assert sum(f["accepted"] for f in after.values()) == 1


@pytest.mark.parametrize(("payload", "status", "detail"), [
    ({"pair": "en:ru", "fingerprint": "0123456789abcdef0123", "reason": "Because."}, 404,
     "The en:ru report has no finding 0123456789abcdef0123."),
    ({"pair": "en:ru", "fingerprint": "{pp6}", "reason": "  "}, 422, "Say why the finding is accepted as is."),
    ({"pair": "ru:en", "fingerprint": "{pp6}", "reason": "Because."}, 422,
     "This revision does not offer the pair ru:en; it offers en:ru."),
    ({"pair": "en:ru", "fingerprint": "{pp6}"}, 422, "body.payload.reason: Field required"),
])
def test_an_acceptance_that_cannot_be_recorded_says_why(client, db, world, payload, status, detail):
    draft = world.targets["participants"]
    pp6 = fingerprint_of(client, world, draft, "punctuation.convention", "recs_1__rec_6")
    payload = {key: value.format(pp6=pp6) for key, value in payload.items()}

    response = post(client, world, draft, "officer", **payload)

    assert detail in assert_json_error(response, status)
    assert not AcceptedFinding.objects.exists()


def test_a_finding_is_accepted_once(client, db, world):
    draft = world.targets["participants"]
    pp7 = fingerprint_of(client, world, draft, "punctuation.convention", "recs_1__rec_7")
    assert post(client, world, draft, "officer", pair="en:ru", fingerprint=pp7, reason="Drafting.").status_code == 201
    again = post(client, world, draft, "translator", pair="en:ru", fingerprint=pp7, reason="Drafting, again.")
    assert "already accepted" in assert_json_error(again, 409)
    assert AcceptedFinding.objects.get().accepted_by.username == "officer"


@pytest.mark.parametrize(("path", "detail"), [
    ("/api/revisions/{draft}/concordance?pair=en:kk", "does not offer the pair en:kk; it offers en:ru."),
    ("/api/revisions/{single}/concordance", "a single language version"),
    ("/api/revisions/999999/concordance", "no revision 999999"),
])
def test_a_report_that_cannot_be_made_says_why(client, db, world, path, detail):
    resolution = FIXTURES / "resolution_un.md"  # English only
    (single,) = import_file(resolution.read_bytes(), resolution.name, User.objects.get(username="officer"))
    response = client.get(path.format(draft=world.targets["participants"].pk, single=single.revision_id),
                          headers=world.headers["officer"])
    assert detail in assert_json_error(response, 404 if "999999" in path else 422)


def role_cases():
    return [pytest.param(target, username, id=f"{target}-{username}") for target in TARGETS for username in ROLES]


def may_read(target: str, username: str) -> bool:
    return not (target == "members only" and username == "observer-tm")


@pytest.mark.parametrize(("target", "username"), role_cases())
def test_every_role_reads_the_findings_it_may_read(client, db, world, target, username):
    response = client.get(url(world.targets[target]), headers=world.headers[username])

    if username == ANONYMOUS:
        assert_json_error(response, 401)
    elif not may_read(target, username):
        assert_json_error(response, 404)  # as if it did not exist
    else:
        assert response.status_code == 200, response.content
        assert response.json()["pair"] == "en:ru"


@pytest.mark.parametrize(("target", "username"), role_cases())
def test_only_revisers_accept_findings(client, db, world, target, username):
    revision = world.targets[target]
    found = findings(client, world, revision, username="officer")["findings"]
    fingerprint = found[0]["fingerprint"]

    response = post(client, world, revision, username, pair="en:ru", fingerprint=fingerprint, reason="As is.")

    if username == ANONYMOUS:
        assert_json_error(response, 401)
    elif not may_read(target, username):
        assert_json_error(response, 404)
    elif username in REVISERS:
        assert response.status_code == 201, response.content
        assert AcceptedFinding.objects.get().accepted_by.username == username
        return
    else:
        assert "only the secretariat and translators accept findings" in assert_json_error(response, 403)
    assert not AcceptedFinding.objects.exists()
