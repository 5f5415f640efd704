"""Fixtures of the meetings tests: the demo loaded once per module, its SWG meeting and draft, a text for Member
States only, signing in by role, API tokens.

The demo is loaded once for each module inside a transaction rolled back when the module ends; each test runs in a
savepoint of its own, so what one test schedules is gone by the next.
"""

import datetime as dt
from pathlib import Path

import pytest

from accord.documents.models import Document, Revision
from accord.documents.services import import_file
from accord.meetings.models import Meeting

RESOLUTION = Path(__file__).resolve().parents[1] / "text" / "fixtures" / "resolution_un.md"


@pytest.fixture
def demo(loaded_demo, db):
    """The demo, as the root fixture of that name gives it, loaded once for the module."""


@pytest.fixture
def swg(demo):
    """The demo's meeting of the Special Working Group, 14 and 15 September 2021 in Nur-Sultan, chaired by
    Kazakhstan, with MM/2021/DRAFT/3 as item 1."""
    return Meeting.objects.get(body__symbol_prefix="SWG", start=dt.date(2021, 9, 14))


@pytest.fixture
def draft(demo):
    """MM/2021/DRAFT/3, the seed's draft declaration."""
    return Revision.objects.get(symbol="MM/2021/DRAFT/3")


@pytest.fixture
def note(demo):
    """The seed's note verbale 17-1/542."""
    return Revision.objects.get(symbol="17-1/542")


@pytest.fixture
def members_only(users):
    """A/RES/76/1, imported by the secretariat for Member States only: an Observer's delegate may not read it."""
    (version,) = import_file(RESOLUTION.read_bytes(), RESOLUTION.name, users["officer"], distribution=Document.MEMBERS)
    return version.revision


