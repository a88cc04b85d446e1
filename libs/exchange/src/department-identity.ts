// Transport identities of departments: engine ids like `civil-affairs@city` cannot name a queue, so the wire uses `d<index>`.

/** Prefix of a department's transport identity (`d12` is the department with index 12). */
const DEPARTMENT_PREFIX = 'd';

/** The queue identity of department `index` (a valid protocol identity: letters and digits). */
export function departmentIdentity(index: number): string {
  return `${DEPARTMENT_PREFIX}${index}`;
}

/** The department index of an identity `d<index>`, or −1 when `identity` is not a department's. */
export function departmentIndexOf(identity: string): number {
  if (!/^d(0|[1-9][0-9]{0,8})$/.test(identity)) return -1;
  return Number(identity.slice(DEPARTMENT_PREFIX.length));
}

/**
 * Parses a list of department indices: comma-separated indices and inclusive ranges (`0-5,9,11-12`).
 * Throws an error naming `what` and the expected form on bad input; indices must be below `count` when given.
 */
export function parseDepartmentList(text: string, what = '--departments', count?: number): number[] {
  const indices = new Set<number>();
  for (const part of text.split(',').map((p) => p.trim())) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!match) throw new Error(`${what}: expected indices and ranges like 0-5,9, got ${JSON.stringify(text)}`);
    const first = Number(match[1]);
    const last = match[2] === undefined ? first : Number(match[2]);
    if (last < first) throw new Error(`${what}: range ${part} runs backwards`);
    for (let index = first; index <= last; index++) {
      if (count !== undefined && index >= count) throw new Error(`${what}: department ${index} does not exist (the scenario has ${count})`);
      indices.add(index);
    }
  }
  return [...indices].sort((a, b) => a - b);
}

/** Splits departments 0..count−1 into `processes` contiguous ranges (`0-5`, `6-11`), none empty. */
export function splitDepartments(count: number, processes: number): string[] {
  const parts = Math.max(1, Math.min(processes, count));
  const ranges: string[] = [];
  for (let p = 0; p < parts; p++) {
    const first = Math.floor((p * count) / parts);
    const last = Math.floor(((p + 1) * count) / parts) - 1;
    ranges.push(first === last ? `${first}` : `${first}-${last}`);
  }
  return ranges;
}
