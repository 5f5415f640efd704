"""The institutions' pages as each role uses them: every role reads the catalogue, the plans and the dashboards; the
secretariat adds events, changes their status, opens a plan and records its approval. A refused action shows the
one-line reason with a 4xx status and writes nothing; names follow the interface language."""

import pytest
from django.urls import reverse

from accord.institutions.models import Plan, PlanEvent
from institutions_helpers import counts, errors, event, html, text

ROLES = ["officer", "chair", "delegate-ru", "observer-tm", "translator", "reviser"]

NEW_EVENT = {
    "area": "2.3",
    "kind": "workshop",
    "organizer": "KZ",
    "start": "2021-12-14",
    "end": "2021-12-15",
    "title_en": "Workshop on cyber hygiene",
    "title_ru": "Семинар-практикум по кибергигиене",
    "title_kk": "",
    "venue_en": "Online",
    "venue_ru": "Онлайн",
    "venue_kk": "",
}


def plan_url(year=2021, name="plan"):
    return reverse(f"institutions:{name}", args=[year])


@pytest.mark.parametrize("username", ROLES)
def test_every_role_reads_the_catalogue_the_plan_and_the_dashboards(signed_in, plan, username):
    client = signed_in(username)
    home = client.get(reverse("institutions:home"))
    assert home.status_code == 200
    row = html(home).cssselect("table#plans tr#plan-2021")[0]
    assert [text(cell) for cell in row.cssselect("td.number")] == ["14", "7", "5", "1", "1"]

    page = client.get(plan_url())
    assert page.status_code == 200
    assert len(html(page).cssselect("table#events tbody tr[data-status]")) == 14
    forms = {form.get("id") for form in html(page).cssselect("form[method=post]")} - {None}
    expected = {"add-event", "change-status"} if username == "officer" else set()
    assert forms == expected  # the 2021 plan is approved: no approval form, even for the secretariat

    for url in (reverse("institutions:catalogue"), plan_url(name="plan_dashboard"), reverse("institutions:dashboard")):
        assert client.get(url).status_code == 200


def test_the_pages_need_a_login(client, demo):
    for url in (reverse("institutions:home"), reverse("institutions:catalogue"), plan_url(),
                plan_url(name="plan_dashboard"), plan_url(name="plan_xlsx")):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_catalogue_shows_what_each_version_adds(signed_in, demo):
    client = signed_in("delegate-ru")
    home = html(client.get(reverse("institutions:home")))
    first, updated = home.cssselect("table#versions tbody tr")
    assert text(first.cssselect(".adoption")[0]) == "22 October 2004"
    assert text(updated.cssselect(".adoption")[0]) == "not yet adopted"
    assert [text(a) for a in updated.cssselect(".decision a.symbol")] == ["MM/2021/DRAFT/3"]
    assert [text(td) for td in home.cssselect("table#versions td.number")] == ["13", "15"]

    page = html(client.get(reverse("institutions:catalogue")))  # the latest version: 2021
    assert [option.get("value") for option in page.cssselect("#version option[selected]")] == ["2"]
    assert text(page.cssselect("#new-count")[0]) == "2"
    assert [li.get("id") for li in page.cssselect("li.measure.new")] == ["measure-2.3.2", "measure-5.3.1"]
    assert page.cssselect("section#area-5\\.3.new h3 .badge")
    assert "not yet adopted" in text(page.cssselect("#version-meta .adoption")[0])
    assert [text(a) for a in page.cssselect("#version-meta a.symbol")] == ["MM/2021/DRAFT/3"]
    area = page.cssselect("section#area-2\\.2")[0]
    assert text(area.cssselect("dd.coordinator")[0]) == (
        "Afghanistan (1 January 2018 – 31 December 2020); Tajikistan (since 1 January 2021)")
    assert text(area.cssselect("dd.co-coordinator")[0]) == "Uzbekistan (since 1 January 2018)"

    first = html(client.get(reverse("institutions:catalogue") + "?version=1"))
    assert not first.cssselect("section#area-5\\.3") and not first.cssselect("li.measure.new")
    assert "22 October 2004" in text(first.cssselect("#version-meta .adoption")[0])
    assert client.get(reverse("institutions:catalogue") + "?version=9").status_code == 404


