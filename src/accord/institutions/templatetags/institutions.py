"""Template filters of the institutions' pages, in the interface language: ``{% load institutions %}``."""

from django import template
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ..mandates import due_shown as mandate_due
from ..treaties import STAGES

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


@register.filter
def depositary_shown(instrument) -> str:
    """An instrument's depositary in the interface language, or a dash while it is not known."""
    return instrument.depositary_name(get_language()) or "—"


@register.filter
def responsible_shown(mandate) -> str:
    """Who is responsible for a mandate, in the interface language, or "" while no one is named."""
    return mandate.responsible(get_language())


@register.filter
def due_shown(mandate) -> str:
    """When a mandate is due: the meeting, or the day; a dash while it is not set."""
    return mandate_due(mandate, get_language()) or "—"


@register.filter
def stage_label(stage: str) -> str:
    """The label of a Member State's stage on an instrument ("Signed, not ratified")."""
    return str(dict(STAGES).get(stage, stage))


@register.filter
def proposal_marked(mandate):
    """The mandate's excerpt with the words it was proposed from marked: the cue and the words naming the one
    responsible (``<mark class="cue">``, ``<mark class="actor">``)."""
    excerpt = mandate.excerpt
    spans = []
    for words, kind in ((mandate.cue, "cue"), (mandate.actor_words, "actor")):
        at = excerpt.find(words) if words else -1
        if at >= 0 and not any(start < at + len(words) and at < end for start, end, _kind in spans):
            spans.append((at, at + len(words), kind))
    parts, position = [], 0
    for start, end, kind in sorted(spans):
        parts.append(conditional_escape(excerpt[position:start]))
        parts.append(format_html('<mark class="{}">{}</mark>', kind, excerpt[start:end]))
        position = end
    parts.append(conditional_escape(excerpt[position:]))
    return mark_safe("".join(str(part) for part in parts))


@register.filter
def count_in(counts: dict, key: str) -> int:
    """The count of ``key`` in ``counts`` (Member States at a stage of a treaty, mandates of a status), 0 if none."""
    return counts.get(key, 0)
