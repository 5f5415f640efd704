"""Documents in the database: the seed imported whole, issued texts frozen, refusals that store nothing."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.documents.access import can_import, can_read, readable_documents
from accord.documents.models import Document, Immutable, LanguageVersion, Revision
from accord.documents.services import ImportRefused, import_file, parse_symbol, work_key
from accord.text import parse_file

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_eb14f680198fb1ca.txt"
RESOLUTION = Path(__file__).resolve().parents[1] / "text" / "fixtures" / "resolution_un.md"


def test_the_seed_becomes_the_draft_declaration_with_two_versions_and_the_note_with_three(demo):
    revision = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    assert (revision.stage, revision.sequence, revision.is_issued) == ("DRAFT", 3, True)
    assert sorted(revision.versions_by_language()) == ["en", "ru"]
    assert revision.document.kind == "declaration" and revision.document.body.symbol_prefix == "MM"
    assert revision.document.title("ru").startswith("ПРОЕКТ ДЕКЛАРАЦИИ")
    note = Revision.objects.get(symbol="17-1/542")
    assert note.document.kind == "note_verbale" and sorted(note.versions_by_language()) == ["en", "kk", "ru"]


def test_a_stored_language_version_round_trips_the_core_model_exactly(demo):
    parsed = {(d.kind, d.language): d for d in parse_file(SEED)}
    for version in LanguageVersion.objects.all():
        kind = version.revision.document.kind
        kind = "note_verbale" if kind == "note_verbale" else "declaration"
        assert version.text() == parsed[(kind, version.language)]
        assert bytes(version.source) == SEED.read_bytes() and version.source_name == SEED.name


def test_an_issued_revision_and_its_versions_cannot_change_or_go(demo):
    revision = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    revision.stage = "FINAL"
    with pytest.raises(Immutable):
        revision.save()
    version = revision.versions.get(language="en")
    version.content["title"] = "Something else"
    with pytest.raises(Immutable):
        version.save()
    with pytest.raises(Immutable):
        version.delete()
    with pytest.raises(Immutable):
        Revision.objects.get(symbol="MM/2021/DRAFT/3").delete()
    assert LanguageVersion.objects.get(pk=version.pk).content["title"].startswith("DRAFT DECLARATION")


def test_importing_the_same_language_again_is_refused_and_stores_nothing(demo, users):
    before = LanguageVersion.objects.count()
    with pytest.raises(ImportRefused, match="already has a version in 'en'"):
        import_file(SEED.read_bytes(), "again.txt", users["officer"])
    assert LanguageVersion.objects.count() == before


@pytest.mark.parametrize(
    "name, data, problem",
    [
        ("text.docx", b"**DRAFT DECLARATION**\n\n1. One.", "claims to be a Word document"),
        ("zip.md", b"PK\x03\x04" + b"\0" * 40, "claims to be text but is a ZIP archive"),
        ("picture.png", b"\x89PNG\r\n", "not a .md, .txt or .docx file"),
        ("prose.md", b"Some words.\n\nMore words.\n", "no recognisable structure"),
        ("nosymbol.md", b"**DRAFT DECLARATION**\n\nWe, the Ministers,\n\n*Noting* it;\n\n1. One.\n", "has no symbol"),
    ],
)
def test_a_file_that_is_not_what_it_claims_or_cannot_be_read_stores_nothing(db, name, data, problem):
    with pytest.raises(ImportRefused, match=problem) as refusal:
        import_file(data, name, None)
    assert str(refusal.value).startswith(name) and "\n" not in str(refusal.value)
    assert not Document.objects.exists() and not Revision.objects.exists()


def test_an_upload_over_the_size_limit_is_refused(db, settings):
    settings.ACCORD_UPLOAD_MAX_BYTES = 1000
    with pytest.raises(ImportRefused, match="larger than"):
        import_file(b"x" * 1001, "big.md", None)


def test_a_failure_in_the_second_document_of_a_file_leaves_the_first_unstored(demo, users):
    before = LanguageVersion.objects.count()
    package = RESOLUTION.read_text() + "\n\n" + SEED.read_text()  # the seed's versions exist already
    with pytest.raises(ImportRefused):
        import_file(package.encode(), "package.md", users["officer"])
    assert LanguageVersion.objects.count() == before
    assert not Revision.objects.filter(symbol="A/RES/76/1").exists()


def test_a_new_revision_joins_the_document_of_its_earlier_revisions(demo, users):
    text = SEED.read_text().split("**DRAFT DECLARATION**")[1].split("Председательство")[0]
    text = "MM/2021/DRAFT/4\n\n**DRAFT DECLARATION**" + text
    (version,) = import_file(text.encode(), "draft4.md", users["officer"])
    assert version.revision.sequence == 4
    assert version.revision.document == Revision.objects.get(symbol="MM/2021/DRAFT/3").document


def test_the_final_text_comes_after_the_drafts_of_its_document(demo, users):
    text = SEED.read_text().split("**DRAFT DECLARATION**")[1].split("Председательство")[0]
    (version,) = import_file(f"MM/2021/FINAL\n\n**DECLARATION**{text}".encode(), "final.md", users["officer"])

    assert (version.revision.stage, version.revision.sequence) == ("FINAL", 4)
    assert version.revision.document == Revision.objects.get(symbol="MM/2021/DRAFT/3").document
    assert parse_symbol("MM/2021/FINAL").numbered is False and parse_symbol("MM/2021/DRAFT/3").numbered


def test_the_symbol_scheme_is_a_setting(settings):
    assert parse_symbol("MM/2021/DRAFT/3").sequence == 3 and work_key("MM/2021/DRAFT/3") == "MM/2021"
    assert parse_symbol("A/RES/76/1").stage == "FINAL"
    settings.ACCORD_SYMBOL_SCHEME = r"(?P<body>A)/(?P<session>\d+)/L\.(?P<n>\d+)(?:/(?P<stage>Rev)\.(?P<number>\d+))?"
    assert parse_symbol("A/76/L.1/Rev.2").sequence == 2 and work_key("A/76/L.1/Rev.2") == "A/76/L.1"


def test_distribution_decides_who_reads(users):
    members_only = Document.objects.create(kind="declaration", titles={"en": "Restricted"}, distribution=Document.MEMBERS)
    public = Document.objects.create(kind="declaration", titles={"en": "Open"}, distribution=Document.PUBLIC)
    for name in ("officer", "chair", "translator", "delegate-ru"):
        assert can_read(users[name], members_only), name
    assert not can_read(users["observer-tm"], members_only)
    assert can_read(users["observer-tm"], public)
    assert members_only not in readable_documents(users["observer-tm"])
    assert [name for name, user in users.items() if can_import(user)] == ["officer"]


def test_accord_import_refuses_bad_input_with_exit_status_2(db, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"")
    with pytest.raises(CommandError) as refusal:
        call_command("import", str(bad))
    assert refusal.value.returncode == 2 and "bad.md" in str(refusal.value)


def test_accord_import_stores_a_docx(db, tmp_path):
    from accord.text.docx_writer import render_docx

    (resolution,) = parse_file(RESOLUTION)
    path = tmp_path / "resolution.docx"
    path.write_bytes(render_docx(resolution))
    out = io.StringIO()
    call_command("import", str(path), stdout=out)
    assert "A/RES/76/1 [en] imported" in out.getvalue()
    assert zipfile.is_zipfile(io.BytesIO(bytes(LanguageVersion.objects.get().source)))
