"""The registry's numbers: a file index and a running number (17-1/542), consecutive within a year, from 1 again in a
new year, counted per file index, never skipped by a note that failed to be stored, and going on after the notes
issued before Accord (the seed's 17-1/542).

Invitations to the SWG meeting are issued here: they enclose nothing, so no PDF is laid out and each is quick. The
concurrency of two officers issuing at the same moment is tested with real parallel clients elsewhere.
"""

import datetime as dt

import pytest
from django.db import transaction

from accord.correspondence import services
from accord.correspondence.models import NoteCounter, OutgoingNote
from accord.documents.models import Document, Revision
from accord.text.note_writer import INVITATION


@pytest.fixture
def invite(users, swg_meeting):
    """``invite(date, index=None)``: an invitation to the SWG meeting issued by the officer; returns its number."""

    def issue(date: dt.date, index: str | None = None) -> str:
        note = services.issue_note(users["officer"], purpose=INVITATION, revisions=[], meeting=swg_meeting,
                                   date=date, index=index)
        return note.number

    return issue


def counter(index: str, year: int) -> int | None:
    return NoteCounter.objects.filter(index=index, year=year).values_list("last_number", flat=True).first()


def test_the_scheme_is_the_forums():
    assert services.numbering() == {"format": "{index}/{number}", "index": "17-1"}
    assert services.format_number("17-1", 542) == "17-1/542"
    assert services.split_number("17-1/542") == ("17-1", 542)


def test_numbers_are_consecutive_within_a_year(invite):
    assert [invite(dt.date(2022, 3, day)) for day in (1, 2, 3)] == ["17-1/1", "17-1/2", "17-1/3"]
    assert invite(dt.date(2022, 12, 30)) == "17-1/4"
    assert counter("17-1", 2022) == 4
    notes = OutgoingNote.objects.filter(year=2022).order_by("sequence")
    assert [(note.index, note.sequence, note.number) for note in notes] == [
        ("17-1", 1, "17-1/1"), ("17-1", 2, "17-1/2"), ("17-1", 3, "17-1/3"), ("17-1", 4, "17-1/4")]


def test_the_year_is_the_notes_date_and_each_year_counts_from_1(invite):
    """The counter of a year starts at 1; a note dated in an earlier year goes on with that year's numbers. (The
    second year's note 1 of the same index is refused today: see the next test.)"""
    assert invite(dt.date(2022, 3, 1)) == "17-1/1"
    assert invite(dt.date(2023, 1, 9), index="17-2") == "17-2/1"
    assert invite(dt.date(2022, 12, 30)) == "17-1/2"  # dated in 2022, issued after a 2023 note: 2022's numbers
    with transaction.atomic():
        assert services.take_number("17-1", 2023) == 1  # 2023 starts again at 1 for 17-1 too
        transaction.set_rollback(True)
    assert (counter("17-1", 2022), counter("17-2", 2023), counter("17-1", 2023)) == (2, 1, None)


def test_the_first_note_of_a_new_year_is_numbered_1_again(invite):
    assert invite(dt.date(2022, 3, 1)) == "17-1/1"
    assert invite(dt.date(2023, 1, 9)) == "17-1/1"
    # The number recurs; the document's symbol names the year too.
    assert sorted(OutgoingNote.objects.filter(number="17-1/1").values_list("revision__symbol", flat=True)) == [
        "17-1/1 (2022)", "17-1/1 (2023)"]


def test_each_file_index_has_its_own_numbers(invite):
    assert invite(dt.date(2022, 5, 1)) == "17-1/1"
    assert invite(dt.date(2022, 5, 1), index="17-2") == "17-2/1"
    assert invite(dt.date(2022, 5, 2), index=" 17-2 ") == "17-2/2"  # typed with spaces: the same index
    assert invite(dt.date(2022, 5, 2)) == "17-1/2"


def test_the_note_registered_from_the_seed_sets_the_counter_and_the_next_note_of_2021_is_543(seed_note, invite):
    assert (seed_note.index, seed_note.year, seed_note.sequence) == ("17-1", 2021, 542)
    assert counter("17-1", 2021) == 542
    assert invite(dt.date(2021, 9, 1)) == "17-1/543"
    assert invite(dt.date(2021, 9, 2)) == "17-1/544"


def test_registering_an_earlier_imported_number_does_not_turn_the_counter_back(seed_note):
    with transaction.atomic():
        services.record_number("17-1", 2021, 17)
    assert counter("17-1", 2021) == 542


def test_a_number_taken_in_a_transaction_that_rolls_back_is_taken_again(demo):
    with transaction.atomic():
        assert services.take_number("17-3", 2024) == 1
        assert services.take_number("17-3", 2024) == 2
        transaction.set_rollback(True)
    with transaction.atomic():
        assert services.take_number("17-3", 2024) == 1


def test_a_note_that_fails_after_taking_its_number_gives_it_back(users, invite):
    """A real failure inside the issuing transaction: a document already bears the number the counter gives (typed in
    by hand as a revision's symbol). The note is refused after its number was taken; the rollback returns it."""
    invite(dt.date(2024, 2, 1))  # 17-1/1
    squatter = Document.objects.create(kind="statement", titles={"en": "Typed by hand"})
    revision = Revision.objects.create(document=squatter, symbol="17-1/2 (2024)", sequence=1, stage="DRAFT")
    notes = OutgoingNote.objects.count()
    with pytest.raises(services.NoteRefused, match="a document numbered 17-1/2 exists already"):
        invite(dt.date(2024, 2, 2))
    assert counter("17-1", 2024) == 1 and OutgoingNote.objects.count() == notes
    assert not Document.objects.filter(kind=services.NOTE_KIND, revisions__symbol="17-1/2 (2024)").exists()
    revision.delete()  # not issued: it may go
    assert invite(dt.date(2024, 2, 3)) == "17-1/2"  # no gap: 2 follows 1


def test_a_refused_note_takes_no_number(users, resolution, invite):
    invite(dt.date(2022, 6, 1))
    with pytest.raises(services.NoteRefused):
        services.issue_note(users["officer"], purpose="forward", revisions=[resolution], date=dt.date(2022, 6, 2))
    assert counter("17-1", 2022) == 1
    assert invite(dt.date(2022, 6, 3)) == "17-1/2"

