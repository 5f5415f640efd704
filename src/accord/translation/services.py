"""The translation of a revision: what the translator's workspace shows, XLIFF out to a CAT tool and back, the
reviser's approval, and issuing the approved version. What the web pages, the API and the CLI call.

* Who translates is :func:`accord.negotiation.permissions.check_translates`' decision; saving a provision is
  :func:`accord.negotiation.revisions.update_translation` (attributed, audited, its stale flag cleared, an approval
  withdrawn).
* A version's workspace and its files are for its translators and revisers (those working into its language) and
  the secretariat (:func:`check_works_on`).
* A reviser — a user with the reviser role working into the language, or the secretariat — approves a draft version
  once no provision is stale; the secretariat issues an approved version, which never changes afterwards.
* An XLIFF file comes back whole or not at all: in one transaction, every unit whose target differs from the version
  (or whose provision is stale and which the file marks translated) updates the version; a file that is not XLIFF,
  is for another pair of languages, names a provision the revision does not have, or whose source no longer matches
  the revision's text, is refused with one line naming the units, and nothing is written.

Refusals raise :class:`TranslationRefused` (``str()`` one line, in the interface language) or
:class:`PermissionDenied`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.documents import concordance
from accord.documents.models import LanguageVersion
from accord.documents.rendering import file_stem
from accord.documents.services import store_text
from accord.negotiation import audit
from accord.negotiation.models import AuditEntry
from accord.negotiation.permissions import check_translates
from accord.negotiation.revisions import update_translation
from accord.negotiation.services import Conflict, Refused
from accord.registry.models import User
from accord.text import Declaration
from accord.text.concordance.termbase import tbx_bytes
from accord.text.languages import all_languages, get_language
from accord.text.redline import Edit, word_edits
from accord.text.xliff import INITIAL, XliffError, read_xliff, write_xliff2, write_xliff12

from .models import Approval

NEW, CHANGED, STALE, CURRENT = "new", "changed", "stale", "current"
XLIFF_FORMATS = {"xliff2": "2.0", "xliff12": "1.2"}
XLIFF_CONTENT_TYPE = "application/xliff+xml"
TBX_CONTENT_TYPE = "application/x-tbx+xml"


class TranslationRefused(ValueError):
    """What the state of a version or a file does not allow; ``str()`` is one line (line breaks in a file's name or a
    unit id it quotes are made spaces)."""

    def __init__(self, message: str):
        super().__init__(" ".join(message.splitlines()))


# Who -------------------------------------------------------------------------------------------------------------


def check_revises(user: User, language: str) -> None:
    if user.role == User.SECRETARIAT:
        return
    if user.role != User.REVISER or language not in (user.languages or []):
        raise PermissionDenied(_("only a reviser of '%(language)s' or the secretariat approves this version")
                               % {"language": language})


def check_issues(user: User) -> None:
    if user.role != User.SECRETARIAT:
        raise PermissionDenied(_("only the secretariat issues a language version"))


def check_adds_languages(user: User) -> None:
    if user.role != User.SECRETARIAT:
        raise PermissionDenied(_("only the secretariat adds a language to a revision"))


def check_works_on(user: User, language: str) -> None:
    """Who opens a version's workspace and takes its files out: its translators and revisers, and the secretariat."""
    if user.role == User.SECRETARIAT:
        return
    if user.role not in (User.TRANSLATOR, User.REVISER) or language not in (user.languages or []):
        raise PermissionDenied(_("only the translators and revisers of '%(language)s' and the secretariat work on "
                                 "this version") % {"language": language})


def check_translation_role(user: User) -> None:
    """Who has the translation pages at all: translators, revisers and the secretariat."""
    if user.role not in (User.TRANSLATOR, User.REVISER, User.SECRETARIAT):
        raise PermissionDenied(_("only translators, revisers and the secretariat work on translations"))


# The workspace -----------------------------------------------------------------------------------------------------


