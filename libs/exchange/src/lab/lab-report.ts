// The lab's comparison as a table (stdout), CSV, JSON and a self-contained HTML page with the latency distributions.
import { csvField } from '@silolab/runner';
import type { MeanInterval } from '@silolab/research';
import type { LabProtocolResult, LabRatio, LabResult } from './protocol-lab';

const COLUMNS: Array<{ title: string; value: (r: LabProtocolResult) => string }> = [
  { title: 'protocol', value: (r) => r.protocol },
  { title: 'exchanges/s', value: (r) => r.exchangesPerSecond.toFixed(1) },
  { title: 'p50 ms', value: (r) => r.p50Ms.toFixed(1) },
  { title: 'p99 ms', value: (r) => r.p99Ms.toFixed(1) },
  { title: 'hops a/r/d', value: (r) => `${r.hops.allowed}/${r.hops.refused}/${r.hops.denied}` },
  { title: 'messages/exch', value: (r) => r.messagesPerExchange.toFixed(2) },
  { title: 'bytes/exch', value: (r) => r.bytesPerExchange.toFixed(0) },
  { title: 'Redis cmds/exch', value: (r) => r.redisCommandsPerExchange.toFixed(1) },
  { title: 'CPU ms/exch', value: (r) => r.cpuMsPerExchange.toFixed(2) },
  { title: 'digest', value: (r) => r.digest.slice(0, 12) },
];

/** The processes measured, in the order first met (orchestrator, hub, departments …, redis). */
function processNames(lab: LabResult): string[] {
  return [...new Set(lab.protocols.flatMap((r) => Object.keys(r.cpuMsPerExchangeByProcess)))];
}

/**
 * CPU µs per exchange by process: a header row and one row per protocol; `-` where a protocol ran no such process,
 * `n/a` where an injected fault replaced it (its CPU is not all on record).
 */
function processRows(lab: LabResult): string[][] {
  const names = processNames(lab);
  const cell = (ms: number | undefined) => (ms === undefined ? '-' : Number.isFinite(ms) ? (ms * 1000).toFixed(0) : 'n/a');
  return [['protocol', ...names], ...lab.protocols.map((r) => [r.protocol, ...names.map((name) => cell(r.cpuMsPerExchangeByProcess[name]))])];
}

/** Rows as text columns: the first left-aligned, the others right-aligned, a rule under the header. */
function aligned(rows: string[][]): string[] {
  const widths = rows[0].map((_, k) => Math.max(...rows.map((row) => row[k].length)));
  const lines = rows.map((row) => row.map((cell, k) => (k === 0 ? cell.padEnd(widths[k]) : cell.padStart(widths[k]))).join('  '));
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines;
}

/** `1.52`, or over several rounds `1.52 (mean 1.49, 1.41–1.57)`: the median, then the mean and its 95 % interval. */
function withInterval(median: number, interval: MeanInterval | null, digits: number): string {
  const figure = Number.isFinite(median) ? median.toFixed(digits) : 'n/a';
  return interval ? `${figure} (mean ${interval.mean.toFixed(digits)}, ${interval.ciLow.toFixed(digits)}–${interval.ciHigh.toFixed(digits)})` : figure;
}

/** With several rounds: each protocol's exchanges/s and CPU per exchange, median, mean and the mean's interval. */
function spreadRows(lab: LabResult): string[][] {
  return [['protocol', 'exchanges/s', 'CPU ms/exch'], ...lab.protocols.map((r) => [r.protocol, withInterval(r.exchangesPerSecond, r.spread?.exchangesPerSecond ?? null, 1), withInterval(r.cpuMsPerExchange, r.spread?.cpuMsPerExchange ?? null, 3)])];
}

/** Every protocol after the first against the first, round by round: throughput and CPU ratios. */
function comparisonRows(lab: LabResult): string[][] {
  const ratio = (r: LabRatio) => withInterval(r.median, r.interval, 2);
  const baseline = lab.protocols[0].protocol;
  return [['protocol', `exchanges/s ÷ ${baseline}'s`, `${baseline}'s CPU ÷ this`], ...lab.comparisons.map((c) => [c.protocol, ratio(c.throughput), ratio(c.cpu)])];
}

/** How to read the comparison: which way is better, and over rounds how the figures are summarised. */
function comparisonNote(lab: LabResult): string {
  return lab.rounds > 1 ? 'above 1: faster, cheaper; the ratio in each round: median (mean, 95 % interval of the mean)' : 'above 1: faster, cheaper';
}

/**
 * The comparison printed by `silolab lab`: the protocols' figures, their CPU per exchange by process, over several
 * rounds the spread of the main figures, and every protocol against the first.
 */
