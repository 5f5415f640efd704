"""Fixtures of the page tests: the demo's revisions, a members-only document, signing in by role."""

import pytest

from accord.documents.models import Document, Revision
from accord.documents.services import import_file
from web_pages import RESOLUTION


@pytest.fixture
def draft(demo):
    """MM/2021/DRAFT/3, the seed's draft declaration in English and Russian."""
    return Revision.objects.get(symbol="MM/2021/DRAFT/3")


@pytest.fixture
def note(demo):
    """The seed's note verbale 17-1/542, in English, Kazakh and Russian."""
    return Revision.objects.get(symbol="17-1/542")


@pytest.fixture
def members_only(users):
    """A resolution for Member States only, imported as the secretariat does it."""
    (version,) = import_file(RESOLUTION.read_bytes(), RESOLUTION.name, users["officer"], distribution=Document.MEMBERS)
    return version.revision


