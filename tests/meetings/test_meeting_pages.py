"""The meetings' pages, as each role uses them: every role reads the meetings and their agendas; the secretariat
schedules a meeting and puts documents on its agenda. A refused action shows the one-line reason with a 4xx status
and writes nothing; an item whose document the user may not read shows its title only."""

import datetime as dt

import pytest
from django.urls import reverse

from accord.meetings.models import AgendaItem, Meeting
from meeting_helpers import errors, html, options, text

ROLES = ["officer", "chair", "delegate-ru", "observer-tm", "translator"]

SOC_MEETING = {
    "body": "SOC",
    "start": "2021-10-05",
    "end": "2021-10-06",
    "venue_en": "Almaty",
    "venue_ru": "Алматы",
    "venue_kk": "Алматы",
    "chair": "KZ",
}
DRAFT_ITEM = {
    "title_en": "Draft declaration of the Sixth Meeting of the CICA Ministers of Foreign Affairs",
    "title_ru": "Проект декларации шестой Встречи министров иностранных дел СВМДА",
    "title_kk": "",
}


def form_of(response, form_id: str):
    (form,) = html(response).cssselect(f"form#{form_id}")
    return form


def written() -> tuple[int, int]:
    return Meeting.objects.count(), AgendaItem.objects.count()


@pytest.mark.parametrize("username", ROLES)
def test_every_role_finds_the_swg_meeting_among_past_meetings_and_reads_its_agenda(signed_in, swg, draft, username):
    client = signed_in(username)
    listing = client.get(reverse("meetings:list"))
    assert listing.status_code == 200
    (row,) = html(listing).cssselect(f"table#past tr#meeting-{swg.pk}")
    assert text(row.cssselect(".body")[0]) == "Special Working Group (SWG)"
    assert text(row.cssselect(".dates")[0]) == "14 September 2021 – 15 September 2021"
    assert text(row.cssselect(".venue")[0]) == "Nur-Sultan"
    assert text(row.cssselect(".chair")[0]) == "Kazakhstan"
    assert text(row.cssselect(".number")[0]) == "1"

    detail = client.get(row.cssselect(".body a")[0].get("href"))
    assert detail.status_code == 200
    (item,) = html(detail).cssselect("#agenda li")
    assert item.get("id") == "item-1" and item.get("value") == "1"
    assert text(item.cssselect(".title")[0]) == (
        "Draft declaration of the Sixth Meeting of the CICA Ministers of Foreign Affairs")
    (link,) = item.cssselect("a.symbol")
    assert text(link) == "MM/2021/DRAFT/3" and link.get("href") == reverse("documents:reading_room", args=[draft.pk])
    assert client.get(link.get("href")).status_code == 200


@pytest.mark.parametrize("username", ["chair", "delegate-ru", "observer-tm", "translator"])
def test_only_the_secretariat_is_offered_the_forms(signed_in, swg, username):
    client = signed_in(username)
    assert html(client.get(reverse("meetings:list"))).cssselect("form#schedule") == []
    assert html(client.get(reverse("meetings:detail", args=[swg.pk]))).cssselect("form#add-item") == []