export function labTable(lab: LabResult): string {
  const figures = aligned([COLUMNS.map((c) => c.title), ...lab.protocols.map((r) => COLUMNS.map((c) => c.value(r)))]);
  const verdict = lab.sameDigest ? `every protocol gave the in-process digest ${lab.inprocDigest.slice(0, 12)}` : `DIGESTS DIFFER from the in-process digest ${lab.inprocDigest.slice(0, 12)}`;
  const spread = lab.rounds > 1 ? ['', `over ${lab.rounds} rounds: median (mean, 95 % interval of the mean)`, ...aligned(spreadRows(lab))] : [];
  const comparisons = lab.comparisons.length > 0 ? ['', `against ${lab.protocols[0].protocol} (${comparisonNote(lab)})`, ...aligned(comparisonRows(lab))] : [];
  return [`SiloLab lab — ${lab.scenario} (${settings(lab)})`, ...figures, '', 'CPU µs per exchange by process', ...aligned(processRows(lab)), ...spread, ...comparisons, '', verdict].join('\n');
}

/** `seed 3, 24 ticks, message delivery; first 12 ticks untimed; 3 rounds, medians`. */
function settings(lab: LabResult): string {
  return `seed ${lab.seed}, ${lab.ticks} ticks, message delivery; ${untimed(lab)}${lab.rounds > 1 ? `; ${lab.rounds} rounds, medians` : ''}`;
}

/** `first tick untimed`, `first 12 ticks untimed` or `every tick timed`. */
function untimed(lab: LabResult): string {
  if (lab.warmUpTicks === 0) return 'every tick timed';
  return lab.warmUpTicks === 1 ? 'first tick untimed' : `first ${lab.warmUpTicks} ticks untimed`;
}

