// Writing a Parquet file row group by row group (hyparquet-writer), so memory holds one row group, never the table.
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { ByteWriter, ParquetWriter, type SchemaElement } from 'hyparquet-writer';

/** Column types of SiloLab's tables, and their Parquet schema elements. */
export type ColumnKind = 'int32' | 'int64' | 'double' | 'string' | 'boolean';

const ELEMENT: Record<ColumnKind, Omit<SchemaElement, 'name'>> = {
  int32: { type: 'INT32', repetition_type: 'REQUIRED' },
  int64: { type: 'INT64', repetition_type: 'REQUIRED' },
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

/** A Parquet table written to `path` (via a temporary file renamed into place on `close`). */
export class ParquetTable {
  private readonly fd: number;
  private readonly temporary: string;
  private readonly writer: ParquetWriter;
  private readonly buffers: unknown[][];
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
      kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    });
    this.buffers = columns.map(() => []);
  }

  /** Adds a row (values in column order; null for missing). */
  append(values: unknown[]): void {
    for (let c = 0; c < this.columns.length; c++) {
      const value = values[c];
      this.buffers[c].push(this.columns[c].kind === 'int64' ? BigInt(value as number) : value === undefined ? null : value);
    }
    if (++this.rows >= this.rowGroupSize) this.flushGroup();
  }

  private flushGroup(): void {
    if (this.rows === 0) return;
    const columnData = this.columns.map((c, i) => ({ name: c.name, data: this.buffers[i] }));
    void this.writer.write({ columnData, rowGroupSize: this.rows });
    for (const buffer of this.buffers) buffer.length = 0;
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
