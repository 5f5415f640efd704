"""The reading room's content: a revision's language versions side by side, rendered as HTML.

Issued versions never change (:mod:`.models`), and the reading room is read far more often than anything is issued, so
its content is rendered once per state of what it shows and then served from Django's cache. The key is made of every
input of the templates — the interface language, the revision, what of its document may still change (titles,
distribution), the versions with their issue times and the languages chosen — so a stale page cannot be served, with
no invalidation to forget and nothing to share between server processes. Content with a version not yet issued, or
with an error to show, is rendered afresh every time.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from . import rendering
from .alignment import align
from .models import LanguageVersion, Revision

BODY = "documents/_reading_room_body.html"
AREA = "documents/_reading_area.html"


def reading_room_content(
    template_name: str, revision: Revision, versions: list[LanguageVersion], chosen: list[str], errors=()
) -> SafeString:
    """``template_name`` (:data:`BODY`, the whole content, or :data:`AREA`, the part that changes with the choice of
    languages) for ``revision`` with all its ``versions`` in reading order, those in ``chosen`` side by side, in the
    active interface language.

    The template sees ``document``, ``revision``, ``versions``, ``chosen``, ``errors`` (messages about the choice),
    the aligned ``rows`` and the download ``formats``, nothing else. Only a rendering reads the versions'
    ``content``, so callers may defer it.
    """
    shown = [version for version in versions if version.language in chosen]

    def render() -> SafeString:
        context = {
            "document": revision.document,
            "revision": revision,
            "versions": versions,
            "chosen": chosen,
            "errors": errors,
            "rows": align([version.text() for version in shown]),
            "formats": rendering.FORMATS,
        }
        return render_to_string(template_name, context)

    if errors or not all(version.is_issued for version in versions):
        return render()
    document = revision.document
    # Issue times make the key unique even in a database rebuilt with the same ids.
    state = (
        get_language(), template_name, revision.pk, revision.issued_at, document.pk, document.master_language,
        sorted(document.titles.items()), document.distribution,
        [(version.pk, version.language, version.issued_at) for version in versions], chosen,
    )
    key = "reading-room:" + hashlib.sha256(repr(state).encode()).hexdigest()
    return cache.get_or_set(key, render, timeout=None)
