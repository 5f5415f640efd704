"""``accord backup FILE``: the whole instance in one file, written atomically (see :mod:`accord.instance.backup`).

Exit status 0 with one line saying what was written; 2 with one line on stderr when the file cannot be written.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accord.documents.management.reading import BAD_INPUT
from accord.instance.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the whole instance (every table, users and the audit log included) to FILE, atomically."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup to write (replaced whole if it exists)")

    def handle(self, *args, **options):
        try:
            summary = backup(options["file"])
        except BackupError as error:
            raise CommandError(f"backup: {error}", returncode=BAD_INPUT) from None
        payload = summary.header["payload"]
        self.stdout.write(f"backup: {summary.path}: {summary.rows:,} rows of {summary.tables} tables, "
                          f"{payload['bytes']:,} bytes, sha256 {payload['sha256'][:16]}…")
