#!/usr/bin/env bash
# Compares the `message` bench of two commits, interleaved (A, B, A, B, …), and prints the pooled medians of
# SiloLab ÷ signed layout, in total and per process (docs/transport.md §7.12). A run of one commit moves by ±0.03
# from one quarter of an hour to the next on a shared machine; runs taken in turn share that drift.
#
#   scripts/bench-ab.sh <commit-a> <commit-b> [rounds, default 3] [sets per run, default 5]
#
# Each commit is checked out and built in a worktree of its own (the redis transport starts the services of the
# project root it runs from), with this checkout's node_modules. Needs redis-server (scripts/setup.sh installs it).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: scripts/bench-ab.sh <commit-a> <commit-b> [rounds] [sets per run]" >&2
  exit 2
fi
rounds=${3:-3}
sets=${4:-5}
for count in "$rounds" "$sets"; do
  if ! [[ "$count" =~ ^[1-9][0-9]*$ ]]; then
    echo "scripts/bench-ab.sh: rounds and sets per run must be whole numbers >= 1, got $count" >&2
    exit 2
  fi
done
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
cleanup() {
  for side in a b; do
    [ -d "$work/$side" ] && git -C "$root" worktree remove --force "$work/$side" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

declare -A commit=([a]="$1" [b]="$2")
for side in a b; do
  git -C "$root" worktree add --detach --quiet "$work/$side" "${commit[$side]}"
  ln -s "$root/node_modules" "$work/$side/node_modules"
  echo "building ${commit[$side]} ($side) in $work/$side"
  (cd "$work/$side" && npx nest build cli orchestrator exchange-hub department-service bench >/dev/null)
done

for round in $(seq 1 "$rounds"); do
  for side in a b; do
    out="$work/$side-$round.txt"
    (cd "$work/$side" && SILOLAB_BENCH_ONLY=message SILOLAB_BENCH_PAIRS="$sets" node dist/bench/redis.js >"$out" 2>&1) || {
      echo "the bench of ${commit[$side]} failed in round $round:" >&2
      tail -20 "$out" >&2
      exit 1
    }
    echo "round $round, ${commit[$side]}: $(grep -h 'SiloLab ÷ signed layout by CPU' "$out" | sed 's/.*order rotating): //')"
  done
done

node - "$work" "${commit[a]}" "${commit[b]}" <<'EOF'
// Pools every set's ratio of each side and prints the medians, in total and per process.
const { readdirSync, readFileSync } = require('node:fs');
const [work, a, b] = process.argv.slice(2);
const median = (values) => {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const numbers = (text) => text.split(';')[0].split(',').map(Number);
for (const [side, name] of [['a', a], ['b', b]]) {
  const pooled = { total: [] };
  for (const file of readdirSync(work).filter((f) => f.startsWith(`${side}-`))) {
    const text = readFileSync(`${work}/${file}`, 'utf8');
    const total = /SiloLab ÷ signed layout by CPU per exchange, .*?order rotating\): ([^(]*)/.exec(text);
    if (total) pooled.total.push(...numbers(total[1]));
    const byProcess = /SiloLab ÷ signed layout by process, the same sets: (.*)/.exec(text);
    for (const part of byProcess ? byProcess[1].split(/; (?=[a-z])/) : []) {
      const match = /^(.+?) (\d\.\d+(?:, \d\.\d+)*)/.exec(part);
      if (match && match[1] !== 'median') (pooled[match[1]] ??= []).push(...numbers(match[2]));
    }
  }
  const line = Object.entries(pooled).map(([label, values]) => `${label} ${median(values).toFixed(2)}`).join(', ');
  console.log(`${name}: medians of ${pooled.total.length} sets — ${line}`);
}
EOF
