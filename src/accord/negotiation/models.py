"""Negotiating a text until it is adopted: the rules of each document, amendments and what delegations do with them,
the chair's readings, adoption by consensus or by silence procedure, and the audit log of all of it.

* :class:`NegotiationSettings`: who may table amendments to a document (Member States; Observers if it allows).
* :class:`Round`: the amendment round on one issued revision: its tabling deadline, and the counter that numbers
  its amendments (the row tabling locks, so that numbers stay unique under concurrent tabling).
* :class:`Amendment`: a proposal by one delegation against one provision of an issued revision, with the chair's
  decision on it; :class:`Backing`: a delegation co-sponsoring or supporting it.
* :class:`ProvisionStatus`: the chair's mark on a provision, and the numbered options competing proposals form.
* :class:`SilenceProcedure` with at most one :class:`SilenceBreak`, and :class:`Adoption` at a meeting: how a
  revision comes to be adopted. Whether it is, is computed when asked (:func:`is_adopted`), never by a job.
* :class:`AuditEntry`: the append-only, hash-chained log of every action.

Mutable rows (settings, rounds, amendments, statuses) carry a ``version`` that every change compares and increments
in one UPDATE (see :mod:`.services`), so the second of two concurrent changes fails instead of overwriting the first.

Once a revision is adopted nothing of its negotiation changes: :meth:`~NegotiationRecord.save` and ``delete()``
raise :class:`~accord.documents.models.Immutable`, and database triggers (migration ``0002_locks``) refuse the
INSERT, UPDATE or DELETE that any other path (``QuerySet.update()``, raw SQL, another program) would make. Audit
entries are refused any change at all, the same two ways.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.documents.models import Document, Immutable, Revision
from accord.registry.models import Delegation

from . import editing


def is_adopted(revision_id: int, now: dt.datetime | None = None) -> bool:
    """Whether the revision has been adopted by ``now``: at a meeting, or by a silence procedure whose deadline has
    passed without a break. The migration's triggers compute the same condition in SQL."""
    adopted = models.Exists(Adoption.objects.filter(revision_id=revision_id)) | models.Exists(
        passed_procedures(now).filter(revision_id=revision_id)
    )
    return Revision.objects.filter(adopted, pk=revision_id).exists()


def passed_procedures(now: dt.datetime | None = None) -> models.QuerySet[SilenceProcedure]:
    """The silence procedures that ended by ``now`` with their text adopted: deadline reached, silence unbroken."""
    return SilenceProcedure.objects.filter(deadline__lte=now or timezone.now()).exclude(
        silence_break__at__lt=models.F("deadline")
    )


