// The page's client routes. The orchestrator answers every page path outside /api and /ws with index.html, so a
// route added here works on reload without a server change (apps/orchestrator/src/dashboard.ts).
export type Route =
  /** The facilitator console; `run` is the run it shows (kept in the address so a reload keeps it). */
  | { page: 'console'; run: string | null }
  /** The projector (observer) view of one run: no controls, large type. */
  | { page: 'projector'; run: string }
  /** A participant joining a workshop session (part B of issue #11). */
  | { page: 'join'; code: string }
  | { page: 'notFound' };

/** Reads a route from a path and query. */
export function parseRoute(pathname: string, search = ''): Route {
  const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments.length === 0) return { page: 'console', run: new URLSearchParams(search).get('run') };
  if (segments.length === 2 && segments[0] === 'view') return { page: 'projector', run: segments[1] };
  if (segments.length === 2 && segments[0] === 'join') return { page: 'join', code: segments[1] };
  return { page: 'notFound' };
}

/** The address of a route. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'console':
      return route.run ? `/?run=${encodeURIComponent(route.run)}` : '/';
    case 'projector':
      return `/view/${encodeURIComponent(route.run)}`;
    case 'join':
      return `/join/${encodeURIComponent(route.code)}`;
    case 'notFound':
      return '/';
  }
}
