"""Meetings of the forum's bodies and their agendas.

A :class:`Meeting` is a body's session on one or more consecutive days at a venue, chaired by a State; its
:class:`AgendaItem` list is numbered from 1, and an item may put a document's revision before the meeting. Names are
kept per language, like the registry's (``{"en": "Nur-Sultan", "ru": "Нур-Султан"}``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.documents.models import Revision
from accord.registry.models import Body, State, localized


class Meeting(models.Model):

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    start = models.DateField(_("first day"))
    end = models.DateField(_("last day"))
    venue = models.JSONField(_("venue"), help_text=_('The city, per language: {"en": "Nur-Sultan", "ru": "Нур-Султан"}'))
    chair = models.ForeignKey(State, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("chair"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"))

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gte=models.F("start")), name="meeting_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.body.abbreviations.get('en') or self.body} {self.start:%Y-%m-%d}"

    def venue_name(self, language: str) -> str:
        return localized(self.venue, language)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    number = models.PositiveIntegerField(_("number"))
    titles = models.JSONField(_("titles"), help_text=_("The item's title per language."))
    revision = models.ForeignKey(Revision, on_delete=models.PROTECT, null=True, blank=True, related_name="agenda_items",
                                 verbose_name=_("document"))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="one_agenda_item_per_number")]

    def __str__(self) -> str:
        return f"{self.meeting} item {self.number}"

    def title(self, language: str) -> str:
        return localized(self.titles, language)