/** One CSV row per protocol (the table's figures, full digests). */
export function labCsv(lab: LabResult): string {
  const header = 'protocol,exchanges,seconds,exchanges_per_s,p50_ms,p99_ms,hops_allowed,hops_refused,hops_denied,messages_per_exchange,bytes_per_exchange,redis_commands_per_exchange,cpu_ms_per_exchange,digest,same_as_inproc';
  const rows = lab.protocols.map((r) =>
    [r.protocol, r.exchanges, r.seconds.toFixed(3), r.exchangesPerSecond.toFixed(2), r.p50Ms.toFixed(2), r.p99Ms.toFixed(2), r.hops.allowed, r.hops.refused, r.hops.denied, r.messagesPerExchange.toFixed(3), r.bytesPerExchange.toFixed(1), r.redisCommandsPerExchange.toFixed(2), r.cpuMsPerExchange.toFixed(3), r.digest, r.digest === lab.inprocDigest].join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}

/** `lab-rounds.csv`: one row per protocol and round (tidy), each run's own figures. */
export function labRoundsCsv(lab: LabResult): string {
  const header = 'protocol,round,position,exchanges,seconds,exchanges_per_s,p50_ms,p99_ms,bytes_per_exchange,redis_commands_per_exchange,cpu_ms_per_exchange,digest,same_as_inproc';
  const rows = lab.protocols.flatMap((r) =>
    r.runs.map((run) =>
      [r.protocol, run.round, run.position, run.exchanges, run.seconds.toFixed(3), run.exchangesPerSecond.toFixed(2), run.p50Ms.toFixed(2), run.p99Ms.toFixed(2), run.bytesPerExchange.toFixed(1), run.redisCommandsPerExchange.toFixed(2), Number.isFinite(run.cpuMsPerExchange) ? run.cpuMsPerExchange.toFixed(3) : '', run.digest, run.digest === lab.inprocDigest]
        .map((field) => csvField(String(field)))
        .join(','),
    ),
  );
  return [header, ...rows].join('\n') + '\n';
}

/** `lab-processes.csv`: one row per protocol and process (tidy), CPU ms per exchange; empty where a fault replaced the process. */
export function labProcessesCsv(lab: LabResult): string {
  const rows = lab.protocols.flatMap((r) => Object.entries(r.cpuMsPerExchangeByProcess).map(([name, ms]) => [r.protocol, name, Number.isFinite(ms) ? ms.toFixed(4) : ''].map(csvField).join(',')));
  return ['protocol,process,cpu_ms_per_exchange', ...rows].join('\n') + '\n';
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];

/** The latency distributions as an SVG of cumulative curves (x: round trip on a log scale, y: share of requests). */
function latencySvg(lab: LabResult): string {
  const width = 720;
  const height = 360;
  const pad = { left: 56, right: 16, top: 16, bottom: 44 };
  const all = lab.protocols.flatMap((r) => r.latenciesMs).filter((ms) => ms > 0);
  const lo = Math.log10(Math.max(0.1, Math.min(...all, 1)));
  const hi = Math.log10(Math.max(...all, 10));
  const x = (ms: number) => pad.left + ((Math.log10(Math.max(ms, 10 ** lo)) - lo) / (hi - lo || 1)) * (width - pad.left - pad.right);
  const y = (share: number) => height - pad.bottom - share * (height - pad.top - pad.bottom);
  const curves = lab.protocols.map((r, k) => {
    const sorted = [...r.latenciesMs].sort((a, b) => a - b);
    const step = Math.max(1, Math.floor(sorted.length / 400));
    const points: string[] = [];
    for (let i = 0; i < sorted.length; i += step) points.push(`${x(sorted[i]).toFixed(1)},${y((i + 1) / sorted.length).toFixed(1)}`);
    if (sorted.length > 0) points.push(`${x(sorted[sorted.length - 1]).toFixed(1)},${y(1).toFixed(1)}`);
    return `<polyline data-protocol="${escape(r.protocol)}" fill="none" stroke="${COLOURS[k % COLOURS.length]}" stroke-width="2" points="${points.join(' ')}"/>`;
  });
  const ticks: string[] = [];
  for (let decade = Math.ceil(lo); decade <= Math.floor(hi); decade++) {
    const ms = 10 ** decade;
    ticks.push(`<line x1="${x(ms)}" x2="${x(ms)}" y1="${pad.top}" y2="${height - pad.bottom}" stroke="#ddd"/><text x="${x(ms)}" y="${height - pad.bottom + 16}" text-anchor="middle">${ms >= 1 ? ms.toLocaleString('en') : ms} ms</text>`);
  }
  for (const share of [0, 0.5, 0.99]) ticks.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(share)}" y2="${y(share)}" stroke="#ddd"/><text x="${pad.left - 6}" y="${y(share) + 4}" text-anchor="end">${share * 100}%</text>`);
  const legend = lab.protocols.map((r, k) => `<tspan fill="${COLOURS[k % COLOURS.length]}">■ ${escape(r.protocol)}</tspan>`).join(' ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12" role="img" aria-label="round-trip latency, cumulative">
${ticks.join('\n')}
${curves.join('\n')}
<text x="${(width + pad.left) / 2}" y="${height - 8}" text-anchor="middle">round trip per request (log scale) — ${legend}</text>
</svg>`;
}

/** Rows (a header row first) as an HTML table. */
function htmlTable([head, ...body]: string[][]): string {
  return `<table><thead><tr>${head.map((title) => `<th>${escape(title)}</th>`).join('')}</tr></thead><tbody>
${body.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell)}</td>`).join('')}</tr>`).join('\n')}
</tbody></table>`;
}

/** A self-contained HTML page: the table, the latency distributions and, for a fault run, what each protocol survived. */
export function labHtml(lab: LabResult): string {
  const head = COLUMNS.map((c) => `<th>${escape(c.title)}</th>`).join('');
  const body = lab.protocols.map((r) => `<tr>${COLUMNS.map((c) => `<td>${escape(c.value(r))}</td>`).join('')}</tr>`).join('\n');
  const processes = htmlTable(processRows(lab));
  const faults = lab.protocols.filter((r) => r.faults).map((r) => `<h3>${escape(r.protocol)}</h3><pre>${escape(JSON.stringify(r.faults, null, 2))}</pre>`);
  const spread = lab.rounds > 1 ? `<h2>Over ${lab.rounds} rounds</h2>\n<p>Median (mean, 95 % interval of the mean).</p>\n${htmlTable(spreadRows(lab))}` : '';
  const comparisons = lab.comparisons.length > 0 ? `<h2>Against ${escape(lab.protocols[0].protocol)}</h2>\n<p>${escape(comparisonNote(lab).replace(/^a/, 'A'))}.</p>\n${htmlTable(comparisonRows(lab))}` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>SiloLab lab — ${escape(lab.scenario)}</title>
<style>body{font-family:sans-serif;margin:2em;max-width:60em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:right}td:first-child,th:first-child{text-align:left}</style></head>
<body>
<h1>SiloLab lab — ${escape(lab.scenario)}</h1>
<p>Seed ${lab.seed}, ${lab.ticks} ticks, message delivery over Redis; ${untimed(lab)}${lab.rounds > 1 ? `; ${lab.rounds} rounds, figures are medians` : ''}. ${lab.sameDigest ? `Every protocol gave the in-process digest <code>${lab.inprocDigest}</code>.` : `<strong>The digests differ</strong> from the in-process digest <code>${lab.inprocDigest}</code>.`}</p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
<h2>CPU µs per exchange by process</h2>
${processes}
${spread}
${comparisons}
<h2>Round-trip latency (cumulative share of requests)</h2>
${latencySvg(lab)}
${faults.length > 0 ? `<h2>Faults injected and survived</h2>\n${faults.join('\n')}` : ''}
</body></html>
`;
}
