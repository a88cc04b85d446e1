// The page's client routes. The orchestrator answers every page path outside /api and /ws with index.html, so a
// route added here works on reload without a server change (apps/orchestrator/src/dashboard.ts).
export type Route =
  /**
   * The facilitator console; `run` is the run it shows, `session` the workshop session it runs (both kept in the
   * address so a reload keeps them).
   */
  | { page: 'console'; run: string | null; session?: string }
  /** The projector (observer) view of one run: no controls, large type; with a session, its join code and leaderboard. */
  | { page: 'projector'; run: string; session?: string }
  /** A participant joining a workshop session. */
  | { page: 'join'; code: string }
  /** The debrief of a workshop session: its rounds and copies side by side, the timeline, the replay. */
  | { page: 'debrief'; code: string }
  | { page: 'notFound' };

/** The `session` query parameter, when there is one. */
const sessionOf = (search: string): { session?: string } => {
  const session = new URLSearchParams(search).get('session');
  return session ? { session } : {};
};

/** Reads a route from a path and query. */
export function parseRoute(pathname: string, search = ''): Route {
  const segments = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segments.length === 0) return { page: 'console', run: new URLSearchParams(search).get('run'), ...sessionOf(search) };
  if (segments.length === 2 && segments[0] === 'view') return { page: 'projector', run: segments[1], ...sessionOf(search) };
  if (segments.length === 2 && segments[0] === 'join') return { page: 'join', code: segments[1] };
  if (segments.length === 2 && segments[0] === 'debrief') return { page: 'debrief', code: segments[1] };
  return { page: 'notFound' };
}

/** The address of a route. */
export function hrefOf(route: Route): string {
  switch (route.page) {
    case 'console': {
      const query = new URLSearchParams([...(route.run ? [['run', route.run]] : []), ...(route.session ? [['session', route.session]] : [])]).toString();
      return query ? `/?${query}` : '/';
    }
    case 'projector':
      return `/view/${encodeURIComponent(route.run)}${route.session ? `?session=${encodeURIComponent(route.session)}` : ''}`;
    case 'join':
      return `/join/${encodeURIComponent(route.code)}`;
    case 'debrief':
      return `/debrief/${encodeURIComponent(route.code)}`;
    case 'notFound':
      return '/';
  }
}
