"""Template filters of the institutions' pages, in the interface language: ``{% load institutions %}``."""

from django import template
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def text_shown(measure) -> str:
    """A measure's wording in the interface language."""
    return measure.text(get_language())


@register.filter
def event_title(event) -> str:
    """An event's title in the interface language."""
    return event.title(get_language())


@register.filter
def event_venue(event) -> str:
    """An event's venue in the interface language, or a dash while it is not known."""
    return event.venue_name(get_language()) or "—"


@register.filter
def event_days(event) -> str:
    """An event's first and last day ("14 September 2021 – 15 September 2021"), or its one day."""
    if event.start == event.end:
        return date_format(event.start)
    return f"{date_format(event.start)} – {date_format(event.end)}"


@register.filter
def term_shown(coordination) -> str:
    """A coordinator's term: "since 1 January 2019", "1 January 2018 – 31 December 2020"."""
    if coordination.end is None:
        return _("since %(start)s") % {"start": date_format(coordination.start)}
    return f"{date_format(coordination.start)} – {date_format(coordination.end)}"


@register.filter
def count_of(row, status: str) -> int:
    """The count of ``status`` in a dashboard row."""
    return row.counts.get(status, 0)
