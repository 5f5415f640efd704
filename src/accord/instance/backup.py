"""A whole Accord instance in one file, and back: ``accord backup FILE`` and ``accord restore FILE``.

**What is in it.** Every row of every table of every installed app — Accord's (documents, revisions, language versions
with their source files, amendments, notes verbales, the audit log…), the users with their password hashes, API token
digests and sessions, Django's content types and permissions — in one database-neutral format, so a backup of SQLite
restores into PostgreSQL and back. Nothing of an instance lives outside the database: ``ACCORD_DATA_DIR`` holds the
SQLite file itself and ``static/`` (the application's own files), and the forum file, term base and the other
``ACCORD_*`` settings are the deployment's configuration, kept with it rather than in a backup.

**The file.** One line of JSON, the header::

    {"format": "accord-backup", "version": 1, "created_at": …, "accord": "0.1.0", "database": "sqlite",
     "migrations": {app: [applied migrations…]}, "tables": {"app.model": rows, …},
     "payload": {"encoding": "gzip", "bytes": N, "sha256": "…"}}

then the payload: exactly ``bytes`` bytes, gzip-compressed JSON lines, one row each, table after table, as Django's
serializer gives them (``{"model": "negotiation.amendment", "pk": 7, "fields": {…}}``; binary fields in base64) except
that times keep their microseconds, which the audit log's hashes cover (Django's JSON encoder cuts them to
milliseconds, which would break the chain). The header is written last but stands first: the payload goes to an
anonymous temporary file beside the target, then header and payload to a named one (``.FILE.….partial``), flushed to
disk and renamed over the target once complete — a backup is there whole or not at all. It is readable by its owner
only (it holds password hashes). The backup reads in one transaction, so it is one state of the database (on
PostgreSQL a repeatable-read snapshot; on SQLite, writers wait for it).

**Restoring** checks the whole file before touching the database — its header, format version, length (a truncated
file) and checksum — and refuses, naming what is wrong. The database must be migrated exactly as the backup's was, and
empty (a fresh ``accord migrate`` creates only content types and permissions, which the backup's replace), unless
``replace`` is asked for. Then, in one transaction: empty the tables (with ``replace``), insert every row with its
primary key, reset PostgreSQL's sequences so new rows get fresh ids, check every foreign key and the row counts. Any
failure rolls everything back.

The lock triggers (issued revisions and language versions, the negotiation of an adopted revision, the audit log) guard
changes, and restoring recreates history, some of which the insert triggers would refuse now though they let it through
when it happened: a silence procedure broken before its deadline, which has passed since — inserted table by table,
the procedure alone reads as an adoption by silence, and the trigger refuses the break that came before its deadline.
So they are set aside while the rows go in, and are back, unchanged, before the transaction commits: on SQLite dropped
and created again, on PostgreSQL disabled and enabled (``ALTER TABLE``, which needs the tables' owner, as migrating
does).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import accord

FORMAT = "accord-backup"
VERSION = 1
HEADER_MAX_BYTES = 1 << 20  # a header is a few kilobytes; a first line longer than this is not one
BATCH = 500  # rows per INSERT at most (fewer where the database limits the parameters of a statement)
# What a fresh `accord migrate` creates by itself: a database holding only these is empty.
CREATED_BY_MIGRATE = {"contenttypes.contenttype", "auth.permission"}


class BackupError(Exception):
    """A backup that cannot be written, a file that is not a restorable backup, or a database that cannot take it;
    the message is one line naming what is wrong."""


@dataclass
class Summary:
    path: Path
    header: dict

    @property
    def rows(self) -> int:
        return sum(self.header["tables"].values())

    @property
    def tables(self) -> int:
        return len(self.header["tables"])


class Encoder(DjangoJSONEncoder):
    """Django's encoder, keeping the microseconds of times (the audit log's hashes cover them)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()
        return super().default(o)


def label(model: type[models.Model]) -> str:
    return model._meta.label_lower


def backed_up_models() -> list[type[models.Model]]:
    """Every model with a table of its own, the many-to-many tables included, parents before the rows pointing to
    them (restoring does not need the order, since foreign keys are checked at the end, but it reads better)."""
    candidates = [model for model in apps.get_models(include_auto_created=True)
                  if model._meta.managed and not model._meta.proxy and not model._meta.swapped]
    ordered: list[type[models.Model]] = []
    placed: set[type[models.Model]] = set()

    def place(model: type[models.Model], visiting: frozenset = frozenset()) -> None:
        if model in placed or model in visiting:
            return
        for field in model._meta.local_fields:
            target = field.related_model if field.is_relation else None
            if target is not None and target is not model and target in candidates:
                place(target, visiting | {model})
        placed.add(model)
        ordered.append(model)

    for model in candidates:
        place(model)
    return ordered


