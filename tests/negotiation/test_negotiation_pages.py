"""The negotiation's web pages, as each role uses them: the compilation text with its controls, the dashboard, the
adoption page and the redlines on the document's page. Every refused action shows the reason with a 4xx status and
writes nothing."""

import datetime as dt
from pathlib import Path

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from accord.documents.models import Document, Revision
from accord.documents.services import import_file
from accord.negotiation import consensus, services
from accord.negotiation.models import Amendment, AuditEntry, Backing, ProvisionStatus, SilenceProcedure
from conftest import NEW_WORDS, OLD_WORDS, OP27

RESOLUTION = Path(__file__).resolve().parents[1] / "text" / "fixtures" / "resolution_un.md"


def page(response):
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    return " ".join(element.text_content().split())


def errors(response) -> list[str]:
    return [text(item) for item in page(response).cssselect("#errors li")]


@pytest.fixture
def as_user(client, users):
    def sign_in(username):
        client.force_login(users[username])
        return client

    return sign_in


def compilation_url(revision, **query):
    url = reverse("negotiation:compilation", args=[revision.pk])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def table_replacement(client, draft, old=OLD_WORDS, new=NEW_WORDS):
    return client.post(reverse("negotiation:table", args=[draft.pk]),
                       {"provision": OP27, "kind": Amendment.REPLACE, "old_text": old, "text": new})


def proposal(response, number: int):
    (article,) = page(response).cssselect(f"#amendment-{number}")
    return article


def test_a_delegation_tables_a_replacement_and_sees_it_in_place_attributed_and_bracketed(draft, as_user):
    client = as_user("delegate-ru")
    response = table_replacement(client, draft)
    assert response.status_code == 302 and response["Location"].endswith("#amendment-1")
    shown = client.get(response["Location"])
    assert "Amendment 1 tabled: OP27." in text(page(shown).cssselect(".messages")[0])
    (op27,) = page(shown).cssselect(f"section#{OP27}")
    assert text(op27.cssselect("p.text")[0]).startswith("[") and op27.get("data-status") == ProvisionStatus.PENDING
    article = proposal(shown, 1)
    assert text(article.cssselect(".attribution strong")[0]) == "OP27 [Russia]"
    assert f"[{NEW_WORDS}]" in text(article.cssselect(".reading")[0])
    # The proposer withdraws its own amendment; it does not co-sponsor or support it.
    assert [text(b) for b in article.cssselect("button")] == ["Withdraw"]


