"""The concordance report of a revision: the seed's real findings and not its equivalences, each linked to its row side
by side and back, in the interface language; accepting a finding as is, by revisers only, with a reason, attributed;
the check run once per state of the texts."""

import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from accord.documents import concordance, wording
from accord.documents.alignment import align as align_rows
from accord.documents.models import AcceptedFinding, LanguageVersion
from accord.documents.services import import_file
from accord.text.concordance import MESSAGES as CORE_MESSAGES
from accord.text.concordance import Finding, Side
from accord.text.concordance.checks.punctuation import _KIND_NAMES as PROVISION_KINDS
from accord.text.languages import all_languages, get_language
from web_pages import html, text

# A UN resolution in English and Russian whose versions agree.
FIXTURE = Path(__file__).resolve().parents[1] / "text" / "fixtures" / "concordance" / "resolution_en_ru.md"


def report_url(revision, pair=None):
    url = reverse("documents:concordance", args=[revision.pk])
    return f"{url}?pair={pair}" if pair else url


def open_findings(page):
    """``[(group anchor, code)]`` of the open findings, in page order."""
    return [(group.get("id").removeprefix("at-"), article.get("data-code"))
            for group in page.xpath("//section[@id='open-findings']/section[@class='provision']")
            for article in group.xpath("article")]


def counts(page):
    return {item.get("data-severity"): int(text(item.xpath(".//*[@class='count']")[0]))
            for item in page.xpath("//ul[@id='counts']/li")}


def finding(page, provision, code):
    (article,) = page.xpath(f"//section[@id='at-{provision}']/article[@data-code='{code}']")
    return article


def accept(client, revision, fingerprint, reason, pair="en:ru"):
    return client.post(reverse("documents:accept_finding", args=[revision.pk]),
                       {"pair": pair, "fingerprint": fingerprint, "reason": reason})


def test_the_report_shows_the_seeds_real_differences_and_not_its_equivalences(signed_in, draft):
    page = html(signed_in("delegate-ru").get(report_url(draft)))
    assert page.xpath("//select[@name='pair']/option[@selected]/@value") == ["en:ru"]  # master against the other
    # The Russian header lines, the Russian full stops closing PP6 and PP7, the Statute of the Secretariat rendered as
    # an agreement in OP27 — and nothing else: the 30th anniversary, the dates, "Sixth" / "шестой" all agree.
    assert open_findings(page) == [
        ("header_1", "one_version.only"), ("header_2", "one_version.only"),
        ("recs_1__rec_6", "punctuation.convention"), ("recs_1__rec_7", "punctuation.convention"),
        ("para_27", "terminology.missing"),
    ]
    assert counts(page) == {"error": 0, "warning": 3, "info": 2}

    pp6 = finding(page, "recs_1__rec_6", "punctuation.convention")
    assert text(pp6.xpath(".//p[@class='message']")[0]) == (
        "PP6 ends with full stop in the RU version, where preambular paragraphs end with comma or semicolon")
    (russian,) = pp6.xpath(".//dd[@lang='ru']")
    assert text(russian).endswith("во всеобщий мир и безопасность.")
    assert russian.xpath("mark/mark[@class='letter']/text()") == ["."]  # the end mark itself pointed out

    op27 = finding(page, "para_27", "terminology.missing")
    assert op27.xpath(".//dd[@lang='en']/mark/text()") == ["Statute of the Secretariat"]
    assert "“Устав Секретариата”" in text(op27.xpath(".//p[@class='message']")[0])
    side_by_side = page.xpath("//section[@id='at-para_27']/h4/a/@href")
    assert side_by_side == [f"{reverse('documents:reading_room', args=[draft.pk])}?lang=en&lang=ru#para_27"]

    header = finding(page, "header_2", "one_version.only")
    assert text(header.xpath(".//dt")[0]) == "Russian · Header line 2"
    assert not header.xpath(".//dd[@lang='en']")  # the English version has nothing there


