"""Tabling, co-sponsoring, supporting and withdrawing amendments; the rules of a document and of a round."""

import pytest
from django.core.exceptions import PermissionDenied

from accord.documents.services import import_file
from accord.negotiation import services
from accord.negotiation.models import Amendment, AuditEntry, Backing, NegotiationSettings, Round
from accord.negotiation.services import Conflict, Refused
from conftest import NEW_WORDS, OLD_WORDS, OP27


def table(draft, user, **fields):
    return services.table(draft, user, **fields)


def test_a_delegation_tables_each_kind_and_the_label_says_what_it_proposes(draft, users):
    replace = table(draft, users["delegate-ru"], kind="replace", provision_id=OP27, old_text=OLD_WORDS, text=NEW_WORDS)
    delete = table(draft, users["delegate-cn"], kind="delete", provision_id="para_3")
    alternative = table(draft, users["delegate-in"], kind="alternative", provision_id="para_6", text="We condemn it.")
    insert = table(draft, users["delegate-kz"], kind="insert", provision_id="para_7", text="We meet again.")
    assert [a.number for a in (replace, delete, alternative, insert)] == [1, 2, 3, 4]
    assert [a.label for a in (replace, delete, alternative, insert)] == ["OP27", "OP3", "OP6 alt", "OP7 bis"]
    assert insert.new_provision_id == "para_7bis"
    assert (replace.delegation.state.code, replace.status, replace.version) == ("RU", Amendment.TABLED, 1)
    assert Round.objects.get(revision=draft).amendments_tabled == 4
    entry = AuditEntry.objects.get(action=AuditEntry.TABLED, object_id=str(replace.pk))
    assert entry.actor == users["delegate-ru"] and entry.after["old_text"] == OLD_WORDS and entry.before is None


def test_insertions_after_one_provision_are_numbered_bis_ter_in_the_order_tabled(draft, users):
    labels = [
        table(draft, users[name], kind="insert", provision_id="para_7", text=f"New text from {name}.").label
        for name in ("delegate-ru", "delegate-cn", "delegate-in")
    ]
    assert labels == ["OP7 bis", "OP7 ter", "OP7 quater"]


def test_the_chair_tables_for_the_state_chairing_on_the_day(draft, users):
    amendment = table(draft, users["chair"], kind="delete", provision_id="para_28")
    assert amendment.delegation.state.code == "AZ"  # Azerbaijan took the Chairmanship over on 13 October 2024


@pytest.mark.parametrize("fields, problem", [
    ({"kind": "replace", "provision_id": "para_99", "old_text": "a", "text": "b"},
     "MM/2021/DRAFT/3 has no provision 'para_99'"),
    ({"kind": "replace", "provision_id": OP27, "old_text": "Chairmanship", "text": "b"},
     "'Chairmanship' does not occur in OP27"),
    ({"kind": "replace", "provision_id": OP27, "old_text": "ratify", "text": "accede to"},
     "'ratify' occurs 2 times in OP27: quote enough words to point at one"),
    ({"kind": "replace", "provision_id": OP27, "old_text": "", "text": "b"},
     "a replacement names the words it replaces"),
    ({"kind": "replace", "provision_id": OP27, "old_text": OLD_WORDS, "text": OLD_WORDS},
     "the new words are the words replaced"),
    ({"kind": "delete", "provision_id": OP27, "text": "b"}, "a deletion takes no text"),
    ({"kind": "insert", "provision_id": OP27, "text": ""},
     "an insertion or an alternative takes the whole new text, and no words replaced"),
    ({"kind": "merge", "provision_id": OP27}, "unknown kind of amendment 'merge'"),
])
def test_an_amendment_that_cannot_apply_is_refused_in_one_line_and_nothing_is_stored(draft, users, fields, problem):
    with pytest.raises(Refused) as refusal:
        table(draft, users["delegate-ru"], **fields)
    assert str(refusal.value) == problem
    assert not Amendment.objects.exists() and not AuditEntry.objects.exists()


def test_observers_table_only_when_the_document_allows_it(draft, users):
    with pytest.raises(PermissionDenied, match="Observers may not table"):
        table(draft, users["observer-tm"], kind="delete", provision_id=OP27)
    rules = services.set_settings(draft.document, users["officer"], observers_may_table=True, version=1)
    assert rules.version == 2
    amendment = table(draft, users["observer-tm"], kind="delete", provision_id=OP27)
    assert amendment.delegation.state.code == "TM"


@pytest.mark.parametrize("username", ["officer", "translator"])
def test_who_speaks_for_no_delegation_tables_nothing(draft, users, username):
    with pytest.raises(PermissionDenied, match="only a delegation"):
        table(draft, users[username], kind="delete", provision_id=OP27)


