// The page: the current route's page.
import { route } from './router';
import { ConsolePage } from './pages/ConsolePage';
import { DebriefPage } from './pages/DebriefPage';
import { JoinPage } from './pages/JoinPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { ProjectorPage } from './pages/ProjectorPage';

export function App() {
  const current = route.value;
  switch (current.page) {
    case 'console':
      return <ConsolePage key={`${current.run ?? ''}|${current.session ?? ''}`} runId={current.run} sessionCode={current.session} />;
    case 'projector':
      return <ProjectorPage key={current.run} runId={current.run} sessionCode={current.session} />;
    case 'debrief':
      return <DebriefPage code={current.code} />;
    case 'join':
      return <JoinPage code={current.code} />;
    case 'notFound':
      return <NotFoundPage />;
  }
}
