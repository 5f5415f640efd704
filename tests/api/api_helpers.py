"""What the REST API tests share: bearer tokens made by the real `accord token` command, error checks, uploads."""

import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import transaction

from accord.documents.models import Document, Revision
from accord.documents.services import import_file
from accord.registry.models import User
from json_errors import assert_json_error  # noqa: F401 (the API tests import it from here)

ANONYMOUS = "anonymous"

RESOLUTION = Path(__file__).resolve().parents[1] / "text" / "fixtures" / "resolution_un.md"

# A small declaration no other test imports, for uploads that should succeed.
STATEMENT = """SWG/2021/DRAFT/1

**DRAFT STATEMENT OF THE SPECIAL WORKING GROUP**

We, the members of the Special Working Group,

*Recalling* the Almaty Act of 2002,

1. *Welcome* the progress made in the implementation of confidence building measures;

2. *Decide* to meet again in 2022.
""".encode()


def bearer_headers(username: str) -> dict[str, str]:
    """``Authorization: Bearer …`` with a new token printed by `accord token USERNAME`."""
    out = io.StringIO()
    call_command("token", username, stdout=out)
    return {"Authorization": f"Bearer {out.getvalue().strip()}"}


@dataclass
class World:
    """The demo with one more text for Member States only: request headers per user, revisions by name."""

    headers: dict[str, dict[str, str]]
    targets: dict[str, Revision]


def demo_world(usernames: Iterable[str], members_only: bytes, name: str, targets: dict[str, str]) -> Iterator[World]:
    """Load the demo and import ``members_only`` for Member States only, inside a transaction rolled back at the end:
    for module-scoped fixtures, which must run under ``django_db_blocker.unblock()``."""
    with transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        import_file(members_only, name, User.objects.get(username="officer"), distribution=Document.MEMBERS)
        yield World(
            headers={user: bearer_headers(user) if user != ANONYMOUS else {} for user in usernames},
            targets={label: Revision.objects.get(symbol=symbol) for label, symbol in targets.items()},
        )
        transaction.set_rollback(True)
