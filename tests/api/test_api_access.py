"""How a client gets in: the schema is public; everything else takes a token from `accord token` or a session."""

import lxml.html
import pytest
from api_helpers import STATEMENT, assert_json_error, bearer_headers
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accord.documents.models import Revision

ENDPOINTS = {
    ("get", "/api/documents"),
    ("get", "/api/documents/{document_id}"),
    ("get", "/api/documents/{document_id}/revisions"),
    ("get", "/api/revisions"),
    ("get", "/api/revisions/{revision_id}"),
    ("get", "/api/revisions/{revision_id}/versions/{lang}"),
    ("get", "/api/revisions/{revision_id}/versions/{lang}/export/{fmt}"),
    ("get", "/api/revisions/{revision_id}/versions/{lang}/redline/{fmt}"),
    ("post", "/api/imports"),
    ("get", "/api/revisions/{revision_id}/concordance"),
    ("post", "/api/revisions/{revision_id}/concordance/accepted"),
    ("get", "/api/states"),
    ("get", "/api/chairmanship"),
    ("get", "/api/accessions"),
    ("get", "/api/documents/{document_id}/negotiation"),
    ("put", "/api/documents/{document_id}/negotiation"),
    ("get", "/api/revisions/{revision_id}/round"),
    ("put", "/api/revisions/{revision_id}/round"),
    ("get", "/api/revisions/{revision_id}/amendments"),
    ("post", "/api/revisions/{revision_id}/amendments"),
    ("get", "/api/revisions/{revision_id}/amendments/{number}"),
    ("post", "/api/revisions/{revision_id}/amendments/{number}/withdraw"),
    ("post", "/api/revisions/{revision_id}/amendments/{number}/cosponsor"),
    ("post", "/api/revisions/{revision_id}/amendments/{number}/support"),
    ("post", "/api/revisions/{revision_id}/amendments/{number}/decision"),
    ("get", "/api/revisions/{revision_id}/compilation"),
    ("get", "/api/revisions/{revision_id}/dashboard"),
    ("put", "/api/revisions/{revision_id}/provisions/{provision_id}/status"),
    ("put", "/api/revisions/{revision_id}/provisions/{provision_id}/options"),
    ("post", "/api/revisions/{revision_id}/next"),
    ("get", "/api/revisions/{revision_id}/translations"),
    ("put", "/api/revisions/{revision_id}/versions/{lang}/provisions/{provision_id}"),
    ("post", "/api/revisions/{revision_id}/silence"),
    ("get", "/api/revisions/{revision_id}/silence"),
    ("get", "/api/silence/{procedure_id}"),
    ("post", "/api/silence/{procedure_id}/break"),
    ("get", "/api/revisions/{revision_id}/adoption"),
    ("post", "/api/revisions/{revision_id}/adoption"),
    ("get", "/api/audit/verify"),
    ("get", "/api/bodies"),
    ("get", "/api/meetings"),
    ("post", "/api/meetings"),
    ("get", "/api/meetings/{meeting_id}"),
    ("post", "/api/meetings/{meeting_id}/agenda"),
    ("get", "/api/notes"),
    ("post", "/api/notes"),
    ("get", "/api/notes/{note_id}"),
    ("get", "/api/inbox"),
    ("post", "/api/inbox/{delivery_id}/acknowledge"),
    ("get", "/api/catalogue"),
    ("get", "/api/plans/{year}"),
    ("post", "/api/plans/{year}/events"),
    ("post", "/api/plans/{year}/events/{event_id}/status"),
    ("get", "/api/plans/{year}/dashboard"),
    ("get", "/api/instruments"),
    ("get", "/api/instruments/{instrument_id}/status"),
    ("get", "/api/instruments/{instrument_id}/not-ratified"),
    ("post", "/api/instruments/{instrument_id}/actions"),
    ("get", "/api/mandates"),
    ("post", "/api/mandates/proposals"),
    ("post", "/api/mandates/{mandate_id}/confirmation"),
    ("post", "/api/mandates/{mandate_id}/status"),
    ("get", "/api/versions/{version_id}/workspace"),
    ("get", "/api/versions/{version_id}/xliff"),
    ("post", "/api/versions/{version_id}/xliff"),
    ("get", "/api/terms.tbx"),
    ("post", "/api/versions/{version_id}/approval"),
    ("post", "/api/versions/{version_id}/issue"),
    ("post", "/api/revisions/{revision_id}/languages"),
}
CSRF_TOKEN = "x" * 32  # any well-formed secret, sent both as the cookie and in the header


