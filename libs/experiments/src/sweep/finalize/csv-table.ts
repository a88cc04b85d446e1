// Writing a CSV file row by row (RFC 4180), buffered, via a temporary file renamed into place.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { csvField } from '@silolab/runner';

/** Formats a cell: numbers as JavaScript prints them (shortest round-trip form), null/NaN as empty. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return csvField(value);
}

/** A CSV table written to `path`; the header is the first line. */
export class CsvTable {
  private readonly fd: number;
  private readonly temporary: string;
  private pending: string[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly path: string,
    header: string[],
  ) {
    this.temporary = `${path}.partial-${process.pid}`;
    this.fd = openSync(this.temporary, 'w');
    this.append(header);
  }

  /** Adds a row. */
  append(values: unknown[]): void {
    const line = values.map(csvCell).join(',') + '\n';
    this.pending.push(line);
    this.pendingBytes += line.length;
    if (this.pendingBytes > 1 << 16) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Flushes and moves the file into place. */
  close(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.temporary, this.path);
  }
}
