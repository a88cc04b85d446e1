// `node dist/bench/profile-summary.js <file.cpuprofile> [from to]`: where a process's busy CPU went, from a V8 CPU profile
// (node --cpu-prof; the redis bench passes SILOLAB_SERVICE_NODE_ARGS to SiloLab's services and to the layout baselines
// alike, and prints each run's measured window as `profile window <from> <to>` in the profiles' clock, µs).
//
// Each sample (idle ones left out) is put in one of three shares by its stack:
// - own: the innermost frame is SiloLab's code (dist/libs, dist/apps, dist/bench);
// - libraries called from own code: a library frame (node_modules) lies between that code and the sample, e.g. the
//   BullMQ `add` or the ioredis `set` a SiloLab function calls;
// - library and runtime: no SiloLab frame on the stack (BullMQ's worker loop, ioredis parsing replies, GC, microtasks).
// The top entries of the first two are printed, then those of the third by their outermost named frame. Comparing the
// summaries of a SiloLab process and of its layout-baseline counterpart shows where SiloLab's own cost goes.
//
// Then every sample once by layer: the first frame from the sample's own up that is a socket write, the garbage
// collector, Node's crypto, SiloLab's code or a package; samples with none of these are Node and V8's own work (the
// microtask loop, streams, timers). Where SiloLab's own code is small but a library layer costs more than in the
// baseline, the same library work is running slower in SiloLab's process (docs/transport.md §7.6).
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const OWN = /\/dist\/(libs|apps|bench)\//;
const LIBRARY = /node_modules\//;
/** Frames that only say a microtask or tick ran (the work is below them). */
const SCHEDULING = /^(\(root\)|processTicksAndRejections|runMicrotasks)$/;

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  return `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber}`;
}

function packageOf(node: ProfileNode): string {
  return (node.callFrame.url.split('node_modules/')[1] ?? '').split('/')[0];
}

/** Native calls that write to a socket (the syscall is in them). */
const SOCKET_WRITE = /^(writeBuffer|writeUtf8String|writeLatin1String|writev)$/;

/** The layer a sample belongs to, from its stack (leaf first): see the header. */
function layerOf(stack: readonly ProfileNode[]): string {
  for (const node of stack) {
    const { functionName, url } = node.callFrame;
    if (SOCKET_WRITE.test(functionName)) return 'socket writes';
    if (functionName === '(garbage collector)') return 'garbage collector';
    if (url.startsWith('node:internal/crypto')) return 'crypto (HMAC)';
    if (OWN.test(url)) return 'SiloLab code';
    if (LIBRARY.test(url)) return packageOf(node);
  }
  return 'Node and V8 (microtasks, streams, timers)';
}

/** Busy µs per share, per entry and per layer, over samples taken between `from` and `to` (µs in the profile's clock) when given. */
export function summariseProfile(profile: CpuProfile, window: [number, number] | null): { busy: number; shares: Map<string, number>; entries: Map<string, number>; layers: Map<string, number> } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const shares = new Map<string, number>();
  const entries = new Map<string, number>();
  const layers = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, us: number) => map.set(key, (map.get(key) ?? 0) + us);
  let busy = 0;
  let clock = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const us = profile.timeDeltas[i] ?? 0;
    clock += us;
    if (window && (clock < window[0] || clock > window[1])) continue;
    const leaf = byId.get(profile.samples[i])!;
    if (leaf.callFrame.functionName === '(idle)') continue;
    busy += us;
    const stack: ProfileNode[] = [];
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) stack.push(byId.get(id)!);
    add(layers, layerOf(stack), us);
    const ownAt = stack.findIndex((node) => OWN.test(node.callFrame.url));
    if (ownAt >= 0) {
      const library = stack.slice(0, ownAt).find((node) => LIBRARY.test(node.callFrame.url));
      const share = library ? 'libraries called from own code' : 'own code';
      add(shares, share, us);
      add(entries, library ? `lib  ${packageOf(library)}:${library.callFrame.functionName || '(anonymous)'} <- ${frameName(stack[ownAt])}` : `own  ${frameName(stack[ownAt])}`, us);
    } else {
      add(shares, 'library and runtime', us);
      const outer = stack.reverse().find((node) => !SCHEDULING.test(node.callFrame.functionName));
      add(entries, `rest ${outer ? frameName(outer) : frameName(leaf)}`, us);
    }
  }
  return { busy, shares, entries, layers };
}

function main(): void {
  const [file, from, to] = process.argv.slice(2);
  if (!file) throw new Error('usage: node dist/bench/profile-summary.js <file.cpuprofile> [from to] (the bench prints `profile window <from> <to>`)');
  const window: [number, number] | null = from !== undefined && to !== undefined ? [Number(from), Number(to)] : null;
  if (window && !window.every(Number.isFinite)) throw new Error(`profile window: expected two numbers (µs), got ${from} ${to}`);
  const { busy, shares, entries, layers } = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, window);
  const seconds = (us: number) => `${(us / 1e6).toFixed(3)} s`;
  console.log(`${file}: busy ${seconds(busy)}${window ? ` between ${window[0]} and ${window[1]}` : ''}`);
  for (const [share, us] of shares) console.log(`  ${share}: ${seconds(us)} (${((100 * us) / busy).toFixed(1)} %)`);
  for (const kind of ['own', 'lib', 'rest']) {
    const top = [...entries].filter(([key]) => key.startsWith(kind)).sort((a, b) => b[1] - a[1]).slice(0, 15);
    for (const [key, us] of top) console.log(`  ${seconds(us).padStart(9)}  ${key}`);
  }
  console.log('  by layer:');
  for (const [layer, us] of [...layers].sort((a, b) => b[1] - a[1])) console.log(`  ${seconds(us).padStart(9)}  ${layer} (${((100 * us) / busy).toFixed(1)} %)`);
}

if (require.main === module) main();
