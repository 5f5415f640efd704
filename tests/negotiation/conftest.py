"""Fixtures of the negotiation tests: the demo loaded once per module, the seed's draft declaration, moments.

The demo (whose users' Argon2 hashes take most of its time) is loaded once for each module inside a transaction
rolled back when the module ends; each test runs in a savepoint of its own, so what one test does is gone by the
next. A test that needs real transactions (a flush) has a module of its own, with the root ``demo`` fixture.
"""

import datetime as dt

import pytest
from django.utils import timezone

from accord.documents.models import Revision

OP27 = "para_27"
OLD_WORDS = "on an expeditious basis"
NEW_WORDS = "as soon as possible"


@pytest.fixture
def demo(loaded_demo, db):
    """The demo, as the root fixture of that name gives it, loaded once for the module."""


@pytest.fixture
def draft(demo):
    """MM/2021/DRAFT/3 (English master, Russian translation), issued."""
    return Revision.objects.get(symbol="MM/2021/DRAFT/3")


@pytest.fixture
def later():
    """``later(hours=2)``: a moment that far from now, with the forum's time zone."""

    def at(**delta):
        return timezone.localtime() + dt.timedelta(**delta)

    return at
