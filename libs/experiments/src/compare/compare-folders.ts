// `compare` as a use case: two run folders or two sweep folders loaded and compared, B − A.
import { compareSides, type ComparisonReport } from '@silolab/research';
import { CompareInputError, loadSide } from './compare-side';

/** What to compare. */
export interface CompareFoldersOptions {
  /** Metrics to compare; null: side A's suggestion (a sweep's chosen metrics, or the default run metrics). */
  metrics: string[] | null;
  /** Only runs of A (B) whose parameters have these values. */
  aWhere: Record<string, unknown>;
  bWhere: Record<string, unknown>;
  /** Run folders: first tick considered, and whether MSER-5 drops a warm-up after it. */
  from: number;
  warmUp: 'mser5' | 'none';
  /** Confidence level of the intervals, in (0, 1). */
  confidence: number;
}

/** Loads both folders and compares them; a {@link CompareInputError} names what cannot be compared and why. */
export async function compareFolders(dirA: string, dirB: string, options: CompareFoldersOptions): Promise<ComparisonReport> {
  const { from, warmUp } = options;
  const a = await loadSide(dirA, { metrics: options.metrics, where: options.aWhere, side: 'A', from, warmUp });
  const b = await loadSide(dirB, { metrics: options.metrics ?? a.defaultMetrics, where: options.bWhere, side: 'B', from, warmUp });
  if (a.kind !== b.kind) throw new CompareInputError(`compare two runs or two sweeps: ${dirA} is a ${a.kind}, ${dirB} is a ${b.kind}`);
  const chosen = Object.keys(b.groups[0].series ?? b.groups[0].values);
  return compareSides(a, b, chosen, [...Object.keys(options.aWhere), ...Object.keys(options.bWhere)], options.confidence);
}
