"""The reading room's content: a revision's language versions side by side, rendered as HTML, each row with the
number of open concordance findings about it.

Issued versions never change (:mod:`.models`), and the reading room is read far more often than anything is issued, so
its content is rendered once per state of what it shows and then served from Django's cache. The key is made of every
input of the templates — Accord's version, the interface language, the revision, what of its document may still change
(titles, distribution), the versions with their issue times, the languages chosen, the term base the rows are aligned
and checked with and the revision's accepted findings — so a stale page cannot be served, with no invalidation to
forget and nothing to share between server processes. Content with a version not yet issued, or with an error to show,
is rendered afresh every time.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language

import accord
from accord.text.concordance import TermBase

from . import concordance, rendering
from .alignment import Row, align
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
    the aligned ``rows`` (:func:`.alignment.align`, the first language chosen read against by the others) each paired
    with its concordance :class:`~.concordance.Marker` list, and the download ``formats``, nothing else. Only a
    rendering reads the versions' ``content``, so callers may defer it.
    """
    shown = [version for version in versions if version.language in chosen]
    termbase, terms_digest = concordance.termbase()
    accepted = concordance.accepted_keys(revision.pk)

    def render() -> SafeString:
        rows = _rows(shown, termbase, terms_digest)
        markers = concordance.markers(shown, rows, accepted)
        context = {
            "document": revision.document,
            "revision": revision,
            "versions": versions,
            "chosen": chosen,
            "errors": errors,
            "rows": [(row, markers.get(row.key, [])) for row in rows],
            "formats": rendering.FORMATS,
        }
        return render_to_string(template_name, context)

    if errors or not all(version.is_issued for version in versions):
        return render()
    document = revision.document
    # Issue times make the key unique even in a database rebuilt with the same ids.
    state = (
        accord.__version__, get_language(), template_name, revision.pk, revision.issued_at, document.pk,
        document.master_language, sorted(document.titles.items()), document.distribution,
        [(version.pk, version.language, version.issued_at) for version in versions], chosen, terms_digest,
        accepted,
    )
    key = "reading-room:" + hashlib.sha256(repr(state).encode()).hexdigest()
    return cache.get_or_set(key, render, timeout=None)


def _rows(shown: list[LanguageVersion], termbase: TermBase, terms_digest: str) -> list[Row]:
    """The aligned rows of the versions ``shown``, kept apart from the content they are rendered in, which changes
    with what it shows besides (accepted findings, the interface language): aligning runs once per state of the
    versions and the term base."""

    def rows() -> list[Row]:
        return align([version.text() for version in shown], termbase) if shown else []

    if not all(version.is_issued for version in shown):
        return rows()
    state = (accord.__version__, terms_digest, [(version.pk, version.language, version.issued_at) for version in shown])
    key = "reading-room-rows:" + hashlib.sha256(repr(state).encode()).hexdigest()
    return cache.get_or_set(key, rows, timeout=None)
