"""What delegations and the chair do during a round of amendments: the rules of a document, tabling, withdrawing,
co-sponsoring and supporting amendments, the chair's marks on provisions, options and decisions.

Every function takes the acting user and:

* checks what the user may do (:mod:`.permissions`: :class:`PermissionDenied`);
* refuses with :class:`Refused` what the negotiation's state or the input does not allow, in one line in the
  interface language: a revision not issued, superseded, adopted or under silence procedure, a passed deadline, an
  unknown provision, words that do not occur;
* for a change of a mutable row, takes the ``version`` of it the user saw and raises :class:`Conflict` if the row
  has changed since (compared and incremented in one UPDATE, so two concurrent changes never both succeed);
* writes in one transaction, whose last write is the audit entry (:func:`.audit.record`).

``now`` defaults to the current time; tests pass it to act at a given moment.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.documents.models import Document, Revision
from accord.registry.models import User
from accord.text import Declaration

from . import audit, editing, permissions
from .models import (
    Amendment,
    AuditEntry,
    Backing,
    NegotiationSettings,
    ProvisionStatus,
    Round,
    is_adopted,
)

MAX_TEXT = 20_000  # characters of a proposed text: a long paragraph is a few thousand


class Refused(ValueError):
    """An action that the state of the negotiation or the input does not allow; ``str()`` is one line."""


class Conflict(Refused):
    """The row was changed by someone else since the user read it: nothing was written; reload and decide again."""


def moment(value: dt.datetime) -> str:
    """A time as messages show it: in the forum's time zone, with its offset (``2021-09-01T18:00+06:00``)."""
    return timezone.localtime(value).isoformat(timespec="minutes")


def master_text(revision: Revision) -> Declaration:
    """The revision's text in its document's master language, the text amendments are made against."""
    version = revision.versions.filter(language=revision.document.master_language).first()
    if version is None:
        raise Refused(
            _("%(symbol)s has no version in its master language '%(language)s'")
            % {"symbol": revision.symbol, "language": revision.document.master_language}
        )
    text = version.text()
    if not isinstance(text, Declaration):
        raise Refused(_("%(symbol)s is a note verbale: it has no provisions to amend") % {"symbol": revision.symbol})
    return text


def locate(declaration: Declaration, revision: Revision, provision_id: str) -> editing.Located:
    located = editing.locate(declaration, provision_id)
    if located is None:
        raise Refused(
            _("%(symbol)s has no provision '%(provision)s'") % {"symbol": revision.symbol, "provision": provision_id}
        )
    return located


def open_round(revision: Revision, now: dt.datetime) -> Round:
    """The revision's round, locked until the transaction ends, once the revision is found open to change.

    Every change to a revision's negotiation queues on this lock, so none acts on a state another is changing (a
    decision while the next revision is issued, a withdrawal while the text is adopted). Refused: a revision that is
    not issued, has been superseded or adopted, or is out for adoption under a silence procedure.
    """
    round_ = Round.objects.select_for_update().get_or_create(revision=revision)[0]
    _check_open(revision, now)
    return round_


def _check_open(revision: Revision, now: dt.datetime) -> None:
    reason = closed_reason(revision, now)
    if reason is not None:
        raise Refused(reason)


def closed_reason(revision: Revision, now: dt.datetime) -> str | None:
    """Why ``revision`` cannot change at ``now``, in one line; None when it is open to negotiation."""
    values = {"symbol": revision.symbol}
    if not revision.is_issued:
        return _("%(symbol)s is not issued: only issued revisions are negotiated") % values
    later = revision.document.revisions.filter(sequence__gt=revision.sequence).order_by("sequence").first()
    if later is not None:
        return _("%(symbol)s has been superseded by %(later)s") % {**values, "later": later.symbol}
    if is_adopted(revision.pk, now):
        return _("%(symbol)s has been adopted: it can no longer change") % values
    running = revision.silence_procedures.filter(deadline__gt=now, silence_break__isnull=True).first()
    if running is not None:
        return _("%(symbol)s is under a silence procedure until %(deadline)s") % {
            **values, "deadline": moment(running.deadline)
        }
    return None


