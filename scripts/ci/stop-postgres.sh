#!/usr/bin/env bash
# Stops the throw-away PostgreSQL cluster start-postgres.sh started in PG_TEST_DIR, and removes the folder.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
dir=${PG_TEST_DIR:-/tmp/silolab-pg}
run_as=()
if [ "$(id -u)" = 0 ]; then run_as=(runuser -u postgres --); fi
if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then "${run_as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null; fi
rm -rf "$dir"
