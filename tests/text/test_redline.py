"""Redlines between two revisions: word-level changes, an HTML page to jump between them, Word tracked changes."""

import copy
import datetime as dt
import io
import shutil
import subprocess
import zipfile

import pytest
from lxml import etree

from accord.text.model import Paragraph
from accord.text.redline import CHANGED, DELETE, DELETED, EQUAL, INSERT, INSERTED, UNCHANGED, compare, word_edits
from accord.text.redline_docx import render_redline_docx
from accord.text.redline_html import render_redline_html

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WHEN = dt.datetime(2021, 9, 15, 10, 30, tzinfo=dt.timezone.utc)


@pytest.fixture
def draft_4(seed_declarations):
    """DRAFT/4 as a chair would issue it: OP27 reworded, OP2 deleted, OP7 bis inserted."""
    draft_3 = seed_declarations["en"]
    draft = copy.deepcopy(draft_3)
    op27 = draft.operative_paragraphs()[26]
    op27.text = op27.text.replace("to ratify the Statute of", "to sign and ratify the Agreement on")
    draft.sections[0].paragraphs.pop(1)
    draft.sections[1].paragraphs.insert(4, Paragraph("para_7bis", "OP7 bis", "7 bis", "We note the new measure."))
    return draft_3, draft


def test_word_edits_mark_only_the_words_that_changed():
    edits = word_edits("to ratify the Statute of the Secretariat.", "to sign and ratify the Agreement on the Secretariat.")
    assert [(e.op, e.text) for e in edits] == [
        (EQUAL, "to"), (INSERT, " sign and"), (EQUAL, " ratify the "),
        (DELETE, "Statute of"), (INSERT, "Agreement on"), (EQUAL, " the Secretariat."),
    ]


def test_compare_names_each_provision_changed_inserted_or_deleted_in_reading_order(draft_4):
    changes = compare(*draft_4)
    status = {c.id: c.status for c in changes}
    assert status["para_27"] == CHANGED and status["para_2"] == DELETED and status["para_7bis"] == INSERTED
    assert status["para_1"] == UNCHANGED and status["recs_1__rec_1"] == UNCHANGED
    ids = [c.id for c in changes]
    assert ids.index("para_1") < ids.index("para_2") < ids.index("para_3")
    assert ids.index("para_7") < ids.index("para_7bis") < ids.index("para_8")
    op27 = next(c for c in changes if c.id == "para_27")
    assert op27.old_text == draft_4[0].operative_paragraphs()[26].text
    assert op27.new_text == next(p.text for p in draft_4[1].operative_paragraphs() if p.id == "para_27")


def test_identical_revisions_have_no_changes(seed_declarations):
    assert all(c.status == UNCHANGED for c in compare(seed_declarations["ru"], seed_declarations["ru"]))


def test_the_html_redline_marks_changes_and_links_from_a_table_of_contents(draft_4):
    page = render_redline_html(compare(*draft_4), draft_4[1].title, "en", "MM/2021/DRAFT/3 → MM/2021/DRAFT/4")
    assert "<del>Statute of</del><ins>Agreement on</ins>" in page
    assert '<a href="#change-1">OP2</a>' in page and '<a href="#change-3">OP27</a>' in page
    assert 'id="change-3"' in page and 'href="#change-1">↓' in page  # the last change leads back to the first
    assert page.count("<del>") >= 2 and "<ins>We note the new measure.</ins>" in page


def test_the_docx_redline_holds_real_tracked_changes_with_author_and_date(draft_4):
    data = render_redline_docx(compare(*draft_4), draft_4[1], "CICA Secretariat", WHEN)
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    insertions, deletions = body.findall(f".//{W}ins"), body.findall(f".//{W}del")
    assert insertions and deletions
    for mark in insertions + deletions:
        assert mark.get(f"{W}author") == "CICA Secretariat" and mark.get(f"{W}date") == "2021-09-15T10:30:00Z"
    assert len({m.get(f"{W}id") for m in insertions + deletions}) == len(insertions + deletions)
    deleted_text = "".join(t.text for t in body.iter(f"{W}delText"))
    assert "Statute of" in deleted_text and "We affirm our commitment" in deleted_text
    inserted_text = "".join(t.text for m in insertions for t in m.iter(f"{W}t"))
    assert "Agreement on" in inserted_text and "We note the new measure." in inserted_text


def test_libreoffice_opens_the_docx_redline_and_sees_its_tracked_changes(draft_4, tmp_path):
    soffice = shutil.which("soffice")
    assert soffice, "LibreOffice is installed by make setup (scripts/apt-deps.sh)"
    path = tmp_path / "redline.docx"
    path.write_bytes(render_redline_docx(compare(*draft_4), draft_4[1], "CICA Secretariat", WHEN))
    profile = f"-env:UserInstallation=file://{tmp_path}/profile"
    for target in ("pdf", "odt"):
        subprocess.run([soffice, profile, "--headless", "--convert-to", target, "--outdir", str(tmp_path), str(path)],
                       check=True, capture_output=True, timeout=180)
    assert (tmp_path / "redline.pdf").stat().st_size > 1000
    content = zipfile.ZipFile(tmp_path / "redline.odt").read("content.xml").decode()
    assert content.count("<text:changed-region") >= 4
    assert "CICA Secretariat" in content
