"""``accord demo``: CICA as of August 2021, one user per role, and the seed package imported.

Runs only in demo mode (``ACCORD_DEMO_MODE``, on by default in debug), because it creates users whose passwords are
published in the README. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accord.documents.models import Revision
from accord.documents.services import ImportRefused, import_file
from accord.registry.models import Delegation, User
from accord.registry.services import ForumFileError, load_forum, read_forum_file

from ..reading import BAD_INPUT


class Command(BaseCommand):
    help = "Load the CICA demo: States, Chairmanship, bodies, demo users, and the seed documents."

    def handle(self, *args, **options):
        if not settings.ACCORD_DEMO_MODE:
            raise CommandError("demo mode is off (set ACCORD_DEMO_MODE=1): demo users have public passwords",
                               returncode=BAD_INPUT)
        seed = settings.ACCORD_SEED_PATH
        try:
            forum = read_forum_file(settings.ACCORD_FORUM_FILE)
            demo = forum["demo"]
            seed_bytes = seed.read_bytes()
        except (ForumFileError, KeyError, OSError) as error:
            raise CommandError(f"demo: {error}", returncode=BAD_INPUT) from None
        try:
            with transaction.atomic():
                load_forum(forum, dt.date.fromisoformat(demo["as_of"]), source=str(settings.ACCORD_FORUM_FILE))
                officer = self.users(demo["users"])
                if Revision.objects.filter(symbol="MM/2021/DRAFT/3").exists():
                    self.stdout.write("demo: already loaded")
                    return
                for version in import_file(seed_bytes, seed.name, officer):
                    self.stdout.write(f"demo: {version.revision.symbol} [{version.language}] imported")
        except (ForumFileError, ImportRefused) as error:
            raise CommandError(f"demo: {error}", returncode=BAD_INPUT) from None

    def users(self, entries: list[dict]) -> User:
        """Create the demo users that are missing; return the secretariat officer."""
        officer = None
        for entry in entries:
            user = User.objects.filter(username=entry["username"]).first()
            if user is None:
                first, last = entry.get("name", ["", ""])
                user = User(username=entry["username"], role=entry["role"], first_name=first, last_name=last,
                            languages=entry.get("languages", []), is_demo=True)
                if "state" in entry:
                    user.delegation = Delegation.objects.get(state__code=entry["state"])
                user.set_password(entry["password"])
                user.save()
            if user.role == User.SECRETARIAT and officer is None:
                officer = user
        return officer
