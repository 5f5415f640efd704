#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite.
#
#   pg-cluster.sh start   initdb in a fresh temp dir, serve on 127.0.0.1 on a free port (54329 upward),
#                         trust auth, superuser `accord` (so pytest-django can create its test database),
#                         database `accord`
#   pg-cluster.sh url     print its ACCORD_DATABASE_URL
#   pg-cluster.sh stop    stop it and delete its files; a no-op when none is running
#   pg-cluster.sh restart [SECONDS]
#                         stop it (fast: open transactions are rolled back, connections cut) and start it again on
#                         the same port with the same data, after SECONDS down (default 0); for fault tests
#
# The running cluster's temp dir is recorded in <repo>/var/pg-cluster (or $ACCORD_PG_CLUSTER_STATE), one cluster per state file.
# PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user; otherwise as the caller.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
# ACCORD_PG_CLUSTER_STATE names another state file, so that a benchmark can run a cluster of its own beside the tests.
state="${ACCORD_PG_CLUSTER_STATE:-$repo/var/pg-cluster}"
superuser=accord

bindir() {
  # Debian keeps the server binaries off PATH, one directory per major version; take the newest.
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir ]] || dir=$(dirname "$(command -v initdb 2>/dev/null || echo /initdb-not-found/x)")
  [[ -x $dir/initdb ]] || { echo "pg-cluster: no PostgreSQL server found (run 'make setup')" >&2; exit 1; }
  echo "$dir"
}

# Runs a server binary as the user the server runs as.
as_server() {
  if [[ $(id -u) -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
  if [[ -f $state ]]; then
    echo "pg-cluster: already started ($(cat "$state")), maybe by another run: set ACCORD_PG_CLUSTER_STATE=var/pg-<name> to start one of your own, or run '$0 stop' if it is yours" >&2
    exit 1
  fi
  local bin dir port
  bin=$(bindir)
  dir=$(mktemp -d -t accord-pg.XXXXXX)
  mkdir -p "$(dirname "$state")"
  echo "$dir" >"$state"   # recorded first, so that `stop` cleans up after a start that fails halfway
  [[ $(id -u) -eq 0 ]] && chown postgres: "$dir"

  port=54329
  while port_in_use "$port"; do
    port=$((port + 1))
    (( port < 54429 )) || { echo "pg-cluster: no free port in 54329-54428" >&2; exit 1; }
  done
  echo "$port" >"$dir/port"

  as_server "$bin/initdb" --pgdata="$dir/data" --username="$superuser" --auth=trust \
    --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log"
  serve "$bin" "$dir"
  "$bin/createdb" --host=127.0.0.1 --port="$port" --username="$superuser" accord
  echo "pg-cluster: started on 127.0.0.1:$port ($dir)"
}

# Starts the server of the cluster in $2 on the port recorded there.
serve() {
  local bin=$1 dir=$2
  # fsync and friends off: the cluster lives for one test run, durability buys nothing but time.
  as_server "$bin/pg_ctl" --pgdata="$dir/data" --log="$dir/server.log" --wait --silent \
    -o "-c listen_addresses=127.0.0.1 -p $(cat "$dir/port") -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start
}

restart() {
  [[ -f $state ]] || { echo "pg-cluster: not started" >&2; exit 1; }
  local bin dir down=${1:-0}
  [[ $down =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "pg-cluster: restart takes a number of seconds, not '$down'" >&2; exit 2; }
  bin=$(bindir)
  dir=$(cat "$state")
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_server "$bin/pg_ctl" --pgdata="$dir/data" --wait --silent --mode=fast stop
  fi
  sleep "$down"
  serve "$bin" "$dir"
  echo "pg-cluster: restarted on 127.0.0.1:$(cat "$dir/port") after ${down} s down"
}

url() {
  [[ -f $state ]] || { echo "pg-cluster: not started" >&2; exit 1; }
  echo "postgres://$superuser@127.0.0.1:$(cat "$(cat "$state")/port")/accord"
}

stop() {
  [[ -f $state ]] || return 0
  local dir
  dir=$(cat "$state")
  if [[ -f $dir/data/postmaster.pid ]]; then
    as_server "$(bindir)/pg_ctl" --pgdata="$dir/data" --wait --silent --mode=fast stop
  fi
  rm -rf -- "$dir" "$state"
  echo "pg-cluster: stopped"
}

case "${1:-}" in
  start | stop | url) "$1" ;;
  restart) restart "${2:-0}" ;;
  *) echo "usage: $0 start|stop|url|restart [SECONDS]" >&2; exit 2 ;;
esac
