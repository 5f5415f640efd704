"""``accord demo``: CICA's registry with its history of accessions and Chairmanships, one user per role, the seed package imported, the SWG meeting of
September 2021 with the draft declaration on its agenda, the seed's note verbale in the registry of notes, and the
catalogue of confidence building measures with its 2020 and 2021 implementation plans.

Runs only in demo mode (``ACCORD_DEMO_MODE``, on by default in debug), because it creates users whose passwords are
published in the README. Running it again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from django.utils import timezone

from accord.correspondence.models import OutgoingNote
from accord.correspondence.services import NoteRefused, register_issued
from accord.documents.models import Document, Revision
from accord.documents.services import ImportRefused, import_file
from accord.institutions.demo import load_demo as load_institutions
from accord.meetings.models import Meeting
from accord.meetings.services import MeetingRefused, add_agenda_item, schedule
from accord.registry.models import Body, Delegation, State, User
from accord.registry.services import ForumFileError, forum, load_forum, read_forum_file

from ..reading import BAD_INPUT


class Command(BaseCommand):
    help = "Load the CICA demo: States, Chairmanship, bodies, demo users, and the seed documents."

    def handle(self, *args, **options):
        if not settings.ACCORD_DEMO_MODE:
            raise CommandError("demo mode is off (set ACCORD_DEMO_MODE=1): demo users have public passwords",
                               returncode=BAD_INPUT)
        seed = settings.ACCORD_SEED_PATH
        try:
            forum = read_forum_file(settings.ACCORD_FORUM_FILE)
            demo = forum["demo"]
            seed_bytes = seed.read_bytes()
        except (ForumFileError, KeyError, OSError) as error:
            raise CommandError(f"demo: {error}", returncode=BAD_INPUT) from None
        try:
            with transaction.atomic():
                load_forum(forum, source=str(settings.ACCORD_FORUM_FILE))
                officer = self.users(demo["users"])
                if Revision.objects.filter(symbol="MM/2021/DRAFT/3").exists():
                    self.stdout.write("demo: seed already imported")
                else:
                    for version in import_file(seed_bytes, seed.name, officer):
                        self.stdout.write(f"demo: {version.revision.symbol} [{version.language}] imported")
                self.references(demo.get("references", {}))
                meetings = self.meetings(demo.get("meetings", []), officer)
                self.notes(demo.get("notes", []), meetings, officer)
                load_institutions(officer)
        except (ForumFileError, ImportRefused, MeetingRefused, NoteRefused, KeyError, ValueError) as error:
            raise CommandError(f"demo: {error}", returncode=BAD_INPUT) from None

    def references(self, references: dict) -> None:
        """How notes refer to the demo's documents, by symbol of one of their revisions."""
        for symbol, reference in references.items():
            Document.objects.filter(revisions__symbol=symbol).update(reference=reference)

    def meetings(self, entries: list[dict], officer: User) -> list[Meeting]:
        """The demo's meetings with their agendas, scheduled once."""
        meetings = []
        for entry in entries:
            body = Body.objects.get(symbol_prefix=entry["body"])
            start, end = dt.date.fromisoformat(entry["start"]), dt.date.fromisoformat(entry["end"])
            meeting = Meeting.objects.filter(body=body, start=start).first()
            if meeting is None:
                chair = State.objects.get(code=entry["chair"]) if entry.get("chair") else None
                meeting = schedule(officer, body=body, start=start, end=end, venue=entry["venue"], chair=chair)
                for item in entry.get("agenda", []):
                    revision = Revision.objects.get(symbol=item["document"]) if item.get("document") else None
                    add_agenda_item(meeting, officer, titles=item["titles"], revision=revision)
                self.stdout.write(f"demo: meeting {meeting} scheduled")
            meetings.append(meeting)
        return meetings

    def notes(self, entries: list[dict], meetings: list[Meeting], officer: User) -> None:
        """The notes the seed holds, entered in the registry with the facts they were written from."""
        for entry in entries:
            revision = Revision.objects.get(symbol=entry["number"])
            if OutgoingNote.objects.filter(revision=revision).exists():
                continue
            date = dt.date.fromisoformat(entry["date"])
            register_issued(
                revision, officer, purpose=entry["purpose"],
                revisions=[Revision.objects.get(symbol=symbol) for symbol in entry.get("documents", [])],
                meeting=meetings[entry["meeting"]] if entry.get("meeting") is not None else None,
                observers=entry.get("observers", False), place=entry.get("place") or forum()["seat"], date=date,
                pages=entry.get("pages", {}), letterhead=entry.get("letterhead", []),
                delivered_at=timezone.make_aware(dt.datetime.combine(date, dt.time(12))),
            )
            self.stdout.write(f"demo: note {revision.symbol} entered in the registry of notes")

    def users(self, entries: list[dict]) -> User:
        """Create the demo users that are missing; return the secretariat officer."""
        officer = None
        for entry in entries:
            user = User.objects.filter(username=entry["username"]).first()
            if user is None:
                first, last = entry.get("name", ["", ""])
                user = User(username=entry["username"], role=entry["role"], first_name=first, last_name=last,
                            email=f"{entry['username']}@example.org", languages=entry.get("languages", []),
                            is_demo=True)
                if "state" in entry:
                    user.delegation = Delegation.objects.get(state__code=entry["state"])
                user.set_password(entry["password"])
                user.save()
            if user.role == User.SECRETARIAT and officer is None:
                officer = user
        return officer