def test_the_notes_symbol_typed_with_cyrillic_letters_is_an_error_with_the_letters_pointed_out(signed_in, note):
    page = html(signed_in("delegate-kz").get(report_url(note, "en:ru")))
    symbol = finding(page, "note_para_1", "symbols.lookalike")
    assert "severity-error" in symbol.get("class")
    assert symbol.xpath(".//dd[@lang='ru']/mark/mark[@class='letter']/text()") == ["ММ"]
    assert symbol.xpath(".//dd[@lang='en']/mark/text()") == ["MM/2021/DRAFT/3"]
    assert counts(page)["error"] == 1
    # A note offers every pair of its three versions, the master language's first.
    assert page.xpath("//select[@name='pair']/option/@value") == ["en:kk", "en:ru", "kk:ru"]


def test_the_reading_room_marks_each_row_with_its_open_findings_and_links_to_the_report(signed_in, draft):
    page = html(signed_in("delegate-ru").get(reverse("documents:reading_room", args=[draft.pk])))
    (marker,) = page.xpath("//tr[@id='recs_1__rec_6']/th/a[contains(@class, 'findings')]")
    assert marker.get("href") == f"{report_url(draft, 'en:ru')}#at-recs_1__rec_6"
    assert text(marker) == "1" and "severity-warning" in marker.get("class")
    assert page.xpath("//tr[@id='para_27']/th/a[contains(@class, 'findings')]")
    assert not page.xpath("//tr[@id='para_1']/th/a")
    assert page.xpath("//a[@id='concordance-link']/@href") == [report_url(draft)]


def test_a_translator_accepts_a_finding_with_a_reason_and_it_is_listed_as_accepted(signed_in, draft, users):
    client = signed_in("translator")
    page = html(client.get(report_url(draft)))
    fingerprint = finding(page, "recs_1__rec_6", "punctuation.convention").get("data-fingerprint")

    response = accept(client, draft, fingerprint, "Russian drafting practice: the recital is a sentence of its own.")

    assert response.status_code == 302 and response["Location"] == report_url(draft, "en:ru")
    page = html(client.get(response["Location"]))
    assert ("recs_1__rec_6", "punctuation.convention") not in open_findings(page)
    assert counts(page) == {"error": 0, "warning": 2, "info": 2}
    (accepted,) = page.xpath("//details[@id='accepted']/article")
    assert accepted.get("data-fingerprint") == fingerprint
    assert "1 finding accepted as is" in text(page.xpath("//details[@id='accepted']/summary")[0])
    assert "Accepted as is by Translator Russian and Kazakh" in text(accepted)
    assert text(accepted.xpath(".//q[@class='reason']")[0]) == (
        "Russian drafting practice: the recital is a sentence of its own.")
    stored = AcceptedFinding.objects.get()
    assert (stored.revision, stored.source_language, stored.target_language, stored.fingerprint, stored.code,
            stored.provision, stored.label, stored.accepted_by) == (
        draft, "en", "ru", fingerprint, "punctuation.convention", "recs_1__rec_6", "PP6", users["translator"])
    # Not reported again, in the report or side by side, for anyone; the Russian PP7 still is.
    reading_room = html(signed_in("delegate-ru").get(reverse("documents:reading_room", args=[draft.pk])))
    assert not reading_room.xpath("//tr[@id='recs_1__rec_6']/th/a")
    assert reading_room.xpath("//tr[@id='recs_1__rec_7']/th/a")


