"""Who may read and who may write: the one place where distribution and roles are decided.

Every view and API endpoint asks these functions; none decides on its own.

* The secretariat, the chair, translators and revisers read every document.
* A delegate reads what the distribution allows the status of their State on the day: a Member State's delegates read
  everything; an Observer's read public documents and those for Member States and Observers; a partner's, and
  those of a State whose membership has ended, read public documents only.
* Only the secretariat imports documents.
* Revisers — the secretariat, translators and revisers — accept concordance findings "as is"; every other role reads the
  concordance report only.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone

from accord.registry.models import Membership, User

from .models import Document

_READ_ALL = {User.SECRETARIAT, User.CHAIR, User.TRANSLATOR, User.REVISER}
_REVISERS = {User.SECRETARIAT, User.TRANSLATOR, User.REVISER}
_DISTRIBUTIONS_BY_STATUS = {
    Membership.MEMBER: [Document.PUBLIC, Document.PARTICIPANTS, Document.MEMBERS],
    Membership.OBSERVER: [Document.PUBLIC, Document.PARTICIPANTS],
    Membership.PARTNER: [Document.PUBLIC],
}


def readable_distributions(user: User) -> list[str]:
    """The distributions ``user`` may read today; empty for an anonymous user."""
    if not user.is_authenticated:
        return []
    if user.role in _READ_ALL:
        return [choice for choice, _ in Document.DISTRIBUTIONS]
    state = user.acting_state()
    membership = state.membership_on(timezone.localdate()) if state else None
    if membership is None:
        return [Document.PUBLIC]
    return _DISTRIBUTIONS_BY_STATUS[membership.status]


def readable_documents(user: User) -> QuerySet[Document]:
    return Document.objects.filter(distribution__in=readable_distributions(user))


def can_read(user: User, document: Document) -> bool:
    return document.distribution in readable_distributions(user)


def can_import(user: User) -> bool:
    return user.is_authenticated and user.role == User.SECRETARIAT


def can_accept_findings(user: User, document: Document) -> bool:
    """May ``user`` accept a concordance finding "as is" in ``document``'s language versions?"""
    return user.is_authenticated and user.role in _REVISERS and can_read(user, document)
