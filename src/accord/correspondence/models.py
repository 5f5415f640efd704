"""Outgoing notes verbales: the registry that numbers them, the facts each was written from, and their delivery.

A note's number is a file index and a running number (``17-1/542``), written by the forum's scheme
(``note_numbers`` in the forum file). :class:`NoteCounter` holds the last running number of each index in each year;
it is incremented in the transaction that issues the note, so a number is used exactly once and none is skipped, even
when two officers issue notes at the same moment (see :mod:`.services`).

The note itself is a document like any other: an :class:`OutgoingNote` is attached to the revision whose language
versions are the note in each language, so the reading room and every export work on notes too. A number recurs in
each year (the scheme need not name the year), so a note Accord issues has the symbol "17-1/1 (2026)"; a note issued
before Accord keeps the symbol it was imported with, its number. The note keeps the facts it was written from, so that it can be written again from them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.documents.models import Revision
from accord.meetings.models import Meeting
from accord.registry.models import Delegation
from accord.text.note_writer import AGENDA, FORWARD, INVITATION


class NoteCounter(models.Model):
    """The last running number issued under a file index in a year."""

    index = models.CharField(_("file index"), max_length=30)
    year = models.PositiveIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("note counter")
        verbose_name_plural = _("note counters")
        constraints = [models.UniqueConstraint(fields=["index", "year"], name="one_counter_per_index_and_year")]

    def __str__(self) -> str:
        return f"{self.index} {self.year}: {self.last_number}"


class OutgoingNote(models.Model):
    PURPOSES = [
        (FORWARD, _("forward a document on behalf of the Chairmanship")),
        (AGENDA, _("inform of a meeting's agenda")),
        (INVITATION, _("invite to a meeting")),
    ]

    revision = models.OneToOneField(Revision, on_delete=models.PROTECT, related_name="outgoing_note")
    number = models.CharField(_("number"), max_length=60, help_text=_("As the note prints it: 17-1/542"))
    index = models.CharField(_("file index"), max_length=30)
    year = models.PositiveIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("running number"))
    purpose = models.CharField(_("purpose"), max_length=20, choices=PURPOSES)
    observers = models.BooleanField(_("Observers addressed too"), default=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="notes",
                                verbose_name=_("meeting"))
    documents = models.ManyToManyField(Revision, through="Enclosure", related_name="enclosed_in",
                                       verbose_name=_("documents"))
    place = models.JSONField(_("place"), help_text=_("Where the note is written, per language."))
    date = models.DateField(_("date"))
    enclosure_pages = models.JSONField(_("pages of the enclosures"), default=dict, blank=True,
                                       help_text=_("Per language, the pages of the enclosures as rendered to PDF."))
    letterhead = models.JSONField(_("letterhead languages"), default=list, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(_("issued"))

    class Meta:
        verbose_name = _("outgoing note")
        verbose_name_plural = _("outgoing notes")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(fields=["index", "year", "sequence"], name="one_note_per_number"),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.year})"


class Enclosure(models.Model):
    """A document a note refers to and encloses, in the order the note names them."""

    note = models.ForeignKey(OutgoingNote, on_delete=models.CASCADE, related_name="enclosures")
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["note", "position"]
        constraints = [models.UniqueConstraint(fields=["note", "revision"], name="one_enclosure_per_document")]


class Delivery(models.Model):
    """A note in one addressee delegation's inbox, and its acknowledgement of receipt."""

    note = models.ForeignKey(OutgoingNote, on_delete=models.PROTECT, related_name="deliveries")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="deliveries")
    delivered_at = models.DateTimeField(_("delivered"))
    emailed_to = models.JSONField(_("e-mailed to"), default=list, blank=True)
    acknowledged_at = models.DateTimeField(_("acknowledged"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                        related_name="+")

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["note", "delegation__state__code"]
        constraints = [models.UniqueConstraint(fields=["note", "delegation"], name="one_delivery_per_delegation")]

    def __str__(self) -> str:
        return f"{self.note} → {self.delegation}"
