"""The audit log: every action appended with actor, time, before and after, chained by hash; `accord audit verify`
finds the first entry that no longer holds."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from accord.negotiation import audit, consensus, revisions, services
from accord.negotiation.models import Amendment, AuditEntry, Backing
from conftest import NEW_WORDS, OLD_WORDS, OP27


@pytest.fixture
def history(draft, users, later):
    """A negotiation from tabling to a broken silence procedure."""
    amendment = services.table(draft, users["delegate-ru"], kind="replace", provision_id=OP27, old_text=OLD_WORDS,
                               text=NEW_WORDS)
    services.back(amendment, users["delegate-cn"], Backing.SUPPORT)
    services.set_status(draft, OP27, users["chair"], status="agreed_ad_ref", version=1)
    services.decide(amendment, users["chair"], outcome=Amendment.ACCEPTED, version=1)
    draft4 = revisions.issue_next_revision(draft, users["chair"]).revision
    russian = draft4.versions.get(language="ru")
    revisions.update_translation(russian, OP27, "Новый текст.", users["translator"])
    procedure = consensus.start_silence(draft4, users["officer"], deadline=later(days=14))
    consensus.break_silence(procedure, users["delegate-in"], reason="OP27")
    return AuditEntry.objects.order_by("sequence")


def test_every_action_is_an_entry_chained_to_the_one_before(history):
    assert [entry.action for entry in history] == [
        "tabled", "supported", "status_set", "decided", "revision_issued", "translation_updated", "silence_started",
        "silence_broken"]
    assert [entry.sequence for entry in history] == list(range(1, 9))
    assert history[0].previous_hash == audit.GENESIS
    assert all(later.previous_hash == earlier.hash for earlier, later in zip(history, history[1:]))
    assert all(entry.hash == audit.entry_hash(entry) for entry in history)
    decided = history.get(action="decided")
    assert (decided.actor_name, decided.before["status"], decided.after["status"]) == ("chair", "tabled", "accepted")
    assert audit.verify() == audit.Verification(entries=8, intact=True)


def tamper(sql: str, params=()):
    """What only someone who can switch the database's triggers off could do; undone with the test's transaction."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # no trigger fires until rollback
        else:
            cursor.execute("DROP TRIGGER negotiation_auditentry_append_only_update")
            cursor.execute("DROP TRIGGER negotiation_auditentry_append_only_delete")
        cursor.execute(sql, params)


@pytest.mark.parametrize("sql, entries, broken, problem", [
    ("UPDATE negotiation_auditentry SET actor_name = 'observer-tm' WHERE sequence = 4",
     8, 4, "entry #4 (decided): its content no longer matches its hash"),
    ("DELETE FROM negotiation_auditentry WHERE sequence = 3",
     7, 4, "entry #4 (decided): comes after #2: the entries between are missing"),
    ("UPDATE negotiation_auditentry SET previous_hash = hash WHERE sequence = 6",
     8, 6, "entry #6 (translation_updated): does not carry the hash of the entry before it"),
])
def test_a_changed_or_missing_entry_breaks_the_chain_where_it_is(history, sql, entries, broken, problem):
    tamper(sql)
    assert audit.verify() == audit.Verification(entries, intact=False, first_broken=broken, problem=problem)


def test_accord_audit_verify_exits_0_when_the_chain_holds_and_1_naming_the_first_broken_entry(history):
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert out.getvalue().strip() == "audit: 8 entries, chain intact"
    tamper("UPDATE negotiation_auditentry SET object_repr = 'something else' WHERE sequence = 2")
    with pytest.raises(CommandError) as failure:
        call_command("audit", "verify")
    assert failure.value.returncode == 1
    assert str(failure.value) == "audit: chain broken at entry #2 (supported): its content no longer matches its hash"


def test_an_empty_log_holds(db):
    assert audit.verify() == audit.Verification(entries=0, intact=True)