def test_tabling_after_the_round_deadline_is_refused(draft, users, later):
    round_ = services.set_tabling_deadline(draft, users["chair"], deadline=later(hours=1), version=1)
    table(draft, users["delegate-ru"], kind="delete", provision_id=OP27)
    with pytest.raises(Refused, match=r"the deadline for amendments to MM/2021/DRAFT/3 passed at 20\d\d-"):
        table(draft, users["delegate-ru"], kind="delete", provision_id="para_1", now=later(hours=2))
    assert round_.version == 2 and Amendment.objects.count() == 1


def test_a_deadline_without_time_zone_and_a_stale_version_are_refused(draft, users, later):
    with pytest.raises(Refused, match="needs a time zone"):
        services.set_tabling_deadline(draft, users["chair"], deadline=later(hours=1).replace(tzinfo=None), version=1)
    services.set_tabling_deadline(draft, users["chair"], deadline=later(hours=1), version=1)
    with pytest.raises(Conflict, match="your version 1, now 2"):
        services.set_tabling_deadline(draft, users["officer"], deadline=None, version=1)
    with pytest.raises(PermissionDenied):
        services.set_tabling_deadline(draft, users["delegate-ru"], deadline=None, version=2)


def test_a_revision_not_issued_is_not_negotiated(users):
    statement = b"SWG/2021/DRAFT/1\n\n**DRAFT STATEMENT**\n\nWe, the members,\n\n*Recalling* it,\n\n1. *Welcome* it.\n"
    (version,) = import_file(statement, "statement.md", users["officer"], issue=False)
    with pytest.raises(Refused, match="SWG/2021/DRAFT/1 is not issued"):
        table(version.revision, users["delegate-ru"], kind="delete", provision_id="para_1")


def test_a_note_verbale_has_nothing_to_amend(demo, users):
    from accord.documents.models import Revision

    with pytest.raises(Refused, match="is a note verbale"):
        table(Revision.objects.get(symbol="17-1/542"), users["delegate-ru"], kind="delete", provision_id="para_1")


def test_cosponsors_and_supporters_join_once_and_never_their_own_proposal(draft, users):
    amendment = table(draft, users["delegate-ru"], kind="delete", provision_id=OP27)
    services.back(amendment, users["delegate-cn"], Backing.COSPONSOR)
    services.back(amendment, users["delegate-in"], Backing.SUPPORT)
    assert [(b.delegation.state.code, b.kind) for b in amendment.backings.all()] == [
        ("CN", Backing.COSPONSOR), ("IN", Backing.SUPPORT)]
    with pytest.raises(Refused, match="China is already a co-sponsor of amendment 1 to MM/2021/DRAFT/3"):
        services.back(amendment, users["delegate-cn"], Backing.SUPPORT)
    with pytest.raises(Refused, match="Russia proposed amendment 1"):
        services.back(amendment, users["delegate-ru"], Backing.SUPPORT)
    with pytest.raises(PermissionDenied, match="Observers may not"):
        services.back(amendment, users["observer-tm"], Backing.SUPPORT)
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        AuditEntry.TABLED, AuditEntry.COSPONSORED, AuditEntry.SUPPORTED}


def test_only_the_proposer_withdraws_and_only_while_undecided(draft, users):
    amendment = table(draft, users["delegate-ru"], kind="delete", provision_id=OP27)
    with pytest.raises(PermissionDenied, match="only Russia, which proposed amendment 1, may withdraw it"):
        services.withdraw(amendment, users["delegate-cn"], version=1)
    services.withdraw(amendment, users["delegate-ru"], version=1)
    assert (amendment.status, amendment.version, amendment.withdrawn_at is not None) == (Amendment.WITHDRAWN, 2, True)
    with pytest.raises(Refused, match="is withdrawn: only an undecided amendment can be withdrawn"):
        services.withdraw(amendment, users["delegate-ru"], version=2)
    with pytest.raises(Refused, match="is withdrawn: it can no longer be joined"):
        services.back(amendment, users["delegate-cn"], Backing.SUPPORT)


def test_of_two_changes_from_the_same_version_the_second_gets_a_conflict_and_writes_nothing(draft, users):
    amendment = table(draft, users["delegate-ru"], kind="delete", provision_id=OP27)
    seen_by_proposer = Amendment.objects.get(pk=amendment.pk)
    services.decide(amendment, users["chair"], outcome=Amendment.NOT_ACCEPTED, reason="no support", version=1)
    with pytest.raises(Conflict, match="amendment 1 to MM/2021/DRAFT/3 has changed since you read it"):
        services.withdraw(seen_by_proposer, users["delegate-ru"], version=1)
    amendment.refresh_from_db()
    assert (amendment.status, amendment.version) == (Amendment.NOT_ACCEPTED, 2)
    assert not AuditEntry.objects.filter(action=AuditEntry.WITHDRAWN).exists()


def test_the_settings_of_a_document_default_to_members_only(draft):
    rules = services.negotiation_settings(draft.document)
    assert (rules.observers_may_table, rules.version, rules.pk) == (False, 1, None)
    assert not NegotiationSettings.objects.exists()
