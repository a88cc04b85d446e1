// What `silolab serve` (and the bare orchestrator process) prints once it listens: where, and how to call it.
import type { RunningOrchestrator } from './bootstrap';

/** The start-up lines: the URL to use first, the others, the token (when generated) and how to send it. */
export function startupBanner(orchestrator: RunningOrchestrator, transport = 'inproc'): string[] {
  const { url, urls, listening, access } = orchestrator;
  const lines = [`SiloLab orchestrator listening on ${url}${urls.length > 1 ? ` (bound to ${listening.address}:${listening.port}; also ${urls.slice(1).join(', ')})` : ''}`];
  lines.push(`  API ${url}/api · docs ${url}/api/docs · stream ${url.replace(/^http/, 'ws')}/ws · transport ${transport}`);
  if (access.tokenSource === 'generated') {
    lines.push(`  API token (generated for this start; set SILOLAB_API_TOKEN to keep one): ${access.token}`);
  } else if (access.tokenSource === 'environment') {
    lines.push('  API token: the one in SILOLAB_API_TOKEN');
  }
  if (access.token !== null) {
    const shown = access.tokenSource === 'generated' ? access.token : '$SILOLAB_API_TOKEN';
    lines.push(`  write requests need it: curl -H "Authorization: Bearer ${shown}" -H 'content-type: application/json' -d '{"preset":"workshop-small"}' ${url}/api/runs`);
    lines.push(access.readsNeedToken ? '  reads, docs and the stream need it too (not a loopback address)' : '  reads, docs and the stream are open on this machine (loopback)');
  }
  if (orchestrator.dashboard) {
    // The page takes the token from the URL's fragment (never sent to a server, never in a Referer) into the tab.
    const facilitator = access.token === null ? `${url}/` : `${url}/#token=${access.tokenSource === 'generated' ? access.token : '<SILOLAB_API_TOKEN>'}`;
    lines.push(`  dashboard: facilitator console ${facilitator} · projector ${url}/view/<run>${access.readsNeedToken ? '#token=… (the token here too: not a loopback address)' : ''}`);
  } else lines.push('  (no dashboard build found; the API works without it)');
  for (const warning of access.warnings) lines.push(`  warning: ${warning}`);
  return lines;
}
