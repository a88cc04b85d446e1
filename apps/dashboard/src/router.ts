// Navigation between the client routes: the current route as a signal, kept in step with the address bar.
import { signal } from '@preact/signals';
import { hrefOf, parseRoute, type Route } from './routes';

/** The current route; pages re-render when it changes. */
export const route = signal<Route>(parseRoute(window.location.pathname, window.location.search));

window.addEventListener('popstate', () => (route.value = parseRoute(window.location.pathname, window.location.search)));

/** Goes to a route without reloading (`replace` keeps the history entry, e.g. when a run is chosen). */
export function navigate(next: Route, options: { replace?: boolean } = {}): void {
  const href = hrefOf(next);
  if (options.replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  route.value = next;
}
