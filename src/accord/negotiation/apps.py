from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NegotiationConfig(AppConfig):
    """Negotiating a text: amendments, readings, revisions, adoption, and the audit log."""

    name = "accord.negotiation"
    label = "negotiation"
    verbose_name = _("Negotiation")
