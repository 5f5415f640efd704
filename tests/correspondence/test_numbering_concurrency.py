"""Officers issuing notes verbales at the same moment, as real concurrent clients of a running server on the database
of this pass (SQLite, or PostgreSQL when ``ACCORD_DATABASE_URL`` is set): every note gets a number, and the year's
numbers are 1…N with none skipped and none repeated. The harness is the benchmark's (bench/notes.py)."""

import importlib.util
import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "notes.py"


def load_harness():
    spec = importlib.util.spec_from_file_location("notes_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # where its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


def test_six_officers_issuing_at_once_get_gapless_unique_numbers():
    result = load_harness().run(officers=6, per_officer=5, database_url=os.environ.get("ACCORD_DATABASE_URL"))
    assert result.errors == [] and result.statuses == {201: 30}
    assert sorted(result.numbers, key=lambda number: int(number.rsplit("/", 1)[1])) == [
        f"17-1/{n}" for n in range(1, 31)]