@dataclass
class Row:
    """One provision as the translator works on it: the source now and its redline against the previous revision's
    source, the target, the state (new, changed, stale or current), the term base's terms the source uses with the
    target's expected terms, and the open concordance findings about it."""

    provision_id: str
    label: str
    source: str
    target: str
    state: str
    redline: tuple[Edit, ...]
    terms: list[tuple[str, list[str]]] = field(default_factory=list)
    findings: list = field(default_factory=list)


@dataclass
class Workspace:
    version: LanguageVersion
    source: LanguageVersion
    previous: LanguageVersion | None  # the master version of the revision before, for the redline
    rows: list[Row]
    approval: Approval | None

    @property
    def pending(self) -> list[Row]:
        return [row for row in self.rows if row.state != CURRENT]


def source_version(version: LanguageVersion) -> LanguageVersion:
    """The master-language version of the same revision: what ``version`` translates."""
    revision = version.revision
    source = revision.versions.filter(language=revision.document.master_language).first()
    if source is None or source.pk == version.pk:
        raise TranslationRefused(_("%(version)s is not a translation: it is in the master language")
                                 % {"version": version})
    return source


def _previous_source(version: LanguageVersion) -> LanguageVersion | None:
    revision = version.revision
    earlier = revision.document.revisions.filter(sequence__lt=revision.sequence).order_by("-sequence").first()
    if earlier is None:
        return None
    return earlier.versions.filter(language=revision.document.master_language).first()


def _declaration(version: LanguageVersion) -> Declaration:
    text = version.text()
    if not isinstance(text, Declaration):
        raise TranslationRefused(_("%(version)s is a note verbale: it has no provisions") % {"version": version})
    return text


def _state(provision_id: str, text: str, old: str | None, version: LanguageVersion, has_previous: bool) -> str:
    """Pending while the provision is flagged stale in the version: new if the previous revision did not have it,
    changed if its source changed since, else stale (still awaiting a translator from an earlier change)."""
    if provision_id not in version.stale_provisions:
        return CURRENT
    if has_previous and old is None:
        return NEW
    return CHANGED if old is not None and old != text else STALE


def workspace(version: LanguageVersion) -> Workspace:
    """The workspace of ``version``: every provision of the revision, each with its state (see :class:`Row`)."""
    source = source_version(version)
    source_text, target_text = _declaration(source), _declaration(version)
    previous = _previous_source(version)
    before = {p.id: p.text for p in _declaration(previous).provisions()} if previous else {}
    targets = {p.id: p.text for p in target_text.provisions()}
    termbase, _digest = concordance.termbase()
    matcher = termbase.matcher(get_language(source.language))
    report = concordance.report(source, version)
    findings: dict[str, list] = {}
    for group in report.groups:
        for found in group.found:
            findings.setdefault(found.finding.provision, []).append(found)
    rows = []
    for provision in source_text.provisions():
        old = before.get(provision.id)
        rows.append(Row(
            provision_id=provision.id, label=provision.label, source=provision.text,
            target=targets.get(provision.id, ""), state=_state(provision.id, provision.text, old, version,
                                                               previous is not None),
            redline=word_edits(old, provision.text) if old is not None and old != provision.text else (),
            terms=_terms(termbase, matcher, provision.text, version.language),
            findings=findings.get(provision.id, []),
        ))
    return Workspace(version, source, previous, rows, Approval.objects.filter(version=version).first())


def _terms(termbase, matcher, text: str, language: str) -> list[tuple[str, list[str]]]:
    """Each term of the term base ``text`` uses, once, in order of first use, with the concept's terms in
    ``language``: a term used twice, or one whose concept two of its source terms name at the same place, is one
    entry, not several."""
    terms: dict[tuple[str, tuple[str, ...]], None] = {}
    for hit in matcher.find(text):
        targets = tuple(term.text for term in termbase.concepts[hit.concept].terms.get(language, []))
        terms.setdefault((text[hit.start:hit.end], targets), None)
    return [(source, list(targets)) for source, targets in terms]


