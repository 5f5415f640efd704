"""The translation of DRAFT/4 in a browser, with the interface in Russian, each role in a browser of its own.

DRAFT/4 is issued through the services first (Russia's replacement of words in OP27 accepted by the chair), which
leaves its Russian version a draft with OP27 stale. Then the translator opens the workspace from the translation page,
sees OP27 changed with its redline, downloads the XLIFF 2.0 file, fills in OP27's target as a CAT tool would and
uploads it; the reviser approves the version and the officer issues it.

The pages are found by their ids and data attributes, not by their words: the test holds whether or not the Russian
catalog translates the translation pages' strings yet.
"""

import lxml.etree
import pytest

from accord.documents.models import LanguageVersion, Revision
from accord.negotiation import revisions, services
from accord.negotiation.models import Amendment, AuditEntry
from accord.registry.models import User
from accord.translation.models import Approval

OP27 = "para_27"
OLD_WORDS = "on an expeditious basis"
NEW_WORDS = "as soon as possible"
RU_OP27 = ("Мы призываем те государства-члены, которые еще не сделали этого, в кратчайшие сроки ратифицировать Устав "
           "Секретариата Совещания по взаимодействию и мерам доверия в Азии. Мы также призываем те государства-члены, "
           "которые еще не сделали этого, подписать и ратифицировать Конвенцию о привилегиях и иммунитетах "
           "Секретариата, его персонала и представителей государств-членов.")
XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"


@pytest.fixture
def draft4(site):
    """MM/2021/DRAFT/4 with OP27 changed, issued by the chair through the services."""
    users = {user.username: user for user in User.objects.all()}
    draft = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    amendment = services.table(draft, users["delegate-ru"], kind="replace", provision_id=OP27, old_text=OLD_WORDS,
                               text=NEW_WORDS)
    services.decide(amendment, users["chair"], outcome=Amendment.ACCEPTED, version=amendment.version)
    return revisions.issue_next_revision(draft, users["chair"]).revision


@pytest.fixture
def signed_in_russian(signed_in):
    """``signed_in_russian("reviser")``: :func:`signed_in`, then the interface switched to Russian with the language
    buttons."""

    def sign_in(username):
        tab = signed_in(username)
        tab.locator(".language-switch").get_by_role("button", name="Русский").click()
        tab.wait_for_load_state()
        assert tab.locator("html").get_attribute("lang") == "ru"
        return tab

    return sign_in


def open_workspace(tab, site):
    """From the translation page to the workspace of DRAFT/4's Russian version."""
    tab.goto(f"{site}/translation/")
    row = tab.locator('#drafts tr[data-symbol="MM/2021/DRAFT/4"][data-language="ru"]')
    row.locator("a").click()
    tab.wait_for_selector("#rows")


def translated(downloaded: bytes) -> bytes:
    """The downloaded file with OP27's target filled in and marked translated, as the CAT tool saves it."""
    root = lxml.etree.fromstring(downloaded)
    (unit,) = root.iterfind(f".//{{{XLIFF2}}}unit[@id='{OP27}']")
    segment = unit.find(f"{{{XLIFF2}}}segment")
    segment.set("state", "translated")
    target = segment.find(f"{{{XLIFF2}}}target")
    if target is None:
        target = lxml.etree.SubElement(segment, f"{{{XLIFF2}}}target")
    target.text = RU_OP27
    return lxml.etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def test_the_russian_version_of_draft_4_is_translated_approved_and_issued(draft4, signed_in_russian, site, tmp_path):
    russian = LanguageVersion.objects.get(revision=draft4, language="ru")
    assert russian.stale_provisions == [OP27]

    translator = signed_in_russian("translator")
    open_workspace(translator, site)
    assert translator.locator("#rows tbody tr[data-provision]").count() == 1
    op27 = translator.locator(f"#{OP27}")
    assert op27.get_attribute("data-state") == "changed"
    assert op27.locator("td.source ins").inner_text() == NEW_WORDS
    assert op27.locator("td.source del").inner_text() == OLD_WORDS
    assert translator.locator("#approve").count() == 0

    with translator.expect_download() as download:
        translator.locator('#files a[href$="/xliff/xliff2/"]').click()
    assert download.value.suggested_filename == "MM-2021-DRAFT-4.en-ru.xlf"
    downloaded = open(download.value.path(), "rb").read()
    root = lxml.etree.fromstring(downloaded)
    assert (root.get("srcLang"), root.get("trgLang")) == ("en-GB", "ru-RU")
    assert [unit.get("id") for unit in root.iter(f"{{{XLIFF2}}}unit")] == [OP27]
    path = tmp_path / "MM-2021-DRAFT-4.en-ru.translated.xlf"
    path.write_bytes(translated(downloaded))

    translator.locator("#import input[type=file]").set_input_files(str(path))
    translator.locator("#import button[type=submit]").click()
    message = translator.locator(".messages li.success").inner_text()
    assert path.name in message and "OP27" in message
    assert translator.locator("#rows tbody tr[data-provision]").count() == 0
    assert translator.locator("#pending-count").inner_text() == "0"
    russian.refresh_from_db()
    assert russian.stale_provisions == []
    assert next(p.text for p in russian.text().provisions() if p.id == OP27) == RU_OP27
    assert AuditEntry.objects.filter(action=AuditEntry.TRANSLATION_UPDATED, actor__username="translator").exists()

    reviser = signed_in_russian("reviser")
    open_workspace(reviser, site)
    assert reviser.locator("form.save").count() == 0
    reviser.locator("#approve button").click()
    assert reviser.locator("#approved").is_visible()
    assert reviser.locator("#approve").count() == 0

    officer = signed_in_russian("officer")
    open_workspace(officer, site)
    officer.locator("#issue button").click()
    assert officer.locator("#issued").is_visible()
    assert officer.locator("main form").count() == 0

    russian.refresh_from_db()
    assert russian.is_issued
    assert Approval.objects.get(version=russian).approved_by.username == "reviser"
    for tab in (translator, reviser, officer):
        assert tab.errors == []
