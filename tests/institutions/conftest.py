"""Fixtures of the institutions tests: the demo and its confidence building measures loaded once per module, the
plan for 2021, signing in by role, API tokens.

The demo (``accord demo``, then :func:`accord.institutions.demo.load_demo`) is loaded once for each module inside a
transaction rolled back when the module ends; each test runs in a savepoint of its own, so what one test adds is
gone by the next.
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction

from accord.institutions.demo import load_demo
from accord.institutions.models import Plan
from accord.registry.models import User


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        load_demo(User.objects.get(username="officer"))
        yield
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_demo, db):
    """The demo with its catalogue and plans, loaded once for the module."""


@pytest.fixture
def officer(users):
    return users["officer"]


@pytest.fixture
def plan(demo):
    """The demo's Plan on Implementation for 2021: 14 events, approved by the SOC on 25 February 2021."""
    return Plan.objects.get(year=2021)


