// A page's run session: created for a run id, disposed (stream closed) when the page leaves it.
import { useEffect, useMemo } from 'preact/hooks';
import { RunSession } from './run-session';

export function useRunSession(runId: string | null): RunSession | null {
  const session = useMemo(() => (runId ? new RunSession(runId) : null), [runId]);
  useEffect(() => () => session?.dispose(), [session]);
  return session;
}
