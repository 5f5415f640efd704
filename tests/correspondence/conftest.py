"""Fixtures of the correspondence tests: the demo loaded once per module, its note 17-1/542, the draft declaration
and the SWG meeting it was forwarded for, the users by role.

The demo (whose users' Argon2 hashes take most of its time) is loaded once for each module inside a transaction
rolled back when the module ends; each test runs in a savepoint of its own, so what one test does is gone by the
next. E-mail goes out on commit: tests that look at it use pytest-django's ``django_capture_on_commit_callbacks``.
"""

import pytest

from accord.correspondence.models import OutgoingNote
from accord.documents.models import Revision
from accord.documents.services import import_file
from accord.meetings.models import Meeting
from correspondence_helpers import RESOLUTION


@pytest.fixture
def demo(loaded_demo, db):
    """The demo, as the root fixture of that name gives it, loaded once for the module."""


@pytest.fixture
def draft(demo):
    """MM/2021/DRAFT/3, the draft declaration the seed's note forwards (English and Russian)."""
    return Revision.objects.get(symbol="MM/2021/DRAFT/3")


@pytest.fixture
def swg_meeting(demo):
    """The SWG meeting of 14 and 15 September 2021, with the draft declaration on its agenda."""
    return Meeting.objects.get(body__symbol_prefix="SWG", start="2021-09-14")


@pytest.fixture
def seed_note(demo):
    """The seed's note 17-1/542, entered in the registry: delivered to the 27 Member States, none acknowledged."""
    return OutgoingNote.objects.get(revision__symbol="17-1/542")


@pytest.fixture
def resolution(users):
    """A/RES/76/1, imported as the secretariat does it: a document with no reference for notes, so none of the
    grammatical forms the Russian and Kazakh wording needs."""
    (version,) = import_file(RESOLUTION.read_bytes(), RESOLUTION.name, users["officer"])
    return version.revision


@pytest.fixture
def sign_in(client, users):
    """``sign_in("delegate-kz")``: the test client, signed in as that demo user."""

    def signed_in(username):
        client.force_login(users[username])
        return client

    return signed_in
