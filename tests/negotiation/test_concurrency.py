"""Real concurrent clients against a running server, on the database of this pass (SQLite, or PostgreSQL when
``ACCORD_DATABASE_URL`` is set): every Member State tables at the same moment and nothing is lost, and of two
changes made from the same version exactly one wins while the other is told of the conflict.

The harness is the benchmark's (bench/negotiation.py, which runs the full 27 × 40 in `make bench`); here each of the
27 delegations tables 10 amendments, which keeps the test within seconds while every client still contends with
every other.
"""

import importlib.util
import os
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "negotiation.py"
DELEGATIONS = 27
AMENDMENTS = 10


def load_harness():
    spec = importlib.util.spec_from_file_location("negotiation_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # where its dataclasses look themselves up
    spec.loader.exec_module(module)
    return module


def test_27_delegations_tabling_at_once_lose_nothing_and_races_have_one_winner():
    result = load_harness().run(DELEGATIONS, AMENDMENTS, os.environ.get("ACCORD_DATABASE_URL"))
    assert result.errors == [] and result.statuses == {201: DELEGATIONS * AMENDMENTS}
    assert result.count == DELEGATIONS * AMENDMENTS
    assert sorted(result.numbers) == list(range(1, DELEGATIONS * AMENDMENTS + 1))
    assert result.audit_intact and result.audit_entries >= DELEGATIONS * AMENDMENTS
    assert result.races_settled, result.races
