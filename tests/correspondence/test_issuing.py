"""Issuing a note verbale on the demo: written in English, Russian and Kazakh from the seed's facts it says what the
seed's note 17-1/542 says, but for its number and the page count of its enclosure, which is counted on the PDF as
rendered; it is delivered to the Member States (and the Observers when chosen) and e-mailed, with the note and its
enclosures as DOCX, once the transaction has committed. The seed's note, checked against the data it was written
from, differs in one place: the Kazakh addressee block's slip "СЕНИМ".
"""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from accord.correspondence import services
from accord.correspondence.models import Delivery, NoteCounter, OutgoingNote
from accord.documents import rendering
from accord.documents.models import Document
from accord.documents.services import import_file
from accord.registry.models import Membership
from accord.text.note_writer import FORWARD, INVITATION, sentences
from correspondence_helpers import RESOLUTION

SEED_DATE = dt.date(2021, 8, 26)
LANGUAGES = ["en", "ru", "kk"]
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The seed's slip that the generator rightly does not repeat: (as typed, as it should read).
SEED_SLIPS = {"kk": [("СЕНИМ", "СЕНІМ")]}
# The demo's delegations with a delegate who has an e-mail address.
WITH_DELEGATES = {"CN", "IN", "KZ", "RU"}


@pytest.fixture
def issue(users, draft, swg_meeting):
    """``issue(**changes)``: the seed's facts — forwarding MM/2021/DRAFT/3 on behalf of the Chairmanship, on the
    draft agenda of the SWG meeting of 14 and 15 September 2021, Nur-Sultan, 26 August 2021 — issued by the officer
    in English, Russian and Kazakh, with ``changes``."""

    def issued(**changes) -> OutgoingNote:
        facts = {"purpose": FORWARD, "revisions": [draft], "meeting": swg_meeting, "date": SEED_DATE,
                 "languages": LANGUAGES, **changes}
        return services.issue_note(users["officer"], **facts)

    return issued


def texts(note: OutgoingNote) -> dict:
    return {version.language: version.text() for version in note.revision.versions.all()}


def states_on(day: dt.date, status: str) -> set[str]:
    """The codes of the States of ``status`` on ``day`` (the demo's memberships have no end before 2021)."""
    return set(Membership.objects.filter(status=status, start__lte=day).values_list("state__code", flat=True))


def draft_pages(draft) -> dict[str, int]:
    """The PDF pages of the draft declaration per language of the note: the Kazakh note counts the English master,
    the draft having no Kazakh version."""
    versions = {version.language: version for version in draft.versions.all()}
    return {language: rendering.pdf_pages(versions.get(language, versions["en"])) for language in LANGUAGES}


def test_the_seeds_facts_issued_again_say_what_the_seeds_note_says_but_for_number_and_pages(issue, seed_note,
                                                                                              draft):
    note = issue()
    assert note.number == "17-1/543" and note.date == SEED_DATE
    assert sorted(texts(note)) == sorted(LANGUAGES) and note.revision.document.master_language == "en"
    pages = draft_pages(draft)
    seed_texts = texts(seed_note)
    for language, text in texts(note).items():
        seed = seed_texts[language]
        letterhead = bool(seed.metadata.get("letterhead"))  # the seed's Kazakh copy was printed without one
        expected = sentences(seed, letterhead)
        for typed, right in SEED_SLIPS.get(language, []):
            expected = [(role, line.replace(typed, right)) for role, line in expected]
        issued = sentences(text, letterhead)
        differing = [(theirs, ours) for theirs, ours in zip(expected, issued, strict=True) if theirs != ours]
        assert [role for (role, _line), _ours in differing] == ["number", "enclosure"], language
        (_, number), (_, enclosure) = [ours for _theirs, ours in differing]
        assert number == "17-1/543"
        assert enclosure == {"en": f"Enclosure: as stated, on {pages['en']} p.",
                             "ru": f"Приложение: упомянутое, на {pages['ru']} л.",
                             "kk": f"Қосымша: аталған {pages['kk']} п."}[language]


def test_the_enclosure_line_counts_the_pages_of_the_pdf_as_rendered(issue, draft):
    note = issue()
    pages = draft_pages(draft)
    assert note.enclosure_pages == pages
    assert {language: text.enclosure.pages for language, text in texts(note).items()} == pages
    # Two documents: their pages add up.
    assert services.enclosure_pages([draft, draft], "ru") == 2 * pages["ru"]


def test_the_note_is_a_document_in_the_registry_with_its_facts(issue, users, draft, swg_meeting):
    note = issue()
    document = note.revision.document
    assert document.kind == services.NOTE_KIND and document.distribution == Document.MEMBERS
    assert note.revision.symbol == f"{note.number} (2021)" and note.revision.is_issued
    assert all(version.is_issued for version in note.revision.versions.all())
    assert list(note.enclosures.values_list("revision__symbol", "position")) == [("MM/2021/DRAFT/3", 1)]
    assert (note.purpose, note.meeting, note.observers, note.issued_by) == (FORWARD, swg_meeting, False,
                                                                            users["officer"])
    assert note.place == {"en": "Nur-Sultan", "ru": "Нур-Султан", "kk": "Нұр-Сұлтан"}
    assert note.letterhead == ["en", "ru"]
    assert services.differences_from_data(note) == {language: [] for language in LANGUAGES}


def test_it_is_delivered_to_the_member_states_only(issue):
    note = issue()
    delivered = set(note.deliveries.values_list("delegation__state__code", flat=True))
    assert len(delivered) == 27 and delivered == states_on(SEED_DATE, Membership.MEMBER)
    assert "TM" not in delivered
    assert not note.deliveries.filter(acknowledged_at__isnull=False).exists()


