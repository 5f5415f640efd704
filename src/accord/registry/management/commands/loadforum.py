"""``accord loadforum [FILE]``: load a forum's registry — its States and their accessions, its Chairmanships and its
bodies — from its forum file (default ``ACCORD_FORUM_FILE``, CICA's as shipped). A real instance runs it once after
``accord migrate`` and again whenever the file changes (an accession, a new Chairmanship); it changes only what the
file changed. A file that cannot be loaded is refused in one line, exit 2, with nothing loaded.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accord.documents.management.reading import BAD_INPUT
from accord.registry.models import Body, Chairmanship, Membership, State
from accord.registry.services import ForumFileError, load_forum, read_forum_file


class Command(BaseCommand):
    help = "Load the forum's States, accessions, Chairmanships and bodies from its forum file."

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", type=Path, help="the forum file (default: ACCORD_FORUM_FILE)")

    def handle(self, *args, **options):
        path = options["file"] or settings.ACCORD_FORUM_FILE
        try:
            load_forum(read_forum_file(path), source=str(path))
        except ForumFileError as error:
            raise CommandError(f"loadforum: {error}", returncode=BAD_INPUT) from None
        self.stdout.write(f"{path.name}: {State.objects.count()} States, {Membership.objects.count()} accessions, "
                          f"{Chairmanship.objects.count()} Chairmanships, {Body.objects.count()} bodies")
