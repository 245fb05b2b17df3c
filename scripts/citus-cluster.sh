#!/usr/bin/env bash
# A throwaway Citus cluster on loopback for the tests (issue 19 §3): a coordinator and two workers,
# each an ordinary PostgreSQL 15 cluster with shared_preload_libraries = 'citus', run as the
# unprivileged postgres user like .ci/run's single server. Needs root (it switches to postgres) and
# Citus installed (../shared/vendor/citus/build.sh).
#
#   scripts/citus-cluster.sh start   # initdb + start the three nodes, join the workers
#   scripts/citus-cluster.sh stop    # stop them and remove their data directories
#   scripts/citus-cluster.sh status
#
# LINLI_CITUS_PORT (default 56000) is the coordinator's port; the workers listen on the next two.
# Data directories: /tmp/linli-citus-<port>. The coordinator's URL for the tests:
#   LINLI_TEST_DATABASE_URL=postgres://linli@127.0.0.1:$LINLI_CITUS_PORT/postgres LINLI_TEST_CITUS=1
# Databases are not propagated by Citus: the test harness (test/support/citus.ts) makes each
# database on every node and joins the workers to it.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
PORT=${LINLI_CITUS_PORT:-56000}
PORTS=("$PORT" "$((PORT + 1))" "$((PORT + 2))")
dir_of() { echo "/tmp/linli-citus-$1"; }
as_pg() { su postgres -s /bin/bash -c "$1"; }
psql_at() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U linli -d postgres "${@:2}"; }

start() {
  [ -f "$(/usr/lib/postgresql/15/bin/pg_config --pkglibdir)/citus.so" ] || { echo "citus is not installed: run ../shared/vendor/citus/build.sh" >&2; exit 1; }
  for port in "${PORTS[@]}"; do
    local dir; dir=$(dir_of "$port")
    if [ -f "$dir/postmaster.pid" ]; then echo "node on $port already running ($dir)"; continue; fi
    rm -rf "$dir"; mkdir -p "$dir"; chown postgres:postgres "$dir"
    as_pg "$PGBIN/initdb -D '$dir' -U linli --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null"
    # Two test files at a time, each with a pool of 5 and Citus's own connections to the workers;
    # four shards per distributed table keep a per-file database small (production keeps 32).
    cat >> "$dir/postgresql.conf" <<EOF
shared_preload_libraries = 'citus'
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '/tmp'
max_connections = 300
citus.shard_count = 4
citus.max_shared_pool_size = 250
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    as_pg "$PGBIN/pg_ctl -D '$dir' -l '$dir/server.log' -w start >/dev/null"
    psql_at "$port" -c 'CREATE EXTENSION IF NOT EXISTS citus'
  done
  psql_at "$PORT" <<SQL
SELECT citus_set_coordinator_host('127.0.0.1', $PORT);
SELECT citus_add_node('127.0.0.1', ${PORTS[1]});
SELECT citus_add_node('127.0.0.1', ${PORTS[2]});
SQL
  echo "citus cluster: coordinator 127.0.0.1:$PORT, workers ${PORTS[1]} ${PORTS[2]}"
}

stop() {
  for port in "${PORTS[@]}"; do
    local dir; dir=$(dir_of "$port")
    [ -d "$dir" ] || continue
    as_pg "$PGBIN/pg_ctl -D '$dir' -m fast -w stop >/dev/null 2>&1" || true
    rm -rf "$dir"
  done
}

status() {
  for port in "${PORTS[@]}"; do
    if psql_at "$port" -Atc 'SELECT 1' >/dev/null 2>&1; then echo "$port up"; else echo "$port down"; fi
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