def _conflict(what: str, yours: int, current: int) -> Conflict:
    return Conflict(
        _("%(what)s has changed since you read it (your version %(yours)s, now %(current)s): reload it")
        % {"what": what, "yours": yours, "current": current}
    )


def expect_version(row: models.Model, version: int, what: str) -> None:
    if row.version != version:
        raise _conflict(what, version, row.version)


def swap(row: models.Model, version: int, what: str, **changes) -> None:
    """Write ``changes`` to ``row`` if it is still at ``version``, and increment the version, in one UPDATE; else
    :class:`Conflict` (another change got there first). ``row`` is refreshed either way."""
    expect_version(row, version, what)
    updated = type(row).objects.filter(pk=row.pk, version=version).update(version=F("version") + 1, **changes)
    row.refresh_from_db()
    if not updated:
        raise _conflict(what, version, row.version)


def check_aware(deadline: dt.datetime) -> None:
    """Refuse a deadline without a time zone: delegations in many time zones must read the same moment."""
    if timezone.is_naive(deadline):
        raise Refused(_("the deadline needs a time zone, such as 2021-09-01T18:00+06:00"))


# What no text may hold: U+0000, which PostgreSQL cannot store, and halves of surrogate pairs, which are no characters
# and cannot be written as UTF-8 (a JSON body may spell either, "\u0000" or "\ud800"; an XLIFF file as <cp>).
_UNSTORABLE_RE = re.compile("[\x00\ud800-\udfff]")


def clean_text(text: str, what: str) -> str:
    text = (text or "").strip()
    if len(text) > MAX_TEXT:
        raise Refused(_("%(what)s is longer than %(limit)d characters") % {"what": what, "limit": MAX_TEXT})
    if _UNSTORABLE_RE.search(text):
        raise Refused(_("%(what)s holds a character that cannot be stored (U+0000, or half of a surrogate pair)")
                      % {"what": what})
    return text


# Rules ------------------------------------------------------------------------------------------------------------


def negotiation_settings(document: Document) -> NegotiationSettings:
    """The document's rules: its row, or the defaults (version 1, as the row is created) when none was set."""
    return NegotiationSettings.objects.filter(document=document).first() or NegotiationSettings(document=document)


@transaction.atomic
def set_settings(document: Document, user: User, *, observers_may_table: bool, version: int) -> NegotiationSettings:
    permissions.check_sets_rules(user)
    rules = NegotiationSettings.objects.get_or_create(document=document)[0]
    before = {"observers_may_table": rules.observers_may_table}
    swap(rules, version, _("the negotiation settings"), observers_may_table=observers_may_table)
    audit.record(user, AuditEntry.SETTINGS_CHANGED, rules, before=before,
                 after={"observers_may_table": rules.observers_may_table})
    return rules


def current_round(revision: Revision) -> Round:
    """The revision's round as stored, or as it will be created (no deadline, nothing tabled, version 1)."""
    return Round.objects.filter(revision=revision).first() or Round(revision=revision)


@transaction.atomic
def set_tabling_deadline(revision: Revision, user: User, *, deadline: dt.datetime | None, version: int,
                         now: dt.datetime | None = None) -> Round:
    """Set or lift (None) the time after which no amendment to ``revision`` is tabled."""
    now = now or timezone.now()
    permissions.check_sets_rules(user)
    if deadline is not None:
        check_aware(deadline)
    round_ = open_round(revision, now)
    before = {"tabling_deadline": round_.tabling_deadline}
    swap(round_, version, _("the round of amendments"), tabling_deadline=deadline)
    audit.record(user, AuditEntry.DEADLINE_SET, round_, before=before, after={"tabling_deadline": deadline})
    return round_


# Amendments -------------------------------------------------------------------------------------------------------


