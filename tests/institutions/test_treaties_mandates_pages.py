"""The treaty status and the mandates on the web, as each role uses them: every role reads the instruments, the status
table with the not-ratified list in each language, and the mandates; only the secretariat records an action,
proposes, confirms, drops, changes a status or links a document (403 for the others, nothing written). A refused
action shows its one-line reason with 400."""

import datetime as dt

import pytest
from django.urls import reverse

from accord.documents.models import Revision
from accord.institutions.models import Instrument, Mandate, TreatyAction
from institutions_helpers import errors, html, text

ROLES = ["officer", "chair", "delegate-ru", "observer-tm", "translator", "reviser"]
STATUTE = "Statute of the Secretariat of the Conference on Interaction and Confidence Building Measures in Asia"


@pytest.fixture
def statute(demo):
    return Instrument.objects.get(names__en=STATUTE)


def op3(position: int) -> Mandate:
    return Mandate.objects.get(revision__symbol="MM/2021/DRAFT/3", label="OP3", position=position)


def instrument_url(instrument, query=""):
    return reverse("institutions:instrument", args=[instrument.pk]) + query


def mandate_url(mandate, name="mandate"):
    return reverse(f"institutions:{name}", args=[mandate.pk])


def post_forms(page) -> set[str]:
    return {form.get("id") for form in html(page).cssselect("form[method=post]")} - {None}


@pytest.mark.parametrize("username", ROLES)
def test_every_role_reads_the_treaty_status_and_the_mandates(signed_in, statute, username):
    client = signed_in(username)
    listing = client.get(reverse("institutions:treaties"))
    assert listing.status_code == 200
    row = html(listing).cssselect(f"table#instruments tr#instrument-{statute.pk}")[0]
    assert [text(cell) for cell in row.cssselect("td.number")] == ["28", "14", "3", "1", "10"]

    page = client.get(instrument_url(statute))
    assert page.status_code == 200
    assert len(html(page).cssselect("table#status tbody tr[data-state]")) == 28
    assert post_forms(page) == ({"record-action"} if username == "officer" else set())

    mandates_page = client.get(reverse("institutions:mandates"))
    assert mandates_page.status_code == 200
    assert len(html(mandates_page).cssselect("section#mandates-proposed tbody tr")) == 7
    assert post_forms(mandates_page) == ({"propose"} if username == "officer" else set())

    detail = client.get(mandate_url(op3(0)))
    assert detail.status_code == 200
    assert post_forms(detail) == ({"confirm", "drop"} if username == "officer" else set())

    home = html(client.get(reverse("institutions:home")))
    assert text(home.cssselect("#mandate-counts strong[data-status=proposed]")[0]) == "7"
    assert len(home.cssselect("#instrument-links a")) == 2


def test_the_pages_need_a_login(client, statute):
    for url in (reverse("institutions:treaties"), instrument_url(statute), reverse("institutions:mandates"),
                mandate_url(op3(0))):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_the_status_table_and_the_quotes_ready_for_a_note_verbale(signed_in, statute):
    client = signed_in("delegate-ru")
    page = html(client.get(instrument_url(statute, "?on=2021-08-26")))
    mongolia = page.cssselect("tr#state-MN")[0]
    assert [text(cell) for cell in mongolia.cssselect("td")] == [
        "17 June 2006", "9 February 2010 (Approval)", "11 March 2010", "In force"]
    assert text(page.cssselect("tr#state-EG td.stage")[0]) == "Not signed"
    quotes = {area.get("lang"): area.text for area in page.cssselect("textarea.quote")}
    assert set(quotes) == {"en", "ru", "kk"}
    assert quotes["en"].startswith("Afghanistan, Bahrain, Bangladesh, Egypt") and quotes["en"].endswith(
        "Uzbekistan and Viet Nam")
    assert quotes["ru"].startswith("Афганистан, Бангладеш, Бахрейн, Вьетнам") and quotes["ru"].endswith(
        "Узбекистан и Шри-Ланка")
    assert quotes["kk"].startswith("Ауғанстан, Бангладеш, Бахрейн, Вьетнам")
    assert all(area.get("readonly") is not None for area in page.cssselect("textarea.quote"))

    in_force = html(client.get(instrument_url(statute, "?stage=in_force")))
    assert len(in_force.cssselect("table#status tbody tr[data-state]")) == 10
    early = html(client.get(instrument_url(statute, "?on=2007-06-01")))
    assert not early.cssselect("tr#state-BH")  # not yet a Member State
    assert text(early.cssselect("tr#state-RU td.stage")[0]) == "Signed, not ratified"
    assert len(html(client.get(instrument_url(statute, "?on=nonsense"))).cssselect("tr[data-state]")) == 28


