"""The pages under every role: who sees what, the reading room's alignment, downloads, and what does not exist for
whom (404) or is not theirs to do (403)."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from accord.documents.forms import LanguagesForm
from accord.documents.models import LanguageVersion
from accord.documents.services import import_file
from web_pages import RESOLUTION, ROLES, html, text


def urls(revision):
    return [
        reverse("documents:list"),
        reverse("documents:document", args=[revision.document_id]),
        reverse("documents:reading_room", args=[revision.pk]),
        reverse("documents:download", args=[revision.pk, "en", "html"]),
        reverse("registry:states"),
        reverse("documents:upload"),
    ]


def test_anonymous_users_are_sent_to_log_in_from_every_page(client, draft):
    for url in urls(draft):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('login')}?next={url}"
    assert client.get(reverse("login")).status_code == 200


def test_an_htmx_request_without_a_session_has_the_browser_load_the_login_page(client, draft):
    url = reverse("documents:reading_room", args=[draft.pk])
    response = client.get(url, {"lang": "ru"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and response.content == b""
    assert response["HX-Redirect"] == f"{reverse('login')}?next={url}%3Flang%3Dru"


@pytest.mark.parametrize("username", ROLES)
def test_every_role_sees_the_seed_in_the_list_and_its_pages(signed_in, username, draft, note):
    client = signed_in(username)
    page = html(client.get(reverse("documents:list")))
    assert {row.get("data-symbol") for row in page.xpath("//table[@id='documents']/tbody/tr")} == {
        "MM/2021/DRAFT/3", "17-1/542"
    }
    for url in urls(draft)[:5]:
        assert client.get(url).status_code == 200, url


def test_the_header_names_the_forum_the_user_and_the_role(signed_in, draft):
    header = text(html(signed_in("delegate-ru").get(reverse("documents:list"))).xpath("//header")[0])
    assert "Conference on Interaction and Confidence Building Measures in Asia" in header
    assert "Delegate Russia" in header and "Delegate, Russia" in header


def test_a_members_only_document_does_not_exist_for_an_observer(signed_in, members_only):
    observer = signed_in("observer-tm")
    listed = html(observer.get(reverse("documents:list"))).xpath("//table[@id='documents']/tbody/tr/@data-symbol")
    assert "A/RES/76/1" not in listed
    for url in urls(members_only)[1:4]:
        assert observer.get(url).status_code == 404, url
    for username in ("delegate-ru", "chair", "translator", "officer"):
        client = signed_in(username)
        assert "A/RES/76/1" in html(client.get(reverse("documents:list"))).xpath("//tr/@data-symbol"), username
        assert client.get(urls(members_only)[2]).status_code == 200, username


def test_what_does_not_exist_is_404(signed_in, draft):
    client = signed_in("officer")
    for url in ("/documents/999999/", "/revisions/999999/", f"/revisions/{draft.pk}/kk.pdf",
                f"/revisions/{draft.pk}/en.exe"):
        assert client.get(url).status_code == 404, url


@pytest.mark.parametrize("username", ["chair", "delegate-ru", "observer-tm", "translator"])
def test_only_the_secretariat_may_upload(signed_in, username):
    client = signed_in(username)
    before = LanguageVersion.objects.count()
    assert client.get(reverse("documents:upload")).status_code == 403
    with open(__file__, "rb") as upload:
        assert client.post(reverse("documents:upload"), {"file": upload, "distribution": "public"}).status_code == 403
    assert LanguageVersion.objects.count() == before
    assert "Upload" not in text(html(client.get(reverse("documents:list"))).xpath("//nav")[0])


def reading_rows(response):
    """``{row id: (label, {language: cell text or None for a missing cell})}`` in page order; the label without the
    row's concordance markers."""
    rows = {}
    for row in html(response).xpath("//table[@id='reading-table']/tbody/tr"):
        cells = {}
        for cell in row.xpath("td"):
            assert cell.get("lang"), "every cell says its language"
            cells[cell.get("lang")] = None if "missing" in (cell.get("class") or "") else text(cell)
        rows[row.get("id")] = (text(row.xpath("th/span[@class='provision']")[0]), cells)
    return rows


