"""``accord restore FILE [--replace]``: load a backup made by ``accord backup`` into this instance's database (see
:mod:`accord.instance.backup`).

The database must be migrated (``accord migrate``) to the backup's migrations and hold no data, unless ``--replace``
says to replace what it holds. The file is checked whole first; then everything is restored in one transaction, or
nothing. Exit status 0 with one line saying what was restored and whether the audit chain holds; 2 with one line on
stderr naming what is wrong (not a backup, another format version, truncated, corrupt, other migrations, a database
that holds data).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accord.documents.management.reading import BAD_INPUT
from accord.instance.backup import BackupError, restore
from accord.negotiation.audit import verify


class Command(BaseCommand):
    help = "Restore a backup made by `accord backup` into this (empty, migrated) database; --replace empties it first."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the backup to restore")
        parser.add_argument("--replace", action="store_true",
                            help="replace whatever the database holds (by default, a database with data is refused)")

    def handle(self, *args, **options):
        try:
            summary = restore(options["file"], replace=options["replace"])
        except BackupError as error:
            raise CommandError(f"restore: {error}", returncode=BAD_INPUT) from None
        chain = verify()
        state = "intact" if chain.intact else f"BROKEN at {chain.problem}"
        self.stdout.write(f"restore: {summary.path}: {summary.rows:,} rows of {summary.tables} tables, made "
                          f"{summary.header['created_at']} by Accord {summary.header['accord']} on "
                          f"{summary.header['database']}; audit chain of {chain.entries} entries {state}")
