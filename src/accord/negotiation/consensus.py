"""Adoption by consensus: at a meeting, or by silence procedure.

* At a meeting, the chair or the secretariat records that the revision was adopted by consensus (no Member State
  objected), with the meeting and its date.
* The secretariat starts a silence procedure on the latest issued revision with a time-zone-aware deadline. Until
  then any Member State (its status on the day it objects) may break silence, with a reason; an Observer cannot.
  The procedure's outcome is evaluated whenever it is read (:meth:`SilenceProcedure.outcome`): broken, else adopted
  once the deadline has passed, else running. No scheduled job is involved, so nothing depends on one running.

An adopted revision is locked (see :mod:`.models`): no amendment, mark, decision, next revision or other procedure.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.documents.models import Revision
from accord.registry.models import User

from . import audit, permissions
from .models import Adoption, AuditEntry, SilenceBreak, SilenceProcedure, passed_procedures
from .services import Conflict, Refused, check_aware, clean_text, moment, open_round


@transaction.atomic
def start_silence(revision: Revision, user: User, *, deadline: dt.datetime,
                  now: dt.datetime | None = None) -> SilenceProcedure:
    """Circulate ``revision`` for adoption unless silence is broken before ``deadline``."""
    now = now or timezone.now()
    permissions.check_starts_silence(user)
    check_aware(deadline)
    if deadline <= now:
        raise Refused(_("the deadline %(deadline)s has already passed") % {"deadline": moment(deadline)})
    open_round(revision, now)
    procedure = SilenceProcedure.objects.create(revision=revision, deadline=deadline, started_by=user, started_at=now)
    audit.record(user, AuditEntry.SILENCE_STARTED, procedure, after={"revision": revision.symbol, "deadline": deadline})
    return procedure


@transaction.atomic
def break_silence(procedure: SilenceProcedure, user: User, *, reason: str,
                  now: dt.datetime | None = None) -> SilenceBreak:
    """A Member State objects before the deadline: the procedure ends broken. Only the first objection counts."""
    now = now or timezone.now()
    delegation = permissions.silence_breaking_delegation(user, timezone.localdate(now))
    procedure = SilenceProcedure.objects.select_for_update().select_related("revision").get(pk=procedure.pk)
    values = {"symbol": procedure.revision.symbol, "deadline": moment(procedure.deadline)}
    outcome = procedure.outcome(now)
    if outcome == SilenceProcedure.BROKEN:
        raise Refused(
            _("silence on %(symbol)s was already broken by %(state)s")
            % {**values, "state": permissions.named(procedure.breach.delegation)}
        )
    if outcome == SilenceProcedure.ADOPTED:
        raise Refused(_("the deadline passed at %(deadline)s: %(symbol)s is adopted") % values)
    reason = clean_text(reason, _("the reason"))
    if not reason:
        raise Refused(_("breaking silence needs a reason"))
    try:
        with transaction.atomic():
            breach = SilenceBreak.objects.create(procedure=procedure, delegation=delegation, user=user, at=now,
                                                 reason=reason)
    except IntegrityError:
        raise Conflict(
            _("silence on %(symbol)s was broken by another delegation at the same moment") % values
        ) from None
    audit.record(user, AuditEntry.SILENCE_BROKEN, procedure,
                 after={"delegation": delegation.state.code, "at": now, "reason": reason})
    return breach


@transaction.atomic
def adopt_at_meeting(revision: Revision, user: User, *, meeting: str, date: dt.date,
                     now: dt.datetime | None = None) -> Adoption:
    """Record that ``revision`` was adopted by consensus at ``meeting`` on ``date`` (not later than today)."""
    now = now or timezone.now()
    permissions.check_records_adoption(user)
    meeting = clean_text(meeting, _("the meeting"))[:200]
    if not meeting:
        raise Refused(_("name the meeting that adopted the text"))
    if date > timezone.localdate(now):
        raise Refused(_("an adoption is recorded once it has happened, not for %(date)s") % {"date": date})
    open_round(revision, now)
    adoption = Adoption.objects.create(revision=revision, meeting=meeting, date=date, recorded_by=user,
                                       recorded_at=now)
    audit.record(user, AuditEntry.ADOPTED, adoption,
                 after={"revision": revision.symbol, "method": "consensus", "meeting": meeting, "date": date})
    return adoption


@dataclass
class AdoptionState:
    """Whether a revision is adopted and how: ``method`` is "consensus" (at a meeting) or "silence"."""

    adopted: bool
    method: str | None = None
    date: dt.date | None = None
    meeting: str | None = None
    procedure_id: int | None = None


def adoption_state(revision: Revision, now: dt.datetime | None = None) -> AdoptionState:
    """How ``revision`` stands at ``now``, evaluated from the records (see :func:`.models.is_adopted`)."""
    adoption = Adoption.objects.filter(revision=revision).first()
    if adoption is not None:
        return AdoptionState(True, "consensus", adoption.date, adoption.meeting)
    procedure = passed_procedures(now).filter(revision=revision).order_by("deadline").first()
    if procedure is not None:
        return AdoptionState(True, "silence", timezone.localdate(procedure.deadline), procedure_id=procedure.pk)
    return AdoptionState(False)
