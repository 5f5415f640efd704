"""A delegation's inbox as its delegates use it: the notes delivered to it, newest first, each in the interface
language where the note has a version in it, with downloads and enclosures, and the acknowledgement of receipt —
once, by any delegate of the delegation; another delegation's delivery does not exist for them."""

import datetime as dt

import pytest
from django.urls import reverse

from accord.correspondence import services
from accord.text.note_writer import INVITATION
from correspondence_helpers import errors, html, text


def inbox(client):
    return html(client.get(reverse("correspondence:inbox")))


def entries(page) -> list:
    return page.cssselect("section.inbox-note")


@pytest.fixture
def invitation(users, swg_meeting):
    """``invitation(**changes)``: the officer invites to the SWG meeting (nothing enclosed: quick)."""

    def issue(**changes):
        facts = {"purpose": INVITATION, "revisions": [], "meeting": swg_meeting, "date": dt.date(2021, 8, 30),
                 **changes}
        return services.issue_note(users["officer"], **facts)

    return issue


def test_the_delegate_of_kazakhstan_finds_the_seeds_note_not_acknowledged(sign_in, seed_note, draft):
    page = inbox(sign_in("delegate-kz"))
    (entry,) = entries(page)
    delivery = seed_note.deliveries.get(delegation__state__code="KZ")
    assert entry.get("id") == f"delivery-{delivery.pk}" and entry.get("data-number") == "17-1/542"
    assert "unacknowledged" in entry.get("class") and entry.cssselect(".badge")
    assert text(page.cssselect("#inbox-summary")[0]) == "1 note awaits acknowledgement of receipt."
    assert "26 August 2021" in text(entry.cssselect("dl.meta")[0])
    note = entry.cssselect("article.note-verbale")[0]
    assert note.get("lang") == "en"  # the interface is in English
    assert text(note.cssselect("p.number")[0]) == "№ 17-1/542"
    assert text(note.cssselect("p.body")[0]).startswith("The Secretariat of the Conference on Interaction")
    assert text(note.cssselect("p.enclosure")[0]) == "Enclosure: as stated, on 7 p."
    assert [item.get("data-language") for item in entry.cssselect("ul.note-languages li")] == ["en", "kk", "ru"]
    assert entry.cssselect("ul.enclosures li")[0].get("data-symbol") == "MM/2021/DRAFT/3"
    assert reverse("documents:download", args=[seed_note.revision.pk, "kk", "docx"]) in [
        a.get("href") for a in entry.cssselect("a")]


def test_in_kazakh_the_inbox_shows_the_kazakh_note(client, users, seed_note):
    client.force_login(users["delegate-kz"])
    url = reverse("correspondence:inbox")
    client.post(reverse("set_language"), {"language": "kk", "next": url})
    page = inbox(client)
    assert page.get("lang") == "kk"
    note = entries(page)[0].cssselect("article.note-verbale")[0]
    assert note.get("lang") == "kk"
    assert text(note.cssselect("p.body")[0]).startswith(
        "Азиядағы өзара іс-қимыл және сенім шаралары кеңесінің (АӨСШК) Хатшылығы АӨСШК мүше мемлекеттеріне")
    assert text(note.cssselect("p.enclosure")[0]) == "Қосымша: аталған 7 п."
    assert text(note.cssselect("p.place-date")[0]) == "Нұр-Сұлтан қаласы, 2021 жылғы 26 тамыз"


def test_without_a_version_in_the_interface_language_the_inbox_shows_the_first(client, users, invitation):
    invitation(languages=["ru", "en"])
    client.force_login(users["delegate-kz"])
    client.post(reverse("set_language"), {"language": "kk", "next": "/"})
    note = entries(inbox(client))[0].cssselect("article.note-verbale")[0]
    assert note.get("lang") == "ru"  # the language it was written in first
    assert text(note.cssselect("p.body")[0]).startswith("Секретариат Совещания по взаимодействию")


