#!/usr/bin/env bash
# Runs the whole test suite twice: on SQLite, then on a throwaway PostgreSQL cluster that is stopped
# whatever the outcome. Exits non-zero if either pass failed. Arguments go to both pytest runs.
set -uo pipefail
cd "$(dirname "$0")/.."

status=0

echo "== pytest on SQLite"
env -u ACCORD_DATABASE_URL .venv/bin/pytest "$@" || status=1

echo "== pytest on PostgreSQL"
# A cluster left by a run that was killed outright would block this one.
scripts/pg-cluster.sh stop
trap 'scripts/pg-cluster.sh stop' EXIT
# Bash skips the EXIT trap when a signal kills it; turning the signal into an exit keeps the cleanup.
trap 'exit 130' INT
trap 'exit 143' TERM
scripts/pg-cluster.sh start || exit 1
ACCORD_DATABASE_URL=$(scripts/pg-cluster.sh url) .venv/bin/pytest "$@" || status=1

exit "$status"
