from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationConfig(AppConfig):
    """Bringing language versions up to date after each revision: the translator's workspace, XLIFF with CAT tools,
    revision and approval, and issuing the approved version."""

    name = "accord.translation"
    label = "translation"
    verbose_name = _("Translation")
