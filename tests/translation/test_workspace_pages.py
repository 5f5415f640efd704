"""The translation pages as translators, revisers and the secretariat use them: the list of versions to translate,
the workspace of DRAFT/4's Russian version with OP27 changed, saving a provision (and the conflict when someone saved
it meanwhile), the downloads, a language added to a revision."""

import pytest
from django.urls import reverse

from accord.documents.models import LanguageVersion
from accord.negotiation import revisions
from accord.negotiation.models import AuditEntry
from translation_helpers import (
    NEW_WORDS,
    OLD_WORDS,
    OP27,
    RU_NEW,
    errors,
    html,
    messages_shown,
    provision,
    text,
    upload,
)


def workspace(client, version, **query):
    response = client.get(reverse("translation:workspace", args=[version.pk]), query)
    assert response.status_code == 200
    return html(response)


def test_the_translation_list_shows_each_role_its_drafts_and_refuses_the_others(russian, sign_in):
    for username in ("translator", "reviser", "officer"):
        page = html(sign_in(username).get(reverse("translation:home")))
        (row,) = page.cssselect('#drafts tr[data-symbol="MM/2021/DRAFT/4"]')
        assert row.get("data-language") == "ru"
        assert text(row.cssselect("td.pending")[0]) == "1"
        assert row.cssselect("a")[0].get("href") == reverse("translation:workspace", args=[russian.pk])
        assert bool(page.cssselect("#add-language")) == (username == "officer")
    for username in ("chair", "delegate-ru", "observer-tm"):
        assert sign_in(username).get(reverse("translation:home")).status_code == 403


def test_a_translator_of_other_languages_sees_no_russian_draft(russian, sign_in, users):
    users["translator"].languages = ["kk"]
    users["translator"].save()
    client = sign_in("translator")

    assert not html(client.get(reverse("translation:home"))).cssselect("#drafts tr[data-symbol]")
    assert client.get(reverse("translation:workspace", args=[russian.pk])).status_code == 403


def test_the_workspace_shows_the_changed_provision_with_its_redline_terms_and_findings(russian, sign_in):
    page = workspace(sign_in("translator"), russian)

    (row,) = page.cssselect("#rows tbody tr")  # OP27 alone: the other provisions are current
    assert (row.get("id"), row.get("data-state")) == (OP27, "changed")
    assert text(row.cssselect("th .state")[0]) == "changed"
    assert [text(ins) for ins in row.cssselect("td.source ins")] == [NEW_WORDS]
    assert [text(deleted) for deleted in row.cssselect("td.source del")] == [OLD_WORDS]
    assert row.cssselect("textarea")[0].text == provision(russian)
    assert row.cssselect("input[name=expected]")[0].get("value") == provision(russian)
    terms = [text(item) for item in row.cssselect("ul.terms li")]
    assert "Statute of the Secretariat → Устав Секретариата" in terms
    assert "Member States → государство-член; страна-член" in terms
    assert len(terms) == len(set(terms))
    (finding,) = row.cssselect("article.finding")
    assert finding.get("data-code") == "terminology.missing" and "Устав Секретариата" in text(finding)


def test_every_provision_with_all(russian, sign_in):
    page = workspace(sign_in("translator"), russian, all=1)

    rows = page.cssselect("#rows tbody tr")
    assert len(rows) == len(list(russian.text().provisions())) == 40
    assert {row.get("data-state") for row in rows} == {"changed", "current"}
    assert page.cssselect('a[href$="/xliff/xliff2/?all=1"]')


def test_a_saved_provision_is_current_attributed_and_audited(russian, sign_in, users):
    client = sign_in("translator")
    old = provision(russian)

    response = client.post(reverse("translation:save", args=[russian.pk]),
                           {"provision": OP27, "expected": old, "text": RU_NEW})

    assert response.status_code == 302 and response.url.endswith(f"#{OP27}")
    assert messages_shown(client.get(response.url)) == ["OP27 saved."]
    assert provision(russian) == RU_NEW and russian.stale_provisions == []
    entry = AuditEntry.objects.filter(action=AuditEntry.TRANSLATION_UPDATED).latest("sequence")
    assert (entry.actor, entry.after["provision"]) == (users["translator"], OP27)
    page = workspace(client, russian)
    assert not page.cssselect("#rows tbody tr[data-provision]")
    assert text(page.cssselect("#rows tbody td.empty")[0]) == "No provision is left to translate."


def test_a_save_from_a_stale_page_is_a_conflict_and_keeps_what_was_typed(russian, sign_in, users):
    old = provision(russian)
    page = workspace(sign_in("translator"), russian)
    expected = page.cssselect(f"#{OP27} input[name=expected]")[0].get("value")
    revisions.update_translation(russian, OP27, RU_NEW, users["translator"])  # a colleague, meanwhile
    mine = old.replace("как можно скорее", "незамедлительно")

    response = sign_in("translator").post(reverse("translation:save", args=[russian.pk]),
                                          {"provision": OP27, "expected": expected, "text": mine})

    assert response.status_code == 409
    assert errors(response) == ["OP27 of MM/2021/DRAFT/4 [ru] has changed since you read it: reload it"]
    assert provision(russian) == RU_NEW
    (row,) = html(response).cssselect(f"#{OP27}")  # shown although no longer pending
    assert row.cssselect("textarea")[0].text == mine
    assert row.cssselect("input[name=expected]")[0].get("value") == RU_NEW
    assert RU_NEW in text(row.cssselect(".saved-meanwhile")[0])


