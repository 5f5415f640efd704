"""Loading a forum's registry from its data file (``forums/cica.json`` for CICA).

A forum file lists States with their names per language and the dates they became members or observers, the
Chairmanships with their terms, and the bodies with their names, abbreviations, the grammatical forms of their names
and symbol prefixes. Loading it (``accord loadforum``, and ``accord demo``) creates or updates all of it, history
included; loading it again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.db import transaction

from .models import Body, Chairmanship, Delegation, Membership, State


class ForumFileError(ValueError):
    """A forum file that cannot be loaded; the message names the file and the entry."""


def read_forum_file(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ForumFileError(f"{path}: {error}") from None


@cache
def _forum_file(path: Path) -> dict:
    return read_forum_file(path)


def forum() -> dict:
    """The ``forum`` entry of the forum file in settings (names, abbreviations and their forms, seat, note numbers),
    read once per process: it changes only with a deployment."""
    return _forum_file(settings.ACCORD_FORUM_FILE)["forum"]


@transaction.atomic
def load_forum(data: dict, source: str = "forum file") -> None:
    """Create or update the States, their accessions (memberships with dates), the Chairmanships and the bodies of
    ``data``, with their whole history: who was a member or chaired on a given day is the registry's to answer
    (:meth:`State.membership_on`, :meth:`Chairmanship.on`), so nothing is cut at the day of loading."""
    try:
        for entry in data["states"]:
            state, _ = State.objects.update_or_create(code=entry["code"], defaults={"names": entry["names"]})
            Delegation.objects.get_or_create(state=state)
            # A State that was an observer before it acceded as a member stops being an observer on accession.
            accessions = sorted((dt.date.fromisoformat(entry[status]), status) for status, _label in Membership.STATUSES
                                if status in entry)
            for (start, status), following in zip(accessions, [*accessions[1:], None]):
                end = following[0] - dt.timedelta(days=1) if following else None
                Membership.objects.update_or_create(state=state, status=status, start=start, defaults={"end": end})
        for entry in data.get("chairmanships", []):
            Chairmanship.objects.update_or_create(
                state=State.objects.get(code=entry["state"]),
                start=dt.date.fromisoformat(entry["start"]),
                defaults={"end": dt.date.fromisoformat(entry["end"]) if entry.get("end") else None},
            )
        for entry in data.get("bodies", []):
            Body.objects.update_or_create(
                symbol_prefix=entry["symbol_prefix"],
                defaults={"names": entry["names"], "abbreviations": entry["abbreviations"],
                          "forms": entry.get("forms", {})},
            )
    except (KeyError, ValueError, State.DoesNotExist) as error:
        raise ForumFileError(f"{source}: {type(error).__name__}: {error}") from None
