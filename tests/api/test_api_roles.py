"""Every endpoint under every role: who gets 200, 201, 401, 403 or 404, distribution enforced everywhere.

The demo, a members-only document and a token per role are made once for the module (a hundred-odd requests would
otherwise load the demo a hundred-odd times) inside a transaction that is rolled back when the module ends; each test
runs in a savepoint of its own, so an import in one test is gone by the next.
"""


import pytest
from api_helpers import ANONYMOUS, RESOLUTION, STATEMENT, assert_json_error, demo_world
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.documents import rendering
from accord.documents.models import Document, LanguageVersion, Revision
from accord.registry.models import User

ROLES = {
    "officer": User.SECRETARIAT,
    "chair": User.CHAIR,
    "delegate-ru": User.DELEGATE,  # Russia: a Member State
    "observer-tm": User.OBSERVER_DELEGATE,  # Turkmenistan: an Observer
    "translator": User.TRANSLATOR,
    ANONYMOUS: None,
}

# Endpoints that read; {document_id} and {revision_id} are filled with a readable-by-all or a members-only target.
READS = {
    "documents": "/api/documents",
    "revisions": "/api/revisions",
    "states": "/api/states",
    "chairmanship": "/api/chairmanship",
    "document": "/api/documents/{document_id}",
    "document revisions": "/api/documents/{document_id}/revisions",
    "revision": "/api/revisions/{revision_id}",
    "version model": "/api/revisions/{revision_id}/versions/en",
    **{f"export {fmt}": f"/api/revisions/{{revision_id}}/versions/en/export/{fmt}" for fmt in rendering.FORMATS},
}
# The seed's declaration goes to Member States and Observers; the UN resolution is imported for Member States only.
TARGETS = {"participants": "MM/2021/DRAFT/3", "members only": "A/RES/76/1"}



@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        yield from demo_world(ROLES, RESOLUTION.read_bytes(), RESOLUTION.name, TARGETS)


def test_the_demo_users_have_the_roles_the_matrix_names(db, world):
    users = User.objects.filter(username__in=ROLES)
    assert {user.username: user.role for user in users} == {name: role for name, role in ROLES.items() if role}


def read_cases() -> list:
    cases = []
    for name, template in READS.items():
        for target in TARGETS if "{" in template else [None]:
            for username in ROLES:
                cases.append(pytest.param(template, target, username, id=f"{name}-{target or 'any'}-{username}"))
    return cases


def expected_read_status(target: str | None, username: str) -> int:
    if username == ANONYMOUS:
        return 401
    if target == "members only" and ROLES[username] == User.OBSERVER_DELEGATE:
        return 404  # as if it did not exist
    return 200


@pytest.mark.parametrize(("template", "target", "username"), read_cases())
def test_every_read_endpoint_answers_every_role(client, db, world, template, target, username):
    revision = world.targets.get(target)
    path = template.format(document_id=revision.document_id, revision_id=revision.pk) if revision else template

    response = client.get(path, headers=world.headers[username])

    status = expected_read_status(target, username)
    if status == 200:
        assert response.status_code == 200, response.content
    else:
        assert_json_error(response, status)


@pytest.mark.parametrize("username", ROLES)
def test_lists_leave_out_only_what_the_role_may_not_read(client, db, world, username):
    documents = client.get("/api/documents", headers=world.headers[username])
    revisions = client.get("/api/revisions", headers=world.headers[username])

    if username == ANONYMOUS:
        assert_json_error(documents, 401)
        assert_json_error(revisions, 401)
        return
    expected = set(TARGETS.values()) - ({TARGETS["members only"]} if username == "observer-tm" else set())
    assert {item["symbol"] for item in revisions.json()["items"]} == expected | {"17-1/542"}
    document_ids = {item["id"] for item in documents.json()["items"]}
    assert (world.targets["members only"].document_id in document_ids) == (username != "observer-tm")
    assert world.targets["participants"].document_id in document_ids


@pytest.mark.parametrize("username", ROLES)
def test_only_the_secretariat_imports(client, db, world, username):
    before = (Document.objects.count(), Revision.objects.count(), LanguageVersion.objects.count())
    upload = {"file": SimpleUploadedFile("statement.md", STATEMENT), "distribution": "participants"}

    response = client.post("/api/imports", upload, headers=world.headers[username])

    if ROLES[username] == User.SECRETARIAT:
        assert response.status_code == 201, response.content
        [imported] = response.json()
        assert (imported["symbol"], imported["language"]) == ("SWG/2021/DRAFT/1", "en")
        assert Revision.objects.get(pk=imported["revision_id"]).document.distribution == Document.PARTICIPANTS
    else:
        assert_json_error(response, 401 if username == ANONYMOUS else 403)
        assert (Document.objects.count(), Revision.objects.count(), LanguageVersion.objects.count()) == before
