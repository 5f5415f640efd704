"""Fixtures shared by the Django tests: the CICA demo in the test database, and its users by role."""

import pytest
from django.core.management import call_command


@pytest.fixture
def demo(db):
    """The demo as `make run` loads it: CICA as of August 2021, the demo users, the seed imported."""
    call_command("demo", stdout=open("/dev/null", "w"))


@pytest.fixture
def users(demo):
    """The demo users by user name: officer, chair, delegate-ru, delegate-kz, observer-tm, translator."""
    from accord.registry.models import User

    return {user.username: user for user in User.objects.all()}
