"""Who may do what in a negotiation: the one place where roles decide, as :mod:`accord.documents.access` does for
reading. The services call these checks; views and endpoints never decide on their own.

* Everyone who may read a document (:func:`accord.documents.access.can_read`) reads its negotiation: amendments,
  compilation, dashboard, procedures.
* A delegation acts through its delegates, and the chair acts for the State holding the Chairmanship. It tables,
  co-sponsors and supports amendments if its State is a Member State on the day, or an Observer and the document
  allows Observers; it withdraws only its own amendments.
* The chair marks provisions, numbers options, decides on amendments and issues the next revision.
* The chair and the secretariat set a document's rules (Observers tabling) and a round's tabling deadline, and
  record adoption at a meeting; the secretariat starts silence procedures.
* Only a Member State on the day breaks silence, never an Observer.
* A translator updates the versions in the languages they work into.
* The secretariat and the chair verify the audit log.

Each check returns what the user acts as, or raises :class:`PermissionDenied` with a one-line reason.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from accord.documents.access import readable_documents
from accord.documents.models import Document, Revision
from accord.registry.models import Delegation, Membership, User

from .models import Amendment, NegotiationSettings

_SETS_RULES = {User.CHAIR, User.SECRETARIAT}
_RECORDS_ADOPTION = {User.CHAIR, User.SECRETARIAT}
_VERIFIES_AUDIT = {User.CHAIR, User.SECRETARIAT}


def named(delegation: Delegation) -> str:
    """The delegation's State as messages name it: in the interface language."""
    return delegation.state.name(get_language() or "en")


def readable_revision(user: User, revision_id: int) -> Revision:
    """The revision if ``user`` may read its document; 404 otherwise, exactly as for one that does not exist."""
    revision = (
        Revision.objects.filter(document__in=readable_documents(user), pk=revision_id)
        .select_related("document")
        .first()
    )
    if revision is None:
        raise Http404(f"no revision {revision_id}")
    return revision


def _delegation(user: User, day: dt.date) -> tuple[Delegation, Membership | None]:
    """The delegation ``user`` speaks for on ``day`` and its State's membership then."""
    state = user.acting_state(day) if user.role in (User.CHAIR, User.DELEGATE, User.OBSERVER_DELEGATE) else None
    if state is None:
        raise PermissionDenied(_("only a delegation, or the chair for the chairing State, can do this"))
    return state.delegation, state.membership_on(day)


def tabling_delegation(user: User, document: Document, day: dt.date) -> Delegation:
    """The delegation ``user`` tables, co-sponsors or supports amendments to ``document`` for."""
    delegation, membership = _delegation(user, day)
    if membership is not None and membership.status == Membership.MEMBER:
        return delegation
    if membership is not None and membership.status == Membership.OBSERVER:
        rules = NegotiationSettings.objects.filter(document=document).first()
        if rules is not None and rules.observers_may_table:
            return delegation
        raise PermissionDenied(_("Observers may not table, co-sponsor or support amendments to this document"))
    raise PermissionDenied(
        _("%(state)s is not a Member State of the forum on %(day)s") % {"state": named(delegation), "day": day}
    )


def check_proposer(user: User, amendment: Amendment, day: dt.date) -> None:
    delegation, _membership = _delegation(user, day)
    if delegation.pk != amendment.delegation_id:
        raise PermissionDenied(
            _("only %(state)s, which proposed amendment %(number)s, may withdraw it")
            % {"state": named(amendment.delegation), "number": amendment.number}
        )


def check_chair(user: User) -> None:
    if user.role != User.CHAIR:
        raise PermissionDenied(_("only the chair marks provisions, decides on amendments and issues revisions"))


def check_sets_rules(user: User) -> None:
    if user.role not in _SETS_RULES:
        raise PermissionDenied(_("only the chair and the secretariat set the rules of a negotiation"))


def check_starts_silence(user: User) -> None:
    if user.role != User.SECRETARIAT:
        raise PermissionDenied(_("only the secretariat starts a silence procedure"))


def silence_breaking_delegation(user: User, day: dt.date) -> Delegation:
    """The delegation of the Member State ``user`` breaks silence for; Observers cannot block consensus."""
    delegation, membership = _delegation(user, day)
    if membership is None or membership.status != Membership.MEMBER:
        raise PermissionDenied(
            _("%(state)s is not a Member State on %(day)s: only Member States may break silence")
            % {"state": named(delegation), "day": day}
        )
    return delegation


def check_records_adoption(user: User) -> None:
    if user.role not in _RECORDS_ADOPTION:
        raise PermissionDenied(_("only the chair and the secretariat record an adoption"))


def check_translates(user: User, language: str) -> None:
    if user.role != User.TRANSLATOR or language not in (user.languages or []):
        raise PermissionDenied(_("only a translator into '%(language)s' updates this version") % {"language": language})


def check_verifies_audit(user: User) -> None:
    if user.role not in _VERIFIES_AUDIT:
        raise PermissionDenied(_("only the secretariat and the chair verify the audit log"))
