"""The iCalendar feed of the meetings, read back as a calendar client reads it (RFC 5545): all-day events with an
exclusive end, names in the language asked for, TEXT escaped, lines folded at 75 octets of UTF-8 with CRLF endings;
and reachable by a calendar client, which has an API token and no session."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from accord.meetings import ical, services
from accord.meetings.models import Meeting
from accord.registry.models import Body, State
from meeting_helpers import components, unescape, unfold

CALENDAR = reverse("meetings:calendar")
TRICKY_VENUE = "Palace of Peace and Reconciliation, Hall 2; Astana \\ Nur-Sultan"


def feed(client, url=CALENDAR, **query):
    response = client.get(url, query)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response


def event_of(body: bytes, meeting: Meeting) -> dict[str, str]:
    _calendar, events = components(body)
    (event,) = [event for event in events if event["UID"] == f"meeting-{meeting.pk}@cica.accord"]
    return event


def test_the_feed_is_a_calendar_with_the_swg_meeting_as_an_all_day_event(signed_in, swg):
    body = feed(signed_in("delegate-kz")).content
    calendar, events = components(body)
    assert unfold(body)[:6] == ["BEGIN:VCALENDAR", f"PRODID:{calendar['PRODID']}", "VERSION:2.0",
                                "CALSCALE:GREGORIAN", "METHOD:PUBLISH", "X-WR-CALNAME:CICA meetings"]
    assert unfold(body)[-1] == "END:VCALENDAR"
    assert calendar["PRODID"].startswith("-//Accord//")
    assert len(events) == Meeting.objects.count()
    event = event_of(body, swg)
    assert event["DTSTART;VALUE=DATE"] == "20210914"
    assert event["DTEND;VALUE=DATE"] == "20210916"  # exclusive: the day after the last day, 15 September
    assert re.fullmatch(r"\d{8}T\d{6}Z", event["DTSTAMP"])
    assert unescape(event["SUMMARY"]) == "Special Working Group (SWG)"
    assert unescape(event["LOCATION"]) == "Nur-Sultan"
    assert unescape(event["DESCRIPTION"]).split("\n") == [
        "Chair: Kazakhstan",
        "Agenda:",
        "1. Draft declaration of the Sixth Meeting of the CICA Ministers of Foreign Affairs (MM/2021/DRAFT/3)",
    ]
    assert event["URL"] == f"http://testserver{reverse('meetings:detail', args=[swg.pk])}"


def test_every_line_ends_with_crlf_and_none_is_longer_than_75_octets(signed_in, swg):
    body = feed(signed_in("delegate-kz"), lang="kk").content
    assert body.endswith(b"\r\n")
    assert b"\n" not in body.replace(b"\r\n", b"") and b"\r" not in body.replace(b"\r\n", b"")
    for line in body.split(b"\r\n"):
        assert len(line) <= 75, line
        line.decode("utf-8")  # each physical line is whole UTF-8: no character split by a fold


def test_the_uid_of_a_meeting_does_not_change_with_the_language_or_the_user(signed_in, token, swg):
    uids = {event_of(feed(signed_in("officer"), lang=language).content, swg)["UID"] for language in ("en", "ru", "kk")}
    uids.add(event_of(feed(Client(), token=token("observer-tm")).content, swg)["UID"])
    assert uids == {f"meeting-{swg.pk}@cica.accord"}


@pytest.mark.parametrize(("language", "summary", "location", "calendar_name"), [
    ("ru", "Специальная рабочая группа (СРГ)", "Нур-Султан", "СВМДА"),
    ("kk", "Арнаулы жұмыс тобы (АЖТ)", "Нұр-Сұлтан", "АӨСШК"),
])
def test_lang_names_the_meetings_in_that_language(signed_in, swg, language, summary, location, calendar_name):
    body = feed(signed_in("delegate-kz"), lang=language).content
    event = event_of(body, swg)
    assert unescape(event["SUMMARY"]) == summary
    assert unescape(event["LOCATION"]) == location
    assert calendar_name in components(body)[0]["X-WR-CALNAME"]


def test_without_lang_the_interface_language_is_used(signed_in, swg):
    client = signed_in("delegate-kz")
    client.cookies["django_language"] = "ru"
    assert unescape(event_of(feed(client).content, swg)["SUMMARY"]) == "Специальная рабочая группа (СРГ)"


def test_an_unknown_language_is_refused_plainly(signed_in, demo):
    response = signed_in("officer").get(CALENDAR, {"lang": "xx"})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/plain")


def test_a_venue_with_a_comma_a_semicolon_and_a_backslash_is_escaped(users, signed_in):
    meeting = services.schedule(users["officer"], body=Body.objects.get(symbol_prefix="SOC"),
                                start=dt.date(2021, 10, 5), end=dt.date(2021, 10, 5),
                                venue={"en": TRICKY_VENUE}, chair=State.objects.get(code="KZ"))
    event = event_of(feed(signed_in("officer")).content, meeting)
    assert event["LOCATION"] == "Palace of Peace and Reconciliation\\, Hall 2\\; Astana \\\\ Nur-Sultan"
    assert unescape(event["LOCATION"]) == TRICKY_VENUE
    assert event["DTEND;VALUE=DATE"] == "20211006"  # a one-day meeting ends the next day, exclusively


def test_a_long_kazakh_summary_is_folded_at_75_octets_without_splitting_a_letter(users, signed_in):
    meeting = services.schedule(users["officer"], body=Body.objects.get(symbol_prefix="MM"),
                                start=dt.date(2022, 10, 11), end=dt.date(2022, 10, 12),
                                venue={"en": "Astana", "kk": "Астана"})
    summary = "Сыртқы істер министрлерінің кездесуі (СІМК)"
    body = feed(signed_in("officer"), lang="kk").content
    raw = body.split(b"\r\n")
    start = next(i for i, line in enumerate(raw) if line.startswith(f"SUMMARY:{summary[:6]}".encode()))
    assert len(f"SUMMARY:{summary}".encode()) > 75  # so it must be folded
    assert raw[start + 1].startswith(b" ")  # it is: the continuation begins with a space
    assert all(len(line) <= 75 for line in raw[start:start + 2])
    assert [line.decode("utf-8") for line in raw[start:start + 2]]  # no letter is cut in two
    assert unescape(event_of(body, meeting)["SUMMARY"]) == summary
    assert "DESCRIPTION" not in event_of(body, meeting)  # no chair, no agenda: nothing to describe


@pytest.mark.parametrize("value", ["a" * 74, "a" * 75, "a" * 76, "ә" * 100, "a" + "ә" * 100, "日本語" * 40, "€" * 26])
def test_folding_keeps_every_line_within_75_octets_and_every_character_whole(value):
    folded = ical.fold(f"SUMMARY:{value}")
    lines = folded.split("\r\n")
    assert all(len(line.encode()) <= 75 for line in lines)
    assert all(line.startswith(" ") for line in lines[1:])
    assert lines[0] + "".join(line[1:] for line in lines[1:]) == f"SUMMARY:{value}"


def test_escaping_follows_rfc_5545():
    assert ical.escape_text("a\\b;c,d\ne\r\nf") == "a\\\\b\\;c\\,d\\ne\\nf"
    assert ical.escape_text("bell\x07 tab\t") == "bell tab\t"  # TEXT holds no control character but the tab


def test_a_calendar_client_reads_the_feed_with_a_token_and_no_session(token, swg):
    client = Client()  # no session, as a calendar application
    response = feed(client, token=token("delegate-ru"))
    assert event_of(response.content, swg)["DTSTART;VALUE=DATE"] == "20210914"
    assert "sessionid" not in response.cookies  # the token logs no one in
    assert response["Cache-Control"] == "private, no-cache"
    # A client that sends the token in a header rather than in the address is served too.
    response = client.get(CALENDAR, headers={"Authorization": f"Bearer {token('delegate-ru')}"})
    assert response.status_code == 200 and b"BEGIN:VEVENT" in response.content


def test_without_credentials_the_feed_answers_401_plainly_and_with_a_bad_token_403(client, swg):
    response = client.get(CALENDAR)
    assert response.status_code == 401  # not a redirect to the login form, which a calendar cannot fill in
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["WWW-Authenticate"] == 'Bearer realm="accord"'
    assert "token" in response.content.decode()
    response = client.get(CALENDAR, {"token": "not-a-token"})
    assert response.status_code == 403 and response["Content-Type"] == "text/plain; charset=utf-8"
    # Nor does one meeting's calendar tell whether the meeting exists.
    assert client.get(reverse("meetings:meeting_calendar", args=[swg.pk])).status_code == 401
    assert client.get(reverse("meetings:meeting_calendar", args=[99999])).status_code == 401


def test_the_token_of_a_deactivated_user_no_longer_opens_the_feed(users, token, demo):
    secret = token("delegate-ru")
    users["delegate-ru"].is_active = False
    users["delegate-ru"].save()
    assert Client().get(CALENDAR, {"token": secret}).status_code == 403


def test_an_item_whose_document_the_user_may_not_read_shows_no_symbol(users, token, swg, members_only):
    services.add_agenda_item(swg, users["officer"], titles={"en": "Observer status in the General Assembly"},
                             revision=members_only)
    observer = unescape(event_of(feed(Client(), token=token("observer-tm")).content, swg)["DESCRIPTION"])
    assert observer.split("\n")[-1] == "2. Observer status in the General Assembly"
    assert "A/RES/76/1" not in observer and "MM/2021/DRAFT/3" in observer
    member = unescape(event_of(feed(Client(), token=token("delegate-ru")).content, swg)["DESCRIPTION"])
    assert member.split("\n")[-1] == "2. Observer status in the General Assembly (A/RES/76/1)"


def test_one_meeting_has_a_calendar_of_its_own(signed_in, swg):
    client = signed_in("observer-tm")
    response = feed(client, reverse("meetings:meeting_calendar", args=[swg.pk]))
    assert [event["UID"] for event in components(response.content)[1]] == [f"meeting-{swg.pk}@cica.accord"]
    assert 'filename="meeting-' in response["Content-Disposition"]
    assert client.get(reverse("meetings:meeting_calendar", args=[99999])).status_code == 404
    detail = client.get(reverse("meetings:detail", args=[swg.pk])).content.decode()
    assert f'href="{reverse("meetings:meeting_calendar", args=[swg.pk])}"' in detail