def applied_migrations(alias: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def rows(model: type[models.Model], alias: str = DEFAULT_DB_ALIAS) -> Iterator[dict]:
    """The rows of ``model``'s table in the backup's form, by primary key."""
    fields = [field.name for field in model._meta.local_concrete_fields if not field.primary_key]
    queryset = model._base_manager.using(alias).order_by("pk")
    chunk: list[models.Model] = []
    for obj in queryset.iterator(chunk_size=BATCH):
        chunk.append(obj)
        if len(chunk) == BATCH:
            yield from serializers.serialize("python", chunk, fields=fields)
            chunk = []
    yield from serializers.serialize("python", chunk, fields=fields)


def dumps(row: dict) -> str:
    """One row as a line of the payload: plain JSON, keys sorted."""
    return json.dumps(row, cls=Encoder, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# Writing.

def backup(path: str | os.PathLike, alias: str = DEFAULT_DB_ALIAS) -> Summary:
    """Write the whole database of ``alias`` to ``path`` (see the module)."""
    target = Path(path)
    connection = connections[alias]
    try:
        with tempfile.TemporaryFile(dir=target.parent) as payload:  # beside the backup, on its file system
            header = _write_payload(payload, connection, alias)
            payload.seek(0)
            _write_atomically(target, json.dumps(header, ensure_ascii=False).encode() + b"\n", payload)
    except DatabaseError as error:
        raise BackupError(f"the database cannot be read: {_first_line(error)}") from None
    except OSError as error:
        raise BackupError(f"{target}: cannot be written ({error.strerror})") from None
    return Summary(target, header)


def _write_payload(payload: BinaryIO, connection, alias: str) -> dict:
    """Every table's rows to ``payload``, compressed and hashed on the way; the header that describes them."""
    digest, counts = hashlib.sha256(), {}
    hashing = _HashingWriter(payload, digest)
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=alias):
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:  # one snapshot for every table, and nothing written
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        migrations = applied_migrations(alias)
        with gzip.GzipFile(fileobj=hashing, mode="wb", mtime=0) as compressed:
            text = io.TextIOWrapper(compressed, encoding="utf-8", newline="\n")
            for model in backed_up_models():
                counts[label(model)] = 0
                for row in rows(model, alias):
                    text.write(dumps(row) + "\n")
                    counts[label(model)] += 1
            text.flush()
            text.detach()
    return {
        "format": FORMAT,
        "version": VERSION,
        "created_at": timezone.now().isoformat(),
        "accord": accord.__version__,
        "database": connection.vendor,
        "migrations": migrations,
        "tables": counts,
        "payload": {"encoding": "gzip", "bytes": hashing.size, "sha256": digest.hexdigest()},
    }


class _HashingWriter(io.RawIOBase):
    """A write-only file that passes bytes on to ``file`` and hashes them on the way."""

    def __init__(self, file: BinaryIO, digest) -> None:
        self.file, self.digest, self.size = file, digest, 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.file.write(data)
        self.digest.update(data)
        self.size += len(data)
        return len(data)


def _write_atomically(target: Path, header: bytes, payload: BinaryIO) -> None:
    folder = target.parent
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=f".{target.name}.", suffix=".partial",
                                         delete=False) as partial:
            try:
                partial.write(header)
                while block := payload.read(1 << 20):
                    partial.write(block)
                partial.flush()
                os.fsync(partial.fileno())
            except BaseException:
                os.unlink(partial.name)
                raise
        os.replace(partial.name, target)
        directory = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(directory)  # the rename itself survives a crash
        finally:
            os.close(directory)
    except OSError as error:
        raise BackupError(f"{target}: cannot be written ({error.strerror})") from None


# Reading.