def test_a_changed_text_is_reported_again(signed_in, users):
    (english, russian) = import_file(FIXTURE.read_bytes(), FIXTURE.name, users["officer"], issue=False)
    revision = english.revision
    client = signed_in("officer")

    def set_russian_op4(words):
        version = LanguageVersion.objects.get(pk=russian.pk)
        paragraph = version.content["sections"][0]["paragraphs"][3]
        paragraph["text"] = paragraph["text"].replace("46", words).replace("47", words).replace("48", words)
        version.save()

    assert open_findings(html(client.get(report_url(revision)))) == []  # a clean pair
    set_russian_op4("47")
    page = html(client.get(report_url(revision)))
    assert open_findings(page) == [("para_4", "numbers.differ")]
    assert accept(client, revision, finding(page, "para_4", "numbers.differ").get("data-fingerprint"),
                  "Checked with the Secretariat.").status_code == 302
    assert open_findings(html(client.get(report_url(revision)))) == []

    set_russian_op4("48")  # other words: another finding, and the acceptance no longer applies
    page = html(client.get(report_url(revision)))
    assert open_findings(page) == [("para_4", "numbers.differ")]
    (withdrawn,) = page.xpath("//details[@id='accepted']/article[contains(@class, 'withdrawn')]")
    assert "No longer found" in text(withdrawn) and "Checked with the Secretariat." in text(withdrawn)


@pytest.mark.parametrize("username", ["delegate-ru", "chair", "observer-tm"])
def test_other_roles_read_the_report_but_cannot_accept(signed_in, draft, username):
    client = signed_in(username)
    page = html(client.get(report_url(draft)))
    assert open_findings(page) and not page.xpath("//form[@method='post']//textarea[@name='reason']")
    fingerprint = finding(page, "recs_1__rec_6", "punctuation.convention").get("data-fingerprint")
    assert accept(client, draft, fingerprint, "We agree.").status_code == 403
    assert not AcceptedFinding.objects.exists()


def test_the_secretariat_accepts_too(signed_in, draft):
    client = signed_in("officer")
    fingerprint = finding(html(client.get(report_url(draft))), "header_1", "one_version.only").get("data-fingerprint")
    response = accept(client, draft, fingerprint, "The Russian version carries the Chairmanship's header.")
    assert response.status_code == 302
    assert AcceptedFinding.objects.get().accepted_by.username == "officer"


def test_requests_that_cannot_be_met_say_why(signed_in, draft):
    client = signed_in("translator")
    fingerprint = finding(html(client.get(report_url(draft))), "para_27", "terminology.missing").get("data-fingerprint")

    def error(response):
        return text(html(response).xpath("//ul[@id='errors']")[0])

    blank = accept(client, draft, fingerprint, "   ")
    assert blank.status_code == 400 and "Say why the finding is accepted as is." in error(blank)
    unknown = accept(client, draft, "0123456789abcdef0123", "Because.")
    assert unknown.status_code == 404 and "The en:ru report has no finding 0123456789abcdef0123." in error(unknown)
    assert accept(client, draft, fingerprint, "A treaty title.").status_code == 302
    again = accept(client, draft, fingerprint, "A treaty title, again.")
    assert again.status_code == 400 and "already accepted" in error(again)
    wrong_pair = accept(client, draft, fingerprint, "Because.", pair="ru:en")
    assert wrong_pair.status_code == 400 and "does not offer the pair ru:en" in error(wrong_pair)
    assert client.get(reverse("documents:accept_finding", args=[draft.pk])).status_code == 405
    assert AcceptedFinding.objects.count() == 1
    # A pair the revision does not offer is said, and the default shown.
    page = client.get(report_url(draft, "en:kk"))
    assert page.status_code == 200 and "does not offer the pair en:kk; it offers en:ru." in error(page)
    assert html(page).xpath("//select[@name='pair']/option[@selected]/@value") == ["en:ru"]


def test_what_a_user_may_not_read_has_no_report(signed_in, members_only):
    client = signed_in("observer-tm")
    assert client.get(report_url(members_only)).status_code == 404
    assert accept(client, members_only, "x", "y").status_code == 404


def test_a_revision_in_one_language_has_nothing_to_compare(signed_in, members_only):
    page = html(signed_in("officer").get(report_url(members_only)))
    assert "single language version" in text(page.xpath("//ul[@id='errors']")[0])
    assert not page.xpath("//ul[@id='counts']")


