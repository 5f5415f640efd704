"""Django's SQLite backend, with a flush that Accord's lock triggers let through.

The triggers that keep issued revisions, adopted negotiations and the audit log from changing refuse every UPDATE
and DELETE of those rows. Flushing — emptying every table at once, as ``accord flush`` and the test suite between
live-server tests do — is not such a change but the database's end; PostgreSQL does it with TRUNCATE, which row
triggers do not see. SQLite has no TRUNCATE: its flush deletes row by row, so here it drops the triggers first and
creates them again, as they were, after the tables are empty, all in the flush's one transaction.
"""

from django.db.backends.sqlite3 import base, operations


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        if not statements:
            return statements
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            triggers = cursor.fetchall()
        drops = [f'DROP TRIGGER "{name}";' for name, _sql in triggers]
        return [*drops, *statements, *(f"{sql};" for _name, sql in triggers)]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
