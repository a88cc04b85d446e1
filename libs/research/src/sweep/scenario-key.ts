// Checking that a dotted path names a key of the scenario, with a "did you mean" for typos.
import { getPath, parsePath, ScenarioError } from '@silolab/model';

/** Levenshtein distance (small strings: key names). */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The closest of `candidates` to `word`, when close enough to be a plausible typo. */
export function closest(word: string, candidates: string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

/**
 * Null when `path` names a value in `scenario` (a validated scenario, defaults filled in); otherwise what is wrong:
 * the first step that does not exist, the keys that do, and the closest one. Sweeps vary existing values only — a
 * path into a free-form record would otherwise be accepted silently and change nothing.
 */
export function missingScenarioKey(scenario: unknown, path: string): string | null {
  let keys: Array<string | number>;
  try {
    keys = parsePath(path);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues[0].message;
    throw error;
  }
  if (getPath(scenario, path) !== undefined) return null;
  let current: unknown = scenario;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    const where = i === 0 ? 'the scenario' : keys.slice(0, i).join('.');
    if (current === null || typeof current !== 'object') return `${where} is a value, not a group of keys`;
    const record = current as Record<string | number, unknown>;
    if (record[key] === undefined) {
      if (Array.isArray(current)) return `${where} has ${current.length} entries; [${String(key)}] does not exist`;
      const names = Object.keys(record);
      const guess = closest(String(key), names);
      return `"${String(key)}" is not a key of ${where}${guess ? `; did you mean "${guess}"?` : ''} (keys: ${names.join(', ')})`;
    }
    current = record[key];
  }
  return null;
}