def test_the_russian_interface_shows_russian_names(signed_in, plan):
    client = signed_in("delegate-ru")
    client.cookies["django_language"] = "ru"

    catalogue = html(client.get(reverse("institutions:catalogue")))
    assert [text(h2) for h2 in catalogue.cssselect("section.dimension h2")][:2] == [
        "1. Военно-политическое измерение", "2. Новые вызовы и угрозы"]
    area = catalogue.cssselect("section#area-5\\.3")[0]
    assert "Эпидемиологическая безопасность" in text(area.cssselect("h3")[0])
    assert text(area.cssselect("dd.coordinator")[0]).startswith("Казахстан (")
    assert "1 июня 2021 г." in text(area.cssselect("dd.coordinator")[0])

    page = html(client.get(plan_url()))
    row = page.cssselect(f"tr#event-{event('Workshop on responding to mudflows and earthquakes').pk}")[0]
    assert text(row.cssselect(".title")[0]) == "Семинар-практикум по реагированию на сели и землетрясения"
    assert text(row.cssselect(".organizer")[0]) == "Кыргызстан"
    assert text(row.cssselect(".venue")[0]) == "Бишкек"
    assert text(row.cssselect(".dates")[0]) == "22 июня 2021 г. – 23 июня 2021 г."

    board = html(client.get(plan_url(name="plan_dashboard")))
    states = [text(th) for th in board.cssselect("table#by-state tbody th")]
    assert states[:3] == ["Азербайджан", "Индия", "Казахстан"]
    assert text(board.cssselect("table#by-dimension tbody th")[4]) == "5. Человеческое измерение"


def test_the_plan_filters_events_by_dimension_state_and_status(signed_in, plan):
    client = signed_in("observer-tm")

    def shown(query):
        page = html(client.get(plan_url() + query))
        return [(row.get("data-dimension"), row.get("data-state"), row.get("data-status"))
                for row in page.cssselect("table#events tbody tr[data-status]")]

    assert {d for d, _s, _t in shown("?dimension=2")} == {"2"} and len(shown("?dimension=2")) == 3
    assert {s for _d, s, _t in shown("?state=KZ")} == {"KZ"} and len(shown("?state=KZ")) == 3
    assert len(shown("?status=held")) == 5
    assert shown("?dimension=5&state=RU&status=held") == [("5", "RU", "held")]
    assert shown("?dimension=4&status=cancelled") == []
    assert len(shown("?dimension=99")) == 14  # an unknown choice is ignored
    assert len(shown("?dimension=99&state=KZ")) == 3  # and the others still apply


def test_the_secretariat_adds_an_event(signed_in, plan):
    client = signed_in("officer")
    response = client.post(reverse("institutions:add_event", args=[2021]), NEW_EVENT, follow=True)

    added = event("Workshop on cyber hygiene")
    assert response.redirect_chain[-1][0] == plan_url() + f"#event-{added.pk}"
    assert "Event “Workshop on cyber hygiene” added to the plan." in text(html(response).cssselect(".messages")[0])
    assert (added.area.label, added.organizer.code, added.status, added.titles) == (
        "2.3", "KZ", "planned", {"en": "Workshop on cyber hygiene", "ru": "Семинар-практикум по кибергигиене"})
    assert html(response).cssselect(f"tr#event-{added.pk}")


@pytest.mark.parametrize("change, status, message", [
    ({"start": "2022-01-10", "end": ""}, 400, "an event of the plan for 2021 starts in 2021, not on 10 January 2022"),
    ({"organizer": "TM"}, 400, "Organizer: Select a valid choice."),
    ({"title_en": "", "title_ru": ""}, 400, "the title: give it in at least one language"),
    ({"start": "14/12/2021"}, 400, "First day: Enter a valid date."),
])
def test_an_event_refused_shows_the_reason_and_writes_nothing(signed_in, plan, change, status, message):
    client = signed_in("officer")
    response = client.post(reverse("institutions:add_event", args=[2021]), {**NEW_EVENT, **change})

    assert response.status_code == status
    assert any(message in error for error in errors(response)), errors(response)
    assert PlanEvent.objects.count() == 18
    assert html(response).cssselect("form#add-event")  # shown again, filled in


@pytest.mark.parametrize("username", ["chair", "delegate-ru", "observer-tm"])
def test_only_the_secretariat_posts(signed_in, plan, username):
    client = signed_in(username)
    desertification = event("Seminar on combating desertification")
    for url, data in (
        (reverse("institutions:add_event", args=[2021]), NEW_EVENT),
        (reverse("institutions:change_status", args=[2021]), {"event": desertification.pk, "status": "held"}),
        (reverse("institutions:approve", args=[2021]), {"approved_on": "2021-03-01", "reference": "SOC"}),
        (reverse("institutions:create_plan"), {"year": "2022"}),
    ):
        response = client.post(url, data)
        assert response.status_code == 403
        assert errors(response) == ["only the secretariat keeps the catalogue of confidence building measures and the "
                                    "plans on implementation"]
    assert PlanEvent.objects.count() == 18 and Plan.objects.count() == 2
    desertification.refresh_from_db()
    assert desertification.status == "planned"


