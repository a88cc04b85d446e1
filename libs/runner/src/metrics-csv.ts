// metrics.csv: one row per tick, one column per metric (the first tick's keys fix the columns).
import type { TickMetrics } from '@silolab/engine';

/** Quotes a CSV field when needed (RFC 4180). */
export function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Turns tick metrics into CSV lines; the header is produced with the first row. */
export class MetricsCsv {
  private columns: string[] | null = null;

  /** The lines (header first, once) for a tick. */
  lines(metrics: TickMetrics): string {
    let header = '';
    if (!this.columns) {
      this.columns = Object.keys(metrics);
      header = this.columns.map(csvField).join(',') + '\n';
    }
    return header + this.columns.map((column) => csvField(metrics[column])).join(',') + '\n';
  }
}
