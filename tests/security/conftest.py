"""Fixtures of the security tests: the demo loaded once per module.

The demo is loaded once for each module inside a transaction rolled back when the module ends; each test runs in a
savepoint of its own, and each request of the authorization matrix in a savepoint of its own inside it, so that what
one request writes is gone before the next.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_demo, db):
    """The demo, as the root fixture of that name gives it, loaded once for the module."""