def test_an_anonymous_visitor_is_sent_to_log_in(client, demo):
    response = client.get(reverse("meetings:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_secretariat_schedules_a_meeting_and_puts_the_draft_on_its_agenda(signed_in, draft, note):
    officer = signed_in("officer")
    form = form_of(officer.get(reverse("meetings:list")), "schedule")
    assert [option for option, _label in options(form.cssselect("select[name=body]")[0])] == [
        "MM", "SOC", "SUMMIT", "SWG"]
    assert ("SOC", "Senior Officials Committee (SOC)") in options(form.cssselect("select[name=body]")[0])
    assert {field.get("type") for field in form.cssselect("input[name=start], input[name=end]")} == {"date"}
    venue_labels = [text(label) for label in form.cssselect("fieldset#venue label")]
    assert venue_labels == ["English:", "Russian:", "Kazakh:"]
    chair = form.cssselect("select[name=chair]")[0]
    assert options(chair)[0] == ("", "—")  # a meeting need not have a chair
    assert chair.cssselect("option[selected]")[0].get("value") == "AZ"  # the Chairmanship in force is offered

    response = officer.post(form.get("action"), SOC_MEETING)
    meeting = Meeting.objects.get(body__symbol_prefix="SOC")
    assert response.status_code == 302 and response["Location"] == reverse("meetings:detail", args=[meeting.pk])
    assert (meeting.start, meeting.end) == (dt.date(2021, 10, 5), dt.date(2021, 10, 6))
    assert meeting.venue == {"en": "Almaty", "ru": "Алматы", "kk": "Алматы"}
    assert meeting.chair.code == "KZ" and meeting.created_by.username == "officer"

    shown = officer.get(response["Location"])
    assert "Meeting of the Senior Officials Committee on 5 October 2021 scheduled." in text(
        html(shown).cssselect(".messages")[0])
    assert text(html(shown).cssselect("#agenda")[0]) == "The agenda is empty."
    form = form_of(shown, "add-item")
    documents = options(form.cssselect("select[name=revision]")[0])
    assert documents[0] == ("", "—")
    assert (str(draft.pk), "MM/2021/DRAFT/3 — DRAFT DECLARATION of the Sixth Meeting of the Ministers of Foreign "
            "Affairs of the Conference on Interaction and Confidence Building Measures in Asia") in documents
    assert str(note.pk) not in [value for value, _label in documents]  # a note verbale is no item of an agenda

    response = officer.post(form.get("action"), {**DRAFT_ITEM, "revision": draft.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:detail", args=[meeting.pk]) + "#item-1"
    shown = officer.get(response["Location"])
    assert "Item 1 added to the agenda." in text(html(shown).cssselect(".messages")[0])
    (item,) = html(shown).cssselect("#agenda li")
    assert text(item.cssselect("a.symbol")[0]) == "MM/2021/DRAFT/3"
    assert meeting.agenda.get().titles == {"en": DRAFT_ITEM["title_en"], "ru": DRAFT_ITEM["title_ru"]}

    # The next item is numbered 2, and needs no document.
    officer.post(form.get("action"), {"title_en": "Any other business", "title_ru": "", "title_kk": "",
                                      "revision": ""})
    items = html(officer.get(reverse("meetings:detail", args=[meeting.pk]))).cssselect("#agenda li")
    assert [(li.get("value"), text(li)) for li in items][1] == ("2", "Any other business")
    assert items[1].cssselect("a") == []


def test_the_documents_offered_for_the_agenda_are_latest_first(signed_in, swg, draft, members_only):
    form = form_of(signed_in("officer").get(reverse("meetings:detail", args=[swg.pk])), "add-item")
    values = [value for value, _label in options(form.cssselect("select[name=revision]")[0])]
    assert values.index(str(members_only.pk)) < values.index(str(draft.pk))


def test_a_delegate_can_neither_schedule_a_meeting_nor_add_to_an_agenda(signed_in, swg, draft):
    before = written()
    client = signed_in("delegate-kz")
    response = client.post(reverse("meetings:schedule"), SOC_MEETING)
    assert response.status_code == 403
    assert errors(response) == ["only the secretariat schedules meetings and sets their agendas"]
    response = client.post(reverse("meetings:add_item", args=[swg.pk]), {**DRAFT_ITEM, "revision": draft.pk})
    assert response.status_code == 403
    assert errors(response) == ["only the secretariat schedules meetings and sets their agendas"]
    assert written() == before


@pytest.mark.parametrize(("change", "reason"), [
    ({"end": "2021-10-04"}, "the meeting ends on 2021-10-04, before it starts on 2021-10-05"),
    ({"venue_en": " ", "venue_ru": "", "venue_kk": ""}, "the venue: give it in at least one language"),
    ({"start": ""}, "First day: This field is required."),
    ({"body": "XX"}, "Body: Select a valid choice. XX is not one of the available choices."),
    ({"chair": "ZZ"}, "Chair: Select a valid choice. ZZ is not one of the available choices."),
])
def test_a_meeting_the_forum_cannot_accept_is_refused_with_the_reason(signed_in, demo, change, reason):
    before = written()
    response = signed_in("officer").post(reverse("meetings:schedule"), {**SOC_MEETING, **change})
    assert response.status_code == 400
    assert errors(response) == [reason]
    assert written() == before
    # What the officer typed is kept, to correct it.
    assert form_of(response, "schedule").cssselect("input[name=venue_ru]")[0].get("value") == (
        change.get("venue_ru", "Алматы") or None)


@pytest.mark.parametrize(("item", "reason"), [
    ({"title_en": "", "title_ru": " ", "title_kk": ""}, "the item: give it in at least one language"),
    ({"revision": "draft"}, "MM/2021/DRAFT/3 is already on the agenda"),
    ({"revision": "note"}, None),  # not offered, so not a valid choice
])
def test_an_agenda_item_the_forum_cannot_accept_is_refused_with_the_reason(signed_in, swg, draft, note, item,
                                                                              reason):
    revisions = {"draft": draft.pk, "note": note.pk}
    data = {**DRAFT_ITEM, **item, "revision": revisions.get(item.get("revision"), "")}
    before = written()
    response = signed_in("officer").post(reverse("meetings:add_item", args=[swg.pk]), data)
    assert response.status_code == 400
    expected = reason or f"Document: Select a valid choice. {note.pk} is not one of the available choices."
    assert errors(response) == [expected]
    assert written() == before


def test_an_item_whose_document_an_observer_may_not_read_shows_its_title_only(signed_in, swg, members_only):
    officer = signed_in("officer")
    response = officer.post(reverse("meetings:add_item", args=[swg.pk]),
                            {"title_en": "Observer status in the General Assembly", "title_ru": "", "title_kk": "",
                             "revision": members_only.pk})
    assert response.status_code == 302

    observer = signed_in("observer-tm")
    shown = observer.get(reverse("meetings:detail", args=[swg.pk]))
    item = html(shown).cssselect("#item-2")[0]
    assert text(item) == "Observer status in the General Assembly"
    assert item.cssselect("a") == [] and "A/RES/76/1" not in shown.content.decode()
    # The item the observer may read keeps its link.
    assert text(html(shown).cssselect("#item-1 a.symbol")[0]) == "MM/2021/DRAFT/3"

    member = signed_in("delegate-ru")
    item = html(member.get(reverse("meetings:detail", args=[swg.pk]))).cssselect("#item-2")[0]
    assert text(item.cssselect("a.symbol")[0]) == "A/RES/76/1"


@pytest.mark.parametrize(("language", "body", "dates", "venue", "chair"), [
    ("ru", "Специальная рабочая группа (СРГ)", "14 сентября 2021 г. – 15 сентября 2021 г.", "Нур-Султан",
     "Казахстан"),
    ("kk", "Арнаулы жұмыс тобы (АЖТ)", "14.09.2021 – 15.09.2021", "Нұр-Сұлтан", "Қазақстан"),
])
def test_the_list_names_bodies_venues_and_chairs_in_the_interface_language(signed_in, swg, language, body, dates,
                                                                           venue, chair):
    client = signed_in("delegate-kz")
    client.cookies["django_language"] = language
    page = html(client.get(reverse("meetings:list")))
    assert page.get("lang") == language
    (row,) = page.cssselect(f"tr#meeting-{swg.pk}")
    assert [text(row.cssselect(f".{cell}")[0]) for cell in ("body", "dates", "venue", "chair")] == [
        body, dates, venue, chair]
    detail = html(client.get(reverse("meetings:detail", args=[swg.pk])))
    assert text(detail.cssselect(".venue")[0]) == venue


def test_the_pages_keep_to_the_content_security_policy_and_carry_csrf_tokens(signed_in, swg):
    officer = signed_in("officer")
    for url in (reverse("meetings:list"), reverse("meetings:detail", args=[swg.pk])):
        page = html(officer.get(url))
        assert not page.xpath("//style | //*[@style]") and all(s.get("src") for s in page.xpath("//script"))
        for form in page.xpath("//form[@method='post']"):
            assert form.xpath(".//input[@name='csrfmiddlewaretoken']"), (url, form.get("action"))


def test_a_get_to_a_form_s_address_is_not_allowed(signed_in, swg):
    officer = signed_in("officer")
    assert officer.get(reverse("meetings:schedule")).status_code == 405
    assert officer.get(reverse("meetings:add_item", args=[swg.pk])).status_code == 405
