// Where the dashboard's static files are, and the history fallback that lets its client routes (`/view/<run>`, …)
// be opened or reloaded directly: the orchestrator serves them at `/` when they exist (DESIGN.md §9).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '@silolab/runner';

/**
 * Folders tried in order: `SILOLAB_DASHBOARD_DIR`, then `dist/apps/dashboard/public`, where `npm run build` puts the
 * page Vite builds from `apps/dashboard` (its sources are not servable as they are).
 */
export function dashboardCandidates(): string[] {
  const root = projectRoot();
  return [process.env.SILOLAB_DASHBOARD_DIR, join(root, 'dist', 'apps', 'dashboard', 'public')].filter((folder): folder is string => Boolean(folder));
}

/** The dashboard folder to serve, or null when there is none yet. */
export function findDashboard(explicit?: string): string | null {
  const candidates = explicit ? [explicit] : dashboardCandidates();
  return candidates.find((folder) => existsSync(join(folder, 'index.html'))) ?? null;
}

/** Paths the page never owns: the REST API (and its docs), the WebSocket stream and the Prometheus metrics. */
const SERVER_PATHS = /^\/(api|ws|metrics)(\/|$)/;

/**
 * Whether a request is a page navigation to a client route of the dashboard: a GET or HEAD outside `/api` and `/ws`
 * whose last path segment has no file extension (a missing `/assets/x.js` stays a 404, not a page).
 */
export function isClientRoute(method: string, path: string): boolean {
  if (method !== 'GET' && method !== 'HEAD') return false;
  if (SERVER_PATHS.test(path)) return false;
  return !(path.split('/').pop() ?? '').includes('.');
}

/** The parts of Express's request and response the fallback uses (the app has no Express type declarations). */
interface FallbackRequest {
  method: string;
  path: string;
}
interface FallbackResponse {
  sendFile(path: string, options: { headers: Record<string, string> }): void;
}

/**
 * Express middleware, mounted after the dashboard's static files: answers a client route with the page's
 * `index.html` (never cached, so a new build is picked up), and passes everything else on.
 */
export function dashboardFallback(folder: string): (request: FallbackRequest, response: FallbackResponse, next: () => void) => void {
  const index = join(folder, 'index.html');
  return (request, response, next) => {
    if (!isClientRoute(request.method, request.path)) return next();
    response.sendFile(index, { headers: { 'cache-control': 'no-cache' } });
  };
}
