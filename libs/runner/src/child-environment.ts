// The environment of every child process SiloLab starts: a short allowlist copied from the parent, plus what the
// caller passes explicitly — never the parent's whole environment merged with other keys.
//
// Why: Node's spawn copies every enumerable key of `env`, inherited ones included ("prototype values are
// intentionally included"). An environment built as `{ ...process.env, … }` is a plain object, so one write to
// Object.prototype (a polluted `NODE_OPTIONS=--import=data:…`) became code run by every service started afterwards.
// The object built here has no prototype and only own keys.

/** Variables a child inherits from this process when they are set: the OS basics and operator settings meant for children. */
export const INHERITED_VARIABLES: readonly string[] = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'TMPDIR',
  'TMP',
  'TEMP',
  'TZ',
  'LANG',
  'LANGUAGE',
  'NODE_ENV',
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  // Hub and department services: jobs each inbox handles at once (docs/transport.md).
  'SILOLAB_CONCURRENCY',
  // Hub and department services: how long an inbox holds a job before a dead holder's job is taken up again.
  'SILOLAB_LOCK_MS',
  // Sweep workers: the limits of a run on this machine (machineRunLimits).
  'SILOLAB_MAX_RUN_MEMORY_MB',
  'SILOLAB_MAX_REQUESTS_PER_TICK',
];

/**
 * The environment for a child process: the {@link INHERITED_VARIABLES} (and `LC_*`) that are set in `parent`, then
 * `explicit` (values as strings; undefined leaves a variable out). Own properties only, on an object without a
 * prototype, so nothing inherited can reach the child.
 */
export function childEnvironment(explicit: Readonly<Record<string, string | number | undefined>> = {}, parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = Object.create(null);
  for (const name of Object.keys(parent)) {
    const value = parent[name];
    if (value !== undefined && (INHERITED_VARIABLES.includes(name) || name.startsWith('LC_'))) env[name] = value;
  }
  for (const name of Object.keys(explicit)) {
    const value = explicit[name];
    if (value !== undefined) env[name] = String(value);
  }
  return env;
}