def test_the_reading_room_aligns_english_and_russian_provision_by_provision(signed_in, draft):
    response = signed_in("delegate-ru").get(reverse("documents:reading_room", args=[draft.pk]))
    rows = reading_rows(response)
    label, cells = rows["para_27"]
    assert label == "OP27" and list(cells) == ["en", "ru"]
    assert "ratify the Statute of the Secretariat" in cells["en"]
    assert "ратифицировать Соглашение о Секретариате" in cells["ru"]
    labels = [label for label, _ in rows.values() if label]
    # In reading order: the eleven recitals, then each section heading followed by its paragraphs.
    assert labels[:11] == [f"PP{n}" for n in range(1, 12)]
    body = labels[11:]
    assert [label for label in body if not label.startswith("OP")] == ["I", "II", "III", "IV", "V"]
    assert [label for label in body if label.startswith("OP")] == [f"OP{n}" for n in range(1, 30)]
    assert body.index("II") == body.index("OP3") + 1
    assert all(cells["en"] and cells["ru"] for label, cells in rows.values() if label.startswith(("PP", "OP")))
    assert rows["recs_1__rec_1"][1]["en"].startswith("Having met in Nur-Sultan")
    assert html(response).xpath("//tr[@id='recs_1__rec_1']/td[@lang='en']/em/text()") == ["Having met"]


def test_a_provision_missing_in_one_language_is_an_empty_marked_cell(signed_in, draft):
    rows = reading_rows(signed_in("delegate-ru").get(reverse("documents:reading_room", args=[draft.pk])))
    # The Russian draft carries a header the English one does not.
    assert rows["header_2"][1] == {"en": None, "ru": "Проект для рассмотрения СРГ и КСДЛ"}


def test_the_reader_chooses_one_two_or_three_languages(signed_in, draft, note):
    client = signed_in("translator")
    url = reverse("documents:reading_room", args=[note.pk])
    assert list(reading_rows(client.get(url))["note_para_1"][1]) == ["en", "kk", "ru"]  # by default, up to three
    response = client.get(url, {"lang": ["ru", "kk"]})
    assert list(reading_rows(response)["note_para_1"][1]) == ["kk", "ru"]
    checked = html(response).xpath("//form[@class='language-choice']//input[@checked]/@value")
    assert checked == ["kk", "ru"]
    only_russian = client.get(reverse("documents:reading_room", args=[draft.pk]), {"lang": "ru"})
    assert list(reading_rows(only_russian)["para_27"][1]) == ["ru"]


def test_more_than_three_languages_side_by_side_are_refused():
    form = LanguagesForm(["en", "ru", "kk", "zh"], QueryDict("lang=en&lang=ru&lang=kk&lang=zh"))
    assert not form.is_valid() and form.errors["lang"] == ["Choose at most 3 languages."]


def test_a_language_the_revision_lacks_is_said_and_the_default_shown(signed_in, draft):
    response = signed_in("officer").get(reverse("documents:reading_room", args=[draft.pk]), {"lang": "kk"})
    assert "This revision has no version in kk." in text(html(response).xpath("//ul[@class='errorlist']")[0])
    assert list(reading_rows(response)["para_27"][1]) == ["en", "ru"]


def test_a_note_verbale_is_aligned_paragraph_by_paragraph(signed_in, note):
    rows = reading_rows(signed_in("delegate-kz").get(reverse("documents:reading_room", args=[note.pk])))
    assert [(key, rows[key][0]) for key in rows if key.startswith("note_para_")] == [
        ("note_para_1", "¶1"), ("note_para_2", "¶2"), ("note_para_3", "¶3")]
    first = rows["note_para_1"][1]
    assert "presents its compliments" in first["en"] and "свидетельствует свое уважение" in first["ru"]
    assert "зор ілтипатын білдіре отырып" in first["kk"]
    assert rows["number"][1] == {"en": "№ 17-1/542", "kk": "№ 17-1/542", "ru": "№ 17-1/542"}


