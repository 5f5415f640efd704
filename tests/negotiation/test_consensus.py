"""Adoption by consensus at a meeting and by silence procedure, evaluated whenever read."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accord.negotiation import consensus, revisions, services
from accord.negotiation.models import Adoption, AuditEntry, ProvisionStatus, SilenceProcedure, is_adopted
from accord.negotiation.services import Refused
from conftest import OP27


def start(draft, users, deadline, **kwargs):
    return consensus.start_silence(draft, users["officer"], deadline=deadline, **kwargs)


def test_silence_runs_until_the_deadline_and_then_the_text_is_adopted_without_any_job(draft, users, later):
    deadline = later(days=14)
    procedure = start(draft, users, deadline)
    assert procedure.outcome() == SilenceProcedure.RUNNING and not is_adopted(draft.pk)
    assert procedure.outcome(deadline - dt.timedelta(seconds=1)) == SilenceProcedure.RUNNING
    assert procedure.outcome(deadline) == SilenceProcedure.ADOPTED
    assert is_adopted(draft.pk, deadline) and not is_adopted(draft.pk, deadline - dt.timedelta(seconds=1))
    state = consensus.adoption_state(draft, deadline + dt.timedelta(hours=1))
    assert (state.adopted, state.method, state.procedure_id) == (True, "silence", procedure.pk)
    assert state.date == timezone.localdate(deadline)
    assert consensus.adoption_state(draft).adopted is False


def test_a_member_state_breaks_silence_with_a_reason_and_the_procedure_ends_broken(draft, users, later):
    procedure = start(draft, users, later(days=14))
    breach = consensus.break_silence(procedure, users["delegate-in"], reason="OP27 needs more work")
    assert (breach.delegation.state.code, breach.reason) == ("IN", "OP27 needs more work")
    procedure.refresh_from_db()
    assert procedure.outcome() == SilenceProcedure.BROKEN
    assert procedure.outcome(later(days=30)) == SilenceProcedure.BROKEN and not is_adopted(draft.pk, later(days=30))
    with pytest.raises(Refused, match="silence on MM/2021/DRAFT/3 was already broken by India"):
        consensus.break_silence(procedure, users["delegate-cn"], reason="also")
    entry = AuditEntry.objects.get(action=AuditEntry.SILENCE_BROKEN)
    assert entry.actor == users["delegate-in"] and entry.after["reason"] == "OP27 needs more work"


def test_an_observer_cannot_break_silence(draft, users, later):
    procedure = start(draft, users, later(days=14))
    with pytest.raises(PermissionDenied, match="Turkmenistan is not a Member State on .*: only Member States may"):
        consensus.break_silence(procedure, users["observer-tm"], reason="we object")
    assert procedure.outcome() == SilenceProcedure.RUNNING


@pytest.mark.parametrize("username", ["officer", "translator"])
def test_who_speaks_for_no_state_cannot_break_silence(draft, users, later, username):
    procedure = start(draft, users, later(days=14))
    with pytest.raises(PermissionDenied):
        consensus.break_silence(procedure, users[username], reason="no")


def test_silence_cannot_be_broken_after_the_deadline_nor_without_a_reason(draft, users, later):
    deadline = later(days=14)
    procedure = start(draft, users, deadline)
    with pytest.raises(Refused, match="breaking silence needs a reason"):
        consensus.break_silence(procedure, users["delegate-in"], reason="  ")
    with pytest.raises(Refused, match="the deadline passed at .*: MM/2021/DRAFT/3 is adopted"):
        consensus.break_silence(procedure, users["delegate-in"], reason="late", now=deadline)


def test_only_the_secretariat_starts_silence_with_a_future_deadline_with_its_time_zone(draft, users, later):
    with pytest.raises(PermissionDenied, match="only the secretariat"):
        consensus.start_silence(draft, users["chair"], deadline=later(days=1))
    with pytest.raises(Refused, match="needs a time zone"):
        start(draft, users, later(days=1).replace(tzinfo=None))
    with pytest.raises(Refused, match="has already passed"):
        start(draft, users, later(days=-1))


def test_while_silence_runs_the_text_is_frozen_and_a_second_procedure_waits(draft, users, later):
    start(draft, users, later(days=14))
    for attempt in (
        lambda: services.table(draft, users["delegate-ru"], kind="delete", provision_id=OP27),
        lambda: services.set_status(draft, OP27, users["chair"], status=ProvisionStatus.AGREED, version=1),
        lambda: revisions.issue_next_revision(draft, users["chair"]),
        lambda: start(draft, users, later(days=20)),
    ):
        with pytest.raises(Refused, match="MM/2021/DRAFT/3 is under a silence procedure until"):
            attempt()


def test_after_a_broken_procedure_a_second_one_may_pass(draft, users, later):
    consensus.break_silence(start(draft, users, later(days=14)), users["delegate-in"], reason="OP27")
    second = start(draft, users, later(days=14))
    assert second.outcome(later(days=15)) == SilenceProcedure.ADOPTED


def test_adoption_at_a_meeting_records_the_consensus_and_locks_the_negotiation(draft, users):
    today = timezone.localdate()
    adoption = consensus.adopt_at_meeting(draft, users["chair"], meeting="Sixth CICA Ministerial Meeting", date=today)
    state = consensus.adoption_state(draft)
    assert (state.adopted, state.method, state.meeting, state.date) == (
        True, "consensus", "Sixth CICA Ministerial Meeting", today)
    assert AuditEntry.objects.get(action=AuditEntry.ADOPTED).after["method"] == "consensus"
    for attempt in (
        lambda: services.table(draft, users["delegate-ru"], kind="delete", provision_id=OP27),
        lambda: services.set_status(draft, OP27, users["chair"], status=ProvisionStatus.AGREED, version=1),
        lambda: revisions.issue_next_revision(draft, users["chair"]),
        lambda: consensus.start_silence(draft, users["officer"], deadline=timezone.now() + dt.timedelta(days=1)),
        lambda: consensus.adopt_at_meeting(draft, users["officer"], meeting="again", date=today),
    ):
        with pytest.raises(Refused, match="MM/2021/DRAFT/3 has been adopted: it can no longer change"):
            attempt()
    assert Adoption.objects.get() == adoption


def test_an_adoption_is_recorded_by_the_chair_or_the_secretariat_once_it_happened(draft, users):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(PermissionDenied, match="only the chair and the secretariat record an adoption"):
        consensus.adopt_at_meeting(draft, users["delegate-ru"], meeting="SOC", date=timezone.localdate())
    with pytest.raises(Refused, match="recorded once it has happened"):
        consensus.adopt_at_meeting(draft, users["officer"], meeting="SOC", date=tomorrow)
    with pytest.raises(Refused, match="name the meeting"):
        consensus.adopt_at_meeting(draft, users["officer"], meeting=" ", date=timezone.localdate())
