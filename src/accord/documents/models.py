"""Documents, their revisions and the language versions of each revision.

* A :class:`Document` is a work: one declaration, resolution or note verbale through all its drafts, with a title
  per language, the body it belongs to and its distribution (who may read it).
* A :class:`Revision` is one stage of it (``MM/2021/DRAFT/3``, then the final text), with its symbol. Once issued it
  never changes.
* A :class:`LanguageVersion` is the structured text of a revision in one language: the core model's dict, from
  which :func:`accord.text.document_from_dict` rebuilds exactly what was read, with the source file kept beside it.
  Once issued it never changes either.
* An :class:`AcceptedFinding` is a concordance finding between two language versions of a revision that a reviser
  accepted "as is", with the reason, who and when.

Immutability is enforced in :meth:`save` and :meth:`delete` of both, so every path through the ORM (views, API,
admin, shell) meets it, and by database triggers (migration ``0004_locks``) for every other path: an UPDATE or DELETE
of an issued revision or version is refused whoever sends it.

A version that is not issued yet — a translation drafted from the previous revision's — lists in
``stale_provisions`` the provisions whose master-language text changed and still await their translator.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.registry.models import Body, localized
from accord.text import document_from_dict


class Immutable(Exception):
    """An attempt to change or delete something issued."""


class Document(models.Model):
    """A work: the same text through all its revisions and languages."""

    PUBLIC = "public"
    PARTICIPANTS = "participants"
    MEMBERS = "members"
    DISTRIBUTIONS = [
        (PUBLIC, _("Public")),
        (PARTICIPANTS, _("Member States and Observers")),
        (MEMBERS, _("Member States only")),
    ]
    KINDS = [
        ("declaration", _("Declaration")),
        ("resolution", _("Resolution")),
        ("convention", _("Convention")),
        ("statute", _("Statute")),
        ("statement", _("Statement")),
        ("note_verbale", _("Note verbale")),
    ]

    kind = models.CharField(_("kind"), max_length=20, choices=KINDS)
    titles = models.JSONField(_("titles"), help_text=_("The title in each language."))
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="documents")
    distribution = models.CharField(_("distribution"), max_length=20, choices=DISTRIBUTIONS, default=PARTICIPANTS)
    master_language = models.CharField(_("master language"), max_length=8, default="en")
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    reference = models.JSONField(
        _("as notes refer to it"), default=dict, blank=True,
        help_text=_('How a note verbale names the document, per language, with the grammatical forms its wording '
                    'needs: {"names": {"en": "draft declaration of …"}, "forms": {"ru": {"accusative": "…"}}}'),
    )

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title("en")

    def title(self, language: str) -> str:
        return localized(self.titles, language, fallback=self.master_language)

    def latest_revision(self) -> Revision | None:
        return self.revisions.order_by("-sequence").first()


class Revision(models.Model):
    """One stage of a document, known by its symbol; immutable once issued."""

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="revisions")
    symbol = models.CharField(_("symbol"), max_length=100, unique=True)
    sequence = models.PositiveIntegerField(_("sequence"), help_text=_("1 for the first revision, then 2, 3…"))
    stage = models.CharField(_("stage"), max_length=20, help_text=_('"DRAFT", or "FINAL" for the adopted text'))
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["document", "sequence"]
        constraints = [models.UniqueConstraint(fields=["document", "sequence"], name="one_revision_per_sequence")]

    def __str__(self) -> str:
        return self.symbol

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    def save(self, *args, **kwargs):
        if self.pk and Revision.objects.filter(pk=self.pk, issued_at__isnull=False).exists():
            raise Immutable(f"revision {self.symbol} is issued and cannot change")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_issued:
            raise Immutable(f"revision {self.symbol} is issued and cannot be deleted")
        return super().delete(*args, **kwargs)

    def versions_by_language(self) -> dict[str, LanguageVersion]:
        return {v.language: v for v in self.versions.all()}


class LanguageVersion(models.Model):
    """The text of a revision in one language, as the core model's dict, with the file it was read from."""

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="versions")
    language = models.CharField(_("language"), max_length=8)
    content = models.JSONField(_("content"))
    source_name = models.CharField(_("source file"), max_length=255)
    source = models.BinaryField(_("source bytes"))
    source_sha256 = models.CharField(max_length=64)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now)
    issued_at = models.DateTimeField(_("issued"), null=True, blank=True)
    stale_provisions = models.JSONField(
        _("stale provisions"), default=list, blank=True,
        help_text=_("Ids of the provisions changed in the master language since this version's text was written."),
    )

    class Meta:
        verbose_name = _("language version")
        verbose_name_plural = _("language versions")
        ordering = ["revision", "language"]
        constraints = [models.UniqueConstraint(fields=["revision", "language"], name="one_version_per_language")]

    def __str__(self) -> str:
        return f"{self.revision.symbol} [{self.language}]"

    @property
    def is_issued(self) -> bool:
        return self.issued_at is not None

    def save(self, *args, **kwargs):
        if self.pk and LanguageVersion.objects.filter(pk=self.pk, issued_at__isnull=False).exists():
            raise Immutable(f"{self} is issued and cannot change")
        self.source_sha256 = hashlib.sha256(bytes(self.source)).hexdigest()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_issued:
            raise Immutable(f"{self} is issued and cannot be deleted")
        return super().delete(*args, **kwargs)

    def text(self):
        """The core model of this version: a Declaration or a NoteVerbale."""
        return document_from_dict(self.content)


def in_reading_order(versions, master_language: str) -> list[LanguageVersion]:
    """The master language's version first (the others translate it), then the others by language code."""
    return sorted(versions, key=lambda version: (version.language != master_language, version.language))


class AcceptedFinding(models.Model):
    """A concordance finding accepted "as is" for a revision's pair of language versions (source, target).

    The ``fingerprint`` (:attr:`accord.text.concordance.Finding.fingerprint`) hashes the finding's code, provision and
    both excerpts, so the acceptance covers the same words only: once either excerpt changes, the finding is new.
    ``code``, ``provision`` and ``label`` say what was accepted even when the finding is no longer found.
    """

    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="accepted_findings")
    source_language = models.CharField(_("source language"), max_length=8)
    target_language = models.CharField(_("target language"), max_length=8)
    fingerprint = models.CharField(_("fingerprint"), max_length=64)
    code = models.CharField(_("code"), max_length=64)
    provision = models.CharField(_("provision"), max_length=255)
    label = models.CharField(_("label"), max_length=255)
    reason = models.TextField(_("reason"))
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    accepted_at = models.DateTimeField(_("accepted"), default=timezone.now)

    class Meta:
        verbose_name = _("accepted finding")
        verbose_name_plural = _("accepted findings")
        ordering = ["accepted_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["revision", "source_language", "target_language", "fingerprint"],
                                    name="one_acceptance_per_finding"),
        ]

    def __str__(self) -> str:
        return f"{self.revision.symbol} [{self.source_language}:{self.target_language}] {self.code} {self.label}"
