// The levers a facilitator pulls during a run (DESIGN.md §8's names), how each is shown, and the value each has at a
// tick: the run's scenario, then its scheduled interventions and the levers applied so far, in tick order.
import type { AppliedLever } from '../api/contracts';
import type { TermKey } from '../i18n/i18n';
import type { en } from '../i18n/en';

type LeverText = keyof typeof en.levers;

interface LeverBase {
  path: string;
  label: LeverText;
  help: LeverText;
}

/** A number on a slider. `percent` shows 0..1 as 0..100 %. */
export interface SliderLever extends LeverBase {
  kind: 'slider';
  min: number;
  max: number;
  step: number;
  percent: boolean;
}

/** One of a few named values; each is a bilingual model term. */
export interface ChoiceLever extends LeverBase {
  kind: 'choice';
  options: readonly TermKey[];
}

export type Lever = SliderLever | ChoiceLever;

/** The levers of the console, in the order of the essay's three reasons: 不会 (standards, catalogue), 不愿 (points), 不敢 (liability…). */
export const LEVERS: readonly Lever[] = [
  { kind: 'slider', path: 'policies.standards.adoption', label: 'adoption', help: 'adoptionHelp', min: 0, max: 1, step: 0.05, percent: true },
  { kind: 'slider', path: 'policies.catalogue.coverage', label: 'coverage', help: 'coverageHelp', min: 0, max: 1, step: 0.05, percent: true },
  { kind: 'slider', path: 'policies.incentives.pointsPerShare', label: 'pointsPerShare', help: 'pointsPerShareHelp', min: 0, max: 5, step: 0.1, percent: false },
  { kind: 'choice', path: 'policies.accountability.liabilityRegime', label: 'liabilityRegime', help: 'liabilityRegimeHelp', options: ['owner', 'holder', 'attributed'] },
  { kind: 'slider', path: 'policies.accountability.refusalPenalty', label: 'refusalPenalty', help: 'refusalPenaltyHelp', min: 0, max: 20, step: 0.5, percent: false },
  { kind: 'slider', path: 'policies.accountability.auditRate', label: 'auditRate', help: 'auditRateHelp', min: 0, max: 1, step: 0.05, percent: true },
  { kind: 'choice', path: 'policies.provenance', label: 'provenance', help: 'provenanceHelp', options: ['full', 'digest', 'off'] },
];

/** The lever with this path, if the console shows it. */
export function leverOf(path: string): Lever | undefined {
  return LEVERS.find((lever) => lever.path === path);
}

/** Reads a dotted path of a plain object (own properties only). */
export function readPath(object: unknown, path: string): unknown {
  let value: unknown = object;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || !Object.prototype.hasOwnProperty.call(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

interface Intervention {
  at: number;
  set: Record<string, unknown>;
}

/**
 * The value of `path` in force at `tick`: the scenario's, replaced by each intervention scheduled at or before the
 * tick and each lever applied from or before it (a lever applied at the same tick as an intervention wins, as in
 * the engine).
 */
export function leverValueAt(scenario: Record<string, unknown> | undefined, levers: readonly AppliedLever[], path: string, tick: number): unknown {
  let value = readPath(scenario, path);
  const changes: Array<{ at: number; order: number; value: unknown }> = [];
  const interventions = (readPath(scenario, 'interventions') as Intervention[] | undefined) ?? [];
  for (const intervention of interventions) if (intervention.at <= tick && path in intervention.set) changes.push({ at: intervention.at, order: 0, value: intervention.set[path] });
  for (const lever of levers) if (lever.fromTick <= tick && lever.path === path) changes.push({ at: lever.fromTick, order: 1, value: lever.value });
  changes.sort((a, b) => a.at - b.at || a.order - b.order);
  for (const change of changes) value = change.value;
  return value;
}

/** A lever's value as the console shows it: `80 %`, `1.5`, or the term key of a choice. */
export function formatLeverValue(lever: Lever | undefined, value: unknown): string {
  if (lever?.kind === 'slider' && typeof value === 'number') return lever.percent ? `${Math.round(value * 100)} %` : String(Math.round(value * 100) / 100);
  return String(value);
}
