#!/usr/bin/env bash
# Compares a bench of two commits, interleaved (A, B, A, B, …), and prints pooled medians (docs/transport.md §7.12).
# A run of one commit moves by ±0.03 from one quarter of an hour to the next on a shared machine; runs taken in turn
# share that drift.
# - `message` (default): SiloLab ÷ signed layout, in total and per process, over the sets of every run;
# - `protocols`: direct ÷ hub and negotiated ÷ hub, by throughput and by CPU per exchange, over the rounds of every run.
#
#   scripts/bench-ab.sh <commit-a> <commit-b> [rounds, default 3] [sets or protocol rounds per run, default 5] [message|protocols]
#
# Each commit is checked out and built in a worktree of its own (the redis transport starts the services of the
# project root it runs from), with this checkout's node_modules. Needs redis-server (scripts/setup.sh installs it) and
# this checkout built (`npm run build`: the pooled figures use its research library's interval of a mean).
set -euo pipefail

if [ $# -lt 2 ]; then
  echo "usage: scripts/bench-ab.sh <commit-a> <commit-b> [rounds] [sets per run] [message|protocols]" >&2
  exit 2
fi
rounds=${3:-3}
sets=${4:-5}
bench=${5:-message}
if [ "$bench" != message ] && [ "$bench" != protocols ]; then
  echo "scripts/bench-ab.sh: the bench must be message or protocols, got $bench" >&2
  exit 2
fi
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
    (cd "$work/$side" && SILOLAB_BENCH_ONLY="$bench" SILOLAB_BENCH_PAIRS="$sets" SILOLAB_BENCH_PROTOCOL_ROUNDS="$sets" node dist/bench/redis.js >"$out" 2>&1) || {
      echo "the bench of ${commit[$side]} failed in round $round:" >&2
      tail -20 "$out" >&2
      exit 1
    }
    if [ "$bench" = message ]; then
      echo "round $round, ${commit[$side]}: $(grep -h 'SiloLab ÷ signed layout by CPU' "$out" | sed 's/.*order rotating): //')"
    else
      echo "round $round, ${commit[$side]}: $(grep -h 'direct ÷ hub throughput' "$out" | sed 's/^ *//')"
    fi
  done
done

node - "$work" "${commit[a]}" "${commit[b]}" "$bench" "$root" <<'EOF'
// Pools every set's ratio of each side and prints the medians, in total and per process.
const { readdirSync, readFileSync } = require('node:fs');
const [work, a, b, bench, root] = process.argv.slice(2);
// The research library's t interval of a mean (this checkout's build), and the median SiloLab uses.
const { meanInterval } = require(`${root}/dist/libs/research/src/index.js`);
const { median } = require(`${root}/node_modules/simple-statistics`);
const numbers = (text) => text.split(';')[0].split(',').map(Number);
if (bench === 'protocols') {
  // `direct ÷ hub throughput: 1.51 (rounds: 1.63, 1.46; median); by CPU per exchange (hub's ÷ direct's): 1.46 (rounds: …`
  for (const [side, name] of [['a', a], ['b', b]]) {
    const pooled = {};
    for (const file of readdirSync(work).filter((f) => f.startsWith(`${side}-`))) {
      const text = readFileSync(`${work}/${file}`, 'utf8');
      for (const [, other, throughput, cpu] of text.matchAll(/(\w+) ÷ hub throughput: [\d.]+ \(rounds: ([\d., ]+); median\); by CPU per exchange \(hub's ÷ \w+'s\): [\d.]+ \(rounds: ([\d., ]+); median\)/g)) {
        (pooled[`${other} ÷ hub by throughput`] ??= []).push(...throughput.split(',').map(Number));
        (pooled[`${other} ÷ hub by CPU`] ??= []).push(...cpu.split(',').map(Number));
      }
    }
    const line = Object.entries(pooled)
      .map(([label, values]) => {
        const { mean, ciLow, ciHigh } = meanInterval(values);
        return `${label} ${median(values).toFixed(2)} (${values.length} rounds; mean ${mean.toFixed(3)}, 95 % interval ${ciLow.toFixed(3)}–${ciHigh.toFixed(3)})`;
      })
      .join(', ');
    console.log(`${name}: medians — ${line}`);
  }
  process.exit(0);
}
const totals = {};
for (const [side, name] of [['a', a], ['b', b]]) {
  const pooled = { total: [] };
  totals[side] = pooled.total;
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
  const { mean, ciLow, ciHigh } = meanInterval(pooled.total);
  const reaching = pooled.total.filter((value) => value >= 0.9).length;
  console.log(`${name}: medians of ${pooled.total.length} sets — ${line}; mean ${mean.toFixed(3)} (95 % interval ${ciLow.toFixed(3)}–${ciHigh.toFixed(3)}); ${reaching} of ${pooled.total.length} sets at 0.90 or above`);
}
// Mann–Whitney U of b's sets against a's (ties count half), and its normal approximation: how often a set of b beat
// one of a, and whether that is more than chance (|z| above about 2).
const [as, bs] = [totals.a, totals.b];
let wins = 0;
for (const x of bs) for (const y of as) wins += x > y ? 1 : x === y ? 0.5 : 0;
const pairs = as.length * bs.length;
const z = (wins - pairs / 2) / Math.sqrt((pairs * (as.length + bs.length + 1)) / 12);
console.log(`${b}'s sets are larger than ${a}'s in ${wins} of ${pairs} pairs (Mann–Whitney z = ${z.toFixed(1)})`);
EOF
