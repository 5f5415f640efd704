"""The registry as the demo loads it: CICA with its history of accessions and Chairmanships, sorted per language, one
role per user, throttled logins."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from accord.project import settings as project_settings
from accord.registry.auth import login_blocked
from accord.registry.models import ApiToken, Chairmanship, Membership, State, User, sorted_states

AUGUST_2021 = dt.date(2021, 8, 26)


def statuses_on(day):
    return {
        state.code: membership.status
        for state in State.objects.all()
        if (membership := state.membership_on(day)) is not None
    }


def test_cica_in_august_2021_has_27_members_and_turkmenistan_among_its_observers(demo):
    statuses = statuses_on(AUGUST_2021)
    assert sum(1 for s in statuses.values() if s == Membership.MEMBER) == 27
    assert statuses["TM"] == Membership.OBSERVER
    assert "KW" not in statuses  # Kuwait acceded in October 2022
    assert statuses_on(dt.date(2021, 5, 1)).get("TM") is None  # an observer from June 2021


def test_kuwait_is_a_member_from_its_accession_and_the_forum_has_28_members_since(demo):
    assert statuses_on(dt.date(2022, 10, 12)).get("KW") is None
    assert statuses_on(dt.date(2022, 10, 13))["KW"] == Membership.MEMBER
    assert sum(1 for s in statuses_on(dt.date(2026, 11, 28)).values() if s == Membership.MEMBER) == 28


def test_the_chair_acts_for_the_state_that_chairs_on_the_day(users):
    assert Chairmanship.on(AUGUST_2021).state.code == "KZ"
    assert users["chair"].acting_state(AUGUST_2021).code == "KZ"
    assert users["chair"].acting_state(dt.date(2024, 10, 13)).code == "AZ"
    assert users["delegate-ru"].acting_state().code == "RU"


def test_an_observer_that_accedes_as_a_member_stops_being_an_observer(db):
    from accord.registry.services import load_forum

    load_forum({"states": [{"code": "KW", "names": {"en": "Kuwait"}, "observer": "2020-01-01",
                            "member": "2022-10-13"}]})

    history = list(State.objects.get(code="KW").memberships.values_list("status", "start", "end"))
    assert history == [(Membership.OBSERVER, dt.date(2020, 1, 1), dt.date(2022, 10, 12)),
                       (Membership.MEMBER, dt.date(2022, 10, 13), None)]


def test_states_are_sorted_in_the_alphabet_of_the_language_shown(demo):
    states = [s for s in State.objects.all() if statuses_on(AUGUST_2021).get(s.code) == Membership.MEMBER]
    assert [s.name("kk") for s in sorted_states(states, "kk")][:3] == ["Ауғанстан", "Әзербайжан", "Бангладеш"]
    assert [s.name("ru") for s in sorted_states(states, "ru")][:3] == ["Азербайджан", "Афганистан", "Бангладеш"]
    assert [s.name("en") for s in sorted_states(states, "en")][:2] == ["Afghanistan", "Azerbaijan"]


def test_each_state_has_its_names_in_three_languages_and_a_delegation(demo):
    for state in State.objects.all():
        assert set(state.names) >= {"en", "ru", "kk"} and all(state.names.values())
        assert state.delegation is not None


def test_there_is_one_demo_user_per_role_with_argon2_passwords(db):
    # The suite hashes with a fast hasher (tests/conftest.py); the project's own hashers are what a real instance uses.
    with override_settings(PASSWORD_HASHERS=project_settings.PASSWORD_HASHERS):
        call_command("demo", stdout=open("/dev/null", "w"))
        assert django_settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    users = {user.username: user for user in User.objects.all()}
    assert {user.role for user in users.values()} == {role for role, _ in User.ROLES}
    for user in users.values():
        assert user.password.startswith("argon2")
        assert user.is_demo
    assert users["translator"].languages == ["ru", "kk"]


def test_demo_users_cannot_log_in_outside_demo_mode(users, client):
    assert client.login(username="officer", password="accord-demo-officer")
    client.logout()
    with override_settings(ACCORD_DEMO_MODE=False):
        assert not client.login(username="officer", password="accord-demo-officer")


def test_the_demo_refuses_to_run_outside_demo_mode(db):
    with override_settings(ACCORD_DEMO_MODE=False), pytest.raises(CommandError) as refusal:
        call_command("demo")
    assert refusal.value.returncode == 2 and "demo mode is off" in str(refusal.value)
    assert not User.objects.exists()


def test_loading_the_demo_twice_changes_nothing(demo):
    counts = (State.objects.count(), Membership.objects.count(), User.objects.count())
    call_command("demo", stdout=open("/dev/null", "w"))
    assert (State.objects.count(), Membership.objects.count(), User.objects.count()) == counts


@override_settings(ACCORD_LOGIN_ATTEMPTS=3)
def test_after_three_failures_even_the_right_password_is_refused_for_a_while(users, rf):
    request = rf.post("/login/", REMOTE_ADDR="203.0.113.7")
    for _ in range(3):
        assert authenticate(request, username="delegate-ru", password="wrong") is None
    assert login_blocked("delegate-ru", "203.0.113.7")
    assert authenticate(request, username="delegate-ru", password="accord-demo-russia") is None
    assert authenticate(request, username="delegate-kz", password="accord-demo-kazakhstan") == users["delegate-kz"]
    other_address = rf.post("/login/", REMOTE_ADDR="203.0.113.8")
    assert authenticate(other_address, username="delegate-ru", password="accord-demo-russia") == users["delegate-ru"]


def test_api_tokens_are_stored_hashed(users):
    token = ApiToken.issue(users["delegate-ru"])
    assert not ApiToken.objects.filter(digest=token).exists()
    assert ApiToken.user_for(token) == users["delegate-ru"]
    assert ApiToken.user_for(token + "x") is None
