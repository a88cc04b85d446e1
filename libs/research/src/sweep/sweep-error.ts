// The error a bad sweep file produces: every problem with its key path in the sweep file and what was expected.
import { capIssues, type InputIssue } from '@silolab/model';

/** An invalid sweep: carries its issues (the first few dozen); `message` lists them one per line, each starting with the key path. */
export class SweepError extends Error {
  readonly issues: InputIssue[];

  constructor(
    readonly source: string,
    issues: InputIssue[],
  ) {
    const capped = capIssues(issues);
    super(`${source}: invalid sweep\n` + capped.map((issue) => `  ${issue.path || '(root)'}: ${issue.message}`).join('\n'));
    this.issues = capped;
    this.name = 'SweepError';
  }
}
