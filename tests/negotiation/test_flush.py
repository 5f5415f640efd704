"""Emptying the whole database (`accord flush`, and the test suite between live-server tests) is not a change the
locks refuse: it works, and the triggers are still there afterwards. On SQLite this is accord.project.sqlite3's flush;
PostgreSQL's TRUNCATE never meets row triggers."""

import io

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.utils import timezone

from accord.documents.models import Revision
from accord.negotiation import consensus
from accord.negotiation.models import Adoption, AuditEntry
from accord.registry.models import User


def adopt_the_draft():
    call_command("demo", stdout=io.StringIO())
    draft, chair = Revision.objects.get(symbol="MM/2021/DRAFT/3"), User.objects.get(username="chair")
    consensus.adopt_at_meeting(draft, chair, meeting="Sixth Ministerial Meeting", date=timezone.localdate())


def test_a_flush_empties_the_locked_tables_and_keeps_their_triggers(transactional_db):
    adopt_the_draft()
    call_command("flush", interactive=False, verbosity=0)
    assert not Revision.objects.exists() and not Adoption.objects.exists() and not AuditEntry.objects.exists()
    adopt_the_draft()
    for change in (lambda: Revision.objects.update(stage="FINAL"), lambda: Adoption.objects.update(meeting="x"),
                   lambda: AuditEntry.objects.update(actor_name="x")):
        with pytest.raises(IntegrityError), transaction.atomic():
            change()
