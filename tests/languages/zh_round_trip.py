"""The Django half of test_new_language_zh.py, run in a fresh process: settings read the language tables, the interface
languages and the catalog folders from the environment when they load, so only a new process sees a new language.

    python zh_round_trip.py OUT_DIR [TRANSLATIONS_JSON]

On a fresh database (ACCORD_DATA_DIR): migrate, ``accord demo``; then what the environment allows. With the Chinese
table, catalog and forum names in the environment: a zh version of MM/2021/DRAFT/3 added by the officer, exported
as XLIFF 2.0 en→zh, its targets filled as a CAT tool would (TRANSLATIONS_JSON gives some provisions, a placeholder
the rest), imported by a translator into zh, approved by a reviser of zh and issued by the officer; the issued
version exported as DOCX, AKN, HTML and PDF into OUT_DIR; the seed's note verbale written again in Chinese from its
facts and read back; and the login page, the documents list and the reading room requested with the interface in
Chinese. Without them: the same probes, which find no Chinese anywhere.

Nothing here knows Chinese: every Chinese word comes from the data the environment names, or from the test's
translations. The last line of output is ``RESULTS <json>``; test_new_language_zh.py asserts on it.
"""

from __future__ import annotations

import dataclasses
import io
import json
import re
import sys
from pathlib import Path

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils.translation import check_for_language  # noqa: E402
from lxml import etree  # noqa: E402

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
SYMBOL = "MM/2021/DRAFT/3"


def page(client: Client, url: str) -> dict:
    """A page as the test reads it: its status, the language of its <html>, and the HTML."""
    response = client.get(url)
    html = response.content.decode()
    found = re.search(r'<html lang="([^"]*)"', html)
    return {
        "status": response.status_code,
        "lang": found.group(1) if found else None,
        "html": html,
    }


def main(out: Path, translations: dict[str, str]) -> dict:
    from accord.documents import concordance, rendering
    from accord.documents.models import Revision
    from accord.registry.models import User
    from accord.text.languages import all_languages

    setup_test_environment()  # the test client's host name, the local e-mail outbox
    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("demo", stdout=quiet)

    results: dict = {
        "tables": sorted(all_languages()),
        "interface": [code for code, _name in settings.LANGUAGES],
        "catalog": check_for_language("zh"),
    }
    officer = User.objects.get(username="officer")
    revision = Revision.objects.get(symbol=SYMBOL)

    client = Client()
    client.cookies["django_language"] = "zh"
    login = page(client, "/login/")
    client.force_login(officer)
    listing = page(client, "/")
    results["pages"] = {"login": login, "list": listing}

    if "zh" not in all_languages():
        from accord.translation.services import TranslationRefused, add_language

        try:
            add_language(revision, "zh", officer)
        except TranslationRefused as refusal:
            results["add_language_refused"] = str(refusal)
        results["pages"]["reading"] = page(client, f"/revisions/{revision.pk}/")
        return results

    results.update(translate(revision, officer, out, translations))
    results["note"] = note_in_chinese(out, results["pdf_pages"])
    version = revision.versions.get(language="zh")
    # The reading room with the English and Chinese columns, and the document's page with its downloads.
    results["pages"]["reading"] = page(client, f"/revisions/{revision.pk}/?lang=en&lang=zh")
    results["pages"]["document"] = page(client, f"/documents/{revision.document_id}/")
    source = revision.versions.get(language="en")
    report = concordance.report(source, version)
    results["concordance"] = {
        "counts": report.counts,
        "checks": sorted({found.finding.check for group in report.groups for found in group.found}),
    }
    results["files"] = {fmt: rendering.export(version, fmt).filename for fmt in rendering.FORMATS}
    return results


