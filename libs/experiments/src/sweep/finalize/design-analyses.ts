// The analyses of a whole design written beside its tables: sensitivity indices (Morris, Sobol) and the ANOVA of a
// factorial sweep, as CSV and Parquet, and as data for the report.
import { join } from 'node:path';
import { analyseSensitivity, factorialAnova, holmAdjust, type AnovaTable, type PointOutput, type SensitivityAnalysis, type SweepPlan } from '@silolab/research';
import { CsvTable } from './csv-table';
import { ParquetTable } from './parquet-table';

/** Files written by the design analyses. */
export const ANALYSIS_FILES = { sensitivityCsv: 'sensitivity.csv', sensitivityParquet: 'sensitivity.parquet', anovaCsv: 'anova.csv' } as const;

/** Collects per point and per run what the analyses need while the tables are written. */
export class DesignAnalyses {
  private readonly outputs: Record<string, PointOutput[]>;
  private readonly observations: Record<string, Array<{ levels: number[]; replication: number; value: number }>>;
  private readonly factorial: boolean;

  constructor(private readonly plan: SweepPlan) {
    this.outputs = Object.fromEntries(plan.summaryColumns.map((c) => [c, plan.points.map(() => ({ mean: null, variance: NaN, n: 0 }))]));
    this.factorial = plan.design.method === 'grid' && plan.parameters.length > 0 && plan.parameters.every((p) => p.kind === 'levels');
    this.observations = Object.fromEntries(plan.summaryColumns.map((c) => [c, []]));
  }

  /** A point's summary of a column (mean over replications, sample sd, n). */
  addPoint(point: number, column: string, mean: number, sd: number, n: number): void {
    if (this.outputs[column] && n > 0) this.outputs[column][point] = { mean: Number.isFinite(mean) ? mean : null, variance: sd * sd, n };
  }

  /** A run's value of a column (for the ANOVA of a factorial design). */
  addRun(point: number, replication: number, column: string, value: number | null): void {
    if (!this.factorial || value === null || !this.observations[column]) return;
    const params = this.plan.points[point].params;
    const levels = this.plan.parameters.map((p) => (p.kind === 'levels' ? p.values.findIndex((v) => JSON.stringify(v) === JSON.stringify(params[p.path])) : 0));
    this.observations[column].push({ levels, replication, value });
  }

  /** Writes sensitivity.csv/.parquet (Morris or Sobol designs) or anova.csv (factorial designs); returns their data. */
  write(out: string, metadata: Record<string, string>): { sensitivity: SensitivityAnalysis | null; anova: Array<AnovaTable & { pHolm: number[] }> | null; files: string[] } {
    const { plan } = this;
    const design = plan.design;
    const confidence = plan.definition.confidence;
    if (design.method === 'morris' || design.method === 'sobol') {
      const analysis = analyseSensitivity(design, plan.parameters.map((p) => p.path), this.outputs, { confidence, seed: plan.definition.rootSeed });
      const columns = [
        { name: 'metric', kind: 'string' as const },
        { name: 'parameter', kind: 'string' as const },
        { name: 'index', kind: 'string' as const },
        { name: 'estimate', kind: 'double' as const },
        { name: 'ciLow', kind: 'double' as const },
        { name: 'ciHigh', kind: 'double' as const },
        { name: 'confidence', kind: 'double' as const },
        { name: 'rank', kind: 'int32' as const },
      ];
      const csv = new CsvTable(join(out, ANALYSIS_FILES.sensitivityCsv), columns.map((c) => c.name));
      const parquet = new ParquetTable(join(out, ANALYSIS_FILES.sensitivityParquet), columns, 4096, { ...metadata, 'silolab.method': design.method });
      for (const row of analysis.rows) {
        const cells = [row.metric, row.parameter, row.index, row.estimate, row.ciLow, row.ciHigh, confidence, row.rank];
        csv.append(cells);
        parquet.append(cells);
      }
      csv.close();
      parquet.close();
      return { sensitivity: analysis, anova: null, files: [ANALYSIS_FILES.sensitivityCsv, ANALYSIS_FILES.sensitivityParquet] };
    }
    if (!this.factorial) return { sensitivity: null, anova: null, files: [] };
    const factors = plan.parameters.map((p) => ({ name: p.path, levels: p.kind === 'levels' ? p.values.length : 1 }));
    const tables = plan.summaryColumns.map((column) => factorialAnova(column, factors, this.observations[column], plan.definition.seeds === 'common'));
    // One family: every F test of every metric.
    const tests = tables.flatMap((t, i) => t.terms.map((term, j) => ({ i, j, p: term.p })));
    const adjusted = holmAdjust(tests.map((t) => t.p));
    const withHolm = tables.map((t) => ({ ...t, pHolm: t.terms.map(() => NaN) }));
    tests.forEach((t, k) => (withHolm[t.i].pHolm[t.j] = adjusted[k]));
    const csv = new CsvTable(join(out, ANALYSIS_FILES.anovaCsv), ['metric', 'term', 'df', 'ss', 'ms', 'f', 'p', 'pHolm', 'partialEta2', 'n']);
    for (const table of withHolm) table.terms.forEach((term, j) => csv.append([table.metric, term.term, term.df, term.ss, term.ms, term.f, term.p, table.pHolm[j], term.partialEta2, table.n]));
    csv.close();
    return { sensitivity: null, anova: withHolm, files: [ANALYSIS_FILES.anovaCsv] };
  }
}
