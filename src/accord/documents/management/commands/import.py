"""``accord import FILE [FILE…] [--distribution D] [--draft] [--user USERNAME]``: store files as language versions."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accord.documents.models import Document
from accord.documents.services import ImportRefused, import_file
from accord.registry.models import User

from ..reading import BAD_INPUT


class Command(BaseCommand):
    help = "Import .md, .txt or .docx files: each document in them becomes a language version of its revision."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+")
        parser.add_argument("--distribution", default=Document.PARTICIPANTS,
                            choices=[value for value, _ in Document.DISTRIBUTIONS])
        parser.add_argument("--draft", action="store_true", help="import without issuing (the text may still change)")
        parser.add_argument("--user", help="the secretariat officer recorded as importer")

    def handle(self, *args, **options):
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"--user: no user {options['user']!r}", returncode=BAD_INPUT)
        for name in options["files"]:
            path = Path(name)
            try:
                with path.open("rb") as file:
                    # One byte past the upload limit is enough to refuse the file (import_file does), and never more:
                    # the file may be huge, or a device that never ends.
                    data = file.read(settings.ACCORD_UPLOAD_MAX_BYTES + 1)
            except OSError as error:
                raise CommandError(f"{name}: {(error.strerror or str(error)).lower()}", returncode=BAD_INPUT) from None
            try:
                versions = import_file(
                    data, str(path), user, distribution=options["distribution"], issue=not options["draft"]
                )
            except ImportRefused as error:
                raise CommandError(str(error), returncode=BAD_INPUT) from None
            for version in versions:
                self.stdout.write(f"{name}: {version.revision.symbol} [{version.language}] imported")