def test_the_russian_interface_shows_russian_names_in_russian_order(signed_in, statute):
    client = signed_in("observer-tm")
    client.cookies["django_language"] = "ru"
    page = html(client.get(instrument_url(statute)))
    assert text(page.cssselect("h1")[0]) == "Соглашение о Секретариате Совещания по взаимодействию и мерам доверия в Азии"
    states = [text(th) for th in page.cssselect("table#status tbody th.state")]
    assert states[:3] == ["Азербайджан", "Афганистан", "Бангладеш"]


def test_the_secretariat_records_an_action(signed_in, statute):
    client = signed_in("officer")
    response = client.post(reverse("institutions:record_action", args=[statute.pk]),
                           {"state": "IN", "kind": "ratification", "date": "2021-05-04", "note": "Deposited"},
                           follow=True)
    assert response.redirect_chain[-1][0] == instrument_url(statute) + "#state-IN"
    assert "Ratification by India on 4 May 2021 recorded." in text(html(response).cssselect(".messages")[0])
    assert TreatyAction.objects.get(instrument=statute, state__code="IN", kind="ratification").note == "Deposited"
    assert text(html(response).cssselect("tr#state-IN td.ratified")[0]) == "4 May 2021"


@pytest.mark.parametrize("data, message", [
    ({"state": "IN", "kind": "ratification", "date": "2006-06-10"},
     "the instrument was adopted on 17 June 2006, after 10 June 2006"),
    ({"state": "KZ", "kind": "signature", "date": "2021-05-04"},
     "the signature by Kazakhstan is already recorded, on 17 June 2006"),
    ({"state": "EG", "kind": "ratification", "date": "2021-05-04"},
     "Egypt has not signed the instrument: record its signature first, or an accession"),
    ({"state": "TM", "kind": "accession", "date": "2021-07-01"}, "State: Select a valid choice."),
    ({"state": "IN", "kind": "ratification", "date": "2999-01-01"}, "1 January 2999 has not come yet"),
])
def test_an_action_refused_shows_the_reason_and_writes_nothing(signed_in, statute, data, message):
    before = TreatyAction.objects.count()
    response = signed_in("officer").post(reverse("institutions:record_action", args=[statute.pk]), data)
    assert response.status_code == 400
    assert any(error.startswith(message) for error in errors(response)), errors(response)
    assert TreatyAction.objects.count() == before
    assert html(response).cssselect("form#record-action")


@pytest.mark.parametrize("username", ["chair", "delegate-ru", "observer-tm"])
def test_a_delegate_sees_but_cannot_edit(signed_in, statute, username):
    client = signed_in(username)
    swg = Revision.objects.get(symbol="17-1/542")
    treaty_refusal = ["only the secretariat records the signatures and ratifications of the forum's instruments"]
    response = client.post(reverse("institutions:record_action", args=[statute.pk]),
                           {"state": "EG", "kind": "accession", "date": "2021-05-04"})
    assert (response.status_code, errors(response)) == (403, treaty_refusal)

    mandate_refusal = ["only the secretariat proposes, confirms and follows up the mandates"]
    declaration = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    for url, data in (
        (reverse("institutions:propose_mandates"), {"revision": declaration.pk}),
        (mandate_url(op3(0), "confirm_mandate"), {"responsible": "chairmanship", "task": "x"}),
        (mandate_url(op3(0), "drop_mandate"), {}),
        (mandate_url(op3(0), "mandate_status"), {"status": "done"}),
        (mandate_url(op3(0), "link_mandate_document"), {"revision": swg.pk}),
    ):
        response = client.post(url, data)
        assert (response.status_code, errors(response)) == (403, mandate_refusal), url
    assert not TreatyAction.objects.filter(state__code="EG").exists()
    assert set(Mandate.objects.values_list("status", flat=True)) == {"proposed"}
    assert Mandate.objects.count() == 7


def test_a_proposal_shows_the_words_it_was_made_from(signed_in, demo):
    page = html(signed_in("delegate-ru").get(mandate_url(op3(1))))
    assert text(page.cssselect("#proposal-warning")[0]).startswith("Proposed by Accord")
    assert [text(mark) for mark in page.cssselect("dd.excerpt mark")] == ["task", "Senior Officials Committee"]
    assert text(page.cssselect("#responsible")[0]) == "Senior Officials Committee"
    assert text(page.cssselect("#confirmed")[0]) == "not confirmed"
    assert "not yet adopted" in text(page.cssselect("dd.source")[0])
    assert text(page.cssselect("#paragraph")[0]).startswith("OP3 We support the transformation of CICA")


