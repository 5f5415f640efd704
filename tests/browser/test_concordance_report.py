"""The concordance report in a browser, as the Secretariat's officer uses it: from the reading room of MM/2021/DRAFT/3
to its English/Russian report, from OP27's finding to its row side by side and back, then PP6's punctuation accepted as
is with a reason, gone from the open findings and listed as accepted."""

import re

from test_reading_room import log_in

REASON = "Russian drafting practice: the recital closes with a full stop."


def test_the_officer_follows_a_finding_side_by_side_and_accepts_another(page, site):
    log_in(page, site, "officer", "accord-demo-officer")
    page.get_by_role("link", name="MM/2021/DRAFT/3").click()
    page.get_by_role("link", name="Concordance report").click()
    page.wait_for_selector("#open-findings")
    assert page.locator("#pair option:checked").inner_text() == "English → Russian"
    assert page.locator("#counts").inner_text().split() == ["Errors:", "0", "Warnings:", "3", "Information:", "2"]
    report = page.url

    op27 = page.locator("#at-para_27")
    assert "Statute of the Secretariat" in op27.locator("article .message").inner_text()
    op27.get_by_role("link", name="Side by side").click()
    page.wait_for_selector("#reading-table")
    assert re.search(r"/\?lang=en&lang=ru#para_27$", page.url)
    row = page.locator("#para_27")
    assert row.evaluate("row => row.matches(':target')")
    box = row.bounding_box()
    assert 0 <= box["y"] < page.viewport_size["height"]  # scrolled to the row
    assert "ratify the Statute of the Secretariat" in row.locator("td[lang=en]").inner_text()
    assert row.locator("a.findings").inner_text() == "1"

    page.go_back()
    page.wait_for_url(report)
    pp6 = page.locator("#at-recs_1__rec_6 article[data-code='punctuation.convention']")
    pp6.get_by_text("Accept as is").first.click()  # the summary opens the form
    pp6.get_by_label("Reason").fill(REASON)
    pp6.get_by_role("button", name="Accept as is").click()
    page.wait_for_load_state()

    assert page.locator(".messages").inner_text() == "Finding accepted as is: PP6."
    assert page.locator("#at-recs_1__rec_6").count() == 0
    assert page.locator("#counts").inner_text().split() == ["Errors:", "0", "Warnings:", "2", "Information:", "2"]
    accepted = page.locator("#accepted")
    accepted.locator("summary").click()
    entry = accepted.locator("article[data-code='punctuation.convention']")
    assert entry.locator("q.reason").inner_text() == REASON
    assert "Accepted as is by Aigerim Secretariat" in entry.inner_text()
    assert page.errors == []
