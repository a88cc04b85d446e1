// The error a bad scenario (or sweep) file produces: every problem with its key path and what was expected.
/** One problem in an input file: where (dotted key path) and what was expected. */
export interface InputIssue {
  path: string;
  message: string;
}

/** An invalid scenario: carries every issue; `message` lists them one per line, each starting with the key path. */
export class ScenarioError extends Error {
  constructor(
    readonly source: string,
    readonly issues: InputIssue[],
  ) {
    super(`${source}: invalid scenario\n` + issues.map((issue) => `  ${issue.path || '(root)'}: ${issue.message}`).join('\n'));
    this.name = 'ScenarioError';
  }
}

/** Formats a zod-style path (`['demand', 'services', 0, 'id']`) as `demand.services[0].id`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join('');
}
