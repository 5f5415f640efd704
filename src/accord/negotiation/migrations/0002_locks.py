"""Database triggers that lock what ``save()`` and ``delete()`` lock, on every other path too (``QuerySet.update()``,
raw SQL, another program):

* the negotiation rows of an adopted revision — its round, amendments and their backings, provision statuses,
  silence procedures and breaks, adoption: no INSERT, UPDATE or DELETE;
* audit entries: no UPDATE or DELETE, ever.

"Adopted" is computed in SQL as :func:`accord.negotiation.models.is_adopted` computes it: an adoption at a meeting,
or a silence procedure whose deadline has passed with no break before it. The clock is the database's at the
statement (not PostgreSQL's ``now()``, which stands still for a whole transaction), so the lock holds from the
deadline on with no job to run.

SQLite remakes a table when a migration alters it in a way ALTER TABLE cannot, which drops its triggers: a later
migration that alters these tables must create them again (tests/negotiation/test_locks.py fails otherwise).
"""

from django.db import migrations

# Each locked table, and how a row of it (ROW stands for OLD or NEW) names its revision.
LOCKED = {
    "negotiation_round": "ROW.revision_id",
    "negotiation_amendment": "ROW.revision_id",
    "negotiation_backing": "(SELECT revision_id FROM negotiation_amendment WHERE id = ROW.amendment_id)",
    "negotiation_provisionstatus": "ROW.revision_id",
    "negotiation_silenceprocedure": "ROW.revision_id",
    "negotiation_silencebreak": "(SELECT revision_id FROM negotiation_silenceprocedure WHERE id = ROW.procedure_id)",
    "negotiation_adoption": "ROW.revision_id",
}
AUDIT = "negotiation_auditentry"
REFUSAL = "the revision is adopted: its negotiation cannot change"


def adopted(revision: str, now: str) -> str:
    return (
        f"(EXISTS (SELECT 1 FROM negotiation_adoption a WHERE a.revision_id = {revision})"
        f" OR EXISTS (SELECT 1 FROM negotiation_silenceprocedure p WHERE p.revision_id = {revision}"
        f" AND p.deadline <= {now} AND NOT EXISTS (SELECT 1 FROM negotiation_silencebreak b"
        f" WHERE b.procedure_id = p.id AND b.at < p.deadline)))"
    )


# SQLite keeps datetimes as UTC text, 'YYYY-MM-DD HH:MM:SS.ffffff', which compares as text with this.
SQLITE_NOW = "strftime('%Y-%m-%d %H:%M:%f', 'now')"


def sqlite_create() -> list[str]:
    statements = []
    for table, revision in LOCKED.items():
        conditions = {
            "insert": adopted(revision.replace("ROW", "NEW"), SQLITE_NOW),
            "update": f"{adopted(revision.replace('ROW', 'OLD'), SQLITE_NOW)} OR "
                      f"{adopted(revision.replace('ROW', 'NEW'), SQLITE_NOW)}",
            "delete": adopted(revision.replace("ROW", "OLD"), SQLITE_NOW),
        }
        statements += [
            f"CREATE TRIGGER {table}_locked_{event} BEFORE {event.upper()} ON {table} WHEN {condition} "
            f"BEGIN SELECT RAISE(ABORT, '{table}: {REFUSAL}'); END"
            for event, condition in conditions.items()
        ]
    statements += [
        f"CREATE TRIGGER {AUDIT}_append_only_{event} BEFORE {event.upper()} ON {AUDIT} "
        f"BEGIN SELECT RAISE(ABORT, '{AUDIT}: the audit log is append-only'); END"
        for event in ("update", "delete")
    ]
    return statements


def sqlite_drop() -> list[str]:
    return [
        *(f"DROP TRIGGER {table}_locked_{event}" for table in LOCKED for event in ("insert", "update", "delete")),
        *(f"DROP TRIGGER {AUDIT}_append_only_{event}" for event in ("update", "delete")),
    ]


def postgresql_create() -> list[str]:
    statements = [
        f"CREATE FUNCTION accord_revision_adopted(revision bigint) RETURNS boolean LANGUAGE sql STABLE AS "
        f"$$ SELECT {adopted('revision', 'statement_timestamp()')} $$",
        f"""CREATE FUNCTION accord_refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{AUDIT}: the audit log is append-only' USING ERRCODE = 'integrity_constraint_violation';
        END $$""",
        f"CREATE TRIGGER {AUDIT}_append_only BEFORE UPDATE OR DELETE ON {AUDIT} "
        f"FOR EACH ROW EXECUTE FUNCTION accord_refuse_audit_change()",
    ]
    for table, revision in LOCKED.items():
        statements += [
            f"""CREATE FUNCTION {table}_lock() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF (TG_OP <> 'INSERT' AND accord_revision_adopted({revision.replace('ROW', 'OLD')}))
                   OR (TG_OP <> 'DELETE' AND accord_revision_adopted({revision.replace('ROW', 'NEW')})) THEN
                    RAISE EXCEPTION '{table}: {REFUSAL}' USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                IF TG_OP = 'DELETE' THEN
                    RETURN OLD;
                END IF;
                RETURN NEW;
            END $$""",
            f"CREATE TRIGGER {table}_locked BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_lock()",
        ]
    return statements


def postgresql_drop() -> list[str]:
    statements = [f"DROP TRIGGER {AUDIT}_append_only ON {AUDIT}", "DROP FUNCTION accord_refuse_audit_change()"]
    for table in LOCKED:
        statements += [f"DROP TRIGGER {table}_locked ON {table}", f"DROP FUNCTION {table}_lock()"]
    return [*statements, "DROP FUNCTION accord_revision_adopted(bigint)"]


def run(statements_for):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in statements_for:
            raise RuntimeError(f"the lock triggers are written for SQLite and PostgreSQL, not {vendor}")
        for statement in statements_for[vendor]():
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("negotiation", "0001_initial")]

    operations = [
        migrations.RunPython(
            run({"sqlite": sqlite_create, "postgresql": postgresql_create}),
            run({"sqlite": sqlite_drop, "postgresql": postgresql_drop}),
        ),
    ]