def read_header(path: str | os.PathLike) -> tuple[dict, int]:
    """The header of the backup at ``path`` and where its payload starts, once the whole file is checked: a
    :class:`BackupError` naming what is wrong otherwise."""
    source = Path(path)
    try:
        with open(source, "rb") as file:
            first = file.readline(HEADER_MAX_BYTES)
            size = os.fstat(file.fileno()).st_size
            try:
                header = json.loads(first)
            except ValueError:
                header = None
            if not isinstance(header, dict) or header.get("format") != FORMAT:
                raise BackupError(f"{source}: not an Accord backup")
            if header.get("version") != VERSION:
                raise BackupError(f"{source}: backup format version {header.get('version')!r}; this Accord reads "
                                  f"version {VERSION}")
            try:
                expected, checksum = int(header["payload"]["bytes"]), str(header["payload"]["sha256"])
                tables, migrations = dict(header["tables"]), dict(header["migrations"])
            except (KeyError, TypeError, ValueError):
                raise BackupError(f"{source}: the backup's header is incomplete") from None
            header["tables"], header["migrations"] = tables, migrations
            found = size - len(first)
            if found < expected:
                raise BackupError(f"{source}: truncated: {found:,} of the payload's {expected:,} bytes")
            if found > expected:
                raise BackupError(f"{source}: {found - expected:,} bytes after the end of the payload")
            digest = hashlib.sha256()
            while block := file.read(1 << 20):
                digest.update(block)
            if digest.hexdigest() != checksum:
                raise BackupError(f"{source}: corrupt: the payload does not match its checksum")
    except OSError as error:
        raise BackupError(f"{source}: cannot be read ({error.strerror})") from None
    return header, len(first)


def read_rows(path: str | os.PathLike, offset: int) -> Iterator[dict]:
    """The rows of the payload starting at ``offset`` of ``path``."""
    source = Path(path)
    with open(source, "rb") as file:
        file.seek(offset)
        try:
            with gzip.GzipFile(fileobj=file, mode="rb") as compressed:
                for number, line in enumerate(compressed, 1):
                    try:
                        row = json.loads(line)
                    except ValueError:
                        raise BackupError(f"{source}: corrupt: row {number} is not JSON") from None
                    if not isinstance(row, dict) or not {"model", "pk", "fields"} <= row.keys():
                        raise BackupError(f"{source}: corrupt: row {number} is not a row")
                    yield row
        except (OSError, EOFError, gzip.BadGzipFile) as error:
            raise BackupError(f"{source}: corrupt payload ({error})") from None


# Restoring.