class NegotiationRecord(models.Model):
    """A row of a revision's negotiation, frozen once the revision is adopted."""

    class Meta:
        abstract = True

    def locking_revision_id(self) -> int:
        return self.revision_id

    def save(self, *args, **kwargs):
        if is_adopted(self.locking_revision_id()):
            raise Immutable(f"{self._meta.verbose_name} of an adopted revision cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if is_adopted(self.locking_revision_id()):
            raise Immutable(f"{self._meta.verbose_name} of an adopted revision cannot be deleted")
        return super().delete(*args, **kwargs)


class NegotiationSettings(models.Model):
    """The negotiation rules of a document; a document without a row has the defaults (Member States only)."""

    document = models.OneToOneField(Document, on_delete=models.CASCADE, related_name="negotiation_settings")
    observers_may_table = models.BooleanField(
        _("Observers may table amendments"), default=False,
        help_text=_("Off: only Member States table, co-sponsor and support amendments."),
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("negotiation settings")
        verbose_name_plural = _("negotiation settings")

    def __str__(self) -> str:
        return str(self.document)


class Round(NegotiationRecord):
    """The amendment round on an issued revision.

    ``amendments_tabled`` is the last number given: tabling locks this row (``select_for_update``) to take the next
    one, so numbers are unique and gapless whatever the concurrency. ``version`` counts changes of the deadline only.
    """

    revision = models.OneToOneField(Revision, on_delete=models.PROTECT, related_name="round")
    tabling_deadline = models.DateTimeField(_("tabling deadline"), null=True, blank=True)
    amendments_tabled = models.PositiveIntegerField(_("amendments tabled"), default=0)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("round of amendments")
        verbose_name_plural = _("rounds of amendments")

    def __str__(self) -> str:
        return str(self.revision)


class Amendment(NegotiationRecord):
    """A delegation's proposal against one provision of an issued revision.

    ``provision_id`` is the provision's id in the revision (``para_27``); an insertion goes after it and creates
    ``new_provision_id`` (``para_7bis``). ``old_text`` is the words a replacement replaces; ``text`` is the new
    words, the inserted provision or the alternative, in the document's master language. ``label`` is how the
    proposal is cited: ``OP27``, ``OP7 bis``, ``OP6 alt``.
    """

    REPLACE = editing.REPLACE
    DELETE = editing.DELETE
    INSERT = editing.INSERT
    ALTERNATIVE = editing.ALTERNATIVE
    KINDS = [
        (REPLACE, _("replace words")),
        (DELETE, _("delete")),
        (INSERT, _("insert a new provision")),
        (ALTERNATIVE, _("alternative")),
    ]

    TABLED = "tabled"
    WITHDRAWN = "withdrawn"
    ACCEPTED = "accepted"
    MODIFIED = "modified"
    NOT_ACCEPTED = "not_accepted"
    STATUSES = [
        (TABLED, _("tabled")),
        (WITHDRAWN, _("withdrawn")),
        (ACCEPTED, _("accepted")),
        (MODIFIED, _("accepted as modified")),
        (NOT_ACCEPTED, _("not accepted")),
    ]
    DECISIONS = (ACCEPTED, MODIFIED, NOT_ACCEPTED)

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="amendments")
    number = models.PositiveIntegerField(_("number"))
    provision_id = models.CharField(_("provision"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS)
    old_text = models.TextField(_("words replaced"), blank=True)
    text = models.TextField(_("proposed text"), blank=True)
    new_provision_id = models.CharField(_("new provision"), max_length=110, blank=True)
    label = models.CharField(_("label"), max_length=120)
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="amendments")
    tabled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    tabled_at = models.DateTimeField(_("tabled"))
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=TABLED)
    decided_text = models.TextField(_("text as modified"), blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["revision", "number"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "number"], name="one_amendment_per_number"),
            models.UniqueConstraint(
                fields=["revision", "new_provision_id"], condition=~models.Q(new_provision_id=""),
                name="one_insertion_per_new_provision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.revision} No. {self.number} ({self.label})"

    @property
    def is_live(self) -> bool:
        return self.status != self.WITHDRAWN

    @property
    def is_accepted(self) -> bool:
        return self.status in (self.ACCEPTED, self.MODIFIED)

    @property
    def adopted_text(self) -> str:
        """The text the decision puts in the next revision: the modified text if the chair modified it."""
        return self.decided_text if self.status == self.MODIFIED else self.text


class Backing(NegotiationRecord):
    """A delegation joining an amendment: as co-sponsor (named with the proposer) or as supporter."""

    COSPONSOR = "cosponsor"
    SUPPORT = "support"
    KINDS = [(COSPONSOR, _("co-sponsor")), (SUPPORT, _("supporter"))]

    amendment = models.ForeignKey(Amendment, on_delete=models.PROTECT, related_name="backings")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=20, choices=KINDS)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("joined"))

    class Meta:
        verbose_name = _("backing")
        verbose_name_plural = _("backings")
        ordering = ["amendment", "at", "id"]
        constraints = [models.UniqueConstraint(fields=["amendment", "delegation"], name="one_backing_per_delegation")]

    def locking_revision_id(self) -> int:
        return self.amendment.revision_id


