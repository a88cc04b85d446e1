// Writing a Parquet file row group by row group (hyparquet-writer), so memory holds one row group, never the table.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import type { ColumnKind } from '@silolab/research';
import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';

/** The Parquet schema element of each column kind. */
const ELEMENT: Record<ColumnKind, Omit<SchemaElement, 'name'>> = {
  int32: { type: 'INT32', repetition_type: 'REQUIRED' },
  int64: { type: 'INT64', repetition_type: 'REQUIRED' },
  count: { type: 'INT64', repetition_type: 'OPTIONAL' },
  double: { type: 'DOUBLE', repetition_type: 'OPTIONAL' },
  string: { type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
  boolean: { type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
};

/** hyparquet-writer's ByteWriter, flushed to a file descriptor whenever its buffer passes 1 MB. */
class FileByteWriter extends ByteWriter {
  constructor(private readonly fd: number) {
    super(1 << 20);
  }

  override ensure(size: number): void {
    if (this.index > 1 << 20) this.flush();
    super.ensure(size);
  }

  flush(): void {
    let written = 0;
    const bytes = new Uint8Array(this.buffer, 0, this.index);
    while (written < bytes.length) written += writeSync(this.fd, bytes, written, bytes.length - written);
    this.index = 0;
  }

  override finish(): void {
    this.flush();
  }
}

/**
 * A column's values for one row group. Doubles are kept unboxed in a Float64Array with a null mask — a row group
 * of plain arrays would hold hundreds of thousands of boxed numbers long enough to reach the old generation, and
 * the garbage collector would then let the heap grow with the size of the sweep.
 */
class ColumnBuffer {
  private readonly doubles: Float64Array | null;
  private readonly nulls: Uint8Array | null;
  private readonly values: unknown[] = [];
  private hasNull = false;

  constructor(
    readonly kind: ColumnKind,
    capacity: number,
  ) {
    this.doubles = kind === 'double' ? new Float64Array(capacity) : null;
    this.nulls = kind === 'double' ? new Uint8Array(capacity) : null;
  }

  set(row: number, value: unknown): void {
    if (this.doubles) {
      const missing = value === null || value === undefined || typeof value !== 'number' || Number.isNaN(value);
      this.nulls![row] = missing ? 1 : 0;
      this.doubles[row] = missing ? 0 : (value as number);
      if (missing) this.hasNull = true;
    } else if (this.kind === 'count') this.values[row] = typeof value === 'number' && Number.isFinite(value) ? BigInt(Math.round(value)) : null;
    else this.values[row] = this.kind === 'int64' ? BigInt(value as number) : value === undefined ? null : value;
  }

  /** The first `rows` values in the form hyparquet-writer takes; resets the buffer. */
  take(rows: number): Float64Array | unknown[] {
    if (!this.doubles) return this.values.splice(0, this.values.length).slice(0, rows);
    const out = this.hasNull ? Array.from(this.doubles.subarray(0, rows), (v, i) => (this.nulls![i] ? null : v)) : this.doubles.slice(0, rows);
    this.hasNull = false;
    return out;
  }
}

/** A Parquet table written to `path` (via a temporary file renamed into place on `close`). */
export class ParquetTable {
  private readonly fd: number;
  private readonly temporary: string;
  private readonly writer: ParquetWriter;
  private readonly buffers: ColumnBuffer[];
  private rows = 0;

  constructor(
    private readonly path: string,
    private readonly columns: Array<{ name: string; kind: ColumnKind }>,
    private readonly rowGroupSize = 16384,
    metadata: Record<string, string> = {},
  ) {
    this.temporary = `${path}.partial-${process.pid}`;
    this.fd = openSync(this.temporary, 'w');
    const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }, ...columns.map((c) => ({ name: c.name, ...ELEMENT[c.kind] }) as SchemaElement)];
    this.writer = new ParquetWriter({
      writer: new FileByteWriter(this.fd),
      schema,
      createdBy: 'SiloLab (hyparquet-writer)',
      // No min/max statistics: hyparquet-writer keeps them (and the page buffers they point into) until the footer,
      // so memory would grow with the number of row groups; SiloLab's tables are small enough to scan.
      statistics: false,
      kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    });
    this.buffers = columns.map((c) => new ColumnBuffer(c.kind, rowGroupSize));
  }

  /** Adds a row (values in column order; null for missing). */
  append(values: unknown[]): void {
    for (let c = 0; c < this.columns.length; c++) this.buffers[c].set(this.rows, values[c]);
    if (++this.rows >= this.rowGroupSize) this.flushGroup();
  }

  private flushGroup(): void {
    if (this.rows === 0) return;
    const rows = this.rows;
    const columnData = this.columns.map((c, i) => ({ name: c.name, data: this.buffers[i].take(rows) }));
    void this.writer.write({ columnData: columnData as Parameters<ParquetWriter['write']>[0]['columnData'], rowGroupSize: rows });
    this.rows = 0;
  }

  /** Writes the last row group and the footer, and moves the file into place. */
  close(): void {
    this.flushGroup();
    void this.writer.finish();
    closeSync(this.fd);
    renameSync(this.temporary, this.path);
  }
}