def snapshot(amendment: Amendment) -> dict:
    """What the audit log keeps of an amendment."""
    return {
        "revision": amendment.revision.symbol,
        "number": amendment.number,
        "kind": amendment.kind,
        "provision": amendment.provision_id,
        "label": amendment.label,
        "old_text": amendment.old_text,
        "text": amendment.text,
        "delegation": amendment.delegation.state.code,
        "status": amendment.status,
        "decided_text": amendment.decided_text,
        "reason": amendment.decision_reason,
        "version": amendment.version,
    }


@transaction.atomic
def table(revision: Revision, user: User, *, kind: str, provision_id: str, old_text: str = "", text: str = "",
          now: dt.datetime | None = None) -> Amendment:
    """Table an amendment for the user's delegation, numbered next in the revision's round.

    ``replace``: ``old_text`` (words occurring exactly once in the provision) becomes ``text`` (which may be empty);
    ``delete``: no text; ``insert``: ``text`` is a new provision after ``provision_id``, numbered bis, ter… in the
    order tabled; ``alternative``: ``text`` is a whole new wording of the provision.
    """
    now = now or timezone.now()
    delegation = permissions.tabling_delegation(user, revision.document, timezone.localdate(now))
    round_ = open_round(revision, now)
    if round_.tabling_deadline is not None and now >= round_.tabling_deadline:
        raise Refused(
            _("the deadline for amendments to %(symbol)s passed at %(deadline)s")
            % {"symbol": revision.symbol, "deadline": moment(round_.tabling_deadline)}
        )
    declaration = master_text(revision)
    target = locate(declaration, revision, provision_id)
    old_text, text = clean_text(old_text, _("the words replaced")), clean_text(text, _("the proposed text"))
    fields = {"label": target.label}
    if kind == Amendment.REPLACE:
        _check_replacement(target, old_text, text)
    elif kind == Amendment.DELETE:
        if old_text or text:
            raise Refused(_("a deletion takes no text"))
    elif kind in (Amendment.INSERT, Amendment.ALTERNATIVE):
        if old_text or not text:
            raise Refused(_("an insertion or an alternative takes the whole new text, and no words replaced"))
        if kind == Amendment.ALTERNATIVE:
            if text == target.text:
                raise Refused(_("the alternative is the text of %(label)s as it stands") % {"label": target.label})
            fields["label"] = f"{target.label} alt"
        else:
            taken = revision.amendments.filter(kind=Amendment.INSERT, provision_id=provision_id)
            new = editing.insertion_after(declaration, target, taken.values_list("new_provision_id", flat=True))
            if new is None:
                raise Refused(_("no more provisions can be inserted after %(label)s") % {"label": target.label})
            fields["new_provision_id"], fields["label"] = new[0], new[1]
    else:
        raise Refused(_("unknown kind of amendment '%(kind)s'") % {"kind": kind})
    number = round_.amendments_tabled + 1
    Round.objects.filter(pk=round_.pk).update(amendments_tabled=number)
    amendment = Amendment.objects.create(
        revision=revision, number=number, provision_id=provision_id, kind=kind, old_text=old_text, text=text,
        delegation=delegation, tabled_by=user, tabled_at=now, **fields,
    )
    audit.record(user, AuditEntry.TABLED, amendment, after=snapshot(amendment))
    return amendment


def _check_replacement(target: editing.Located, old_text: str, text: str) -> None:
    if not old_text:
        raise Refused(_("a replacement names the words it replaces"))
    count = target.text.count(old_text)
    if count == 0:
        raise Refused(_("'%(words)s' does not occur in %(label)s") % {"words": old_text, "label": target.label})
    if count > 1:
        raise Refused(
            _("'%(words)s' occurs %(count)d times in %(label)s: quote enough words to point at one")
            % {"words": old_text, "count": count, "label": target.label}
        )
    if text == old_text:
        raise Refused(_("the new words are the words replaced"))


