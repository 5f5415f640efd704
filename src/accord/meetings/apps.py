from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """The meetings of the forum's bodies and their agendas."""

    name = "accord.meetings"
    label = "meetings"
    verbose_name = _("Meetings")