def test_an_empty_translation_is_refused(russian, sign_in):
    response = sign_in("translator").post(reverse("translation:save", args=[russian.pk]),
                                          {"provision": OP27, "expected": provision(russian), "text": "  "})

    assert response.status_code == 400
    assert errors(response) == ["a provision's translation cannot be empty"]


def test_only_translators_get_the_forms_and_downloads_are_for_the_language_s_people(russian, sign_in):
    translator, reviser = workspace(sign_in("translator"), russian), workspace(sign_in("reviser"), russian)
    assert translator.cssselect("form.save") and translator.cssselect("#import")
    assert not reviser.cssselect("form.save") and not reviser.cssselect("#import")
    assert reviser.cssselect("#approve") and not translator.cssselect("#approve")
    for username in ("chair", "delegate-ru"):
        client = sign_in(username)
        assert client.get(reverse("translation:workspace", args=[russian.pk])).status_code == 403
        assert client.get(reverse("translation:export", args=[russian.pk, "xliff2"])).status_code == 403
        assert client.get(reverse("translation:terms")).status_code == 403


def test_an_upload_refused_is_400_with_the_reason(russian, sign_in):
    client = sign_in("translator")

    response = client.post(reverse("translation:import", args=[russian.pk]),
                           {"file": upload("notes.xlf", b"just some text")})

    assert response.status_code == 400
    (message,) = errors(response)
    assert message.startswith("notes.xlf: ")
    assert LanguageVersion.objects.get(pk=russian.pk).stale_provisions == [OP27]
    missing = client.post(reverse("translation:import", args=[russian.pk]), {})
    assert missing.status_code == 400 and errors(missing) == ["Translated XLIFF file: Choose a file."]


def test_nothing_pending_downloads_every_provision(russian, sign_in, users):
    revisions.update_translation(russian, OP27, RU_NEW, users["translator"])
    client = sign_in("translator")

    refused = client.get(reverse("translation:export", args=[russian.pk, "xliff2"]))
    assert refused.status_code == 400
    assert errors(refused) == ["MM/2021/DRAFT/4 [ru] has no provision to translate; export all provisions instead"]
    page = workspace(client, russian)
    assert page.cssselect('a[href$="/xliff/xliff2/?all=1"]') and page.cssselect('a[href$="/xliff/xliff12/?all=1"]')
    everything = client.get(reverse("translation:export", args=[russian.pk, "xliff12"]), {"all": 1})
    assert everything.status_code == 200 and everything.content.count(b"<trans-unit ") == 40


def test_the_master_version_has_no_workspace(draft4, sign_in):
    english = draft4.versions.get(language="en")
    assert sign_in("officer").get(reverse("translation:workspace", args=[english.pk])).status_code == 404


def test_the_secretariat_adds_kazakh_to_draft_4(draft4, sign_in, users):
    officer = sign_in("officer")
    (row,) = html(officer.get(reverse("translation:home"))).cssselect('#add-language tr[data-symbol="MM/2021/DRAFT/4"]')
    assert [option.get("value") for option in row.cssselect("option")] == ["kk"]

    response = officer.post(reverse("translation:add_language"), {"revision": draft4.pk, "language": "kk"})

    kazakh = LanguageVersion.objects.get(revision=draft4, language="kk")
    assert response.status_code == 302 and response.url == reverse("translation:workspace", args=[kazakh.pk])
    assert messages_shown(officer.get(response.url)) == [
        "MM/2021/DRAFT/4 [kk] added: 40 provisions to translate into Kazakh."]
    assert not kazakh.is_issued and len(kazakh.stale_provisions) == 40
    states = {row.get("data-state") for row in workspace(officer, kazakh).cssselect("#rows tbody tr")}
    assert states == {"stale", "changed"}  # OP27 changed since DRAFT/3, the others untranslated
    again = officer.post(reverse("translation:add_language"), {"revision": draft4.pk, "language": "kk"})
    assert again.status_code == 400
    assert errors(again) == ["MM/2021/DRAFT/4 has a version in 'kk' already"]
    unknown = officer.post(reverse("translation:add_language"), {"revision": draft4.pk, "language": "xx"})
    assert unknown.status_code == 400 and errors(unknown) == ["no language table for 'xx'"]


@pytest.mark.parametrize("username", ["translator", "reviser"])
def test_only_the_secretariat_adds_a_language(draft4, sign_in, username):
    response = sign_in(username).post(reverse("translation:add_language"), {"revision": draft4.pk, "language": "kk"})

    assert response.status_code == 403
    assert errors(response) == ["only the secretariat adds a language to a revision"]
    assert not LanguageVersion.objects.filter(revision=draft4, language="kk").exists()
