"""Redlines through the API: what changed from DRAFT/3 to DRAFT/4, as HTML or as DOCX with tracked changes."""

import io
import zipfile
from pathlib import Path

import pytest

from accord.documents.models import Revision
from accord.documents.services import import_file

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_eb14f680198fb1ca.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def draft_4(users):
    """DRAFT/4 in English, imported as the secretariat would: OP27 reworded."""
    english = SEED.read_text().split("**DRAFT DECLARATION**")[1].split("Председательство")[0]
    english = english.replace("to ratify the Statute of", "to sign and ratify the Agreement on")
    import_file(f"MM/2021/DRAFT/4\n\n**DRAFT DECLARATION**{english}".encode(), "draft4.md", users["officer"])
    return Revision.objects.get(symbol="MM/2021/DRAFT/3"), Revision.objects.get(symbol="MM/2021/DRAFT/4")


def redline(client, newer, older, fmt, lang="en"):
    return client.get(f"/api/revisions/{newer.pk}/versions/{lang}/redline/{fmt}?against={older.pk}")


def test_the_html_redline_marks_the_reworded_paragraph(client, users, draft_4):
    client.force_login(users["delegate-ru"])
    response = redline(client, draft_4[1], *draft_4[:1], "html")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('MM-2021-DRAFT-4-vs-MM-2021-DRAFT-3.en.redline.html"')
    page = response.content.decode()
    assert "<del>Statute of</del><ins>Agreement on</ins>" in page and '<a href="#change-1">OP27</a>' in page


def test_the_docx_redline_carries_word_tracked_changes(client, users, draft_4):
    client.force_login(users["delegate-ru"])
    response = redline(client, draft_4[1], draft_4[0], "docx")
    assert response.status_code == 200
    body = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml").decode()
    assert "<w:del " in body and "<w:delText" in body and "Agreement on" in body


def test_a_missing_version_an_unknown_format_or_no_login_is_a_json_error(client, users, draft_4):
    newer, older = draft_4[1], draft_4[0]
    assert redline(client, newer, older, "html").status_code == 401
    client.force_login(users["delegate-ru"])
    missing = redline(client, newer, older, "html", lang="ru")  # DRAFT/4 was imported in English only
    assert missing.status_code == 404 and "detail" in missing.json()
    assert redline(client, newer, older, "pdf").status_code == 422
    note = Revision.objects.get(symbol="17-1/542")
    assert redline(client, newer, note, "html").status_code == 404
