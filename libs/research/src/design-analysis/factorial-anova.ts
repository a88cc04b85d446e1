// Whole-design analysis of a factorial sweep: main effects and two-way interactions by least squares (ANOVA).
import { Matrix, SingularValueDecomposition, solve } from 'ml-matrix';
import { fUpperTail } from '../statistics/f-distribution';

/** One line of the ANOVA table. */
export interface AnovaTerm {
  /** A factor's path, `a × b` for an interaction, `replication (block)`, or `residual`. */
  term: string;
  df: number;
  /** Sum of squares: the increase in residual sum of squares when the term is dropped from the full model (type III). */
  ss: number;
  ms: number;
  f: number;
  p: number;
  /** Partial η² = SS / (SS + SS_residual): the share of the remaining variation the term explains. */
  partialEta2: number;
}

/** The analysis of one metric. */
export interface AnovaTable {
  metric: string;
  n: number;
  terms: AnovaTerm[];
  /** Why a part of the model was left out (e.g. interactions with one replication per cell). */
  note: string | null;
}

/** One observation: the level index of each factor, the replication (block), and the value. */
export interface FactorialObservation {
  levels: number[];
  replication: number;
  value: number;
}

/** Effect-coded columns of a factor with k levels: k − 1 columns, level j < k − 1 → e_j, the last level → −1s. */
function effectColumns(level: number, k: number): number[] {
  return Array.from({ length: k - 1 }, (_, j) => (level === j ? 1 : level === k - 1 ? -1 : 0));
}

function residualSumOfSquares(x: Matrix, y: Matrix): { rss: number; rank: number } {
  const beta = solve(x, y, true);
  const residual = Matrix.sub(y, x.mmul(beta));
  return { rss: residual.to1DArray().reduce((s, r) => s + r * r, 0), rank: new SingularValueDecomposition(x, { computeLeftSingularVectors: false, computeRightSingularVectors: false }).rank };
}

/**
 * The ANOVA of a factorial design by regression: y = μ + Σ main effects + Σ two-way interactions (+ a block per
 * replication when every point shares its seeds, `seeds: common`) + error, with effect (sum-to-zero) coding. Each
 * term's sum of squares is the rise in the residual sum of squares when its columns are dropped from the full
 * model — type III, equal to the classical sums of squares in a balanced design and still meaningful when runs are
 * missing. F = MS_term / MS_residual, p from the F distribution. Interactions are left out when the runs leave no
 * residual degrees of freedom for them (one replication per cell): the note says so.
 */
export function factorialAnova(metric: string, factors: Array<{ name: string; levels: number }>, observations: FactorialObservation[], blocks: boolean): AnovaTable {
  const data = observations.filter((o) => Number.isFinite(o.value));
  const n = data.length;
  const used = factors.map((f, i) => ({ ...f, index: i })).filter((f) => f.levels > 1);
  type Term = { name: string; columns: (o: FactorialObservation) => number[] };
  const main: Term[] = used.map((f) => ({ name: f.name, columns: (o) => effectColumns(o.levels[f.index], f.levels) }));
  const interactions: Term[] = [];
  for (let i = 0; i < used.length; i++) {
    for (let j = i + 1; j < used.length; j++) {
      const [a, b] = [main[i], main[j]];
      interactions.push({ name: `${used[i].name} × ${used[j].name}`, columns: (o) => a.columns(o).flatMap((u) => b.columns(o).map((v) => u * v)) });
    }
  }
  const replications = Math.max(0, ...data.map((o) => o.replication)) + 1;
  const block: Term[] = blocks && replications > 1 ? [{ name: 'replication (block)', columns: (o) => effectColumns(o.replication, replications) }] : [];
  const width = (terms: Term[]) => 1 + terms.reduce((s, t) => s + (data[0] ? t.columns(data[0]).length : 0), 0);
  let note: string | null = null;
  let terms = [...main, ...interactions, ...block];
  if (interactions.length > 0 && n - width(terms) < 1) {
    terms = [...main, ...block];
    note = 'two-way interactions left out: the runs leave no residual degrees of freedom for them (add replications)';
  }
  if (n === 0 || n - width(terms) < 1) return { metric, n, terms: [], note: 'too few runs for an analysis of variance' };
  const design = (chosen: Term[]) => new Matrix(data.map((o) => [1, ...chosen.flatMap((t) => t.columns(o))]));
  const y = Matrix.columnVector(data.map((o) => o.value));
  const full = residualSumOfSquares(design(terms), y);
  const residualDf = n - full.rank;
  const residualMs = full.rss / residualDf;
  const rows: AnovaTerm[] = terms.map((term) => {
    const reduced = residualSumOfSquares(design(terms.filter((t) => t !== term)), y);
    const df = full.rank - reduced.rank;
    const ss = Math.max(0, reduced.rss - full.rss);
    const ms = ss / df;
    const f = residualMs > 0 ? ms / residualMs : ss > 0 ? Infinity : NaN;
    return { term: term.name, df, ss, ms, f, p: df > 0 ? fUpperTail(f, df, residualDf) : NaN, partialEta2: ss + full.rss > 0 ? ss / (ss + full.rss) : NaN };
  });
  rows.push({ term: 'residual', df: residualDf, ss: full.rss, ms: residualMs, f: NaN, p: NaN, partialEta2: NaN });
  return { metric, n, terms: rows, note };
}
