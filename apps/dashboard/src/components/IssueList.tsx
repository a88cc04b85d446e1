// An API error as the page shows it: the message and every bad field with its path, as the CLI prints them.
import { ApiError } from '../api/api-client';
import { scenarioIssuePath } from '../api/issue-path';
import { t } from '../i18n/i18n';

export function IssueList({ error, scenarioFile = false }: { error: unknown; scenarioFile?: boolean }) {
  if (!error) return null;
  if (!(error instanceof ApiError)) return <p class="error">{String(error)}</p>;
  if (error.unauthorized) return <p class="error">{t('token.missing')}</p>;
  return (
    <div class="error" role="alert">
      <p>{scenarioFile && error.issues.length > 0 ? t('picker.invalid') : error.message}</p>
      {error.issues.length > 0 && (
        <ul class="issues">
          {error.issues.map((issue) => (
            <li key={issue.path + issue.message}>
              <code>{scenarioFile ? scenarioIssuePath(issue.path) : issue.path}</code>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
