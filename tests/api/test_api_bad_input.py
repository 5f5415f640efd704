"""Bad input answers a 4xx JSON error with a one-line detail, never an HTML page or a 500, and stores nothing."""

import io
import zipfile

import pytest
from api_helpers import STATEMENT, assert_json_error, bearer_headers
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from accord.documents.models import Document, LanguageVersion, Revision


@pytest.fixture
def officer(demo):
    return bearer_headers("officer")


@pytest.fixture
def declaration(demo) -> Revision:
    return Revision.objects.get(symbol="MM/2021/DRAFT/3")


def stored() -> tuple[int, int, int]:
    return Document.objects.count(), Revision.objects.count(), LanguageVersion.objects.count()


@pytest.mark.parametrize(
    ("path", "status", "detail"),
    [
        ("/api/revisions/{revision}/versions/en/export/odt", 422, "path.fmt: Input should be 'akn', 'docx', 'html'"),
        ("/api/revisions/{revision}/versions/xx", 422, "path.lang: Input should be"),
        ("/api/revisions/{revision}/versions/xx/export/pdf", 422, "path.lang: Input should be"),
        ("/api/revisions/{revision}/versions/kk", 404, "no version in 'kk'"),  # a language the revision lacks
        ("/api/revisions/{revision}/versions/kk/export/pdf", 404, "no version in 'kk'"),
        ("/api/revisions/999999", 404, "no revision 999999"),
        ("/api/revisions/first", 422, "path.revision_id: Input should be a valid integer"),
        ("/api/documents/999999/revisions", 404, "no document 999999"),
        ("/api/documents?limit=0", 422, "query.limit: Input should be greater than or equal to 1"),
        ("/api/documents?offset=-1", 422, "query.offset"),
        ("/api/states?lang=fr", 422, "query.lang: Input should be"),
        ("/api/no/such/thing", 404, "no endpoint at /api/no/such/thing"),
        ("/api/documents/", 404, "no endpoint at /api/documents/"),
    ],
)
def test_a_bad_request_is_a_json_4xx_with_a_one_line_detail(client, officer, declaration, path, status, detail):
    response = client.get(path.format(revision=declaration.pk), headers=officer)

    assert detail in assert_json_error(response, status)


@pytest.mark.parametrize(
    ("filename", "data", "detail"),
    [
        ("text.docx", STATEMENT, "text.docx: claims to be a Word document but is not one"),
        ("empty.md", b"", "empty.md: empty file"),
        ("nothing.txt", b"Nothing to see here.\n", "nothing.txt: no recognisable structure"),
        ("archive.md", b"PK\x03\x04" + b"\0" * 100, "archive.md: claims to be text but is a ZIP archive"),
        ("statement.pdf", b"%PDF-1.7", "statement.pdf: not a .md, .txt or .docx file"),
        ("seed-again.txt", None, "seed-again.txt: 17-1/542 already has a version in 'en'"),
    ],
)
def test_an_upload_that_cannot_be_imported_is_refused_by_name_and_stores_nothing(
    client, officer, filename, data, detail
):
    data = settings.ACCORD_SEED_PATH.read_bytes() if data is None else data
    before = stored()

    response = client.post("/api/imports", {"file": SimpleUploadedFile(filename, data), "distribution": "members"},
                           headers=officer)

    assert detail in assert_json_error(response, 422)
    assert stored() == before


def test_a_docx_that_is_a_zip_but_not_word_is_refused(client, officer):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("hello.txt", "not a Word document")
    before = stored()

    response = client.post(
        "/api/imports", {"file": SimpleUploadedFile("fake.docx", archive.getvalue()), "distribution": "members"},
        headers=officer,
    )

    assert "fake.docx" in assert_json_error(response, 422)
    assert stored() == before


@override_settings(ACCORD_UPLOAD_MAX_BYTES=100)
def test_an_upload_over_the_size_limit_is_refused(client, officer):
    before = stored()

    response = client.post("/api/imports", {"file": SimpleUploadedFile("statement.md", STATEMENT),
                                            "distribution": "members"}, headers=officer)

    assert "statement.md: larger than" in assert_json_error(response, 422)
    assert stored() == before


@pytest.mark.parametrize(
    ("form", "detail"),
    [
        ({"distribution": "members"}, "file"),
        ({"file": "not a file", "distribution": "members"}, "file"),
        ({"file": SimpleUploadedFile("statement.md", STATEMENT)}, "form.distribution: Field required"),
        ({"file": SimpleUploadedFile("statement.md", STATEMENT), "distribution": "everyone"}, "form.distribution"),
    ],
)
def test_an_import_without_a_file_or_a_known_distribution_is_refused(client, officer, form, detail):
    before = stored()

    response = client.post("/api/imports", form, headers=officer)

    assert detail in assert_json_error(response, 422)
    assert stored() == before


def test_an_import_sent_as_json_is_refused(client, officer):
    response = client.post("/api/imports", {"distribution": "members"}, content_type="application/json",
                           headers=officer)

    assert_json_error(response, 422)


def test_an_unexpected_failure_is_a_json_500_that_shows_no_internals(officer, declaration, monkeypatch):
    def broken(version, fmt):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("accord.documents.rendering.export", broken)

    response = Client(raise_request_exception=False).get(
        f"/api/revisions/{declaration.pk}/versions/en/export/pdf", headers=officer
    )

    assert response.status_code == 500
    assert response.json() == {"detail": "internal error"}
