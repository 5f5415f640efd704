"""The audit log: every action appends an :class:`~.models.AuditEntry` chained to the one before it.

An entry's hash is the SHA-256 of its canonical JSON (sorted keys, no spaces): sequence, time in UTC to the
microsecond, actor, action, object, before, after and the previous entry's hash (64 zeros for the first). Changing,
removing or reordering any entry therefore breaks the chain from there on, which :func:`verify` finds.

:func:`record` runs inside the caller's transaction, as its last write, so an action and its entry are committed
together or not at all.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

from accord.registry.models import User

from .models import AuditEntry, AuditLock

GENESIS = "0" * 64


def plain(value: Any) -> Any:
    """``value`` as JSON reads it back (dates as ISO strings, tuples as lists), so that the hash computed when
    appending is the hash of what the database returns later."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def entry_hash(entry: AuditEntry) -> str:
    payload = {
        "sequence": entry.sequence,
        "at": entry.at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds"),
        "actor": [entry.actor_id, entry.actor_name],
        "action": entry.action,
        "object": [entry.object_type, entry.object_id, entry.object_repr],
        "before": entry.before,
        "after": entry.after,
        "previous": entry.previous_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def record(actor: User, action: str, obj: models.Model, *, before: Any = None, after: Any = None) -> AuditEntry:
    """Append the entry for ``action`` by ``actor`` on ``obj``, with the state ``before`` and ``after`` it."""
    with transaction.atomic():
        # Appends queue on the lock row: each one reads the last entry only once the one before it has committed.
        AuditLock.objects.select_for_update().get_or_create(pk=1)
        last = AuditEntry.objects.order_by("-sequence").values_list("sequence", "hash").first()
        sequence, previous = (last[0] + 1, last[1]) if last else (1, GENESIS)
        entry = AuditEntry(
            sequence=sequence,
            at=timezone.now(),
            actor=actor,
            actor_name=actor.get_username(),
            action=action,
            object_type=obj._meta.model_name,
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            before=plain(before),
            after=plain(after),
            previous_hash=previous,
        )
        entry.hash = entry_hash(entry)
        entry.save()
        return entry


@dataclass
class Verification:
    """The chain checked: how many entries the log holds, whether they all hold, and if not the first that does
    not (its sequence number) with what is wrong with it."""

    entries: int
    intact: bool
    first_broken: int | None = None
    problem: str | None = None


def verify() -> Verification:
    """Recompute the chain from the first entry; stop at the first entry that does not hold."""
    count = AuditEntry.objects.count()
    previous, expected = GENESIS, 1
    for entry in AuditEntry.objects.order_by("sequence").iterator():
        if entry.sequence != expected:
            problem = f"comes after #{expected - 1}: the entries between are missing"
        elif entry.previous_hash != previous:
            problem = "does not carry the hash of the entry before it"
        elif entry_hash(entry) != entry.hash:
            problem = "its content no longer matches its hash"
        else:
            previous, expected = entry.hash, expected + 1
            continue
        return Verification(count, False, entry.sequence, f"entry #{entry.sequence} ({entry.action}): {problem}")
    return Verification(count, True)
