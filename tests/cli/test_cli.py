"""The ``accord`` command as a user runs it: real processes, real exit codes, real files."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

ACCORD = str(Path(sys.executable).with_name("accord"))
SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "seeds" / "000_eb14f680198fb1ca.txt"


def accord(*args, cwd=None):
    return subprocess.run([ACCORD, *map(str, args)], capture_output=True, cwd=cwd, timeout=120)


def test_parse_summarises_the_seed():
    result = accord("parse", SEED)
    assert result.returncode == 0, result.stderr
    out = result.stdout.decode()
    assert "5 document(s)" in out
    assert out.count("11 preambular paragraphs, 29 operative paragraphs in sections I, II, III, IV, V") == 2
    assert "symbol: MM/2021/DRAFT/3 (from the package)" in out
    assert "header: Проект для рассмотрения СРГ и КСДЛ" in out


def test_parse_json_gives_the_documented_fields():
    result = accord("parse", SEED, "--json")
    assert result.returncode == 0, result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert [(d["kind"], d["language"]) for d in documents] == [
        ("note_verbale", "en"), ("note_verbale", "ru"), ("note_verbale", "kk"),
        ("declaration", "en"), ("declaration", "ru"),
    ]
    for document in documents:
        assert {"kind", "language", "title", "symbol", "metadata"} <= document.keys()
    note, declaration = documents[1], documents[4]
    assert note["number"] == "17-1/542" and note["date"] == "2021-08-26" and note["place"] == "Нур-Султан"
    assert note["enclosure_pages"] == 7 and note["refers_to"] == ["MM/2021/DRAFT/3"]
    assert len(note["paragraphs"]) == 3
    assert set(declaration["preamble"][0]) >= {"id", "label", "lead", "text"}
    assert declaration["preamble"][0]["lead"] == "Собравшись"
    assert [s["num"] for s in declaration["sections"]] == ["I", "II", "III", "IV", "V"]
    assert set(declaration["sections"][0]["paragraphs"][0]) >= {"id", "label", "num", "text"}


@pytest.mark.parametrize(
    "name, content, problem",
    [
        ("empty.md", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("binary.md", bytes(range(256)), "binary content"),
        ("latin1.txt", "Déclaration".encode("latin-1"), "not UTF-8"),
        ("prose.txt", b"Just a few words of prose.\n\nAnd some more.\n", "no recognisable structure"),
        ("fake.docx", b"this is not a word file", "not a DOCX"),
    ],
)
def test_bad_input_is_one_line_naming_the_file_and_exit_status_2(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    result = accord("parse", path)
    assert result.returncode == 2
    err = result.stderr.decode().strip()
    assert len(err.splitlines()) == 1, err
    assert str(path) in err and problem in err
    assert "Traceback" not in err


def test_a_missing_file_or_a_folder_is_refused_the_same_way(tmp_path):
    for path, problem in ((tmp_path / "nowhere.md", "no such file"), (tmp_path, "is a directory")):
        result = accord("parse", path)
        assert result.returncode == 2
        assert problem in result.stderr.decode() and len(result.stderr.decode().strip().splitlines()) == 1


def test_a_truncated_docx_is_refused(tmp_path):
    whole = tmp_path / "whole.docx"
    assert accord("export", SEED, "--format", "docx", "--lang", "en", "-o", whole).returncode == 0
    truncated = tmp_path / "truncated.docx"
    truncated.write_bytes(whole.read_bytes()[:2000])
    result = accord("parse", truncated)
    assert result.returncode == 2
    assert str(truncated) in result.stderr.decode() and "Traceback" not in result.stderr.decode()


def test_export_json_html_and_akn(tmp_path):
    out = tmp_path / "ru.json"
    assert accord("export", SEED, "--format", "json", "--lang", "ru", "-o", out).returncode == 0
    assert [d["kind"] for d in json.loads(out.read_text())["documents"]] == ["note_verbale", "declaration"]

    html = accord("export", SEED, "--format", "html", "--lang", "ru")
    assert html.returncode == 0
    page = html.stdout.decode()
    assert page.startswith("<!DOCTYPE html>") and 'lang="ru"' in page and 'id="para_29"' in page

    akn = accord("export", SEED, "--format", "akn", "--lang", "ru")
    assert akn.returncode == 0
    root = etree.fromstring(akn.stdout)
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    assert root.find("a:statement", ns).get("name") == "declarationDraft"
    assert root.find(".//a:FRBRExpression/a:FRBRlanguage", ns).get("language") == "rus"


def test_export_docx_writes_a_word_file_that_reads_back(tmp_path):
    out = tmp_path / "en.docx"
    result = accord("export", SEED, "--format", "docx", "--lang", "en", "-o", out)
    assert result.returncode == 0, result.stderr
    assert zipfile.is_zipfile(out)
    summary = accord("parse", out).stdout.decode()
    assert "11 preambular paragraphs, 29 operative paragraphs in sections I, II, III, IV, V" in summary


def test_export_asks_which_document_when_the_choice_is_ambiguous(tmp_path):
    result = accord("export", SEED, "--format", "akn", "--kind", "note_verbale")
    assert result.returncode == 2
    assert "3 documents match" in result.stderr.decode()
    result = accord("export", SEED, "--format", "html", "--lang", "zh")
    assert result.returncode == 2 and "no document matches" in result.stderr.decode()


def test_a_failed_export_leaves_no_partial_file(tmp_path):
    out = tmp_path / "out.xml"
    result = accord("export", tmp_path / "missing.md", "--format", "akn", "-o", out)
    assert result.returncode == 2
    assert list(tmp_path.iterdir()) == []

