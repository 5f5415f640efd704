"""``accord audit verify``: recompute the audit log's hash chain.

Prints how many entries hold; exit status 0 when the whole chain holds, 1 naming the first entry that does not (its
sequence number, its action and what is wrong: an entry missing before it, a broken link, content changed).
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from accord.negotiation.audit import verify

BROKEN = 1


class Command(BaseCommand):
    help = "Check the audit log: `accord audit verify` recomputes its hash chain (exit 1 at the first broken entry)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args, **options):
        result = verify()
        if not result.intact:
            raise CommandError(f"audit: chain broken at {result.problem}", returncode=BROKEN)
        self.stdout.write(f"audit: {result.entries} entries, chain intact")
