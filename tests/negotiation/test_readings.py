"""The chair's readings: marks on provisions, numbered options, decisions with their reasons."""

import pytest
from django.core.exceptions import PermissionDenied

from accord.negotiation import services
from accord.negotiation.models import Amendment, AuditEntry, ProvisionStatus
from accord.negotiation.services import Conflict, Refused
from conftest import NEW_WORDS, OLD_WORDS, OP27


@pytest.fixture
def replacement(draft, users):
    return services.table(draft, users["delegate-ru"], kind="replace", provision_id=OP27, old_text=OLD_WORDS,
                          text=NEW_WORDS)


def test_the_chair_marks_a_provision_and_each_mark_is_audited(draft, users):
    row = services.set_status(draft, OP27, users["chair"], status=ProvisionStatus.AD_REFERENDUM, version=1)
    row = services.set_status(draft, OP27, users["chair"], status=ProvisionStatus.AGREED, version=row.version)
    assert (row.status, row.version) == (ProvisionStatus.AGREED, 3)
    marks = AuditEntry.objects.filter(action=AuditEntry.STATUS_SET).order_by("sequence")
    assert [(e.before["status"], e.after["status"]) for e in marks] == [
        ("pending", "agreed_ad_ref"), ("agreed_ad_ref", "agreed")]


@pytest.mark.parametrize("username", ["delegate-ru", "officer", "observer-tm", "translator"])
def test_only_the_chair_marks_and_decides(draft, users, replacement, username):
    with pytest.raises(PermissionDenied, match="only the chair"):
        services.set_status(draft, OP27, users[username], status=ProvisionStatus.AGREED, version=1)
    with pytest.raises(PermissionDenied, match="only the chair"):
        services.decide(replacement, users[username], outcome=Amendment.ACCEPTED, version=1)


def test_marking_an_unknown_provision_or_with_a_stale_version_is_refused(draft, users):
    with pytest.raises(Refused, match="has no provision 'para_99'"):
        services.set_status(draft, "para_99", users["chair"], status=ProvisionStatus.AGREED, version=1)
    services.set_status(draft, OP27, users["chair"], status=ProvisionStatus.BRACKETED, version=1)
    with pytest.raises(Conflict, match="the status of OP27 has changed since you read it"):
        services.set_status(draft, OP27, users["chair"], status=ProvisionStatus.AGREED, version=1)
    assert ProvisionStatus.objects.get(provision_id=OP27).status == ProvisionStatus.BRACKETED


def test_decisions_keep_their_reason_and_the_modified_text(draft, users, replacement):
    services.decide(replacement, users["chair"], outcome=Amendment.MODIFIED, text="without delay",
                    reason="closer to the agreed language", version=1)
    assert (replacement.status, replacement.decided_text, replacement.decision_reason) == (
        Amendment.MODIFIED, "without delay", "closer to the agreed language")
    assert replacement.adopted_text == "without delay" and replacement.decided_by == users["chair"]
    services.decide(replacement, users["chair"], outcome=Amendment.NOT_ACCEPTED, reason="objection", version=2)
    assert (replacement.status, replacement.decided_text) == (Amendment.NOT_ACCEPTED, "")
    decisions = AuditEntry.objects.filter(action=AuditEntry.DECIDED).order_by("sequence")
    assert [(e.before["status"], e.after["status"], e.after["reason"]) for e in decisions] == [
        ("tabled", "modified", "closer to the agreed language"), ("modified", "not_accepted", "objection")]


@pytest.mark.parametrize("kind, decision, problem", [
    ("delete", {"outcome": Amendment.MODIFIED, "text": "x"}, "a deletion is accepted or not accepted, not modified"),
    ("alternative", {"outcome": Amendment.MODIFIED}, "accepting as modified needs the modified text"),
    ("alternative", {"outcome": Amendment.ACCEPTED, "text": "x"}, "only a decision to accept as modified takes a text"),
    ("alternative", {"outcome": "postponed"}, "unknown decision 'postponed'"),
])
def test_a_decision_that_does_not_fit_the_amendment_is_refused(draft, users, kind, decision, problem):
    fields = {"text": "We agree."} if kind == "alternative" else {}
    amendment = services.table(draft, users["delegate-ru"], kind=kind, provision_id=OP27, **fields)
    with pytest.raises(Refused) as refusal:
        services.decide(amendment, users["chair"], version=1, **decision)
    assert str(refusal.value) == problem
    amendment.refresh_from_db()
    assert amendment.status == Amendment.TABLED


def test_accepting_a_second_rewrite_of_the_same_provision_is_refused(draft, users):
    first = services.table(draft, users["delegate-ru"], kind="alternative", provision_id=OP27, text="First.")
    second = services.table(draft, users["delegate-cn"], kind="alternative", provision_id=OP27, text="Second.")
    services.decide(first, users["chair"], outcome=Amendment.ACCEPTED, version=1)
    with pytest.raises(Refused, match="amendment 2 and amendment 1 both change OP27"):
        services.decide(second, users["chair"], outcome=Amendment.ACCEPTED, version=1)
    second.refresh_from_db()
    assert second.status == Amendment.TABLED


def test_a_withdrawn_amendment_is_not_decided(draft, users, replacement):
    services.withdraw(replacement, users["delegate-ru"], version=1)
    with pytest.raises(Refused, match="has been withdrawn"):
        services.decide(replacement, users["chair"], outcome=Amendment.ACCEPTED, version=2)


def test_the_chair_numbers_competing_proposals_as_options(draft, users):
    numbers = [
        services.table(draft, users[name], kind="alternative", provision_id="para_6", text=f"Text of {name}.").number
        for name in ("delegate-ru", "delegate-cn", "delegate-in")
    ]
    insertion = services.table(draft, users["delegate-ru"], kind="insert", provision_id="para_6", text="New.")
    row = services.set_options(draft, "para_6", users["chair"], numbers=[numbers[2], numbers[0]], version=1)
    assert (row.options, row.version) == ([3, 1], 2)
    with pytest.raises(Refused, match="options are two or more different amendments"):
        services.set_options(draft, "para_6", users["chair"], numbers=[1], version=2)
    with pytest.raises(Refused, match=f"amendment {insertion.number} is not a live proposal on OP6"):
        services.set_options(draft, "para_6", users["chair"], numbers=[1, insertion.number], version=2)
    assert services.set_options(draft, "para_6", users["chair"], numbers=[], version=2).options == []
