from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CorrespondenceConfig(AppConfig):
    """Notes verbales: the registry of outgoing notes, their generation in every language, dispatch and receipt."""

    name = "accord.correspondence"
    label = "correspondence"
    verbose_name = _("Correspondence")