def test_the_report_in_russian_speaks_russian(signed_in, draft):
    client = signed_in("delegate-ru")
    client.cookies["django_language"] = "ru"
    page = html(client.get(report_url(draft)))
    pp6 = finding(page, "recs_1__rec_6", "punctuation.convention")
    assert text(pp6.xpath(".//p[@class='message']")[0]) == (
        "PP6: в версии RU в конце — точка, тогда как в конце преамбулярных пунктов ставится запятая или точка с "
        "запятой")
    assert text(pp6.xpath(".//span[@class='check']")[0]) == "Пунктуация"
    header = finding(page, "header_1", "one_version.only")
    assert text(header.xpath(".//p[@class='message']")[0]) == (
        "Строка шапки только в версии RU: «Председательство Казахстана»")
    assert [text(item) for item in page.xpath("//ul[@id='counts']/li")] == [
        "Ошибки: 0", "Предупреждения: 3", "Для сведения: 2"]
    op27 = finding(page, "para_27", "terminology.missing")
    assert text(op27.xpath(".//p[@class='message']")[0]) == (
        "OP27: «Statute of the Secretariat» (EN) в версии RU должно передаваться как «Устав Секретариата» "
        "(терминологическая база), но такого перевода нет")


def test_the_check_and_the_alignment_run_once_per_state_of_the_texts(signed_in, draft, monkeypatch):
    cache.clear()
    calls = {"check": 0, "align": 0}

    def counted(name, function):
        def wrapper(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return wrapper

    monkeypatch.setattr(concordance, "check", counted("check", concordance.check))
    monkeypatch.setattr("accord.documents.side_by_side.align", counted("align", align_rows))
    client = signed_in("translator")
    reading_room = reverse("documents:reading_room", args=[draft.pk])
    page = html(client.get(report_url(draft)))
    client.get(reading_room)
    assert calls == {"check": 1, "align": 1}
    client.get(report_url(draft))
    client.get(reading_room)
    client.cookies["django_language"] = "kk"
    client.get(report_url(draft))
    client.get(reading_room)
    fingerprint = finding(page, "recs_1__rec_7", "punctuation.convention").get("data-fingerprint")
    accept(client, draft, fingerprint, "Russian drafting practice.")
    client.get(report_url(draft))
    assert not html(client.get(reading_room)).xpath("//tr[@id='recs_1__rec_7']/th/a")
    assert calls == {"check": 1, "align": 1}  # accepting a finding changes nothing the check reads


def test_every_message_of_the_checker_has_a_translatable_template_with_the_same_placeholders():
    assert set(wording.MESSAGES) == set(CORE_MESSAGES)
    for code, template in CORE_MESSAGES.items():
        assert set(re.findall(r"%\((\w+)\)s", str(wording.MESSAGES[code]))) == set(re.findall(r"\{(\w+)\}", template))


@pytest.mark.parametrize("language", ["ru", "kk"])
def test_the_words_the_checker_puts_in_its_messages_are_translated(language):
    roles = {role for code in all_languages() for role in get_language(code).end_marks.values()} | {"no punctuation"}
    side = Side("en", "PP1", "")
    with translation.override(language):
        for role in roles:
            finding = Finding("punctuation", "punctuation.differ", "warning", "recs_1__rec_1", side, side, {
                "label": "PP1", "source_lang": "en", "target_lang": "ru", "source_mark": role, "target_mark": role})
            assert role not in wording.message(finding), role
        for kind in PROVISION_KINDS.values():
            finding = Finding("punctuation", "punctuation.convention", "warning", "recs_1__rec_1", side, side, {
                "label": "PP1", "lang": "ru", "mark": "full stop", "kind": kind, "allowed": "comma or semicolon"})
            assert kind not in wording.message(finding) and "comma" not in wording.message(finding), kind
        for label in ("Title", "Header line 2", "Letterhead line 1", "Closing line 3", "Section II heading",
                      "Art. 3 heading", "OP5 (end)", "Enclosure", "Place and date", "Addressee", "Note number"):
            assert wording.label(label) != label
        assert wording.label("PP4 + PP5") == "PP4 + PP5"