def test_newest_first(sign_in, seed_note, invitation):
    invitation()
    page = inbox(sign_in("delegate-ru"))
    assert [entry.get("data-number") for entry in entries(page)] == ["17-1/543", "17-1/542"]
    assert text(page.cssselect("#inbox-summary")[0]) == "2 notes await acknowledgement of receipt."


def test_acknowledging_receipt_records_when_and_by_whom(sign_in, seed_note):
    client = sign_in("delegate-kz")
    delivery = seed_note.deliveries.get(delegation__state__code="KZ")
    form = entries(inbox(client))[0].cssselect("form.acknowledge")[0]
    assert form.get("action") == reverse("correspondence:acknowledge", args=[delivery.pk])
    response = client.post(form.get("action"))
    assert response.status_code == 302
    assert response["Location"] == reverse("correspondence:inbox") + f"#delivery-{delivery.pk}"
    page = inbox(client)
    assert text(page.cssselect(".messages")[0]) == "Receipt of note verbale 17-1/542 acknowledged."
    (entry,) = entries(page)
    assert "unacknowledged" not in entry.get("class") and entry.cssselect("form.acknowledge") == []
    delivery.refresh_from_db()
    assert delivery.acknowledged_by.username == "delegate-kz" and delivery.acknowledged_at is not None
    acknowledged = text(entry.cssselect(".receipt p.acknowledged")[0])
    assert acknowledged.startswith("Acknowledged on ") and acknowledged.endswith(" by Delegate Kazakhstan.")
    assert text(page.cssselect("#inbox-summary")[0]) == "0 notes await acknowledgement of receipt."
    assert list(services.unacknowledged(seed_note).filter(delegation__state__code="KZ")) == []


def test_acknowledging_twice_is_a_conflict_with_the_reason(sign_in, seed_note):
    client = sign_in("delegate-kz")
    url = reverse("correspondence:acknowledge", args=[seed_note.deliveries.get(delegation__state__code="KZ").pk])
    client.post(url)
    response = client.post(url)
    assert response.status_code == 409
    (reason,) = errors(response)
    assert reason.startswith("receipt of 17-1/542 was acknowledged already, on ")


def test_another_delegations_delivery_does_not_exist_for_a_delegate(sign_in, seed_note):
    russia = seed_note.deliveries.get(delegation__state__code="RU")
    assert sign_in("delegate-kz").post(reverse("correspondence:acknowledge", args=[russia.pk])).status_code == 404
    russia.refresh_from_db()
    assert russia.acknowledged_at is None


@pytest.mark.parametrize("username", ["officer", "chair", "translator"])
def test_roles_without_a_delegation_have_no_inbox(sign_in, seed_note, username):
    client = sign_in(username)
    assert client.get(reverse("correspondence:inbox")).status_code == 403
    delivery = seed_note.deliveries.get(delegation__state__code="KZ")
    assert client.post(reverse("correspondence:acknowledge", args=[delivery.pk])).status_code == 403
    delivery.refresh_from_db()
    assert delivery.acknowledged_at is None


def test_acknowledging_is_a_post(sign_in, seed_note):
    delivery = seed_note.deliveries.get(delegation__state__code="KZ")
    assert sign_in("delegate-kz").get(reverse("correspondence:acknowledge", args=[delivery.pk])).status_code == 405


def test_an_observers_inbox_holds_the_notes_to_the_observers_only(sign_in, seed_note, invitation):
    client = sign_in("observer-tm")
    assert entries(inbox(client)) == []
    assert "No note verbale has been delivered to your delegation." in text(inbox(client).cssselect("main")[0])
    invitation(observers=True)
    (entry,) = entries(inbox(client))
    assert entry.get("data-number") == "17-1/543"
    assert "Observers" in text(entry.cssselect("article.note-verbale p.body")[0])
    assert client.post(entry.cssselect("form.acknowledge")[0].get("action")).status_code == 302
