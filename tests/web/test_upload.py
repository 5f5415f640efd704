"""The secretariat's upload: a file that is what it claims is stored with the distribution chosen; anything else is
refused with one clear line, and nothing at all is stored."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accord.documents.models import Document, LanguageVersion, Revision
from accord.text import parse_file
from accord.text.docx_writer import render_docx
from web_pages import RESOLUTION, html, text


def counts():
    return Document.objects.count(), Revision.objects.count(), LanguageVersion.objects.count()


def upload(client, name, content, distribution=Document.PARTICIPANTS):
    return client.post(reverse("documents:upload"),
                       {"file": SimpleUploadedFile(name, content), "distribution": distribution})


def refusal(response) -> str:
    """The page's error about the file, in one line."""
    assert response.status_code == 200
    (errors,) = html(response).xpath("//ul[@class='errorlist']")
    return text(errors)


def test_the_upload_page_offers_a_file_and_the_distribution(signed_in, demo):
    page = html(signed_in("officer").get(reverse("documents:upload")))
    form = page.xpath("//form[@enctype='multipart/form-data']")[0]
    assert form.xpath(".//input[@type='file'][@name='file']")
    assert set(form.xpath(".//input[@name='distribution']/@value")) == {"public", "participants", "members"}
    assert form.xpath(".//input[@name='csrfmiddlewaretoken']")


def test_a_markdown_file_is_imported_with_the_distribution_chosen(signed_in, demo):
    client = signed_in("officer")
    response = upload(client, "resolution.md", RESOLUTION.read_bytes(), Document.MEMBERS)
    assert response.status_code == 302 and response["Location"] == reverse("documents:list")
    revision = Revision.objects.get(symbol="A/RES/76/1")
    assert revision.document.distribution == Document.MEMBERS
    assert revision.versions.get().imported_by.username == "officer"
    message = text(html(client.get(response["Location"])).xpath("//ul[@class='messages']")[0])
    assert message == "Imported 1 language version: A/RES/76/1 [en]."


def test_a_word_document_is_imported(signed_in, demo):
    (resolution,) = parse_file(RESOLUTION)
    response = upload(signed_in("officer"), "resolution.docx", render_docx(resolution))
    assert response.status_code == 302
    version = LanguageVersion.objects.get(revision__symbol="A/RES/76/1")
    assert version.text() == resolution and version.source_name == "resolution.docx"


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.parametrize("name, content, message", [
    ("text.docx", b"**DRAFT DECLARATION**\n\n1. One.\n", "text.docx: claims to be a Word document but is not one"),
    ("archive.md", zip_bytes(), "archive.md: claims to be text but is a ZIP archive"),
    ("words.txt", b"Just a few words, with no structure at all.\n", "words.txt"),
    ("picture.png", b"\x89PNG\r\n\x1a\n", "picture.png: not a .md, .txt or .docx file"),
])
def test_a_file_that_is_not_what_it_claims_is_refused_and_nothing_is_stored(signed_in, demo, name, content, message):
    before = counts()
    response = upload(signed_in("officer"), name, content)
    assert refusal(response).startswith(message)
    assert counts() == before


def test_a_file_over_the_limit_is_refused_with_the_same_message_before_it_is_read(signed_in, demo, settings):
    settings.ACCORD_UPLOAD_MAX_BYTES = 100
    before = counts()
    response = upload(signed_in("officer"), "resolution.md", RESOLUTION.read_bytes())
    assert refusal(response) == "resolution.md: larger than the 100 bytes an upload may be"
    assert counts() == before


def test_a_form_without_a_file_asks_for_one(signed_in, demo):
    response = signed_in("officer").post(reverse("documents:upload"), {"distribution": "public"})
    assert refusal(response) == "Choose a file."
