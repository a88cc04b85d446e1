// Where the dashboard's static files are: the orchestrator serves them at `/` when they exist (DESIGN.md §9).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@silolab/runner';

/**
 * Folders tried in order: `SILOLAB_DASHBOARD_DIR`, the built dashboard `dist/apps/dashboard/public`, and
 * `apps/dashboard/public` (plain files, no build). The dashboard app puts its `index.html` in one of them.
 */
export function dashboardCandidates(): string[] {
  const root = projectRoot();
  return [process.env.SILOLAB_DASHBOARD_DIR, join(root, 'dist', 'apps', 'dashboard', 'public'), join(root, 'apps', 'dashboard', 'public')].filter(
    (folder): folder is string => Boolean(folder),
  );
}

/** The dashboard folder to serve, or null when there is none yet. */
export function findDashboard(explicit?: string): string | null {
  const candidates = explicit ? [explicit] : dashboardCandidates();
  return candidates.find((folder) => existsSync(join(folder, 'index.html'))) ?? null;
}
