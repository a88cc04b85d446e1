// A workshop seat's decision on one request, as stored with its run: who decided (a person, or the model when the
// timer ran out), and for a person what they chose. A person's decisions are inputs of the run (DESIGN.md §4).
import type { RefusalCategory } from '@silolab/model';

export const DECIDERS = ['person', 'model'] as const;
export type Decider = (typeof DECIDERS)[number];

/** A stored decision. `decision` (and `reason` for a refusal) are set for a person's, null for the model's. */
export interface SeatDecisionRecord {
  runId: string;
  tick: number;
  seat: string;
  request: string;
  decidedBy: Decider;
  decision: 'share' | 'refuse' | null;
  reason: RefusalCategory | null;
}
