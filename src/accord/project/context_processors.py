"""What every page's layout shows: the forum's name and the signed-in user's standing."""

from __future__ import annotations

from django.utils.translation import get_language

from accord.correspondence.services import check_issues_notes
from accord.documents.access import can_import
from accord.project.pages import allowed
from accord.translation.services import check_translation_role
from accord.registry.models import localized
from accord.registry.services import forum as forum_entry


def forum(request) -> dict:
    """``forum_name`` and ``forum_abbreviation`` in the interface language; for a signed-in user, the State they act
    for (``acting_state``), whether they may import documents (``can_import``) and issue notes verbales
    (``issues_notes``), whether they have an inbox of notes (``has_inbox``, a delegation's) and the translation
    pages (``translates``)."""
    language = get_language()
    data = forum_entry()
    context = {
        "forum_name": localized(data["names"], language),
        "forum_abbreviation": localized(data["abbreviations"], language),
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context["acting_state"] = user.acting_state  # a callable: the template asks only if it shows it
        context["can_import"] = can_import(user)
        context["issues_notes"] = allowed(check_issues_notes, user)
        context["has_inbox"] = user.delegation_id is not None
        context["translates"] = allowed(check_translation_role, user)
    return context
