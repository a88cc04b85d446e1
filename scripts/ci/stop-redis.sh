#!/usr/bin/env bash
# Stops the redis-server start-redis.sh started on REDIS_TEST_PORT (without saving anything).
set -euo pipefail
port=${REDIS_TEST_PORT:-56379}
redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
rm -f "/tmp/silolab-redis-$port.log"
