"""Setting up a real instance: `accord loadforum` for the registry, `accord adduser` for its users, with one-line
refusals that change nothing."""

import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.registry.models import ApiToken, User


def adduser(monkeypatch, *arguments, password="a-long-passphrase-for-aliya"):
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))
    out = io.StringIO()
    call_command("adduser", *arguments, stdout=out)
    return out.getvalue().strip()


def test_a_delegate_is_added_with_a_delegation_and_languages_and_can_log_in(demo, monkeypatch):
    said = adduser(monkeypatch, "aliya", "--role", "delegate", "--state", "kz", "--languages", "kk,ru",
                   "--email", "aliya@example.org")

    assert said == "user 'aliya' added (Delegate)"
    aliya = User.objects.get(username="aliya")
    assert (aliya.delegation.state.code, aliya.languages, aliya.is_demo) == ("KZ", ["kk", "ru"], False)
    assert authenticate(username="aliya", password="a-long-passphrase-for-aliya") == aliya
    assert ApiToken.user_for(ApiToken.issue(aliya)) == aliya


@pytest.mark.parametrize("arguments, password, problem", [
    (["officer", "--role", "secretariat"], None, "adduser: a user 'officer' exists already"),
    (["bolat", "--role", "delegate"], None, "adduser: --state: a delegate speaks for a delegation"),
    (["bolat", "--role", "delegate", "--state", "XX"], None, "adduser: --state: no delegation of a State 'XX'"),
    (["bolat", "--role", "translator", "--state", "RU"], None, "adduser: --state: a translator does not speak"),
    (["bolat", "--role", "translator", "--languages", "qq"], None, "adduser: --languages: no language table for qq"),
    (["bolat", "--role", "secretariat"], "short", "adduser: password: This password is too short."),
])
def test_bad_input_is_refused_in_one_line_with_exit_status_2_and_adds_nobody(demo, monkeypatch, arguments, password,
                                                                             problem):
    before = User.objects.count()
    with pytest.raises(CommandError) as refusal:
        adduser(monkeypatch, *arguments, **({"password": password} if password else {}))

    assert refusal.value.returncode == 2
    assert str(refusal.value).startswith(problem) and "\n" not in str(refusal.value)
    assert User.objects.count() == before


def test_a_real_instance_loads_its_registry_from_the_forum_file_and_then_adds_its_users(db, monkeypatch, tmp_path):
    out = io.StringIO()
    call_command("loadforum", stdout=out)
    assert out.getvalue().strip() == "cica.json: 38 States, 38 accessions, 2 Chairmanships, 4 bodies"
    assert adduser(monkeypatch, "ops", "--role", "secretariat") == "user 'ops' added (Secretariat officer)"

    broken = tmp_path / "forum.json"
    broken.write_text('{"states": [{"code": "KW"}]}', encoding="utf-8")
    with pytest.raises(CommandError) as refusal:
        call_command("loadforum", str(broken))
    assert refusal.value.returncode == 2 and str(refusal.value) == f"loadforum: {broken}: KeyError: 'names'"
