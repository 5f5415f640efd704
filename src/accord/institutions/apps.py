from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InstitutionsConfig(AppConfig):
    """The forum's institutions: the catalogue of confidence building measures and its implementation plans."""

    name = "accord.institutions"
    label = "institutions"
    verbose_name = _("Institutions")