def amendment_name(amendment: Amendment) -> str:
    return _("amendment %(number)s to %(symbol)s") % {"number": amendment.number, "symbol": amendment.revision.symbol}


@transaction.atomic
def withdraw(amendment: Amendment, user: User, *, version: int, now: dt.datetime | None = None) -> Amendment:
    """The proposing delegation withdraws its amendment, while it is still undecided."""
    now = now or timezone.now()
    permissions.check_proposer(user, amendment, timezone.localdate(now))
    open_round(amendment.revision, now)
    expect_version(amendment, version, amendment_name(amendment))
    if amendment.status != Amendment.TABLED:
        raise Refused(
            _("%(amendment)s is %(status)s: only an undecided amendment can be withdrawn")
            % {"amendment": amendment_name(amendment), "status": amendment.get_status_display()}
        )
    before = snapshot(amendment)
    swap(amendment, version, amendment_name(amendment), status=Amendment.WITHDRAWN, withdrawn_at=now)
    audit.record(user, AuditEntry.WITHDRAWN, amendment, before=before, after=snapshot(amendment))
    return amendment


@transaction.atomic
def back(amendment: Amendment, user: User, kind: str, now: dt.datetime | None = None) -> Backing:
    """The user's delegation joins an undecided amendment as co-sponsor (``Backing.COSPONSOR``) or supporter."""
    now = now or timezone.now()
    delegation = permissions.tabling_delegation(user, amendment.revision.document, timezone.localdate(now))
    open_round(amendment.revision, now)
    # Locked, so that a withdrawal or a decision cannot slip in between the check and the backing.
    amendment = Amendment.objects.select_for_update().select_related("revision").get(pk=amendment.pk)
    values = {"amendment": amendment_name(amendment), "state": permissions.named(delegation)}
    if amendment.status != Amendment.TABLED:
        raise Refused(
            _("%(amendment)s is %(status)s: it can no longer be joined")
            % {**values, "status": amendment.get_status_display()}
        )
    if amendment.delegation_id == delegation.pk:
        raise Refused(_("%(state)s proposed %(amendment)s") % values)
    existing = amendment.backings.filter(delegation=delegation).first()
    if existing is not None:
        raise Refused(
            _("%(state)s is already a %(kind)s of %(amendment)s") % {**values, "kind": existing.get_kind_display()}
        )
    try:
        with transaction.atomic():
            backing = Backing.objects.create(amendment=amendment, delegation=delegation, kind=kind, user=user, at=now)
    except IntegrityError:
        raise Conflict(_("%(state)s joined %(amendment)s at the same moment from elsewhere") % values) from None
    action = AuditEntry.COSPONSORED if kind == Backing.COSPONSOR else AuditEntry.SUPPORTED
    audit.record(user, action, amendment, after={"delegation": delegation.state.code, "kind": kind})
    return backing


@transaction.atomic
def decide(amendment: Amendment, user: User, *, outcome: str, reason: str = "", text: str = "", version: int,
           now: dt.datetime | None = None) -> Amendment:
    """The chair's decision: accepted, accepted as modified (``text`` then takes the place of the proposed text)
    or not accepted, with ``reason`` kept. A decision may be revised until the next revision is issued; accepting
    is refused when the accepted changes could not all be applied together."""
    now = now or timezone.now()
    permissions.check_chair(user)
    open_round(amendment.revision, now)
    name = amendment_name(amendment)
    expect_version(amendment, version, name)
    if amendment.status == Amendment.WITHDRAWN:
        raise Refused(_("%(amendment)s has been withdrawn") % {"amendment": name})
    if outcome not in Amendment.DECISIONS:
        raise Refused(_("unknown decision '%(outcome)s'") % {"outcome": outcome})
    reason, text = clean_text(reason, _("the reason")), clean_text(text, _("the modified text"))
    if outcome == Amendment.MODIFIED:
        if amendment.kind == Amendment.DELETE:
            raise Refused(_("a deletion is accepted or not accepted, not modified"))
        if not text:
            raise Refused(_("accepting as modified needs the modified text"))
    elif text:
        raise Refused(_("only a decision to accept as modified takes a text"))
    before = snapshot(amendment)
    swap(amendment, version, name, status=outcome, decided_text=text if outcome == Amendment.MODIFIED else "",
         decision_reason=reason, decided_by=user, decided_at=now)
    if amendment.is_accepted:
        try:
            editing.apply(master_text(amendment.revision), accepted_changes(amendment.revision))
        except editing.EditError as error:
            raise Refused(str(error)) from None
    audit.record(user, AuditEntry.DECIDED, amendment, before=before, after=snapshot(amendment))
    return amendment


