"""``accord backup`` and ``accord restore`` round-trip a whole instance: the demo with negotiation on top (amendments
tabled, supported and decided, the next revision issued and a translation updated, a note verbale issued, a silence
procedure broken and the text then adopted at a meeting) is backed up, the database emptied as a fresh ``accord
migrate`` leaves it, and the backup restored: every table's rows are identical, the audit chain verifies, the
reading room serves the same page, and new rows get fresh ids. A damaged file, another format or migrations, and a
database that holds data are refused with one line and exit status 2, and a refused restore writes nothing.

Runs on the database of the test pass (SQLite, or PostgreSQL with ``ACCORD_DATABASE_URL``). The demo and the activity
are made once for the module inside a transaction rolled back at its end; each test runs in a savepoint of its own.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import re
import time
from pathlib import Path

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accord.correspondence import services as correspondence
from accord.documents.models import Document, LanguageVersion, Revision
from accord.documents.services import import_file
from accord.instance import backup
from accord.negotiation import consensus, revisions, services
from accord.negotiation.audit import verify
from accord.negotiation.models import Adoption, Amendment, AuditEntry, SilenceBreak
from accord.registry.models import ApiToken, User

SYMBOL = "MM/2021/DRAFT/3"
# A short declaration, imported after a restore.
STATEMENT = """SWG/2021/DRAFT/1

**DRAFT STATEMENT OF THE SPECIAL WORKING GROUP**

We, the members of the Special Working Group,

*Recalling* the Almaty Act of 2002,

1. *Welcome* the progress made in the implementation of confidence building measures;

2. *Decide* to meet again in 2022.
""".encode()


def negotiate(users: dict[str, User]) -> None:
    """Activity on top of the demo, each kind of row a backup must carry."""
    draft = Revision.objects.get(symbol=SYMBOL)
    replaced = services.table(draft, users["delegate-ru"], kind="replace", provision_id="para_27",
                              old_text="on an expeditious basis", text="as soon as possible")
    services.back(replaced, users["delegate-cn"], "support")
    services.back(replaced, users["delegate-in"], "cosponsor")
    rejected = services.table(draft, users["delegate-cn"], kind="delete", provision_id="para_1")
    services.decide(replaced, users["chair"], outcome=Amendment.ACCEPTED, version=1)
    services.decide(rejected, users["chair"], outcome=Amendment.NOT_ACCEPTED, reason="no consensus", version=1)
    draft4 = revisions.issue_next_revision(draft, users["chair"]).revision
    russian = draft4.versions.get(language="ru")
    revisions.update_translation(russian, "para_27", "Как можно скорее.", users["translator"])
    correspondence.issue_note(users["officer"], purpose="forward", revisions=[draft4])
    # Silence broken before its deadline, which then passes; the text is adopted at a meeting after. Restored in the
    # order of the tables, the lock triggers would now refuse the break (the procedure alone reads as adopted).
    deadline = timezone.now() + dt.timedelta(seconds=0.6)
    procedure = consensus.start_silence(draft4, users["officer"], deadline=deadline)
    consensus.break_silence(procedure, users["delegate-ru"], reason="We need more time.")
    time.sleep(max(0.0, (deadline - timezone.now()).total_seconds()) + 0.05)
    consensus.adopt_at_meeting(draft4, users["chair"], meeting="Sixth Ministerial Meeting", date=timezone.localdate())
    ApiToken.issue(users["delegate-ru"])


@pytest.fixture(scope="module")
def instance(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=io.StringIO())
        negotiate({user.username: user for user in User.objects.all()})
        yield
        transaction.set_rollback(True)


@pytest.fixture
def world(instance, db):
    """The instance, with the test's own savepoint."""


def every_table() -> dict[str, list[dict]]:
    """Every row of every table, as the database gives them (not through the backup's own serializer)."""
    return {model._meta.label_lower: [_plain(row) for row in model._base_manager.order_by("pk").values()]
            for model in apps.get_models(include_auto_created=True)}