def test_the_secretariat_marks_an_event_held_with_its_report(signed_in, plan):
    client = signed_in("officer")
    seminar = event("Seminar on combating desertification")
    url = reverse("institutions:change_status", args=[2021])
    response = client.post(url, {"event": seminar.pk, "status": "held", "report_note": "Conclusions circulated."},
                           follow=True)
    seminar.refresh_from_db()
    assert (seminar.status, seminar.report_note) == ("held", "Conclusions circulated.")
    row = html(response).cssselect(f"tr#event-{seminar.pk}")[0]
    assert text(row.cssselect(".status")[0]) == "Held"
    assert text(row.cssselect(".report")[0]) == "Conclusions circulated."

    refused = client.post(url, {"event": seminar.pk, "status": "cancelled"})
    assert refused.status_code == 400
    assert errors(refused) == ["the event was held: it can no longer be cancelled"]
    refused = client.post(url, {"event": "999999", "status": "held"})
    assert refused.status_code == 400 and errors(refused)[0].startswith("Event: Select a valid choice.")


def test_the_secretariat_opens_a_plan_and_records_the_socs_approval(signed_in, demo):
    client = signed_in("officer")
    response = client.post(reverse("institutions:create_plan"), {"year": "2022"}, follow=True)
    assert response.redirect_chain[-1][0] == plan_url(2022)
    page = html(response)
    assert text(page.cssselect("#approval")[0]) == "not yet approved"
    assert page.cssselect("form#approve")
    assert text(page.cssselect("table#events tbody td.empty")[0]) == "No event is planned yet."

    again = client.post(reverse("institutions:create_plan"), {"year": "2022"})
    assert again.status_code == 400 and errors(again) == ["there is already a plan for 2022"]

    url = reverse("institutions:approve", args=[2022])
    refused = client.post(url, {"approved_on": "2022-02-01", "reference": ""})
    assert refused.status_code == 400
    assert errors(refused) == ["name the SOC's decision: its document, or a reference in words"]
    response = client.post(url, {"approved_on": "2022-02-01", "reference": "SOC decision of 1 February 2022"},
                           follow=True)
    page = html(response)
    assert text(page.cssselect("#approval")[0]) == "1 February 2022 — SOC decision of 1 February 2022"
    assert not page.cssselect("form#approve")
    assert client.post(url, {"approved_on": "2022-02-02", "reference": "again"}).status_code == 400


def test_the_dashboard_counts_and_filters_by_dimension(signed_in, plan):
    client = signed_in("delegate-ru")
    page = html(client.get(plan_url(name="plan_dashboard")))
    by_dimension = counts(page, "by-dimension")
    assert by_dimension["3"] == {"planned": 2, "held": 1, "postponed": 0, "cancelled": 1, "total": 4}
    assert [text(td) for td in page.cssselect("tr#totals td")] == ["7", "5", "1", "1", "14"]
    assert counts(page, "by-state")["RU"] == {"planned": 1, "held": 2, "postponed": 0, "cancelled": 0, "total": 3}
    assert counts(page, "by-year") == {"2021": {"planned": 7, "held": 5, "postponed": 1, "cancelled": 1,
                                                "total": 14}}

    economic = html(client.get(plan_url(name="plan_dashboard") + "?dimension=3"))
    assert list(counts(economic, "by-dimension")) == ["3"]
    assert set(counts(economic, "by-state")) == {"AZ", "QA", "KR", "TR"}
    assert [text(td) for td in economic.cssselect("tr#totals td")] == ["2", "1", "0", "1", "4"]

    across = html(client.get(reverse("institutions:dashboard")))
    assert {year: row["total"] for year, row in counts(across, "by-year").items()} == {"2020": 4, "2021": 14}
    one_year = html(client.get(reverse("institutions:dashboard") + "?year=2020&dimension=4"))
    assert counts(one_year, "by-year") == {"2020": {"planned": 0, "held": 1, "postponed": 0, "cancelled": 0,
                                                    "total": 1}}
    assert list(counts(one_year, "by-state")) == ["KG"]


def test_the_plan_downloads_as_docx_and_xlsx(signed_in, plan):
    client = signed_in("observer-tm")
    page = html(client.get(plan_url()))
    links = [a.get("href") for a in page.cssselect("#downloads a[lang]")]
    assert plan_url(name="plan_docx") + "?lang=ru" in links and plan_url(name="plan_xlsx") + "?lang=kk" in links
    docx = client.get(plan_url(name="plan_docx") + "?lang=ru")
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")
    assert docx["Content-Disposition"] == 'attachment; filename="cbm-plan-2021-ru.docx"'
    xlsx = client.get(plan_url(name="plan_xlsx"))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].endswith("spreadsheetml.sheet")
    assert xlsx["Content-Disposition"] == 'attachment; filename="cbm-plan-2021-en.xlsx"'
    assert client.get(plan_url(name="plan_xlsx") + "?lang=xx").status_code == 404
    assert client.get(plan_url(1999, name="plan_xlsx")).status_code == 404
