#!/usr/bin/env bash
# One-time set-up for the full test suite on a fresh Debian machine: the system packages the
# integration tests use (Redis server, Chromium, Prometheus (the monitoring test scrapes a run with it), a CJK font so that the dashboard's 中文 pages and the reports render
# 不愿 / 不会 / 不敢; PostgreSQL server binaries if missing) and the npm dependencies.
# The test run itself starts throw-away Redis and PostgreSQL servers and stops them (test/global-setup.js, test/global-teardown.js).
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || need+=(fonts-noto-cjk)
command -v prometheus >/dev/null 2>&1 || need+=(prometheus)
ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1 || need+=(postgresql)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: please install ${need[*]} (sudo apt-get install ${need[*]}) and run again" >&2; exit 1
  fi
  echo "setup: installing ${need[*]} from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
npm ci --no-audit --no-fund