class ProvisionStatus(NegotiationRecord):
    """The chair's mark on one provision of a revision (pending until marked), and the options: the numbers of the
    competing amendments on it, in the order the chair numbered them (option 1 first)."""

    PENDING = "pending"
    BRACKETED = "bracketed"
    AD_REFERENDUM = "agreed_ad_ref"
    AGREED = "agreed"
    STATUSES = [
        (PENDING, _("pending")),
        (BRACKETED, _("bracketed")),
        (AD_REFERENDUM, _("agreed ad referendum")),
        (AGREED, _("agreed")),
    ]

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="provision_statuses")
    provision_id = models.CharField(_("provision"), max_length=100)
    status = models.CharField(_("status"), max_length=20, choices=STATUSES, default=PENDING)
    options = models.JSONField(_("options"), default=list, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField(_("updated"))
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("provision status")
        verbose_name_plural = _("provision statuses")
        constraints = [models.UniqueConstraint(fields=["revision", "provision_id"], name="one_status_per_provision")]

    def __str__(self) -> str:
        return f"{self.revision} {self.provision_id}: {self.get_status_display()}"


class SilenceProcedure(NegotiationRecord):
    """A revision circulated for adoption by silence: adopted at ``deadline`` unless a Member State breaks silence
    before it. The outcome is :meth:`outcome`, evaluated when asked."""

    RUNNING = "running"
    ADOPTED = "adopted"
    BROKEN = "broken"
    OUTCOMES = [(RUNNING, _("running")), (ADOPTED, _("adopted")), (BROKEN, _("broken"))]

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="silence_procedures")
    deadline = models.DateTimeField(_("deadline"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(_("started"))

    class Meta:
        verbose_name = _("silence procedure")
        verbose_name_plural = _("silence procedures")
        ordering = ["revision", "started_at", "id"]

    def __str__(self) -> str:
        return f"{self.revision} ({self.deadline:%Y-%m-%d %H:%M %Z})"

    @property
    def breach(self) -> SilenceBreak | None:
        try:
            return self.silence_break
        except ObjectDoesNotExist:
            return None

    def outcome(self, now: dt.datetime | None = None) -> str:
        """Broken if silence was broken before the deadline; else adopted from the deadline on; else running."""
        breach = self.breach
        if breach is not None and breach.at < self.deadline:
            return self.BROKEN
        return self.ADOPTED if (now or timezone.now()) >= self.deadline else self.RUNNING


class SilenceBreak(NegotiationRecord):
    """A Member State's objection, which ends the procedure; only the first one is recorded."""

    procedure = models.OneToOneField(SilenceProcedure, on_delete=models.PROTECT, related_name="silence_break")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("broken"))
    reason = models.TextField(_("reason"))

    class Meta:
        verbose_name = _("break of silence")
        verbose_name_plural = _("breaks of silence")

    def locking_revision_id(self) -> int:
        return self.procedure.revision_id


class Adoption(NegotiationRecord):
    """Adoption of a revision by consensus at a meeting: no Member State objected."""

    revision = models.OneToOneField(Revision, on_delete=models.PROTECT, related_name="adoption")
    meeting = models.CharField(_("meeting"), max_length=200)
    date = models.DateField(_("date"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")

    def __str__(self) -> str:
        return f"{self.revision}: {self.meeting}, {self.date}"


class AuditEntry(models.Model):
    """One action, appended to the log and chained: ``hash`` is the SHA-256 of the entry's fields and of
    ``previous_hash``, the hash of the entry before it (see :mod:`.audit`). Never changed, never deleted."""

    TABLED = "tabled"
    WITHDRAWN = "withdrawn"
    COSPONSORED = "cosponsored"
    SUPPORTED = "supported"
    STATUS_SET = "status_set"
    OPTIONS_SET = "options_set"
    DECIDED = "decided"
    REVISION_ISSUED = "revision_issued"
    TRANSLATION_UPDATED = "translation_updated"
    SILENCE_STARTED = "silence_started"
    SILENCE_BROKEN = "silence_broken"
    ADOPTED = "adopted"
    SETTINGS_CHANGED = "settings_changed"
    DEADLINE_SET = "deadline_set"
    VERSION_APPROVED = "version_approved"
    VERSION_ISSUED = "version_issued"
    ACTIONS = [
        (TABLED, _("amendment tabled")),
        (WITHDRAWN, _("amendment withdrawn")),
        (COSPONSORED, _("amendment co-sponsored")),
        (SUPPORTED, _("amendment supported")),
        (STATUS_SET, _("provision status set")),
        (OPTIONS_SET, _("options numbered")),
        (DECIDED, _("amendment decided")),
        (REVISION_ISSUED, _("revision issued")),
        (TRANSLATION_UPDATED, _("translation updated")),
        (SILENCE_STARTED, _("silence procedure started")),
        (SILENCE_BROKEN, _("silence broken")),
        (ADOPTED, _("adopted at a meeting")),
        (SETTINGS_CHANGED, _("negotiation settings changed")),
        (DEADLINE_SET, _("tabling deadline set")),
        (VERSION_APPROVED, _("language version approved")),
        (VERSION_ISSUED, _("language version issued")),
    ]

    sequence = models.PositiveBigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    actor_name = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=30, choices=ACTIONS)
    object_type = models.CharField(_("object type"), max_length=50)
    object_id = models.CharField(_("object"), max_length=50)
    object_repr = models.CharField(_("object described"), max_length=300)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    previous_hash = models.CharField(_("previous entry's hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["sequence"]

    def __str__(self) -> str:
        return f"#{self.sequence} {self.at:%Y-%m-%d %H:%M:%S} {self.actor_name} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise Immutable(f"audit entry #{self.sequence} cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise Immutable(f"audit entry #{self.sequence} cannot be deleted")


class AuditLock(models.Model):
    """The single row every append to the audit log locks first, so that entries chain one after the other even
    when transactions append at the same moment (a lock on the last entry would not see one inserted meanwhile)."""

    class Meta:
        verbose_name = _("audit lock")
        verbose_name_plural = _("audit lock")