def test_another_delegation_supports_it_and_the_chair_marks_decides_and_issues_the_next_revision(draft, as_user):
    table_replacement(as_user("delegate-ru"), draft)
    china = as_user("delegate-cn")
    shown = china.get(compilation_url(draft))
    assert [text(b) for b in proposal(shown, 1).cssselect("button")] == ["Co-sponsor", "Support"]
    assert china.post(reverse("negotiation:support", args=[draft.pk, 1])).status_code == 302
    shown = china.get(compilation_url(draft))
    assert "Supported by: China" in text(proposal(shown, 1))
    assert proposal(shown, 1).cssselect("button") == []  # joined once, and no chair's controls for a delegate

    chair = as_user("chair")
    shown = chair.get(compilation_url(draft))
    status_form = page(shown).cssselect(f"section#{OP27} form.status-form")[0]
    version = status_form.cssselect("input[name=version]")[0].get("value")
    response = chair.post(status_form.get("action"), {"status": ProvisionStatus.AD_REFERENDUM, "version": version})
    assert response.status_code == 302
    decide_link = proposal(chair.get(compilation_url(draft)), 1).cssselect("a.decide")[0]
    decide = page(chair.get(decide_link.get("href"))).cssselect("form.decision-form")[0]
    response = chair.post(decide.get("action"), {
        "outcome": Amendment.ACCEPTED, "reason": "agreed in the SWG", "text": "",
        "version": decide.cssselect("input[name=version]")[0].get("value"),
    })
    assert response.status_code == 302
    shown = chair.get(compilation_url(draft))
    assert page(shown).cssselect(f"section#{OP27}")[0].get("data-status") == ProvisionStatus.AD_REFERENDUM
    assert "Reason: agreed in the SWG" in text(proposal(shown, 1))

    response = chair.post(reverse("negotiation:next", args=[draft.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("documents:document",
                                                                            args=[draft.document_id])
    issued = Revision.objects.get(symbol="MM/2021/DRAFT/4")
    listing = chair.get(response["Location"])
    assert "MM/2021/DRAFT/4 issued. Provisions changed: 1; deleted: 0; translations to update: 1." in text(
        page(listing).cssselect(".messages")[0])
    (row,) = page(listing).cssselect('tr[data-symbol="MM/2021/DRAFT/4"]')
    links = {a.get("href") for a in row.cssselect(".redlines a")}
    docx = reverse("documents:redline", args=[issued.pk, "en", "docx"])
    assert docx in links
    download = as_user("delegate-in").get(docx)
    assert download.status_code == 200 and download.content.startswith(b"PK")
    assert "MM-2021-DRAFT-4-vs-MM-2021-DRAFT-3.en.redline.docx" in download["Content-Disposition"]
    # The superseded revision can no longer change, and says why.
    shown = chair.get(compilation_url(draft))
    assert "has been superseded by MM/2021/DRAFT/4" in text(page(shown).cssselect("#closed")[0])
    assert page(shown).cssselect("form.status-form, a.decide, #next-revision") == []


def test_a_refused_amendment_keeps_what_the_delegate_typed_and_names_the_fault(draft, as_user):
    response = table_replacement(as_user("delegate-ru"), draft, old="words nowhere in the text")
    assert response.status_code == 400
    assert errors(response) == ["'words nowhere in the text' does not occur in OP27"]
    form = page(response).cssselect("#table-amendment")[0]
    assert form.get("open") is not None
    assert form.cssselect("textarea[name=old_text]")[0].text.strip() == "words nowhere in the text"
    assert not Amendment.objects.exists()


def test_an_observer_gets_no_tabling_form_and_a_403_with_the_reason_if_it_posts(draft, as_user):
    observer = as_user("observer-tm")
    assert page(observer.get(compilation_url(draft))).cssselect("#table-amendment") == []
    response = table_replacement(observer, draft)
    assert response.status_code == 403
    assert errors(response) == ["Observers may not table, co-sponsor or support amendments to this document"]
    assert not Amendment.objects.exists()


def test_a_mark_from_a_stale_page_is_a_conflict_not_an_overwrite(draft, as_user, users):
    chair = as_user("chair")
    url = reverse("negotiation:status", args=[draft.pk, OP27])
    assert chair.post(url, {"status": ProvisionStatus.BRACKETED, "version": 1}).status_code == 302
    response = chair.post(url, {"status": ProvisionStatus.AGREED, "version": 1})
    assert response.status_code == 409
    assert errors(response) == ["the status of OP27 has changed since you read it (your version 1, now 2): reload it"]
    assert ProvisionStatus.objects.get(revision=draft, provision_id=OP27).status == ProvisionStatus.BRACKETED


def test_the_decision_form_comes_alone_for_htmx_and_as_a_page_without_it_and_only_for_the_chair(draft, users,
                                                                                               as_user):
    services.table(draft, users["delegate-ru"], kind=Amendment.DELETE, provision_id=OP27)
    url = reverse("negotiation:decide", args=[draft.pk, 1])
    chair = as_user("chair")
    fragment = chair.get(url, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and b"<html" not in fragment.content
    assert page(fragment).cssselect("input[name=version]")[0].get("value") == "1"
    whole = chair.get(url)
    assert b"<html" in whole.content and "Amendment 1: OP27" in text(page(whole).cssselect("h2")[0])
    assert as_user("delegate-ru").get(url).status_code == 403


def test_a_delegate_cannot_mark_provisions(draft, as_user):
    response = as_user("delegate-ru").post(reverse("negotiation:status", args=[draft.pk, OP27]),
                                           {"status": ProvisionStatus.AGREED, "version": 1})
    assert response.status_code == 403
    assert errors(response) == ["only the chair marks provisions, decides on amendments and issues revisions"]


def test_filters_keep_the_text_and_narrow_the_proposals(draft, users, as_user):
    services.table(draft, users["delegate-ru"], kind=Amendment.REPLACE, provision_id=OP27, old_text=OLD_WORDS,
                   text=NEW_WORDS)
    services.table(draft, users["delegate-in"], kind=Amendment.DELETE, provision_id="para_26")
    client = as_user("delegate-cn")
    numbers = lambda response: [a.get("data-number") for a in page(response).cssselect("article.proposal")]  # noqa
    assert numbers(client.get(compilation_url(draft))) == ["2", "1"]  # in the order of the text
    assert numbers(client.get(compilation_url(draft, delegation="IN"))) == ["2"]
    shown = client.get(compilation_url(draft, delegation="IN"))
    assert len(page(shown).cssselect("section.entry")) >= 40  # the whole text stays
    assert numbers(client.get(compilation_url(draft, status="withdrawn"))) == []
    response = client.get(compilation_url(draft, delegation="XX"))
    assert errors(response) == ["no delegation 'XX'"] and numbers(response) == ["2", "1"]


def test_the_chair_numbers_competing_proposals_as_options(draft, users, as_user):
    first = services.table(draft, users["delegate-ru"], kind=Amendment.ALTERNATIVE, provision_id=OP27,
                           text="Alternative one.")
    second = services.table(draft, users["delegate-in"], kind=Amendment.DELETE, provision_id=OP27)
    chair = as_user("chair")
    response = chair.post(reverse("negotiation:options", args=[draft.pk, OP27]),
                          {"amendments": f"{second.number}, {first.number}", "version": 1})
    assert response.status_code == 302
    shown = chair.get(compilation_url(draft))
    assert [text(o) for o in page(shown).cssselect(f"section#{OP27} .option")] == ["Option 1:", "Option 2:"]
    assert [a.get("data-number") for a in page(shown).cssselect(f"section#{OP27} article")] == ["2", "1"]
    response = chair.post(reverse("negotiation:options", args=[draft.pk, OP27]), {"amendments": "2, x", "version": 2})
    assert response.status_code == 400 and errors(response) == [
        "Amendments, option 1 first: Give amendment numbers, such as 3, 7."]


def test_the_dashboard_counts_statuses_and_names_the_delegations_involved(draft, users, as_user):
    amendment = services.table(draft, users["delegate-ru"], kind=Amendment.REPLACE, provision_id=OP27,
                               old_text=OLD_WORDS, text=NEW_WORDS)
    services.back(amendment, users["delegate-cn"], Backing.SUPPORT)
    services.set_status(draft, "para_1", users["chair"], status=ProvisionStatus.AGREED, version=1)
    shown = as_user("observer-tm").get(reverse("negotiation:dashboard", args=[draft.pk]))
    assert shown.status_code == 200
    counts = {li.get("data-status"): text(li.cssselect(".count")[0])
              for li in page(shown).cssselect("#provision-counts li")}
    assert counts[ProvisionStatus.AGREED] == "1"
    (row,) = page(shown).cssselect(f'tr[data-provision="{OP27}"]')
    assert text(row.cssselect("td")[-1]) == "China, Russia"


def test_the_compilation_shows_each_user_their_own_csrf_token(draft, users, as_user, client):
    services.table(draft, users["delegate-ru"], kind=Amendment.DELETE, provision_id=OP27)
    tokens = set()
    for username in ("delegate-cn", "delegate-in"):
        client.logout()
        response = as_user(username).get(compilation_url(draft))
        token = page(response).cssselect("#amendment-1 input[name=csrfmiddlewaretoken]")[0].get("value")
        assert "__accord" not in token
        tokens.add(token)
    assert len(tokens) == 2


def test_silence_procedure_on_the_web_observer_refused_member_breaks_then_a_second_one_passes(draft, as_user, users):
    officer = as_user("officer")
    deadline = timezone.localtime() + dt.timedelta(days=7)
    response = officer.post(reverse("negotiation:start_silence", args=[draft.pk]),
                            {"deadline": deadline.strftime("%Y-%m-%dT%H:%M:%S")})
    assert response.status_code == 302
    procedure = SilenceProcedure.objects.get()
    assert procedure.deadline == deadline.replace(microsecond=0)

    observer = as_user("observer-tm")
    shown = observer.get(reverse("negotiation:adoption", args=[draft.pk]))
    assert page(shown).cssselect("details.break-silence") == []
    response = observer.post(reverse("negotiation:break_silence", args=[draft.pk, procedure.pk]), {"reason": "no"})
    assert response.status_code == 403
    assert errors(response)[0].startswith("Turkmenistan is not a Member State on")
    assert procedure.outcome() == SilenceProcedure.RUNNING

    india = as_user("delegate-in")
    response = india.post(reverse("negotiation:break_silence", args=[draft.pk, procedure.pk]), {"reason": ""})
    assert response.status_code == 400 and errors(response) == ["Reason: This field is required."]
    response = india.post(reverse("negotiation:break_silence", args=[draft.pk, procedure.pk]),
                          {"reason": "OP27 needs more work"})
    assert response.status_code == 302
    shown = india.get(reverse("negotiation:adoption", args=[draft.pk]))
    (row,) = page(shown).cssselect(f"#procedure-{procedure.pk}")
    assert row.get("data-outcome") == SilenceProcedure.BROKEN and "India" in text(row)

    # A second procedure, started ten minutes ago, whose deadline passed five minutes ago unbroken: the text is
    # adopted, as read now, and locked.
    started = timezone.now() - dt.timedelta(minutes=10)
    second = consensus.start_silence(draft, users["officer"], deadline=started + dt.timedelta(minutes=5), now=started)
    shown = india.get(reverse("negotiation:adoption", args=[draft.pk]))
    assert text(page(shown).cssselect("#adoption-state")[0]).startswith("Adopted under the silence procedure")
    assert page(shown).cssselect(f"#procedure-{second.pk}")[0].get("data-outcome") == SilenceProcedure.ADOPTED
    assert page(shown).cssselect("details.break-silence, #start-silence") == []
    response = table_replacement(as_user("delegate-ru"), draft)
    assert response.status_code == 400 and errors(response) == [
        "MM/2021/DRAFT/3 has been adopted: it can no longer change"]


def test_adoption_at_a_meeting_locks_the_text_on_every_page(draft, as_user):
    officer = as_user("officer")
    response = officer.post(reverse("negotiation:record_adoption", args=[draft.pk]),
                            {"meeting": "Sixth CICA Ministerial Meeting", "date": timezone.localdate().isoformat()})
    assert response.status_code == 302
    shown = officer.get(reverse("negotiation:adoption", args=[draft.pk]))
    assert "Adopted by consensus at Sixth CICA Ministerial Meeting" in text(page(shown).cssselect("#adoption-state")[0])
    assert page(shown).cssselect("#start-silence, #record-adoption") == []
    delegate = as_user("delegate-ru")
    shown = delegate.get(compilation_url(draft))
    assert "has been adopted" in text(page(shown).cssselect("#closed")[0])
    assert page(shown).cssselect("#table-amendment") == []
    response = table_replacement(delegate, draft)
    assert response.status_code == 400 and errors(response) == ["MM/2021/DRAFT/3 has been adopted: it can no longer change"]
    assert not Amendment.objects.exists() and AuditEntry.objects.filter(action=AuditEntry.ADOPTED).count() == 1


def test_pages_of_a_revision_the_user_may_not_read_do_not_exist(users, as_user):
    (version,) = import_file(RESOLUTION.read_bytes(), RESOLUTION.name, users["officer"], distribution=Document.MEMBERS)
    members_only = version.revision
    observer = as_user("observer-tm")
    for name in ("compilation", "dashboard", "adoption"):
        assert observer.get(reverse(f"negotiation:{name}", args=[members_only.pk])).status_code == 404
