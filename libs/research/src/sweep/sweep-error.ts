// The error a bad sweep file produces: every problem with its key path in the sweep file and what was expected.
import type { InputIssue } from '@silolab/model';

/** An invalid sweep: carries every issue; `message` lists them one per line, each starting with the key path. */
export class SweepError extends Error {
  constructor(
    readonly source: string,
    readonly issues: InputIssue[],
  ) {
    super(`${source}: invalid sweep\n` + issues.map((issue) => `  ${issue.path || '(root)'}: ${issue.message}`).join('\n'));
    this.name = 'SweepError';
  }
}
