"""The secretariat's pages of notes verbales as the officer and the other roles use them: the registry, the form that
issues a note, and a note's page with its languages, enclosures, deliveries and its check against its data. A refused
issue shows the reason in one line with a 4xx status and writes nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accord.correspondence import services
from accord.correspondence.models import NoteCounter, OutgoingNote
from accord.meetings.services import schedule
from accord.registry.models import Body, State
from accord.text.languages import get_language
from accord.text.note_writer import INVITATION
from correspondence_helpers import errors, html, text


def form_data(document, swg_meeting, **changes) -> dict:
    """What the officer sends for the seed's facts (forwarding ``document``), dated 1 September 2021."""
    return {"purpose": "forward", "documents": [document.pk], "meeting": swg_meeting.pk, "date": "2021-09-01",
            "index": "17-1", "languages": ["en", "ru", "kk"], **changes}


def counter_2021() -> int:
    return NoteCounter.objects.get(index="17-1", year=2021).last_number


# The registry


def test_the_registry_lists_the_notes_with_how_many_acknowledged(sign_in, seed_note):
    page = html(sign_in("officer").get(reverse("correspondence:notes")))
    (row,) = page.cssselect("#notes tbody tr")
    assert row.get("data-number") == "17-1/542" and "awaiting" in row.get("class")
    cells = [text(cell) for cell in row.cssselect("td")]
    assert cells == ["17-1/542", "26 August 2021", "forward a document on behalf of the Chairmanship",
                     "MM/2021/DRAFT/3", "0 of 27"]
    assert row.cssselect("td.symbol a")[0].get("href") == reverse("correspondence:note", args=[seed_note.pk])
    assert page.cssselect("#issue-link")[0].get("href") == reverse("correspondence:issue")


def test_a_delegate_is_sent_from_the_registry_to_the_inbox(sign_in, demo):
    for username in ("delegate-kz", "observer-tm"):
        response = sign_in(username).get(reverse("correspondence:notes"))
        assert response.status_code == 302 and response["Location"] == reverse("correspondence:inbox")


@pytest.mark.parametrize("username", ["chair", "translator"])
def test_the_registry_is_not_for_the_roles_without_a_delegation(sign_in, demo, username):
    assert sign_in(username).get(reverse("correspondence:notes")).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, demo):
    for name in ("notes", "issue", "inbox"):
        response = client.get(reverse(f"correspondence:{name}"))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# Issuing


def test_the_form_offers_issued_documents_and_meetings_with_the_forums_defaults(sign_in, draft, swg_meeting,
                                                                                 seed_note, resolution):
    page = html(sign_in("officer").get(reverse("correspondence:issue")))
    form = page.cssselect("form#issue-note")[0]
    assert [option.get("value") for option in form.cssselect("select[name=purpose] option")] == [
        "forward", "agenda", "invitation"]
    documents = [option.get("value") for option in form.cssselect("select[name=documents] option")]
    assert documents == [str(resolution.pk), str(draft.pk)]  # latest first; no note verbale
    assert str(seed_note.revision.pk) not in documents
    meetings = form.cssselect("select[name=meeting] option")
    assert [option.get("value") for option in meetings] == ["", str(swg_meeting.pk)]
    assert text(meetings[1]) == "SWG, 14 September 2021 – 15 September 2021, Nur-Sultan"
    assert form.cssselect("input[name=index]")[0].get("value") == "17-1"
    assert form.cssselect("input[name=date]")[0].get("value") == timezone.localdate().isoformat()
    languages = form.cssselect("input[name=languages]")
    assert [(box.get("value"), box.get("checked") is not None) for box in languages] == [
        ("en", True), ("ru", True), ("kk", True)]
    assert form.cssselect("input[name=observers]")[0].get("checked") is None
    assert "Written in Nur-Sultan" in text(form)


def test_upcoming_meetings_come_first_soonest_first_then_past_ones_latest_first(sign_in, users, swg_meeting):
    today = timezone.localdate()
    soc = Body.objects.get(symbol_prefix="SOC")
    venue = {"en": "Astana"}

    def meeting(start):
        return schedule(users["officer"], body=soc, start=start, end=start + dt.timedelta(days=1), venue=venue)

    later, sooner, earlier = (meeting(today + dt.timedelta(days=60)), meeting(today + dt.timedelta(days=10)),
                              meeting(dt.date(2021, 5, 4)))
    page = html(sign_in("officer").get(reverse("correspondence:issue")))
    assert [option.get("value") for option in page.cssselect("select[name=meeting] option")][1:] == [
        str(m.pk) for m in (sooner, later, swg_meeting, earlier)]


