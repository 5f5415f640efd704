from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    """The documents of a forum: declarations, notes verbales and their language versions."""

    name = "accord.documents"
    label = "documents"
    verbose_name = _("Documents")