def _plain(row: dict) -> dict:
    return {key: bytes(value) if isinstance(value, memoryview) else value for key, value in row.items()}


def emptied() -> None:
    """The database as a fresh `accord migrate` leaves it: every table empty but the content types and permissions
    migrating creates."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # TRUNCATE refuses to run with checks pending from the module's rows
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)


def backup_to(path: Path) -> str:
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    return out.getvalue()


def restore_from(path: Path, *args: str) -> str:
    out = io.StringIO()
    call_command("restore", str(path), *args, stdout=out)
    return out.getvalue()


def refusal(path: Path, *args: str) -> str:
    """The one line `accord restore` is refused with (exit status 2)."""
    with pytest.raises(CommandError) as refused:
        restore_from(path, *args)
    assert refused.value.returncode == 2
    message = str(refused.value)
    assert message.startswith("restore: ") and "\n" not in message
    return message


def reading_room(client, revision: Revision) -> str:
    cache.clear()  # rendered anew, not the page cached before the restore
    response = client.get(f"/revisions/{revision.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def test_a_restored_backup_is_the_same_instance(world, client, tmp_path):
    client.force_login(User.objects.get(username="delegate-ru"))
    draft4 = Revision.objects.get(symbol="MM/2021/DRAFT/4")
    page = reading_room(client, draft4)
    entries = AuditEntry.objects.count()
    assert entries >= 10 and Adoption.objects.exists() and SilenceBreak.objects.exists()
    before = every_table()
    path = tmp_path / "instance.accord"
    assert "rows of" in backup_to(path)

    emptied()
    assert not Revision.objects.exists() and not User.objects.exists()
    said = restore_from(path)

    assert f"audit chain of {entries} entries intact" in said
    after = every_table()
    assert after.keys() == before.keys()
    for table, rows in before.items():
        assert after[table] == rows, table
    out = io.StringIO()
    call_command("audit", "verify", stdout=out)
    assert f"{entries} entries, chain intact" in out.getvalue()
    assert reading_room(client, draft4) == page  # the session came back too
    # A backup of the restored instance is the same, byte for byte after its header.
    again = tmp_path / "again.accord"
    backup_to(again)
    assert again.read_bytes().split(b"\n", 1)[1] == path.read_bytes().split(b"\n", 1)[1]


def test_after_a_restore_new_rows_get_fresh_ids_and_the_locks_hold(world, tmp_path):
    path = tmp_path / "instance.accord"
    backup_to(path)
    models = (Document, Revision, LanguageVersion, Amendment, AuditEntry, ApiToken)
    highest = {model: model.objects.order_by("-pk").values_list("pk", flat=True).first() for model in models}
    emptied()
    restore_from(path)

    users = {user.username: user for user in User.objects.all()}
    (version,) = import_file(STATEMENT, "statement.md", users["officer"])
    amendment = services.table(version.revision, users["delegate-ru"], kind="delete", provision_id="para_2")
    token = ApiToken.objects.get(digest=ApiToken.digest_of(ApiToken.issue(users["officer"])))
    for obj in (version.revision.document, version.revision, version, amendment, amendment_entry(amendment), token):
        assert obj.pk > highest[type(obj)], type(obj)
    assert verify().intact
    draft4 = Revision.objects.get(symbol="MM/2021/DRAFT/4")
    with pytest.raises(services.Refused):  # adopted before the backup: its negotiation stays closed
        services.table(draft4, users["delegate-ru"], kind="delete", provision_id="para_2")
    for change in (lambda: Revision.objects.filter(pk=draft4.pk).update(stage="FINAL"),  # the lock triggers are back
                   lambda: Adoption.objects.update(meeting="another"),
                   lambda: AuditEntry.objects.update(actor_name="someone")):
        with pytest.raises(IntegrityError), transaction.atomic():
            change()


def amendment_entry(amendment: Amendment) -> AuditEntry:
    return AuditEntry.objects.get(action=AuditEntry.TABLED, object_type="amendment", object_id=str(amendment.pk))


def rewritten(path: Path, target: Path, *, header=None, rows=None) -> Path:
    """A copy of the backup at ``path`` whose header (``header(dict)``) or rows (``rows(list) -> list``) were changed,
    with a checksum and counts that match: a file that only restoring can find wrong."""
    first, payload = path.read_bytes().split(b"\n", 1)
    meta = json.loads(first)
    if rows is not None:
        lines = [json.loads(line) for line in gzip.decompress(payload).splitlines()]
        lines = rows(lines)
        payload = gzip.compress(b"".join(json.dumps(row).encode() + b"\n" for row in lines), mtime=0)
        meta["payload"].update(bytes=len(payload), sha256=hashlib.sha256(payload).hexdigest())
    if header is not None:
        header(meta)
    target.write_bytes(json.dumps(meta).encode() + b"\n" + payload)
    return target


def test_a_damaged_or_foreign_file_is_refused_before_anything_is_written(world, tmp_path):
    path = tmp_path / "instance.accord"
    backup_to(path)
    data = path.read_bytes()
    emptied()
    truncated = tmp_path / "truncated.accord"
    truncated.write_bytes(data[: len(data) - 1000])
    assert "truncated" in refusal(truncated)
    flipped = bytearray(data)
    flipped[-500] ^= 0xFF
    corrupt = tmp_path / "corrupt.accord"
    corrupt.write_bytes(bytes(flipped))
    assert "corrupt" in refusal(corrupt)
    other = tmp_path / "notes.txt"
    other.write_text("Note verbale 17-1/542\n")
    assert "not an Accord backup" in refusal(other)
    assert "format version 2" in refusal(rewritten(path, tmp_path / "v2.accord", header=lambda h: h.update(version=2)))

    def older(meta):
        meta["migrations"]["negotiation"] = meta["migrations"]["negotiation"][:-1]

    assert "other migrations" in refusal(rewritten(path, tmp_path / "older.accord", header=older))
    assert "cannot be read" in refusal(tmp_path / "missing.accord")
    assert not User.objects.exists() and not Revision.objects.exists()


def test_a_restore_that_fails_midway_leaves_the_database_as_it_was(world, tmp_path):
    path = tmp_path / "instance.accord"
    backup_to(path)
    emptied()
    # Consistent as a file, inconsistent as data: the States are gone, their memberships and delegations remain.
    orphans = rewritten(path, tmp_path / "orphans.accord", rows=lambda rows: [row for row in rows
                                                                              if row["model"] != "registry.state"],
                        header=lambda meta: meta["tables"].update({"registry.state": 0}))
    assert "do not hold together" in refusal(orphans)
    assert not User.objects.exists() and not Revision.objects.exists() and not AuditEntry.objects.exists()
    restore_from(path)  # and the database still takes the whole backup
    assert verify().intact and AuditEntry.objects.exists()


def test_a_database_with_data_is_refused_unless_replace_is_asked(world, tmp_path):
    path = tmp_path / "instance.accord"
    backup_to(path)
    before = every_table()
    assert "the database holds data" in refusal(path)
    assert every_table() == before
    restore_from(path, "--replace")
    assert every_table() == before


def test_a_backup_is_written_whole_or_not_at_all(world, tmp_path):
    with pytest.raises(CommandError) as refused:
        backup_to(tmp_path / "no such folder" / "instance.accord")
    assert refused.value.returncode == 2 and "cannot be written" in str(refused.value)
    path = tmp_path / "instance.accord"
    path.write_bytes(b"the previous backup")
    said = backup_to(path)
    assert said.startswith(f"backup: {path}: ") and list(tmp_path.iterdir()) == [path]
    header = json.loads(path.read_bytes().split(b"\n", 1)[0])
    assert header["format"] == "accord-backup" and header["version"] == 1 and header["database"] == connection.vendor
    assert header["tables"]["negotiation.auditentry"] == AuditEntry.objects.count()
    assert {"registry.user", "registry.apitoken", "sessions.session", "documents.languageversion",
            "correspondence.outgoingnote", "institutions.catalogueversion_measures"} <= header["tables"].keys()
