"""What is issued or adopted stays so on every path: save() and delete(), QuerySet.update() and raw SQL, which the
database's triggers refuse (on SQLite and on PostgreSQL alike), and a flush that keeps the triggers."""

import datetime as dt
import time

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accord.documents.models import Immutable, LanguageVersion, Revision
from accord.negotiation import consensus, revisions, services
from accord.negotiation.models import (
    Adoption,
    Amendment,
    AuditEntry,
    Backing,
    ProvisionStatus,
    Round,
    SilenceBreak,
    SilenceProcedure,
)
from conftest import OP27


def refused(statement, params=(), match="cannot change|append-only|adopted"):
    """``statement`` (SQL, or a callable) is refused by the database, and the test's transaction goes on."""
    with pytest.raises(IntegrityError, match=match), transaction.atomic():
        if callable(statement):
            statement()
        else:
            with connection.cursor() as cursor:
                cursor.execute(statement, params)


def test_an_issued_revision_and_its_versions_refuse_update_and_delete_on_every_path(draft):
    refused(lambda: Revision.objects.filter(pk=draft.pk).update(stage="FINAL"))
    refused("UPDATE documents_revision SET stage = 'FINAL' WHERE id = %s", [draft.pk])
    refused("DELETE FROM documents_revision WHERE id = %s", [draft.pk])
    version = draft.versions.get(language="en")
    refused(lambda: LanguageVersion.objects.filter(pk=version.pk).update(content={}))
    refused("UPDATE documents_languageversion SET source_name = 'x' WHERE id = %s", [version.pk])
    refused("DELETE FROM documents_languageversion WHERE id = %s", [version.pk])
    assert Revision.objects.get(pk=draft.pk).stage == "DRAFT"


def test_a_draft_version_can_be_changed_and_then_issued(draft, users):
    amendment = services.table(draft, users["delegate-ru"], kind="delete", provision_id="para_3")
    services.decide(amendment, users["chair"], outcome=Amendment.ACCEPTED, version=1)
    russian = revisions.issue_next_revision(draft, users["chair"]).revision.versions.get(language="ru")
    assert LanguageVersion.objects.filter(pk=russian.pk).update(stale_provisions=[]) == 1
    assert LanguageVersion.objects.filter(pk=russian.pk).update(issued_at=timezone.now()) == 1
    refused(lambda: LanguageVersion.objects.filter(pk=russian.pk).update(stale_provisions=["para_1"]))


def test_the_audit_log_is_append_only(draft, users):
    services.table(draft, users["delegate-ru"], kind="delete", provision_id=OP27)
    entry = AuditEntry.objects.get()
    entry.actor_name = "someone else"
    with pytest.raises(Immutable):
        entry.save()
    with pytest.raises(Immutable):
        entry.delete()
    refused(lambda: AuditEntry.objects.update(actor_name="someone else"))
    refused(lambda: AuditEntry.objects.all().delete())
    refused("UPDATE negotiation_auditentry SET after = NULL")
    refused("DELETE FROM negotiation_auditentry")
    assert AuditEntry.objects.get().actor_name == "delegate-ru"


@pytest.fixture
def negotiated(draft, users, later):
    """A row in every negotiation table of MM/2021/DRAFT/3: amendment, backing, round, status, a broken silence
    procedure with its break."""
    amendment = services.table(draft, users["delegate-ru"], kind="delete", provision_id=OP27)
    services.back(amendment, users["delegate-cn"], Backing.SUPPORT)
    services.set_status(draft, OP27, users["chair"], status=ProvisionStatus.BRACKETED, version=1)
    procedure = consensus.start_silence(draft, users["officer"], deadline=later(days=1))
    consensus.break_silence(procedure, users["delegate-in"], reason="OP27")
    return {model: model.objects.get() for model in (Amendment, Backing, Round, ProvisionStatus, SilenceProcedure,
                                                     SilenceBreak)}


def assert_locked(rows: dict):
    for model, row in rows.items():
        table = model._meta.db_table
        with pytest.raises(Immutable):
            row.save()
        with pytest.raises(Immutable):
            row.delete()
        refused(lambda: model.objects.filter(pk=row.pk).update(id=row.pk))
        refused(f"UPDATE {table} SET id = id WHERE id = %s", [row.pk])
        refused(f"DELETE FROM {table} WHERE id = %s", [row.pk])
        assert model.objects.filter(pk=row.pk).exists()


def test_adopted_at_a_meeting_no_row_of_the_negotiation_changes(draft, users, negotiated):
    adoption = consensus.adopt_at_meeting(draft, users["chair"], meeting="Sixth Ministerial Meeting",
                                          date=timezone.localdate())
    assert_locked({**negotiated, Adoption: adoption})
    amendment = negotiated[Amendment]
    with pytest.raises(Immutable):
        Amendment.objects.create(revision=draft, number=99, provision_id=OP27, kind="delete", label="OP27",
                                 delegation=amendment.delegation, tabled_by=users["delegate-ru"],
                                 tabled_at=timezone.now())
    refused(
        "INSERT INTO negotiation_amendment (revision_id, number, provision_id, kind, old_text, text, new_provision_id,"
        " label, delegation_id, tabled_by_id, tabled_at, status, decided_text, decision_reason, version) VALUES"
        " (%s, 99, 'para_27', 'delete', '', '', '', 'OP27', %s, %s, %s, 'tabled', '', '', 1)",
        [draft.pk, amendment.delegation_id, users["delegate-ru"].pk, timezone.now()],
    )


def test_adopted_by_silence_the_lock_holds_from_the_deadline_on_without_any_job(draft, users, negotiated):
    procedure = consensus.start_silence(
        draft, users["officer"], deadline=timezone.now() + dt.timedelta(seconds=1), now=timezone.now()
    )
    amendment = negotiated[Amendment]
    assert Amendment.objects.filter(pk=amendment.pk).update(version=amendment.version) == 1  # still open
    time.sleep(max(0.0, (procedure.deadline - timezone.now()).total_seconds()) + 0.05)
    assert procedure.outcome() == SilenceProcedure.ADOPTED
    assert_locked({**negotiated, SilenceProcedure: procedure})
    refused(
        "INSERT INTO negotiation_silencebreak (procedure_id, delegation_id, user_id, at, reason) "
        "VALUES (%s, %s, %s, %s, 'too late')",
        [procedure.pk, amendment.delegation_id, users["delegate-ru"].pk, procedure.deadline - dt.timedelta(hours=1)],
    )
