"""Fixtures of the translation tests: the demo loaded once per module, DRAFT/4 issued from DRAFT/3 with OP27 changed,
its Russian draft version, and the test client signed in as a demo user.

The demo (whose users' Argon2 hashes take most of its time) is loaded once for each module inside a transaction
rolled back when the module ends; each test runs in a savepoint of its own, so what one test does is gone by the
next.
"""

import pytest

from accord.documents.models import LanguageVersion, Revision
from translation_helpers import issue_draft_4


@pytest.fixture
def demo(loaded_demo, db):
    """The demo, as the root fixture of that name gives it, loaded once for the module."""


@pytest.fixture
def draft(demo):
    """MM/2021/DRAFT/3 (English master, Russian translation), issued."""
    return Revision.objects.get(symbol="MM/2021/DRAFT/3")


@pytest.fixture
def draft4(draft, users):
    """MM/2021/DRAFT/4, issued by the chair after accepting Russia's replacement of words in OP27: its Russian
    version is a draft with OP27 stale."""
    return issue_draft_4(draft, users)


@pytest.fixture
def russian(draft4):
    """The Russian draft version of DRAFT/4."""
    return LanguageVersion.objects.get(revision=draft4, language="ru")


@pytest.fixture
def sign_in(client, users):
    """``sign_in("translator")``: the test client, signed in as that demo user."""

    def signed_in(username):
        client.force_login(users[username])
        return client

    return signed_in
