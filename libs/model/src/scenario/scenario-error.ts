// The error a bad scenario (or sweep) file produces: every problem with its key path and what was expected.
/** One problem in an input file: where (dotted key path) and what was expected. */
export interface InputIssue {
  path: string;
  message: string;
}

/** Issues kept (and listed) at most: a file with thousands of bad entries gets the first ones and a count. */
export const MAX_LISTED_ISSUES = 30;

/**
 * Characters of one issue's path and message kept at most. Both may quote the input (a key, a name), and a name may be
 * ten thousand characters long; with these, a whole error stays within about 16 KB whatever the input.
 */
export const MAX_ISSUE_PATH = 120;
export const MAX_ISSUE_MESSAGE = 400;

/** `text`, or its first `max` characters (whole code points) and `… (N characters)`. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
  return `${text.slice(0, end)}… (${text.length} characters)`;
}

/** Names an error may list before it only counts the rest: a scenario may have thousands of systems. */
const LISTED_NAMES = 12;
/** Characters of one listed name shown: a name may be thousands of characters long. */
const LISTED_NAME_CHARS = 40;

/** `a, b, c` — or the first {@link LISTED_NAMES} and `… and 263 more (275 in all)`; each long name clipped. */
export function namesList(names: Iterable<string>): string {
  // Counted, not copied: every issue that quotes the names lists them again.
  const listed: string[] = [];
  let count = 0;
  for (const name of names) if (count++ < LISTED_NAMES) listed.push(clipText(name, LISTED_NAME_CHARS));
  const shown = listed.join(', ');
  return count <= LISTED_NAMES ? shown : `${shown}, … and ${count - LISTED_NAMES} more (${count} in all)`;
}

/**
 * `issues`, or the first {@link MAX_LISTED_ISSUES} of them and one saying how many more there are; each path and
 * message clipped to {@link MAX_ISSUE_PATH} and {@link MAX_ISSUE_MESSAGE} characters.
 */
export function capIssues(issues: InputIssue[]): InputIssue[] {
  const clipped = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => ({ path: clipText(issue.path, MAX_ISSUE_PATH), message: clipText(issue.message, MAX_ISSUE_MESSAGE) }));
  if (issues.length <= MAX_LISTED_ISSUES) return clipped;
  return [...clipped, { path: '(more)', message: `… and ${issues.length - MAX_LISTED_ISSUES} more problems of the same input` }];
}

/** An invalid scenario: carries its issues ({@link capIssues}); `message` lists them one per line, each starting with the key path. */
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
