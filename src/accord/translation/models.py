"""A reviser's approval of a draft language version: the version may be issued only once approved, and a change to
its text after the approval withdraws it (the reviser must see the text that is issued)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.documents.models import LanguageVersion


class Approval(models.Model):
    version = models.OneToOneField(LanguageVersion, on_delete=models.CASCADE, related_name="approval")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("approved"))

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")

    def __str__(self) -> str:
        return f"{self.version} approved by {self.approved_by}"
