"""Template filters of the meetings' pages, in the interface language: ``{% load meetings %}``."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language

from accord.registry.models import localized

register = template.Library()


@register.filter
def abbreviation_shown(body) -> str:
    """A body's abbreviation in the interface language ("SWG", "СРГ")."""
    return localized(body.abbreviations, get_language())


@register.filter
def venue_shown(meeting) -> str:
    """A meeting's venue in the interface language."""
    return meeting.venue_name(get_language())


@register.filter
def days_shown(meeting) -> str:
    """A meeting's first and last day ("14 September 2021 – 15 September 2021"), or its one day."""
    if meeting.start == meeting.end:
        return date_format(meeting.start)
    return f"{date_format(meeting.start)} – {date_format(meeting.end)}"
