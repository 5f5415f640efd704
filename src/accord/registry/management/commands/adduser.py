"""``accord adduser USERNAME --role ROLE``: add a user of a real instance (demo users come from ``accord demo``).

The password is read from standard input (one line, so that it can be piped from a secrets store) or asked for twice
at a terminal; Django's password validators apply. Delegates name their State's delegation (``--state RU``),
translators and revisers their working languages (``--languages ru,kk``). A refusal names what was wrong, exits 2 and
adds nobody.
"""

from __future__ import annotations

import getpass
import sys

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accord.documents.management.reading import BAD_INPUT
from accord.registry.models import Delegation, User
from accord.text.languages import all_languages

ROLES_WITH_A_DELEGATION = {User.DELEGATE, User.OBSERVER_DELEGATE}


class Command(BaseCommand):
    help = "Add a user with a role (secretariat, chair, delegate, observer_delegate, translator, reviser)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=[role for role, _label in User.ROLES])
        parser.add_argument("--state", help="ISO code of the delegation's State, for delegates")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", nargs=2, metavar=("FIRST", "LAST"), default=("", ""))
        parser.add_argument("--languages", default="", help="working languages, comma-separated (ru,kk)")

    def handle(self, *args, **options):
        username, role = options["username"], options["role"]
        if User.objects.filter(username=username).exists():
            self.refuse(f"a user {username!r} exists already")
        delegation = None
        if role in ROLES_WITH_A_DELEGATION:
            if not options["state"]:
                self.refuse(f"--state: a {role} speaks for a delegation; name its State's ISO code")
            delegation = Delegation.objects.filter(state__code=options["state"].upper()).first()
            if delegation is None:
                self.refuse(f"--state: no delegation of a State {options['state']!r} in the registry")
        elif options["state"]:
            self.refuse(f"--state: a {role} does not speak for a delegation")
        languages = [code.strip() for code in options["languages"].split(",") if code.strip()]
        unknown = [code for code in languages if code not in all_languages()]
        if unknown:
            self.refuse(f"--languages: no language table for {', '.join(unknown)}")

        first, last = options["name"]
        user = User(username=username, role=role, delegation=delegation, email=options["email"], first_name=first,
                    last_name=last, languages=languages)
        password = self.password()
        try:
            validate_password(password, user)
        except ValidationError as error:
            self.refuse("password: " + " ".join(error.messages))
        user.set_password(password)
        with transaction.atomic():
            user.full_clean()
            user.save()
        self.stdout.write(f"user {username!r} added ({user.get_role_display()})")

    def password(self) -> str:
        if not sys.stdin.isatty():
            return sys.stdin.readline().rstrip("\n")
        first = getpass.getpass("Password: ")
        if getpass.getpass("Password (again): ") != first:
            self.refuse("password: the two entries differ")
        return first

    def refuse(self, message: str) -> None:
        raise CommandError(f"adduser: {message}", returncode=BAD_INPUT)
