#!/usr/bin/env bash
# Checks monitoring/ with Debian's Prometheus (apt-get install prometheus): the Prometheus config (promtool), every
# PromQL expression of the Grafana dashboard (as recording rules), and — when an orchestrator URL is given — a real
# Prometheus scraping that orchestrator's /metrics (on loopback, where reads need no token) until it sees a tick.
#
#   bash scripts/check-monitoring.sh [http://127.0.0.1:3000]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'kill "${prometheus_pid:-}" 2>/dev/null || true; rm -rf "$work"' EXIT
command -v promtool >/dev/null || { echo "promtool not found: apt-get install prometheus" >&2; exit 2; }

# The config names its token files under /run/secrets (compose secrets); check it against stand-ins.
mkdir -p "$work/secrets"
echo stand-in-token-0123456789 > "$work/secrets/api-token"
echo stand-in-token-0123456789 > "$work/secrets/metrics-token"
sed "s#/run/secrets/#$work/secrets/#" "$root/monitoring/prometheus.yml" > "$work/prometheus.yml"
promtool check config "$work/prometheus.yml"

# Every dashboard query must parse as PromQL: each becomes a recording rule that promtool checks.
node -e '
const dashboard = require(process.argv[1]);
const rules = dashboard.panels.flatMap((panel) => panel.targets.map((target, k) => `      - record: panel_${panel.id}_${k}\n        expr: ${JSON.stringify(target.expr)}`));
console.log(`groups:\n  - name: dashboard\n    rules:\n${rules.join("\n")}`);
' "$root/monitoring/grafana/dashboards/silolab.json" > "$work/dashboard-rules.yml"
promtool check rules "$work/dashboard-rules.yml"

[ $# -ge 1 ] || exit 0
target="${1#http://}"
cat > "$work/scrape.yml" <<YAML
global: { scrape_interval: 1s }
scrape_configs:
  - job_name: silolab-orchestrator
    static_configs: [{ targets: ["$target"] }]
YAML
port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
prometheus --config.file="$work/scrape.yml" --storage.tsdb.path="$work/data" --web.listen-address="127.0.0.1:$port" >"$work/prometheus.log" 2>&1 &
prometheus_pid=$!
for _ in $(seq 1 60); do
  answer=$(curl -fsS "http://127.0.0.1:$port/api/v1/query?query=silolab_ticks_total" 2>/dev/null || true)
  if echo "$answer" | grep -q '"value":\[[0-9.]*,"[1-9]'; then
    echo "prometheus scraped $1/metrics: $answer"
    exit 0
  fi
  sleep 1
done
echo "prometheus saw no silolab_ticks_total > 0 from $1 within 60 s; its log:" >&2
cat "$work/prometheus.log" >&2
exit 1