# XLIFF and TBX -----------------------------------------------------------------------------------------------------


@dataclass
class Export:
    content: bytes
    content_type: str
    filename: str


def export_xliff(version: LanguageVersion, fmt: str, *, pending_only: bool = True) -> Export:
    """The revision's provisions for translation into ``version``'s language as XLIFF 2.0 (``xliff2``) or 1.2
    (``xliff12``): those new, changed or stale (``pending_only``), else all; each unit's notes say its label and
    whether it changed since the previous revision."""
    if fmt not in XLIFF_FORMATS:
        raise TranslationRefused(_("unknown format '%(fmt)s'") % {"fmt": fmt})
    space = workspace(version)
    states = {row.provision_id: row.state for row in space.rows}
    only = {row.provision_id for row in space.pending} if pending_only else None
    if only is not None and not only:
        raise TranslationRefused(_("%(version)s has no provision to translate; export all provisions instead")
                                 % {"version": version})
    write = write_xliff2 if fmt == "xliff2" else write_xliff12
    try:
        content = write(
            _declaration(space.source), _declaration(version),
            changed={pid for pid, state in states.items() if state in (NEW, CHANGED)},
            stale={pid for pid, state in states.items() if state == STALE},
            only=only, original=version.revision.symbol,
        )
    except XliffError as error:  # a text XLIFF 1.2 cannot carry
        raise TranslationRefused(str(error)) from None
    suffix = "xlf" if fmt == "xliff2" else "xliff12.xlf"
    stem = f"{file_stem(version.revision.symbol)}.{space.source.language}-{version.language}"
    return Export(content, XLIFF_CONTENT_TYPE, f"{stem}.{suffix}")


def export_tbx() -> Export:
    """The term base the concordance checks and the workspace use, as TBX for the CAT tool."""
    termbase, _digest = concordance.termbase()
    return Export(tbx_bytes(termbase), TBX_CONTENT_TYPE, "accord-terms.tbx")


@dataclass
class Imported:
    updated: list[str]  # the provisions whose target the file changed (or confirmed, for a stale one)
    unchanged: int  # units whose target was the version's already


def import_xliff(version: LanguageVersion, data: bytes, user: User, *, name: str = "the file") -> Imported:
    """Bring the translated ``data`` into ``version`` (see the module): all units, or none.

    A unit counts when its target differs from the version's text; a unit whose target is the version's text
    already clears the stale flag of its provision only if the file says it is translated (or reviewed, or final):
    a file sent back as exported, its old translations still ``initial``, confirms nothing."""
    check_translates(user, version.language)
    if version.is_issued:
        raise TranslationRefused(_("%(version)s is issued: it can no longer change") % {"version": version})
    try:
        xliff = read_xliff(data)
    except XliffError as error:
        raise TranslationRefused(f"{name}: {error}") from None
    source = source_version(version)
    values = {"file": name, "source": source.language, "target": version.language}
    if _base(xliff.source_language) != source.language or _base(xliff.target_language) != version.language:
        raise TranslationRefused(
            _("%(file)s is for %(from)s → %(to)s, not %(source)s → %(target)s")
            % {**values, "from": xliff.source_language, "to": xliff.target_language or "?"}
        )
    sources = {p.id: p.text for p in _declaration(source).provisions()}
    unknown = [unit.id for unit in xliff.units if unit.id not in sources]
    if unknown:
        raise TranslationRefused(_("%(file)s: %(revision)s has no provision %(units)s") % {
            **values, "revision": version.revision.symbol, "units": ", ".join(unknown)})
    moved = [unit.id for unit in xliff.units if _spaced(unit.source) != _spaced(sources[unit.id])]
    if moved:
        raise TranslationRefused(
            _("%(file)s: the source of %(units)s is no longer the text of %(revision)s; export the file again")
            % {**values, "revision": version.revision.symbol, "units": ", ".join(moved)}
        )
    targets = {p.id: p.text for p in _declaration(version).provisions()}
    updated, unchanged = [], 0
    try:
        with transaction.atomic():
            for unit in xliff.units:
                text = (unit.target or "").strip()
                if not text:
                    continue
                if text == targets.get(unit.id) and (unit.id not in version.stale_provisions
                                                     or unit.state == INITIAL):
                    unchanged += 1
                    continue
                version = update_translation(version, unit.id, text, user)
                updated.append(unit.id)
    except (Refused, Conflict) as refusal:
        raise TranslationRefused(f"{name}: {refusal}") from None
    return Imported(updated, unchanged)


