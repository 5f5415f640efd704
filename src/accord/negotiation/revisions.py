"""The next revision and its translations.

The chair issues the next revision (DRAFT/4 after DRAFT/3) from the previous one and the decisions on its
amendments: the accepted changes are applied to the master-language text (:func:`.editing.apply`), which is issued
at once and never changes. Provisions keep their ids and numbers; inserted ones are numbered ``7 bis`` with the id
``para_7bis`` — renumbering is left to a later revision of this module.

Every other language gets a draft version of the new revision: a copy of its version of the previous revision with
the same structural changes (deletions made, insertions holding the master language's words) and every provision
whose master-language text changed listed in ``stale_provisions``, with those still stale in the copied version. A translator's :func:`update_translation`
replaces a provision's text and clears its flag. The concordance check of the new versions runs on issue; the
number of findings is returned and kept in the audit log.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.documents.models import LanguageVersion, Revision
from accord.documents.services import next_symbol, parse_symbol, store_text
from accord.registry.models import User
from accord.text import Declaration, Symbol
from accord.text.concordance import check_versions
from accord.translation.models import Approval

from . import audit, editing, permissions
from .models import Amendment, AuditEntry
from .services import (
    Conflict,
    Refused,
    accepted_changes,
    clean_text,
    locate,
    master_text,
    open_round,
)

# What the metadata of a text says about the file it was read from, which a generated revision does not come from.
SOURCE_METADATA = ("inferred", "circulated", "warnings")


@dataclass
class NextRevision:
    """A revision issued from the previous one: the provisions changed in the master language (text changed or
    inserted) and deleted, the stale provisions of each other language's draft, and the concordance findings."""

    revision: Revision
    changed: list[str]
    deleted: list[str]
    stale: dict[str, list[str]]
    findings: int


@transaction.atomic
def issue_next_revision(revision: Revision, user: User, now: dt.datetime | None = None) -> NextRevision:
    """Issue the revision after ``revision`` with its accepted amendments applied. Every live amendment must have
    been decided first; a revision that is superseded, adopted or under silence procedure is refused."""
    now = now or timezone.now()
    permissions.check_chair(user)
    open_round(revision, now)
    undecided = revision.amendments.filter(status=Amendment.TABLED).order_by("number")
    if undecided:
        raise Refused(
            _("%(count)d amendments to %(symbol)s are undecided, the first No. %(number)s on %(label)s")
            % {"count": len(undecided), "symbol": revision.symbol, "number": undecided[0].number,
               "label": undecided[0].label}
        )
    symbol = next_symbol(revision.symbol)
    if symbol is None:
        raise Refused(_("the symbol scheme gives %(symbol)s no number to increase") % {"symbol": revision.symbol})
    changes = accepted_changes(revision)
    text = _renamed(master_text(revision), symbol)
    try:
        applied = editing.apply(text, changes)
    except editing.EditError as error:
        raise Refused(str(error)) from None
    try:
        with transaction.atomic():
            issued = Revision.objects.create(
                document=revision.document, symbol=symbol, sequence=parse_symbol(symbol).sequence,
                stage=revision.stage, issued_at=now,
            )
    except IntegrityError:
        raise Conflict(_("%(symbol)s has been issued already") % {"symbol": symbol}) from None
    store_text(issued, text, user, issued_at=now)
    versions, stale = [text], {}
    for previous in revision.versions.exclude(language=text.language).order_by("language"):
        translation = _renamed(previous.text(), symbol)
        editing.apply(translation, changes, texts=False)
        # Stale: what changed now, and what was still awaiting its translator in the previous revision.
        flagged = set(applied.changed) | set(previous.stale_provisions)
        stale[previous.language] = [p.id for p in translation.provisions() if p.id in flagged]
        store_text(issued, translation, user, stale=stale[previous.language])
        versions.append(translation)
    findings = len(check_versions(versions))
    audit.record(user, AuditEntry.REVISION_ISSUED, issued, before={"revision": revision.symbol}, after={
        "revision": symbol, "changed": applied.changed, "deleted": applied.deleted, "stale": stale,
        "findings": findings,
    })
    return NextRevision(issued, applied.changed, applied.deleted, stale, findings)


def _renamed(text: Declaration, symbol: str) -> Declaration:
    text.symbol = Symbol(symbol, symbol)
    text.metadata = {key: value for key, value in text.metadata.items() if key not in SOURCE_METADATA}
    return text


@transaction.atomic
def update_translation(version: LanguageVersion, provision_id: str, text: str, user: User, *,
                       expected: str | None = None) -> LanguageVersion:
    """A translator replaces the text of one provision of a draft version and clears its stale flag; a reviser's
    approval of the version, if any, is withdrawn.

    ``expected``, when given, is the text the translator started from: if someone changed it meanwhile,
    :class:`Conflict` and nothing is written. An issued version is refused (it never changes).
    """
    permissions.check_translates(user, version.language)
    version = LanguageVersion.objects.select_for_update().select_related("revision").get(pk=version.pk)
    if version.is_issued:
        raise Refused(_("%(version)s is issued: it can no longer change") % {"version": version})
    text = clean_text(text, _("the translation"))
    if not text:
        raise Refused(_("a provision's translation cannot be empty"))
    document = version.text()
    if not isinstance(document, Declaration):
        raise Refused(_("%(version)s is a note verbale: it has no provisions") % {"version": version})
    located = locate(document, version.revision, provision_id)
    if expected is not None and located.text != expected:
        raise Conflict(
            _("%(label)s of %(version)s has changed since you read it: reload it")
            % {"label": located.label, "version": version}
        )
    before = {"text": located.text, "stale": provision_id in version.stale_provisions}
    editing.set_text(located, text)
    version.content = document.to_dict()
    version.stale_provisions = [pid for pid in version.stale_provisions if pid != provision_id]
    version.save(update_fields=["content", "stale_provisions"])
    Approval.objects.filter(version=version).delete()  # a reviser approves the text that is issued, not an older one
    audit.record(user, AuditEntry.TRANSLATION_UPDATED, version, before=before,
                 after={"provision": provision_id, "text": text, "stale": False})
    return version