def holds_data(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """The tables of ``alias`` holding rows beyond what migrating creates."""
    return [label(model) for model in backed_up_models()
            if label(model) not in CREATED_BY_MIGRATE and model._base_manager.using(alias).exists()]


def restore(path: str | os.PathLike, *, replace: bool = False, alias: str = DEFAULT_DB_ALIAS) -> Summary:
    """Load the backup at ``path`` into the database of ``alias`` (see the module); nothing is written unless all
    of it is."""
    source = Path(path)
    header, offset = read_header(source)
    connection = connections[alias]
    current = applied_migrations(alias)
    if not current:
        raise BackupError("the database is not migrated: run `accord migrate` first")
    if current != header["migrations"]:
        difference = _difference(header["migrations"], current)
        raise BackupError(f"{source}: made at other migrations than this database's ({difference}): migrate an empty "
                          f"database to the backup's, restore, then migrate")
    known = {label(model): model for model in backed_up_models()}
    unknown = sorted(set(header["tables"]) - set(known))
    if unknown:
        raise BackupError(f"{source}: holds tables this Accord does not have: {', '.join(unknown)}")
    try:
        with transaction.atomic(using=alias):
            occupied = holds_data(alias)
            if occupied and not replace:
                shown = ", ".join(occupied[:3]) + ("…" if len(occupied) > 3 else "")
                raise BackupError(f"the database holds data ({shown}): restore into an empty one, or replace "
                                  f"what it holds with --replace")
            _empty(connection, list(known.values()))
            with _triggers_set_aside(connection, list(known.values())):
                inserted = _insert_all(source, offset, known, alias)
                _check(connection, header["tables"], inserted, known)
            for statement in connection.ops.sequence_reset_sql(no_style(), list(known.values())):
                with connection.cursor() as cursor:
                    cursor.execute(statement)
    except DatabaseError as error:
        raise BackupError(f"{source}: the database refused the backup's rows: {_first_line(error)}") from None
    finally:
        ContentType.objects.clear_cache()
    return Summary(source, header)


def _difference(backup: dict[str, list[str]], database: dict[str, list[str]]) -> str:
    for app in sorted(set(backup) | set(database)):
        ours, theirs = database.get(app, []), backup.get(app, [])
        if ours != theirs:
            return (f"{app}: the backup's last is {theirs[-1] if theirs else 'none'}, "
                    f"the database's {ours[-1] if ours else 'none'}")
    return "none"


def _empty(connection, all_models: list[type[models.Model]]) -> None:
    """Empty every table (the content types and permissions migrating made included), as ``accord flush`` does; on
    SQLite through Accord's backend, whose flush the lock triggers let through."""
    tables = [model._meta.db_table for model in all_models]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # TRUNCATE waits for no deferred check either: rows written earlier in this transaction are checked now.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables, reset_sequences=True))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


class _triggers_set_aside:
    """The database's own triggers on Accord's tables, out of the way while the rows go in, and back as they were."""

    def __init__(self, connection, all_models: list[type[models.Model]]) -> None:
        self.connection = connection
        self.tables = {model._meta.db_table for model in all_models}
        self.saved: list[tuple[str, str]] = []

    def __enter__(self):
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                cursor.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
                self.saved = [(name, sql) for name, table, sql in cursor.fetchall() if table in self.tables]
                for name, _sql in self.saved:
                    cursor.execute(f'DROP TRIGGER "{name}"')
            elif self.connection.vendor == "postgresql":
                cursor.execute("SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                               "WHERE NOT t.tgisinternal AND c.relname = ANY(%s)", [sorted(self.tables)])
                self.saved = [(table, "") for (table,) in cursor.fetchall()]
                for table, _ in self.saved:
                    cursor.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER USER')
        return self

    def __exit__(self, kind, error, traceback):
        if kind is not None:
            return False  # the transaction rolls back, the triggers with it
        with self.connection.cursor() as cursor:
            if self.connection.vendor == "sqlite":
                for _name, sql in self.saved:
                    cursor.execute(sql)
            elif self.connection.vendor == "postgresql":
                # ALTER TABLE waits for no deferred check (all have run: see _check).
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                for table, _ in self.saved:
                    cursor.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER USER')
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        return False


def _insert_all(source: Path, offset: int, known: dict[str, type[models.Model]], alias: str) -> dict[str, int]:
    """Insert the payload's rows as they are (primary keys included, no ``save()``), a batch at a time."""
    connection = connections[alias]
    inserted = dict.fromkeys(known, 0)
    batch: list[models.Model] = []

    def flush() -> None:
        if not batch:
            return
        model = type(batch[0])
        fields = model._meta.local_concrete_fields
        size = max(1, min(BATCH, connection.ops.bulk_batch_size(fields, batch)))
        try:
            for start in range(0, len(batch), size):
                model._base_manager.using(alias)._insert(batch[start:start + size], fields=fields, using=alias,
                                                         raw=True)
        except DatabaseError as error:
            raise BackupError(f"{source}: the database refused rows of {label(model)}: {_first_line(error)}") from None
        inserted[label(model)] += len(batch)
        batch.clear()

    def checked(rows: Iterator[dict]) -> Iterator[dict]:
        for row in rows:
            if str(row["model"]).lower() not in known:
                raise BackupError(f"{source}: corrupt: a row of {row['model']!r}, a table the header does not list")
            yield row

    try:
        for deserialized in serializers.deserialize("python", checked(read_rows(source, offset)), using=alias):
            obj = deserialized.object
            if batch and (type(obj) is not type(batch[0]) or len(batch) >= BATCH):
                flush()
            batch.append(obj)
    except serializers.base.DeserializationError as error:
        raise BackupError(f"{source}: corrupt: a row does not load ({_first_line(error)})") from None
    flush()
    return inserted


def _first_line(error: Exception) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def _check(connection, expected: dict[str, int], inserted: dict[str, int],
           known: dict[str, type[models.Model]]) -> None:
    """Every row the header announces arrived, and every foreign key points at a row."""
    for table, count in expected.items():
        if inserted.get(table, 0) != count:
            raise BackupError(f"corrupt: the header lists {count} rows of {table}, the payload "
                              f"{inserted.get(table, 0)}")
    try:
        connection.check_constraints(table_names=[model._meta.db_table for model in known.values()])
    except IntegrityError as error:
        raise BackupError(f"the backup's rows do not hold together: {_first_line(error)}") from None
