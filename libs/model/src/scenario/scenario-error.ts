// The error a bad scenario (or sweep) file produces: every problem with its key path and what was expected.
/** One problem in an input file: where (dotted key path) and what was expected. */
export interface InputIssue {
  path: string;
  message: string;
}

/** Issues kept (and listed) at most: a file with thousands of bad entries gets the first ones and a count. */
export const MAX_LISTED_ISSUES = 30;

/** `issues`, or the first {@link MAX_LISTED_ISSUES} of them and one saying how many more there are. */
export function capIssues(issues: InputIssue[]): InputIssue[] {
  if (issues.length <= MAX_LISTED_ISSUES) return issues;
  return [...issues.slice(0, MAX_LISTED_ISSUES), { path: '(more)', message: `… and ${issues.length - MAX_LISTED_ISSUES} more problems of the same input` }];
}

/** An invalid scenario: carries its issues; `message` lists them one per line, each starting with the key path. */
export class ScenarioError extends Error {
  readonly issues: InputIssue[];

  constructor(
    readonly source: string,
    issues: InputIssue[],
  ) {
    const capped = capIssues(issues);
    super(`${source}: invalid scenario\n` + capped.map((issue) => `  ${issue.path || '(root)'}: ${issue.message}`).join('\n'));
    this.issues = capped;
    this.name = 'ScenarioError';
  }
}

/** Formats a zod-style path (`['demand', 'services', 0, 'id']`) as `demand.services[0].id`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join('');
}
