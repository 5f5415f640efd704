"""A note verbale in a browser, from the meeting to the receipt, each role in a browser of its own: the secretariat
schedules the SWG meeting, puts MM/2021/DRAFT/3 on its agenda and issues the note forwarding it; the delegate of
Kazakhstan finds it in the inbox with the interface in Kazakh, reads it in Kazakh and acknowledges receipt, and the
secretariat sees who has not.
"""

import datetime as dt


from accord.correspondence.models import Delivery, OutgoingNote

NEXT_YEAR = dt.date.today().year + 1


def choose(select, text: str) -> None:
    """Select the option of ``select`` whose label holds ``text`` (labels add a document's title, a meeting's
    dates)."""
    select.select_option(select.locator("option", has_text=text).first.get_attribute("value"))


def test_the_secretariat_issues_a_note_and_the_delegate_of_kazakhstan_acknowledges_it_in_kazakh(signed_in):
    officer = signed_in("officer")
    officer.get_by_role("link", name="Meetings").click()
    schedule = officer.locator("#schedule")
    schedule.get_by_label("Body").select_option("SWG")
    schedule.get_by_label("First day").fill(f"{NEXT_YEAR}-03-15")
    schedule.get_by_label("Last day").fill(f"{NEXT_YEAR}-03-16")
    venue = schedule.locator("#venue")
    venue.get_by_label("English").fill("Astana")
    venue.get_by_label("Russian").fill("Астана")
    venue.get_by_label("Kazakh").fill("Астана")
    schedule.get_by_label("Chair").select_option("KZ")
    schedule.get_by_role("button", name="Schedule the meeting").click()
    assert "Meeting of the Special Working Group" in officer.locator("h1").inner_text()

    item = officer.locator("#add-item")
    choose(item.get_by_label("Document"), "MM/2021/DRAFT/3")
    titles = item.locator("#titles")
    titles.get_by_label("English").fill("Draft declaration of the Sixth CICA Ministerial Meeting")
    titles.get_by_label("Russian").fill("Проект декларации шестой Встречи министров иностранных дел СВМДА")
    titles.get_by_label("Kazakh").fill("АӨСШК Сыртқы істер министрлерінің алтыншы кездесуінің декларация жобасы")
    item.get_by_role("button", name="Add the item").click()
    assert officer.locator("#item-1 .symbol").inner_text() == "MM/2021/DRAFT/3"
    meeting_url = officer.url.split("#")[0]

    officer.get_by_role("link", name="Notes verbales").click()
    officer.locator("#issue-link").click()
    form = officer.locator("#issue-note")
    form.get_by_label("Purpose").select_option(label="forward a document on behalf of the Chairmanship")
    choose(form.get_by_label("Documents"), "MM/2021/DRAFT/3")
    choose(form.get_by_label("Meeting"), str(NEXT_YEAR))
    form.get_by_role("button", name="Issue and deliver").click()
    officer.locator("#note-number").wait_for()
    number = officer.locator("#note-number").inner_text()
    # Issued today: to the 28 Member States, Kuwait among them since 2022.
    assert "issued and delivered to 28 delegations" in officer.locator(".messages").inner_text()
    note = OutgoingNote.objects.get(number=number)
    assert note.meeting_id == int(meeting_url.rstrip("/").rsplit("/", 1)[1])

    kazakhstan = signed_in("delegate-kz")
    kazakhstan.get_by_role("button", name="Қазақ").click()
    kazakhstan.wait_for_load_state()
    kazakhstan.locator('header nav a[href$="/inbox/"]').click()
    received = kazakhstan.locator(f'section.inbox-note[data-number="{number}"]')
    assert "unacknowledged" in received.get_attribute("class")
    text = received.locator('article.note-verbale[lang="kk"]').inner_text()
    assert f"№ {number}" in text
    assert "АӨСШК төрағалығы атынан" in text and "(құжат MM/2021/DRAFT/3)" in text
    assert "Арнаулы жұмыс тобы (АЖТ)" in text and f"{NEXT_YEAR} жылғы 15 мен 16 наурызда" in text
    received.locator("form.acknowledge button").click()
    received = kazakhstan.locator(f'section.inbox-note[data-number="{number}"]')
    assert "acknowledged" in received.locator(".receipt").get_attribute("class").split()
    delivery = Delivery.objects.get(note=note, delegation__state__code="KZ")
    assert delivery.acknowledged_at is not None and delivery.acknowledged_by.username == "delegate-kz"

    officer.reload()
    assert officer.locator('#deliveries tr[data-state="KZ"]').get_attribute("class") == "acknowledged"
    assert officer.locator("#deliveries tr.unacknowledged").count() == 27
    for tab in (officer, kazakhstan):
        assert tab.errors == []