def _base(code: str | None) -> str:
    """"ru-RU" → "ru": files name languages by BCP 47 tag, versions by code."""
    return (code or "").split("-")[0].lower()


def _spaced(text: str | None) -> str:
    """Text as sources are compared: a CAT tool may reflow white space, never words."""
    return " ".join((text or "").split())


# A new language ------------------------------------------------------------------------------------------------


@transaction.atomic
def add_language(revision, language: str, user: User) -> LanguageVersion:
    """A draft version of ``revision`` in a language it does not have yet, for translators to fill: the master text's
    structure, every provision still in the master language and flagged stale. The language needs only its table
    (``accord.text.languages``); the secretariat adds it."""
    check_adds_languages(user)
    if language not in all_languages():
        raise TranslationRefused(_("no language table for '%(language)s'") % {"language": language})
    if revision.versions.filter(language=language).exists():
        raise TranslationRefused(_("%(symbol)s has a version in '%(language)s' already") % {
            "symbol": revision.symbol, "language": language})
    master = revision.versions.filter(language=revision.document.master_language).first()
    if master is None:
        raise TranslationRefused(_("%(symbol)s has no version in its master language") % {"symbol": revision.symbol})
    text = _declaration(master)
    text.language = language
    text.metadata = {}
    stale = [provision.id for provision in text.provisions()]
    return store_text(revision, text, user, stale=stale)


# Approval and issue --------------------------------------------------------------------------------------------


@transaction.atomic
def approve(version: LanguageVersion, user: User, now: dt.datetime | None = None) -> Approval:
    """A reviser approves the draft ``version`` as it stands; refused while a provision is stale."""
    check_revises(user, version.language)
    version = LanguageVersion.objects.select_for_update().select_related("revision").get(pk=version.pk)
    if version.is_issued:
        raise TranslationRefused(_("%(version)s is issued already") % {"version": version})
    source_version(version)
    if version.stale_provisions:
        raise TranslationRefused(
            _("%(version)s still has %(count)d provisions to translate, the first %(provision)s")
            % {"version": version, "count": len(version.stale_provisions), "provision": version.stale_provisions[0]}
        )
    approval, created = Approval.objects.get_or_create(
        version=version, defaults={"approved_by": user, "approved_at": now or timezone.now()})
    if not created:
        raise TranslationRefused(_("%(version)s was approved already by %(user)s") % {
            "version": version, "user": approval.approved_by.get_full_name() or approval.approved_by.username})
    audit.record(user, AuditEntry.VERSION_APPROVED, version, after={"version": str(version)})
    return approval


@transaction.atomic
def issue(version: LanguageVersion, user: User, now: dt.datetime | None = None) -> LanguageVersion:
    """The secretariat issues the approved ``version``: from now on it never changes."""
    check_issues(user)
    version = LanguageVersion.objects.select_for_update().select_related("revision").get(pk=version.pk)
    if version.is_issued:
        raise TranslationRefused(_("%(version)s is issued already") % {"version": version})
    if not Approval.objects.filter(version=version).exists():
        raise TranslationRefused(_("%(version)s is not approved: a reviser approves it first") % {
            "version": version})
    version.issued_at = now or timezone.now()
    version.save(update_fields=["issued_at"])
    audit.record(user, AuditEntry.VERSION_ISSUED, version, after={"version": str(version),
                                                                  "issued_at": version.issued_at})
    return version
