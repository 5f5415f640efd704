"""Fixtures shared by the Django tests: the CICA demo in the test database, and its users by role."""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

# Argon2 is deliberately slow (it is what protects real passwords) and would make loading the demo's users most of
# the cost of every test that needs them; tests/registry checks that the project's own hasher is Argon2.
FAST_PASSWORD_HASHING = override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])


@pytest.fixture(autouse=True, scope="session")
def fast_password_hashing():
    with FAST_PASSWORD_HASHING:
        yield


@pytest.fixture
def demo(db):
    """The demo as `make run` loads it: CICA as of August 2021, the demo users, the seed imported."""
    call_command("demo", stdout=open("/dev/null", "w"))


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    """The demo loaded once for a test module, in a transaction rolled back when the module ends. A folder whose tests
    need no fresh demo each (they only read it, or write in their own savepoints) overrides ``demo`` with it:
    ``def demo(loaded_demo, db)``."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def users(demo):
    """The demo users by user name: officer, chair, delegate-ru, delegate-kz, observer-tm, translator."""
    from accord.registry.models import User

    return {user.username: user for user in User.objects.all()}


@pytest.fixture
def signed_in(client, users):
    """``signed_in("delegate-ru")``: the test client, signed in as that demo user."""

    def sign_in(username):
        client.force_login(users[username])
        return client

    return sign_in


@pytest.fixture
def token(demo):
    """``token("delegate-ru")``: a new API token for that user, as `accord token` prints it."""

    def make(username):
        out = io.StringIO()
        call_command("token", username, stdout=out)
        return out.getvalue().strip()

    return make


@pytest.fixture
def api(client, token):
    """``api("officer").get(path)``: requests with that user's bearer token (no token for None)."""

    class As:
        def __init__(self, username):
            self.headers = {"Authorization": f"Bearer {token(username)}"} if username else {}

        def get(self, path, **query):
            return client.get(f"/api{path}", query, headers=self.headers)

        def post(self, path, payload):
            return client.post(f"/api{path}", payload, content_type="application/json", headers=self.headers)

    return As