def test_htmx_gets_the_reading_area_alone_and_the_page_works_without_it(signed_in, draft):
    client = signed_in("delegate-ru")
    url = reverse("documents:reading_room", args=[draft.pk])
    swapped = client.get(url, {"lang": "ru"}, headers={"HX-Request": "true"})
    body = swapped.content.decode()
    assert "<html" not in body and body.lstrip().startswith('<div id="reading-area">')
    assert 'id="language-next"' in body and 'hx-swap-oob="true"' in body and "lang=ru" in body
    assert "HX-Request" in swapped["Vary"]
    restored = client.get(url, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in restored.content.decode()
    form = html(client.get(url)).xpath("//form[@class='language-choice']")[0]
    assert form.get("method") == "get" and form.get("action") == url  # a plain form without JavaScript


def test_the_reading_room_is_kept_apart_for_each_interface_language(signed_in, draft):
    client = signed_in("delegate-ru")
    url = reverse("documents:reading_room", args=[draft.pk])

    def headings():
        return [text(th) for th in html(client.get(url)).xpath("//table[@id='reading-table']/thead//th")]

    assert headings() == ["Provision", "English", "Russian"]
    client.cookies["django_language"] = "ru"
    assert headings() == ["Положение", "Английский", "Русский"]
    client.cookies["django_language"] = "en"
    assert headings() == ["Provision", "English", "Russian"]


def test_a_version_not_yet_issued_is_shown_as_it_is_now(signed_in, users):
    (version,) = import_file(RESOLUTION.read_bytes(), RESOLUTION.name, users["officer"], issue=False)
    client = signed_in("officer")
    url = reverse("documents:reading_room", args=[version.revision_id])
    assert "to invite the Conference" in reading_rows(client.get(url))["para_1"][1]["en"]
    version.content["sections"][0]["paragraphs"][0]["text"] = "Decides otherwise."
    version.save()
    assert reading_rows(client.get(url))["para_1"][1]["en"] == "1. Decides otherwise."


@pytest.mark.parametrize("fmt, content_type, magic", [
    ("akn", "application/akn+xml", b"<?xml"),
    ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK"),
    ("html", "text/html; charset=utf-8", b"<!DOCTYPE html>"),
    ("pdf", "application/pdf", b"%PDF"),
])
def test_each_language_version_downloads_in_four_formats(signed_in, draft, fmt, content_type, magic):
    client = signed_in("observer-tm")
    links = html(client.get(reverse("documents:reading_room", args=[draft.pk]))).xpath("//a[@download]/@href")
    url = reverse("documents:download", args=[draft.pk, "ru", fmt])
    assert url in links
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="MM-2021-DRAFT-3.ru.{fmt.replace("akn", "xml")}"'
    assert response.content.startswith(magic)


def test_the_document_page_lists_revisions_with_their_versions(signed_in, draft):
    page = html(signed_in("chair").get(reverse("documents:document", args=[draft.document_id])))
    (row,) = page.xpath("//table[contains(@class, 'revisions')]/tbody/tr")
    assert row.get("data-symbol") == "MM/2021/DRAFT/3"
    assert row.xpath(".//a/@href")[0] == reverse("documents:reading_room", args=[draft.pk])
    assert len(row.xpath(".//a[@download]")) == 8  # two languages, four formats


def test_the_registry_lists_states_by_status_with_the_chairmanship(signed_in, demo):
    page = html(signed_in("observer-tm").get(reverse("registry:states")))
    assert "Azerbaijan" in text(page.xpath("//*[@id='chairmanship']")[0])
    members = page.xpath("//table[@id='states-member']/tbody/tr/@data-code")
    observers = page.xpath("//table[@id='states-observer']/tbody/tr/@data-code")
    assert len(members) == 28 and "KW" in members and "TM" in observers and "TM" not in members


def test_the_registry_shows_the_forum_on_any_day_and_its_history(signed_in, demo):
    client = signed_in("delegate-in")
    page = html(client.get(reverse("registry:states"), {"on": "2021-08-26"}))
    assert "Kazakhstan" in text(page.xpath("//*[@id='chairmanship']")[0])
    members = page.xpath("//table[@id='states-member']/tbody/tr/@data-code")
    assert len(members) == 27 and "KW" not in members

    accession = page.xpath("//table[@id='accessions']/tbody/tr[@data-code='KW']")[0]
    assert text(accession).startswith("13 October 2022 Kuwait Member State")
    assert accession.xpath(".//a/@href") == ["?on=2022-10-13"]
    terms = page.xpath("//table[@id='chairmanships']/tbody/tr/@data-code")
    assert terms == ["AZ", "KZ"]

    refused = client.get(reverse("registry:states"), {"on": "yesterday"})
    assert refused.status_code == 400
    assert text(html(refused).xpath("//*[@role='alert']")[0]) == "On: Enter a valid date."