def test_with_the_observers_it_is_delivered_to_the_observers_turkmenistan_among_them(issue):
    note = issue(observers=True)
    delivered = set(note.deliveries.values_list("delegation__state__code", flat=True))
    observers = states_on(SEED_DATE, Membership.OBSERVER)
    assert "TM" in observers and delivered == states_on(SEED_DATE, Membership.MEMBER) | observers
    assert note.revision.document.distribution == Document.PARTICIPANTS  # the Observers read it
    assert "Observer" in texts(note)["en"].paragraphs[0]


def test_it_is_e_mailed_with_the_note_and_its_enclosures_as_docx_once_committed(issue,
                                                                                 django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        note = issue(observers=True)
    assert mail.outbox == [] and len(callbacks) == 1  # nothing goes out before the note is stored
    callbacks[0]()
    by_recipient = {tuple(message.to): message for message in mail.outbox}
    assert set(by_recipient) == {(f"delegate-{code.lower()}@example.org",) for code in WITH_DELEGATES} | {
        ("observer-tm@example.org",)}
    message = by_recipient[("delegate-kz@example.org",)]
    assert message.subject == "CICA note verbale No. 17-1/543"
    assert "№ 17-1/543" in message.body and "Нұр-Сұлтан қаласы, 2021 жылғы 26 тамыз" in message.body
    attachments = {name: (content, mimetype) for name, content, mimetype in message.attachments}
    assert sorted(attachments) == ["17-1-543-2021.en.docx", "17-1-543-2021.kk.docx", "17-1-543-2021.ru.docx",
                                   "MM-2021-DRAFT-3.en.docx", "MM-2021-DRAFT-3.ru.docx"]
    assert all(content.startswith(b"PK") and mimetype == DOCX for content, mimetype in attachments.values())
    emailed = dict(note.deliveries.values_list("delegation__state__code", "emailed_to"))
    assert emailed["KZ"] == ["delegate-kz@example.org"] and emailed["TM"] == ["observer-tm@example.org"]
    assert {code for code, to in emailed.items() if to} == WITH_DELEGATES | {"TM"}


def test_a_refused_note_sends_nothing(issue, resolution, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(services.NoteRefused):
        issue(revisions=[resolution])
    assert callbacks == [] and mail.outbox == []


def test_documents_without_the_forms_the_wording_needs_are_refused_naming_what_is_missing(issue, resolution):
    notes, deliveries = OutgoingNote.objects.count(), Delivery.objects.count()
    with pytest.raises(services.NoteRefused) as refusal:
        issue(revisions=[resolution])
    # The English sentence on the agenda names the document by its short form, which the resolution lacks.
    assert str(refusal.value) == "'A/RES/76/1' has no 'short' form in en"
    with pytest.raises(services.NoteRefused) as refusal:
        issue(revisions=[resolution], meeting=None)
    assert str(refusal.value) == "'A/RES/76/1' has no 'accusative' form in ru"
    # Without the agenda's sentence, and in English alone, its title is enough.
    assert (OutgoingNote.objects.count(), Delivery.objects.count()) == (notes, deliveries)
    assert NoteCounter.objects.get(index="17-1", year=2021).last_number == 542
    assert issue(revisions=[resolution], meeting=None, languages=["en"]).number == "17-1/543"


@pytest.mark.parametrize("changes, message", [
    ({"revisions": []}, "cannot compose note verbale 17-1/…: no document to refer to, which a note to forward needs"),
    ({"purpose": INVITATION, "meeting": None, "revisions": []},
     "cannot compose note verbale 17-1/…: no meeting, which a note of purpose 'invitation' needs"),
    ({"languages": ["fr"]}, "no language 'fr' to write the note in"),
    ({"index": "  "}, "the note needs a file index"),
])
def test_missing_facts_are_refused_in_one_line(issue, changes, message):
    with pytest.raises(services.NoteRefused) as refusal:
        issue(**changes)
    assert str(refusal.value) == message
    assert NoteCounter.objects.get(index="17-1", year=2021).last_number == 542


def test_a_note_to_the_observers_cannot_enclose_a_members_only_document(issue, users):
    (version,) = import_file(RESOLUTION.read_bytes(), RESOLUTION.name, users["officer"],
                             distribution=Document.MEMBERS)
    with pytest.raises(services.NoteRefused) as refusal:
        issue(revisions=[version.revision], observers=True, languages=["en"])
    assert str(refusal.value) == "A/RES/76/1 is for Member States only: a note to the Observers cannot enclose it"


@pytest.mark.parametrize("username", ["chair", "delegate-kz", "observer-tm", "translator"])
def test_only_the_secretariat_issues_notes(users, draft, username):
    with pytest.raises(PermissionDenied):
        services.issue_note(users[username], purpose=FORWARD, revisions=[draft])
    assert OutgoingNote.objects.count() == 1


def test_the_seeds_note_differs_from_its_data_only_by_the_kazakh_addressee_blocks_slip(seed_note):
    assert services.differences_from_data(seed_note) == {
        "en": [],
        "ru": [],
        "kk": [("addressee",
                "АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ СЕНІМ ШАРАЛАРЫ КЕҢЕСІНІҢ МҮШЕ МЕМЛЕКЕТТЕРІ",
                "АЗИЯДАҒЫ ӨЗАРА ІС-ҚИМЫЛ ЖӘНЕ СЕНИМ ШАРАЛАРЫ КЕҢЕСІНІҢ МҮШЕ МЕМЛЕКЕТТЕРІ")],
    }
