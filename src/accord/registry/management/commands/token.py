"""``accord token USERNAME``: print a new API token for ``Authorization: Bearer …``."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accord.registry.models import ApiToken, User

from accord.documents.management.reading import BAD_INPUT


class Command(BaseCommand):
    help = "Make a new API token for a user and print it (it is stored hashed and cannot be shown again)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"no active user {options['username']!r}", returncode=BAD_INPUT)
        self.stdout.write(ApiToken.issue(user))