def test_the_secretariat_confirms_corrects_and_follows_up_a_mandate(signed_in, demo):
    client = signed_in("officer")
    committee = op3(1)
    response = client.post(mandate_url(committee, "confirm_mandate"), {
        "responsible": "body:SOC", "task": "Prepare a draft decision of the 2022 Summit on the transformation",
        "due_meeting": "", "due_date": "2022-09-30"}, follow=True)
    assert response.redirect_chain[-1][0] == mandate_url(committee)
    page = html(response)
    assert "The mandate of Senior Officials Committee is confirmed." in text(page.cssselect(".messages")[0])
    assert text(page.cssselect("#status")[0]) == "Confirmed"
    assert text(page.cssselect("#due")[0]) == "30 September 2022"
    assert text(page.cssselect("#confirmed")[0]).startswith("by Aigerim Secretariat on ")
    assert post_forms(response) == {"change-status", "link-document", "drop"}
    committee.refresh_from_db()
    assert (committee.status, committee.task[:7]) == ("confirmed", "Prepare")

    note = Revision.objects.get(symbol="17-1/542")
    response = client.post(mandate_url(committee, "link_mandate_document"), {"revision": note.pk}, follow=True)
    assert [li.get("data-symbol") for li in html(response).cssselect("#fulfilling li[data-symbol]")] == ["17-1/542"]
    response = client.post(mandate_url(committee, "mandate_status"), {"status": "done"}, follow=True)
    assert text(html(response).cssselect("#status")[0]) == "Done"
    refused = client.post(mandate_url(committee, "mandate_status"), {"status": "done"})
    assert (refused.status_code, errors(refused)) == (400, ["the mandate is already done"])

    listing = html(client.get(reverse("institutions:mandates") + "?status=done"))
    assert [row.get("data-label") for row in listing.cssselect("section#mandates-done tbody tr")] == ["OP3"]
    assert not listing.cssselect("section#mandates-proposed")


def test_a_confirmation_refused_shows_the_reason(signed_in, demo):
    client = signed_in("officer")
    budget = Mandate.objects.get(label="OP26")
    response = client.post(mandate_url(budget, "confirm_mandate"),
                           {"responsible": "", "task": budget.task, "due_meeting": "", "due_date": ""})
    assert (response.status_code, errors(response)) == (
        400, ["name who is responsible: a body, the Chairmanship or the Secretariat"])
    assert html(response).cssselect("form#confirm")
    refused = client.post(mandate_url(budget, "mandate_status"), {"status": "in_progress"})
    assert errors(refused) == ["the mandate is only proposed: the secretariat confirms it first"]
    response = client.post(mandate_url(budget, "drop_mandate"), follow=True)
    assert text(html(response).cssselect("#status")[0]) == "Dropped"
    assert not post_forms(response)
    budget.refresh_from_db()
    assert (budget.status, budget.confirmed_by) == ("dropped", None)


def test_the_secretariat_proposes_from_a_text_and_nothing_twice(signed_in, demo):
    client = signed_in("officer")
    declaration = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    response = client.post(reverse("institutions:propose_mandates"), {"revision": declaration.pk}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("institutions:mandates") + f"?revision={declaration.pk}"
    assert text(html(response).cssselect(".messages")[0]) == (
        "0 mandates proposed from MM/2021/DRAFT/3: confirm or drop each. 7 tasks were proposed already.")
    note = Revision.objects.get(symbol="17-1/542")
    refused = client.post(reverse("institutions:propose_mandates"), {"revision": note.pk})
    assert refused.status_code == 400 and errors(refused)[0].startswith("Text: Select a valid choice.")
    assert Mandate.objects.count() == 7


def test_the_mandates_filter_by_responsible_and_status(signed_in, demo):
    client = signed_in("observer-tm")

    def shown(query):
        page = html(client.get(reverse("institutions:mandates") + query))
        return [(row.get("data-label"), row.get("data-actor")) for row in page.cssselect("tbody tr[data-status]")]

    assert shown("?responsible=body:SOC") == [("OP3", "body")]
    assert shown("?responsible=chairmanship") == [("OP3", "chairmanship")]
    assert len(shown("?responsible=none")) == 5
    assert shown("?status=confirmed") == []
    assert len(shown("?responsible=nonsense")) == 7


def test_a_mandate_of_a_text_the_user_may_not_read_is_not_found(signed_in, demo):
    declaration = Revision.objects.get(symbol="MM/2021/DRAFT/3")
    declaration.document.__class__.objects.filter(pk=declaration.document_id).update(distribution="members")
    client = signed_in("observer-tm")
    assert client.get(mandate_url(op3(0))).status_code == 404
    assert not html(client.get(reverse("institutions:mandates"))).cssselect("tbody tr[data-status]")


def test_today_is_the_default_day(signed_in, statute):
    page = html(signed_in("chair").get(instrument_url(statute)))
    assert dt.date.today().strftime("%Y") in text(page.cssselect("h2")[0])
