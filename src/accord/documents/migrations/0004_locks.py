"""Database triggers that refuse any UPDATE or DELETE of an issued revision or language version, so that what
``save()`` and ``delete()`` refuse is refused on every other path too: ``QuerySet.update()``, raw SQL, another
program. Issuing itself is untouched: a row inserted issued, or a draft whose ``issued_at`` is set, passes.

SQLite remakes a table when a migration alters it in a way ALTER TABLE cannot, which drops its triggers: a later
migration that alters these tables must create them again (tests/negotiation/test_locks.py fails otherwise).
"""

from django.db import migrations

TABLES = ["documents_revision", "documents_languageversion"]


def sqlite(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_issued_{event.lower()} BEFORE {event} ON {table} WHEN OLD.issued_at IS NOT NULL "
        f"BEGIN SELECT RAISE(ABORT, '{table}: an issued row cannot change'); END"
        for event in ("UPDATE", "DELETE")
    ]


POSTGRESQL_FUNCTION = """
CREATE FUNCTION accord_refuse_issued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '%: an issued row cannot change', TG_TABLE_NAME USING ERRCODE = 'integrity_constraint_violation';
END
$$
"""


def postgresql(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_issued BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW "
        f"WHEN (OLD.issued_at IS NOT NULL) EXECUTE FUNCTION accord_refuse_issued()"
    ]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        statements = [POSTGRESQL_FUNCTION, *(sql for table in TABLES for sql in postgresql(table))]
    elif vendor == "sqlite":
        statements = [sql for table in TABLES for sql in sqlite(table)]
    else:
        raise RuntimeError(f"the lock triggers are written for SQLite and PostgreSQL, not {vendor}")
    for statement in statements:
        schema_editor.execute(statement, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER {table}_issued ON {table}")
        schema_editor.execute("DROP FUNCTION accord_refuse_issued()")
    else:
        for table in TABLES:
            for event in ("update", "delete"):
                schema_editor.execute(f"DROP TRIGGER {table}_issued_{event}")


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_languageversion_stale_provisions")]

    operations = [migrations.RunPython(create, drop)]
