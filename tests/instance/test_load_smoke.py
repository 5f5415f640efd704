"""The load test in miniature, so that bench/locustfile.py and bench/load.py cannot rot: a few delegates read, table
and support amendments for a few seconds against a real `accord serve` (two workers), with no failed request, and
every amendment a client was answered 201 for is in the database, numbered without gap, and nothing else is.

It runs on the database of this pass: on the PostgreSQL pass (``ACCORD_DATABASE_URL`` set) a database created for
the test on that server and dropped after, as the full run uses PostgreSQL; on the SQLite pass a file in a temporary
folder, since the server's processes cannot share pytest's in-memory database — which also shows several server
processes writing one SQLite file without error. `make bench` runs the full size (100 delegates for 120 s).
"""

import importlib.util
import os
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "load.py"
USERS = 4
SECONDS = 5


def load_harness():
    spec = importlib.util.spec_from_file_location("load_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # where its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


def test_a_few_delegates_reading_tabling_and_supporting_lose_nothing():
    harness = load_harness()
    begun = time.monotonic()
    # Short pauses, so that each delegate acts a dozen times in the few seconds.
    result = harness.run(USERS, SECONDS, os.environ.get("ACCORD_DATABASE_URL"), workers=2, threads=2,
                         spawn_rate=USERS, wait="0.1,0.5")
    assert result.failures == [] and result.errors == 0 and result.locust_status == 0
    assert result.server_errors == []
    assert harness.TOTAL in result.stats and harness.BASELINE in result.stats
    assert result.created, "no amendment was tabled"
    assert sorted(result.created) == sorted(result.stored) == list(range(1, result.round_count + 1))
    assert result.backed == result.backings_stored
    assert result.audit_intact, result.audit_output
    assert result.ok
    assert time.monotonic() - begun < 30
