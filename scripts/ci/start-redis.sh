#!/usr/bin/env bash
# Starts a local redis-server on a fixed test port (daemonised, no persistence) and prints
# `REDIS_URL_TEST=...` for the caller to eval. Safe to run more than once. Stop it with scripts/ci/stop-redis.sh.
set -euo pipefail
port=${REDIS_TEST_PORT:-56379}
if ! command -v redis-server >/dev/null 2>&1; then echo "start-redis: redis-server not found (apt-get install redis-server)" >&2; exit 1; fi
if ! redis-cli -p "$port" ping >/dev/null 2>&1; then
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --logfile /tmp/silolab-redis-$port.log >/dev/null
  for _ in $(seq 1 50); do redis-cli -p "$port" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi
echo "REDIS_URL_TEST=redis://127.0.0.1:$port"
