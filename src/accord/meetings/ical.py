"""The meetings as an iCalendar feed (RFC 5545), written by hand: a calendar client subscribes to it.

:func:`calendar` makes one ``VCALENDAR`` (``METHOD:PUBLISH``) with a ``VEVENT`` per meeting: all-day events, the
last day included (``DTEND`` is exclusive, so the day after it), named after the body in the language asked for, at
the venue, the agenda in the description. An agenda item shows its document's symbol only to a user who may read the
document (:func:`.services.shown_agenda`).

The text is what the RFC asks of it: TEXT values escaped (§3.3.11: backslash, semicolon, comma, newline), lines
folded at 75 octets of UTF-8 (§3.1) without splitting a character, CRLF line endings.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

import accord
from accord.registry.models import localized

from .models import Meeting
from .services import ShownItem, body_label

CRLF = "\r\n"
MAX_OCTETS = 75  # a content line's length before its line break, continuation lines' leading space included
CONTENT_TYPE = "text/calendar; charset=utf-8"


def escape_text(value: str) -> str:
    """A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as ``\\n``; the control
    characters TEXT may not hold (all but tab) dropped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = "".join(c for c in value if c in "\n\t" or unicodedata.category(c) != "Cc")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line folded (RFC 5545 §3.1): no physical line over 75 octets, each continuation starting with a
    space; a multi-byte character is never split between two lines."""
    lines, current, size = [], "", 0
    for character in line:
        octets = len(character.encode("utf-8"))
        if size + octets > MAX_OCTETS:
            lines.append(current)
            current, size = " ", 1
        current += character
        size += octets
    lines.append(current)
    return CRLF.join(lines)


def utc_stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def day(value: dt.date) -> str:
    return value.strftime("%Y%m%d")


@dataclass(frozen=True)
class Feed:
    """What every event of a calendar shares: the forum, the language, the moment of making, links back."""

    forum: dict  # the forum file's ``forum`` entry: names and abbreviations per language
    language: str
    now: dt.datetime
    url_of: Callable[[Meeting], str] | None = None  # the meeting's page, absolute

    @property
    def uid_domain(self) -> str:
        """``cica.accord``: the same in every language, so that a UID never changes."""
        return f"{localized(self.forum['abbreviations'], 'en').lower().replace(' ', '-')}.accord"


def event(meeting: Meeting, agenda: list[ShownItem], feed: Feed) -> list[str]:
    """The meeting's VEVENT, as content lines not folded yet, their values escaped where their type needs it."""
    language = feed.language
    description = []
    if meeting.chair is not None:
        description.append(_("Chair: %(state)s") % {"state": meeting.chair.name(language)})
    if agenda:
        description.append(_("Agenda:"))
        for shown in agenda:
            title = f"{shown.number}. {shown.title(language)}"
            description.append(f"{title} ({shown.revision.symbol})" if shown.revision else title)
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{feed.uid_domain}",
        f"DTSTAMP:{utc_stamp(feed.now)}",
        f"CREATED:{utc_stamp(meeting.created_at)}",
        f"DTSTART;VALUE=DATE:{day(meeting.start)}",
        f"DTEND;VALUE=DATE:{day(meeting.end + dt.timedelta(days=1))}",  # exclusive: the day after the last
        f"SUMMARY:{escape_text(body_label(meeting.body, language))}",
        f"LOCATION:{escape_text(meeting.venue_name(language))}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(chr(10).join(description))}")
    if feed.url_of is not None:
        lines.append(f"URL:{feed.url_of(meeting)}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings: Iterable[tuple[Meeting, list[ShownItem]]], feed: Feed) -> str:
    """The iCalendar text of ``meetings`` (each with its agenda as the user sees it), in ``feed.language``."""
    with translation.override(feed.language):
        name = _("%(forum)s meetings") % {"forum": localized(feed.forum["abbreviations"], feed.language)}
        lines = [
            "BEGIN:VCALENDAR",
            f"PRODID:-//Accord//Accord {accord.__version__}//EN",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{escape_text(name)}",
        ]
        for meeting, agenda in meetings:
            lines += event(meeting, agenda, feed)
        lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
