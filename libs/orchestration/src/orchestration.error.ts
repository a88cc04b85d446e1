// The expected failures of the run manager, as values with stable codes (STYLE.md habit 7): bad input, unknown run,
// a command the run's state does not allow, no room for another run, a transport that cannot start.
import { capIssues, type InputIssue } from '@silolab/model';

/** Stable codes of {@link OrchestrationError}; the HTTP layer maps them to 400, 404, 409, 429 and 503. */
export const ORCHESTRATION_ERROR_CODES = ['INVALID_INPUT', 'RUN_NOT_FOUND', 'INVALID_STATE', 'TOO_MANY_RUNS', 'UNAVAILABLE'] as const;
export type OrchestrationErrorCode = (typeof ORCHESTRATION_ERROR_CODES)[number];

/** A request the run manager refused. `issues` names every bad field by its dotted path in the request body. */
export class OrchestrationError extends Error {
  readonly issues: InputIssue[];

  constructor(
    readonly code: OrchestrationErrorCode,
    message: string,
    issues: InputIssue[] = [],
  ) {
    const capped = capIssues(issues);
    super(capped.length ? `${message}\n` + capped.map((issue) => `  ${issue.path || '(root)'}: ${issue.message}`).join('\n') : message);
    this.issues = capped;
    this.name = 'OrchestrationError';
  }

  /** A bad request body or query: every issue with its path. */
  static invalid(what: string, issues: InputIssue[]): OrchestrationError {
    return new OrchestrationError('INVALID_INPUT', `${what}: invalid`, issues);
  }

  static notFound(runId: string): OrchestrationError {
    return new OrchestrationError('RUN_NOT_FOUND', `no run with id '${runId}'`);
  }
}