def test_the_officer_issues_a_note_and_lands_on_its_page(sign_in, draft, swg_meeting, seed_note):
    client = sign_in("officer")
    response = client.post(reverse("correspondence:issue"), form_data(draft, swg_meeting))
    note = OutgoingNote.objects.get(number="17-1/543")
    assert response.status_code == 302 and response["Location"] == reverse("correspondence:note", args=[note.pk])
    page = html(client.get(response["Location"]))
    assert text(page.cssselect(".messages")[0]) == "Note verbale 17-1/543 issued and delivered to 27 delegations."
    assert text(page.cssselect("#note-number")[0]) == "17-1/543"
    assert (note.date, note.meeting, note.observers) == (dt.date(2021, 9, 1), swg_meeting, False)
    assert [row.get("data-number") for row in html(client.get(reverse("correspondence:notes"))).cssselect(
        "#notes tbody tr")] == ["17-1/543", "17-1/542"]


def test_documents_lacking_forms_are_refused_with_the_reason_and_nothing_is_issued(sign_in, resolution,
                                                                                    swg_meeting, seed_note):
    response = sign_in("officer").post(reverse("correspondence:issue"),
                                       form_data(resolution, swg_meeting, meeting=""))
    assert response.status_code == 400
    assert errors(response) == ["'A/RES/76/1' has no 'accusative' form in ru"]
    assert OutgoingNote.objects.count() == 1 and counter_2021() == 542
    # What the officer chose is kept.
    form = html(response).cssselect("form#issue-note")[0]
    assert form.cssselect("select[name=documents] option[selected]")[0].get("value") == str(resolution.pk)


def test_an_invalid_form_is_refused_naming_the_field(sign_in, draft, swg_meeting, seed_note):
    client = sign_in("officer")
    response = client.post(reverse("correspondence:issue"), form_data(draft, swg_meeting, languages=[]))
    assert response.status_code == 400 and errors(response) == ["Languages: This field is required."]
    response = client.post(reverse("correspondence:issue"), form_data(draft, swg_meeting, meeting="999999"))
    assert response.status_code == 400 and errors(response)[0].startswith("Meeting: Select a valid choice.")
    assert OutgoingNote.objects.count() == 1


def test_a_forward_without_documents_is_refused_in_one_line(sign_in, swg_meeting, draft, seed_note):
    response = sign_in("officer").post(reverse("correspondence:issue"), form_data(draft, swg_meeting, documents=[]))
    assert response.status_code == 400
    assert errors(response) == [
        "cannot compose note verbale 17-1/…: no document to refer to, which a note to forward needs"]


@pytest.mark.parametrize("username", ["delegate-kz", "chair", "observer-tm", "translator"])
def test_only_the_secretariat_may_issue(sign_in, draft, swg_meeting, seed_note, username):
    client = sign_in(username)
    assert client.get(reverse("correspondence:issue")).status_code == 403
    assert client.post(reverse("correspondence:issue"), form_data(draft, swg_meeting)).status_code == 403
    assert OutgoingNote.objects.count() == 1 and counter_2021() == 542


# A note's page


def test_the_notes_page_gives_each_language_with_its_reading_room_and_downloads(sign_in, seed_note, draft):
    client = sign_in("officer")
    page = html(client.get(reverse("correspondence:note", args=[seed_note.pk])))
    revision = seed_note.revision
    languages = page.cssselect("ul.note-languages li")
    assert [item.get("data-language") for item in languages] == ["en", "kk", "ru"]
    kazakh = languages[1]
    assert text(kazakh.cssselect("a")[0]) == "Kazakh"
    assert kazakh.cssselect("a")[0].get("href") == reverse("documents:reading_room", args=[revision.pk]) + "?lang=kk"
    downloads = [a.get("href") for a in kazakh.cssselect(".downloads a")]
    assert downloads == [reverse("documents:download", args=[revision.pk, "kk", fmt]) for fmt in ("docx", "pdf")]
    docx = client.get(downloads[0])
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    (enclosure,) = page.cssselect("ul.enclosures li")
    assert enclosure.get("data-symbol") == "MM/2021/DRAFT/3"
    assert enclosure.cssselect("a.symbol")[0].get("href") == reverse("documents:reading_room", args=[draft.pk])
    assert reverse("documents:download", args=[draft.pk, "ru", "pdf"]) in [
        a.get("href") for a in enclosure.cssselect(".downloads a")]