def translate(revision, officer, out: Path, translations: dict[str, str]) -> dict:
    """Add the zh version, take it out as XLIFF, bring it back translated, approve and issue it, export it."""
    from pypdf import PdfReader

    from accord.documents import rendering
    from accord.registry.models import User
    from accord.translation.services import (
        add_language,
        approve,
        export_xliff,
        import_xliff,
        issue,
        workspace,
    )

    version = add_language(revision, "zh", officer)
    result: dict = {"stale_after_add": len(version.stale_provisions)}
    exported = export_xliff(version, "xliff2")
    (out / exported.filename).write_bytes(exported.content)
    root = etree.fromstring(exported.content)
    result["xliff"] = {"filename": exported.filename, "srcLang": root.get("srcLang"), "trgLang": root.get("trgLang"),
                       "units": len(root.findall(f".//{{{XLIFF2}}}unit"))}

    # What a CAT tool does: a target for every unit, its segment marked translated.
    for unit in root.iter(f"{{{XLIFF2}}}unit"):
        segment = unit.find(f"{{{XLIFF2}}}segment")
        target = segment.find(f"{{{XLIFF2}}}target")
        if target is None:
            target = etree.SubElement(segment, f"{{{XLIFF2}}}target")
        source = segment.findtext(f"{{{XLIFF2}}}source")
        end = "，" if source.endswith(",") else "；" if source.endswith(";") else "。"
        target.text = translations.get(unit.get("id")) or f"（本段中文译文待定）{end}"
        segment.set("state", "translated")
    translated = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    (out / "translated.xlf").write_bytes(translated)

    translator = User.objects.create(username="translator-zh", role=User.TRANSLATOR, languages=["zh"],
                                     first_name="Translator", last_name="Chinese")
    reviser = User.objects.create(username="reviser-zh", role=User.REVISER, languages=["zh"],
                                  first_name="Reviser", last_name="Chinese")
    imported = import_xliff(version, translated, translator, name="translated.xlf")
    version.refresh_from_db()
    result["import"] = {"updated": len(imported.updated), "unchanged": imported.unchanged,
                        "stale_after": len(version.stale_provisions),
                        "pending_in_workspace": len(workspace(version).pending)}
    approve(version, reviser)
    version = issue(version, officer)
    result["issued"] = version.issued_at is not None

    text = version.text()
    result["text"] = {
        "language": text.language,
        "title": text.title,
        "opening_formula": text.opening_formula,
        "provisions": {p.id: p.text for p in text.provisions()},
    }
    for fmt in rendering.FORMATS:
        exported_version = rendering.export(version, fmt)
        (out / f"zh.{fmt}").write_bytes(exported_version.content)
    result["pdf_pages"] = len(PdfReader(out / "zh.pdf").pages)
    return result


def note_in_chinese(out: Path, pages: int) -> dict:
    """The seed's note 17-1/542 written again in Chinese from the facts it was registered with (the Chinese
    enclosure's own page count), rendered as DOCX and read back."""
    from accord.correspondence.models import OutgoingNote
    from accord.correspondence.services import note_facts
    from accord.text import note_writer, parse_bytes
    from accord.text.docx_writer import render_docx
    from accord.text.languages import get_language

    facts = note_facts(OutgoingNote.objects.get(number="17-1/542"))
    note = note_writer.compose_note(dataclasses.replace(facts, enclosure_pages=pages), "zh")
    docx = render_docx(note)
    (out / "note.zh.docx").write_bytes(docx)
    parsed = [d for d in parse_bytes(docx, "note.zh.docx") if d.kind == "note_verbale"]
    return {
        "title": note.title,
        "sender": note.sender,
        "paragraphs": note.paragraphs,
        "addressees": note.addressees,
        "enclosure": get_language("zh").enclosure_line(note.enclosure.text, note.enclosure.pages),
        "place_date": [note.place_text, note.date_text],
        "refers_to": [str(s) for s in note.refers_to],
        "read_back": [{"language": d.language, "number": d.number, "sender": d.sender, "date": str(d.date),
                       "refers_to": [str(s) for s in d.refers_to]} for d in parsed],
        "differences": [list(d) for d in note_writer.differences(note, parsed[0])] if parsed else None,
    }


if __name__ == "__main__":
    out_dir = Path(sys.argv[1])
    given = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")) if len(sys.argv) > 2 else {}
    print("RESULTS " + json.dumps(main(out_dir, given), ensure_ascii=False, default=str))
