// Client routes read from and written to addresses.
import { hrefOf, parseRoute, type Route } from './routes';

describe('client routes', () => {
  it.each<[string, string, Route]>([
    ['/', '', { page: 'console', run: null }],
    ['/', '?run=abc', { page: 'console', run: 'abc' }],
    ['/view/run%201', '', { page: 'projector', run: 'run 1' }],
    ['/join/K7Q2', '', { page: 'join', code: 'K7Q2' }],
    ['/', '?run=abc&session=K7Q2MN', { page: 'console', run: 'abc', session: 'K7Q2MN' }],
    ['/view/r1', '?session=K7Q2MN', { page: 'projector', run: 'r1', session: 'K7Q2MN' }],
    ['/debrief/K7Q2MN', '', { page: 'debrief', code: 'K7Q2MN' }],
    ['/view', '', { page: 'notFound' }],
    ['/elsewhere/x/y', '', { page: 'notFound' }],
  ])('%s%s is %j', (path, search, route) => {
    expect(parseRoute(path, search)).toEqual(route);
  });

  it('writes every route as an address that reads back as the same route', () => {
    const routes: Route[] = [{ page: 'console', run: null }, { page: 'console', run: 'a/b' }, { page: 'projector', run: 'x y' }, { page: 'join', code: 'Q1' }, { page: 'console', run: 'r', session: 'S2' }, { page: 'console', run: null, session: 'S2' }, { page: 'projector', run: 'r', session: 'S2' }, { page: 'debrief', code: 'S2' }];
    for (const route of routes) {
      const url = new URL(hrefOf(route), 'http://localhost');
      expect(parseRoute(url.pathname, url.search)).toEqual(route);
    }
  });
});
