"""The negotiation in a browser, from the first amendment to adoption, each role in a browser of its own:

Russia tables a replacement in OP27, China supports it, the chair marks OP27 agreed ad referendum, accepts the
amendment and issues DRAFT/4; the delegate of India downloads the DOCX redline; the secretariat starts a silence
procedure, Turkmenistan (an Observer) has no way to break it, India breaks it; a second procedure passes without
objection, and the text is adopted and locked.
"""

import datetime as dt
import time
import zipfile

import pytest
from django.utils import timezone

from accord.documents.models import LanguageVersion
from accord.negotiation.models import Amendment, SilenceProcedure, is_adopted

OLD_WORDS = "on an expeditious basis"
NEW_WORDS = "as soon as possible"


def open_revision(tab, symbol, pane):
    """From the list of documents to a revision's pane (``Compilation text``, ``Adoption``)."""
    tab.get_by_role("link", name="Documents").click()
    tab.get_by_role("link", name=symbol, exact=True).click()
    tab.get_by_role("link", name=pane).click()


def deadline_in(seconds) -> str:
    """A moment ``seconds`` from now as the deadline field takes it: local time in the forum's time zone."""
    return timezone.localtime(timezone.now() + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%dT%H:%M:%S")


def message(tab) -> str:
    return tab.locator(".messages").inner_text()


def test_from_an_amendment_to_adoption_in_the_browser(signed_in, site):
    russia = signed_in("delegate-ru")
    open_revision(russia, "MM/2021/DRAFT/3", "Compilation text")
    russia.get_by_text("Table an amendment").click()
    russia.get_by_label("Provision").select_option(label="OP27")
    russia.get_by_label("Kind").select_option(label="replace words")
    russia.get_by_label("Words replaced").fill(OLD_WORDS)
    russia.get_by_label("Proposed text").fill(NEW_WORDS)
    russia.get_by_role("button", name="Table", exact=True).click()
    assert "Amendment 1 tabled: OP27." in message(russia)
    amendment = russia.locator("#amendment-1")
    assert amendment.locator(".attribution strong").inner_text() == "OP27 [Russia]"
    assert f"[{NEW_WORDS}]" in amendment.locator(".reading").inner_text()

    china = signed_in("delegate-cn")
    open_revision(china, "MM/2021/DRAFT/3", "Compilation text")
    china.locator("#amendment-1").get_by_role("button", name="Support").click()
    assert "Supported by: China" in china.locator("#amendment-1").inner_text()

    chair = signed_in("chair")
    open_revision(chair, "MM/2021/DRAFT/3", "Compilation text")
    op27 = chair.locator("#para_27")
    op27.get_by_label("Status").select_option(label="agreed ad referendum")
    op27.get_by_role("button", name="Mark").click()
    assert chair.locator("#para_27 .mark").inner_text() == "agreed ad referendum"
    decision = chair.locator("#amendment-1")
    decision.get_by_text("Decide").click()
    decision.get_by_label("Decision").select_option(label="accepted")
    decision.get_by_label("Reason").fill("Agreed at the SWG meeting")
    decision.get_by_role("button", name="Record the decision").click()
    assert chair.locator("#amendment-1").get_attribute("data-status") == Amendment.ACCEPTED
    chair.get_by_text("Issue the next revision").first.click()
    chair.locator("#next-revision").get_by_role("button", name="Issue the next revision").click()
    assert "MM/2021/DRAFT/4 issued." in message(chair)

    india = signed_in("delegate-in")
    india.get_by_role("link", name="Documents").click()
    india.get_by_role("link", name="MM/2021/DRAFT/4", exact=True).click()
    india.locator("h1 a").click()  # the document's page: each revision with its downloads and redlines
    row = india.locator('tr[data-symbol="MM/2021/DRAFT/4"]')
    with india.expect_download() as download:
        row.locator('.redlines[lang=en] a', has_text="DOCX").click()
    assert download.value.suggested_filename == "MM-2021-DRAFT-4-vs-MM-2021-DRAFT-3.en.redline.docx"
    with zipfile.ZipFile(download.value.path()) as docx:
        body = docx.read("word/document.xml").decode()
    assert "<w:ins " in body and "<w:del " in body and NEW_WORDS in body and OLD_WORDS in body

    officer = signed_in("officer")
    open_revision(officer, "MM/2021/DRAFT/4", "Adoption")
    officer.get_by_label("Deadline").fill(deadline_in(7 * 24 * 3600))
    officer.get_by_role("button", name="Start the silence procedure").click()
    assert "Silence procedure on MM/2021/DRAFT/4 started." in message(officer)

    turkmenistan = signed_in("observer-tm")
    open_revision(turkmenistan, "MM/2021/DRAFT/4", "Adoption")
    assert turkmenistan.locator("#procedures .outcome").inner_text() == "running"
    assert turkmenistan.get_by_text("Break silence").count() == 0

    open_revision(india, "MM/2021/DRAFT/4", "Adoption")
    india.get_by_text("Break silence").first.click()
    india.get_by_label("Reason").fill("OP27 needs consultation with capitals")
    india.get_by_role("button", name="Break silence").click()
    assert "Silence on MM/2021/DRAFT/4 broken." in message(india)
    assert india.locator("#procedures tr[data-outcome=broken]").count() == 1
    assert "India" in india.locator("#procedures tr[data-outcome=broken]").inner_text()

    officer.reload()
    officer.get_by_label("Deadline").fill(deadline_in(5))
    officer.get_by_role("button", name="Start the silence procedure").click()
    assert officer.locator("#procedures tr[data-outcome=running]").count() == 1
    second = SilenceProcedure.objects.order_by("-started_at").first()
    time.sleep(max(0.0, (second.deadline - timezone.now()).total_seconds()) + 0.5)
    officer.reload()
    assert officer.locator("#adoption-state").inner_text().startswith("Adopted under the silence procedure")
    assert officer.locator("#start-silence").count() == 0

    open_revision(russia, "MM/2021/DRAFT/4", "Compilation text")
    assert "MM/2021/DRAFT/4 has been adopted: it can no longer change" in russia.locator("#closed").inner_text()
    assert russia.get_by_text("Table an amendment").count() == 0
    adopted = second.revision
    assert is_adopted(adopted.pk)
    # Locked below the pages too: the text as issued, and the procedure that adopted it, even through update().
    version = LanguageVersion.objects.get(revision=adopted, language="en")
    version.stale_provisions = ["para_1"]
    with pytest.raises(Exception, match="is issued and cannot change"):
        version.save()
    with pytest.raises(Exception, match="adopted"):
        SilenceProcedure.objects.filter(pk=second.pk).update(deadline=timezone.now() + dt.timedelta(days=1))
    for tab in (russia, china, chair, india, officer, turkmenistan):
        assert tab.errors == []
