// Where an API issue points in an uploaded scenario file.

/**
 * The path of an issue in an uploaded scenario, as `silolab run` names it: the API prefixes the body field
 * (`scenario.policies.catalogue.coverage`, `scenario (line 3:7)`), the CLI names the key in the file.
 */
export function scenarioIssuePath(path: string): string {
  if (path.startsWith('scenario.')) return path.slice('scenario.'.length);
  const line = /^scenario \((.*)\)$/.exec(path);
  return line ? line[1] : path;
}
