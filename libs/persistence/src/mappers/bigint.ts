// PostgreSQL's driver returns bigint columns as strings (to avoid precision loss); SQLite returns numbers.

/** Reads a bigint column as a JS number; the values stored here were validated as safe integers. */
export function fromBigint(value: string | number): number {
  return typeof value === 'number' ? value : Number(value);
}
