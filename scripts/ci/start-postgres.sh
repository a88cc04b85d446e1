#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster in PG_TEST_DIR on port PG_TEST_PORT (as the postgres user when run as root)
# and prints `DATABASE_URL_TEST=...` for the caller to eval. Safe to run more than once: a cluster already answering
# on the port is used as it is. Stop it with scripts/ci/stop-postgres.sh.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then echo "start-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; fi
dir=${PG_TEST_DIR:-/tmp/silolab-pg}
port=${PG_TEST_PORT:-55432}
run_as=()
if [ "$(id -u)" = 0 ]; then run_as=(runuser -u postgres --); fi
if ! "${run_as[@]}" "$bin/pg_isready" -h 127.0.0.1 -p "$port" >/dev/null 2>&1; then
  rm -rf "$dir"; mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  "${run_as[@]}" "$bin/initdb" -D "$dir/data" -U postgres --auth=trust >/dev/null
  "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" -l "$dir/log" -w start >/dev/null || { echo "start-postgres: the server did not start on port $port; its log:" >&2; cat "$dir/log" >&2; exit 1; }
  "${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres silolab_test
fi
echo "DATABASE_URL_TEST=postgres://postgres@127.0.0.1:$port/silolab_test"