def accepted_changes(revision: Revision) -> list[editing.Change]:
    """The accepted amendments to ``revision`` as changes to apply, in the order they were tabled."""
    accepted = revision.amendments.filter(status__in=[Amendment.ACCEPTED, Amendment.MODIFIED]).order_by("number")
    return [
        editing.Change(
            source=_("amendment %(number)s") % {"number": amendment.number},
            kind=amendment.kind,
            provision_id=amendment.provision_id,
            old_text=amendment.old_text,
            text=amendment.adopted_text,
            new_id=amendment.new_provision_id,
        )
        for amendment in accepted
    ]


# Readings ---------------------------------------------------------------------------------------------------------


def _status_row(revision: Revision, provision_id: str, user: User, now: dt.datetime) -> ProvisionStatus:
    return ProvisionStatus.objects.get_or_create(
        revision=revision, provision_id=provision_id, defaults={"updated_by": user, "updated_at": now}
    )[0]


@transaction.atomic
def set_status(revision: Revision, provision_id: str, user: User, *, status: str, version: int,
               now: dt.datetime | None = None) -> ProvisionStatus:
    """The chair marks a provision pending, bracketed, agreed ad referendum or agreed."""
    now = now or timezone.now()
    permissions.check_chair(user)
    open_round(revision, now)
    target = locate(master_text(revision), revision, provision_id)
    if status not in dict(ProvisionStatus.STATUSES):
        raise Refused(_("unknown status '%(status)s'") % {"status": status})
    row = _status_row(revision, provision_id, user, now)
    before = {"status": row.status}
    swap(row, version, _("the status of %(label)s") % {"label": target.label},
         status=status, updated_by=user, updated_at=now)
    audit.record(user, AuditEntry.STATUS_SET, row, before=before, after={"status": row.status})
    return row


@transaction.atomic
def set_options(revision: Revision, provision_id: str, user: User, *, numbers: list[int], version: int,
                now: dt.datetime | None = None) -> ProvisionStatus:
    """The chair numbers the competing amendments on a provision as options 1, 2… in the order given (at least
    two); an empty list ungroups them. Insertions add provisions of their own and do not compete."""
    now = now or timezone.now()
    permissions.check_chair(user)
    open_round(revision, now)
    target = locate(master_text(revision), revision, provision_id)
    if len(numbers) == 1 or len(set(numbers)) != len(numbers):
        raise Refused(_("options are two or more different amendments"))
    competing = set(
        revision.amendments.filter(provision_id=provision_id).exclude(kind=Amendment.INSERT)
        .exclude(status=Amendment.WITHDRAWN).values_list("number", flat=True)
    )
    strangers = [number for number in numbers if number not in competing]
    if strangers:
        raise Refused(
            _("amendment %(number)s is not a live proposal on %(label)s")
            % {"number": strangers[0], "label": target.label}
        )
    row = _status_row(revision, provision_id, user, now)
    before = {"options": row.options}
    swap(row, version, _("the options on %(label)s") % {"label": target.label},
         options=list(numbers), updated_by=user, updated_at=now)
    audit.record(user, AuditEntry.OPTIONS_SET, row, before=before, after={"options": row.options})
    return row