def test_the_openapi_schema_is_served_to_anyone_and_lists_every_endpoint(client, db):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    schema = response.json()
    assert {(method, path) for path, operations in schema["paths"].items() for method in operations} == ENDPOINTS
    assert schema["components"]["securitySchemes"]["BearerToken"] == {"type": "http", "scheme": "bearer"}
    export = schema["paths"]["/api/revisions/{revision_id}/versions/{lang}/export/{fmt}"]["get"]
    assert {p["name"]: p["schema"].get("enum") for p in export["parameters"]}["fmt"] == ["akn", "docx", "html", "pdf"]


def test_the_api_docs_load_only_accords_own_static_files_so_the_csp_lets_them_run(client, db):
    response = client.get("/api/docs")

    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    for script in page.iter("script"):
        assert script.get("src", "").startswith("/static/ninja/") or script.get("type") == "application/json"
    assert all(link.get("href").startswith("/static/ninja/") for link in page.iter("link"))


def test_a_token_from_accord_token_authenticates(client, demo):
    response = client.get("/api/documents", headers=bearer_headers("delegate-ru"))

    assert response.status_code == 200
    assert response.json()["count"] == 2


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token", "Basic b2ZmaWNlcjpvZmZpY2Vy", "Bearer"])
def test_without_valid_credentials_the_answer_is_401_json(client, demo, authorization):
    headers = {"Authorization": authorization} if authorization else {}

    response = client.get("/api/documents", headers=headers)

    assert "accord token" in assert_json_error(response, 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_the_token_of_a_deactivated_user_no_longer_works(client, users):
    headers = bearer_headers("delegate-ru")
    users["delegate-ru"].is_active = False
    users["delegate-ru"].save()

    assert_json_error(client.get("/api/documents", headers=headers), 401)


def test_the_browser_session_reads_without_a_token(client, users):
    client.force_login(users["observer-tm"])

    response = client.get(f"/api/revisions/{Revision.objects.get(symbol='MM/2021/DRAFT/3').pk}")

    assert response.status_code == 200
    assert response.json()["languages"] == ["en", "ru"]


def test_a_session_post_needs_the_csrf_token(users):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(users["officer"])
    browser.cookies["csrftoken"] = CSRF_TOKEN

    def upload(**headers):
        data = {"file": SimpleUploadedFile("statement.md", STATEMENT), "distribution": "public"}
        return browser.post("/api/imports", data, headers=headers)

    assert "CSRF" in assert_json_error(upload(), 403)
    assert not Revision.objects.filter(symbol="SWG/2021/DRAFT/1").exists()
    assert upload(X_CSRFToken=CSRF_TOKEN).status_code == 201
    assert Revision.objects.get(symbol="SWG/2021/DRAFT/1").document.distribution == "public"


def test_a_token_post_needs_no_csrf_token(users):
    data = {"file": SimpleUploadedFile("statement.md", STATEMENT), "distribution": "public"}

    response = Client(enforce_csrf_checks=True).post("/api/imports", data, headers=bearer_headers("officer"))

    assert response.status_code == 201, response.content


def test_an_anonymous_post_is_told_to_authenticate_not_csrf(db):
    data = {"file": SimpleUploadedFile("statement.md", STATEMENT), "distribution": "public"}

    assert_json_error(Client(enforce_csrf_checks=True).post("/api/imports", data), 401)