def test_the_secretariat_sees_the_deliveries_not_acknowledged_first(sign_in, users, seed_note):
    kazakhstan = seed_note.deliveries.get(delegation__state__code="KZ")
    services.acknowledge(kazakhstan, users["delegate-kz"])
    page = html(sign_in("officer").get(reverse("correspondence:note", args=[seed_note.pk])))
    assert text(page.cssselect("#acknowledgements")[0]) == "Receipt acknowledged by 1 of 27 delegations."
    rows = page.cssselect("#deliveries tbody tr")
    assert len(rows) == 27
    assert [row.get("class") for row in rows] == ["unacknowledged"] * 26 + ["acknowledged"]
    last = rows[-1]
    assert last.get("data-state") == "KZ" and text(last.cssselect("th")[0]) == "Kazakhstan"
    assert "Delegate Kazakhstan" in text(last.cssselect("td.acknowledgement")[0])
    assert [text(row.cssselect("th")[0]) for row in rows[:3]] == ["Afghanistan", "Azerbaijan", "Bahrain"]
    assert text(rows[0].cssselect("td.acknowledgement")[0]) == "Not acknowledged"


def test_state_names_are_in_the_interface_language_and_its_alphabetical_order(client, users, seed_note):
    client.force_login(users["officer"])
    url = reverse("correspondence:note", args=[seed_note.pk])
    client.post(reverse("set_language"), {"language": "ru", "next": url})
    rows = html(client.get(url)).cssselect("#deliveries tbody tr")
    names = [text(row.cssselect("th")[0]) for row in rows]
    assert names[:3] == ["Азербайджан", "Афганистан", "Бангладеш"]
    assert names == [state.name("ru") for state in sorted(
        State.objects.filter(code__in=[row.get("data-state") for row in rows]),
        key=lambda state: get_language("ru").sort_key(state.name("ru")))]


def test_the_check_against_its_data_shows_the_kazakh_addressee_blocks_slip(sign_in, seed_note):
    page = html(sign_in("officer").get(reverse("correspondence:note", args=[seed_note.pk])))
    sections = {section.get("data-language"): section for section in page.cssselect("#data-check section")}
    assert sorted(sections) == ["en", "kk", "ru"]
    assert text(sections["en"].cssselect("p.same")[0]) == "The note says exactly what its data says."
    assert sections["ru"].cssselect("p.same") and not sections["ru"].cssselect("table")
    (row,) = sections["kk"].cssselect("table.differences tbody tr")
    assert row.get("data-role") == "addressee" and text(row.cssselect("th")[0]) == "Addressee block"
    assert "СЕНІМ" in text(row.cssselect("td.expected")[0]) and "СЕНИМ" in text(row.cssselect("td.actual")[0])


def test_a_delegate_sees_the_note_and_its_receipt_but_not_the_deliveries(sign_in, seed_note):
    client = sign_in("delegate-kz")
    page = html(client.get(reverse("correspondence:note", args=[seed_note.pk])))
    assert page.cssselect("#deliveries") == [] and page.cssselect("#data-check") == []
    receipt = page.cssselect(".receipt")[0]
    form = receipt.cssselect("form.acknowledge")[0]
    assert form.cssselect("input[name=back]")[0].get("value") == "note"
    response = client.post(form.get("action"), {"back": "note"})
    assert response.status_code == 302
    assert response["Location"] == reverse("correspondence:note", args=[seed_note.pk])
    page = html(client.get(response["Location"]))
    assert text(page.cssselect(".receipt p.acknowledged")[0]).startswith("Acknowledged on ")


def test_a_note_the_user_may_not_read_does_not_exist_for_them(sign_in, users, swg_meeting):
    # A note to the Member States only is a document for Member States only: an Observer's delegate may not read it.
    note = services.issue_note(users["officer"], purpose=INVITATION, revisions=[], meeting=swg_meeting,
                               date=dt.date(2021, 8, 30))
    assert sign_in("observer-tm").get(reverse("correspondence:note", args=[note.pk])).status_code == 404
    assert sign_in("delegate-in").get(reverse("correspondence:note", args=[note.pk])).status_code == 200
    assert sign_in("officer").get(reverse("correspondence:note", args=[999999])).status_code == 404
