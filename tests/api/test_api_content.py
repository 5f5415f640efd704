"""What the endpoints answer: the seed's documents, revisions, JSON models that round-trip, exports, the registry."""

import io
import zipfile

import pytest
from api_helpers import assert_json_error, bearer_headers
from django.conf import settings
from lxml import etree

from accord.documents.models import Revision
from accord.text import document_from_dict, parse_file

DECLARATION = "MM/2021/DRAFT/3"
NOTE = "17-1/542"
AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"


@pytest.fixture
def get(client, demo):
    """``get(path, params, language=…)`` as the delegate of Russia, by bearer token, asserting a 200."""
    token = bearer_headers("delegate-ru")

    def request(path, params=None, language=None):
        headers = {**token, "Accept-Language": language} if language else token
        response = client.get(path, params, headers=headers)
        assert response.status_code == 200, response.content
        return response

    return request


def revision_id(symbol: str) -> int:
    return Revision.objects.get(symbol=symbol).pk


def test_documents_and_their_revisions(get):
    documents = get("/api/documents").json()
    assert documents["count"] == 2
    by_kind = {item["kind"]: item for item in documents["items"]}
    declaration = by_kind["declaration"]
    assert (declaration["body"], declaration["distribution"]) == ("MM", "participants")
    assert declaration["titles"]["ru"].startswith("ПРОЕКТ ДЕКЛАРАЦИИ")
    assert get(f"/api/documents/{declaration['id']}").json() == declaration

    [revision] = get(f"/api/documents/{declaration['id']}/revisions").json()["items"]
    assert {key: revision[key] for key in ("symbol", "sequence", "stage", "languages")} == {
        "symbol": DECLARATION, "sequence": 3, "stage": "DRAFT", "languages": ["en", "ru"]
    }


def test_a_revision_with_its_language_versions(get):
    revision = get(f"/api/revisions/{revision_id(NOTE)}").json()

    assert revision["symbol"] == NOTE and revision["issued_at"]
    assert [version["language"] for version in revision["versions"]] == ["en", "kk", "ru"]
    assert {version["source_name"] for version in revision["versions"]} == {settings.ACCORD_SEED_PATH.name}


def test_a_revision_is_found_by_its_symbol_even_typed_in_cyrillic(get):
    assert get("/api/revisions").json()["count"] == 2
    for typed in (DECLARATION, "ММ/2021/DRAFT/3"):  # the second with Cyrillic М
        found = get("/api/revisions", {"symbol": typed}).json()
        assert [item["symbol"] for item in found["items"]] == [DECLARATION]
    assert get("/api/revisions", {"symbol": "MM/2021/DRAFT/9"}).json() == {"items": [], "count": 0}


def test_the_json_model_of_every_seed_version_round_trips_the_core_model(get):
    parsed = {(document.kind, document.language): document for document in parse_file(settings.ACCORD_SEED_PATH)}

    for (kind, language), document in parsed.items():
        symbol = NOTE if kind == "note_verbale" else DECLARATION
        model = get(f"/api/revisions/{revision_id(symbol)}/versions/{language}").json()
        assert document_from_dict(model) == document


@pytest.mark.parametrize(
    ("fmt", "content_type", "extension"),
    [
        ("akn", "application/akn+xml", "xml"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
        ("html", "text/html; charset=utf-8", "html"),
        ("pdf", "application/pdf", "pdf"),
    ],
)
def test_exports_have_their_content_type_and_a_filename_after_symbol_and_language(get, fmt, content_type, extension):
    response = get(f"/api/revisions/{revision_id(DECLARATION)}/versions/ru/export/{fmt}")

    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="MM-2021-DRAFT-3.ru.{extension}"'
    content = response.content
    if fmt == "akn":
        assert etree.fromstring(content).tag == f"{{{AKN_NAMESPACE}}}akomaNtoso"
    elif fmt == "docx":
        assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(content)).namelist()
    elif fmt == "html":
        assert "ПРОЕКТ ДЕКЛАРАЦИИ" in content.decode()
    else:
        assert content.startswith(b"%PDF-")


def test_states_are_sorted_in_the_language_asked_for_with_their_status_today(get):
    kazakh = get("/api/states", {"lang": "kk"}).json()
    names = [state["name"] for state in kazakh["items"]]
    # Kazakh order is а, ә, б…: Әзербайжан comes right after the names in А (code point order puts it after Я).
    assert names[:3] == ["Америка Құрама Штаттары", "Ауғанстан", "Әзербайжан"]
    status = {state["code"]: (state["status"], state["status_since"]) for state in kazakh["items"]}
    assert status["KZ"] == ("member", "1999-09-14")
    assert status["TM"][0] == "observer"
    assert status["KW"] == ("member", "2022-10-13")
    assert sum(1 for value, _ in status.values() if value == "member") == 28

    english = [state["name"] for state in get("/api/states", {"lang": "en"}).json()["items"]]
    assert english[:2] == ["Afghanistan", "Azerbaijan"] and english != names


def test_states_default_to_the_request_language(get):
    russian = get("/api/states", language="ru").json()["items"]

    assert russian == get("/api/states", {"lang": "ru"}).json()["items"]
    assert russian[0]["name"] == "Азербайджан"


def test_lists_are_paginated(get):
    everything = get("/api/states").json()

    page = get("/api/states", {"lang": "en", "limit": 5, "offset": 5}).json()

    assert page["count"] == everything["count"] == len(everything["items"])
    assert page["items"] == get("/api/states", {"lang": "en"}).json()["items"][5:10]


def test_the_current_chairmanship(get):
    chairmanship = get("/api/chairmanship", language="kk").json()

    assert chairmanship["state"]["code"] == "AZ" and chairmanship["state"]["name"] == "Әзербайжан"
    # DOMAIN.md gives no end to Azerbaijan's term: it lasts until the registry enters the next Chairmanship.
    assert (chairmanship["start"], chairmanship["end"]) == ("2024-10-13", None)


def test_the_registry_answers_for_any_day_of_its_history(get):
    in_2021 = {state["code"]: state["status"] for state in get("/api/states", {"on": "2021-08-26"}).json()["items"]}
    assert in_2021["KW"] is None  # Kuwait acceded on 13 October 2022
    assert in_2021["TM"] == "observer"
    assert sum(1 for status in in_2021.values() if status == "member") == 27

    chairmanship = get("/api/chairmanship", {"on": "2021-08-26"}).json()
    assert chairmanship["state"]["code"] == "KZ"
    assert (chairmanship["start"], chairmanship["end"]) == ("2020-09-01", "2024-10-12")

    accessions = get("/api/accessions", {"lang": "en"}).json()["items"]
    assert {"state": "KW", "name": "Kuwait", "status": "member", "start": "2022-10-13", "end": None} in accessions
    assert [entry["start"] for entry in accessions] == sorted((entry["start"] for entry in accessions), reverse=True)


def test_a_day_that_is_not_a_date_is_refused(client, demo):
    refused = client.get("/api/states", {"on": "26 August 2021"}, headers=bearer_headers("delegate-ru"))

    assert "on" in assert_json_error(refused, 422)
