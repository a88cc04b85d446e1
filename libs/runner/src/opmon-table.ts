// A run's opmon records as a table: the columns (names and kinds, for CSV and Parquet) and the CSV text.
import type { OpmonRecordData } from '@silolab/persistence';
import { csvField } from './metrics-csv';

/** Column kinds as @silolab/experiments' ParquetTable takes them (`count`: optional INT64). */
export type OpmonColumnKind = 'int32' | 'count' | 'string';

/** The opmon table's columns, in order: one per field of a record (docs/monitoring.md, "Opmon records"). */
export const OPMON_COLUMNS: ReadonlyArray<{ name: keyof OpmonRecordData; kind: OpmonColumnKind }> = [
  { name: 'tick', kind: 'int32' },
  { name: 'ordinal', kind: 'int32' },
  { name: 'requestId', kind: 'string' },
  { name: 'requester', kind: 'string' },
  { name: 'owner', kind: 'string' },
  { name: 'party', kind: 'string' },
  { name: 'role', kind: 'string' },
  { name: 'protocol', kind: 'string' },
  { name: 'delivery', kind: 'string' },
  { name: 'requestInAt', kind: 'count' },
  { name: 'requestOutAt', kind: 'count' },
  { name: 'responseInAt', kind: 'count' },
  { name: 'responseOutAt', kind: 'count' },
  { name: 'requestBytes', kind: 'count' },
  { name: 'responseBytes', kind: 'count' },
  { name: 'messages', kind: 'int32' },
  { name: 'faultCode', kind: 'string' },
];

/** A record's values in column order. */
export function opmonRow(record: OpmonRecordData): unknown[] {
  return OPMON_COLUMNS.map(({ name }) => record[name]);
}

/** The records as CSV: a header, then one line per record (empty fields for null). */
export function opmonCsv(records: readonly OpmonRecordData[]): string {
  const lines = [OPMON_COLUMNS.map(({ name }) => name).join(',')];
  for (const record of records) lines.push(opmonRow(record).map(csvField).join(','));
  return lines.join('\n') + '\n';
}
