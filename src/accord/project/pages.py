"""What every app's pages do alike: a refusal in one line per fault with the status that says what kind it is, and
a language named in the interface language."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language_info

from accord.text.languages import all_languages


def form_errors(form) -> list[str]:
    """Each error of a bound form on one line, after the label of its field ("Deadline: Enter a valid date")."""
    return [f"{form.fields[name].label}: {error}" if name in form.fields else error
            for name, field_errors in form.errors.items() for error in field_errors]


def refusal_status(refusal: Exception, conflicts: tuple[type[Exception], ...] = ()) -> int:
    """403 for a role that may not, 409 for a refusal of one of the ``conflicts`` kinds (someone else changed the
    thing first), 400 for any other refused input."""
    if isinstance(refusal, PermissionDenied):
        return 403
    return 409 if isinstance(refusal, conflicts) else 400


def allowed(check, *args) -> bool:
    """Whether ``check(*args)`` (a permission check raising :class:`PermissionDenied`) lets the user through: what a
    page asks to decide which forms to offer."""
    try:
        check(*args)
    except PermissionDenied:
        return False
    return True


def language_name(code: str) -> str:
    """The name of the language ``code`` in the interface language ("Russian", "Русский"); for a language Django does
    not know, its own name from its table; else the code itself."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        table = all_languages().get(code)
        return table.name if table is not None else code
