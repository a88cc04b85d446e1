// The monitoring stack as shipped for `docker compose --profile monitoring up`, checked without Docker (this machine
// has no engine) and without Grafana (no package): Debian's promtool accepts the shipped Prometheus config and every
// query of the dashboard (scripts/check-monitoring.sh), and the compose file, the Prometheus config, Grafana's
// provisioning and the dashboard agree with each other — every mounted file exists, the data source Grafana is given
// is the Prometheus service, every panel asks that data source, and Prometheus scrapes what the orchestrator serves.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '../..');
const read = (path: string) => parse(readFileSync(join(ROOT, path), 'utf8'));

interface ComposeService {
  profiles?: string[];
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  secrets?: string[];
  ports?: string[];
}
const compose = read('docker-compose.yml') as { services: Record<string, ComposeService>; secrets: Record<string, unknown> };
const { prometheus, grafana, orchestrator } = compose.services;

/** The service's bind mounts (`./host:container[:ro]`) as container path → repository path. */
function bindMounts(service: ComposeService): Map<string, string> {
  const mounts = new Map<string, string>();
  for (const volume of service.volumes ?? []) {
    const [host, container] = volume.split(':');
    if (host.startsWith('./')) mounts.set(container, host.slice(2));
  }
  return mounts;
}

/** The repository file a container path of `service` shows, through its bind mounts; null when none holds it. */
function repositoryPath(service: ComposeService, containerPath: string): string | null {
  for (const [container, host] of bindMounts(service)) {
    if (containerPath === container) return host;
    if (containerPath.startsWith(`${container}/`)) return posix.join(host, containerPath.slice(container.length + 1));
  }
  return null;
}

describe('the monitoring stack as shipped', () => {
  it('has Prometheus and Grafana in the monitoring profile, every mounted file in the repository', () => {
    expect(prometheus.profiles).toEqual(['monitoring']);
    expect(grafana.profiles).toEqual(['monitoring']);
    const mounts = [...bindMounts(prometheus).values(), ...bindMounts(grafana).values()];
    expect(mounts).toEqual(['monitoring/prometheus.yml', 'monitoring/grafana/provisioning', 'monitoring/grafana/dashboards']);
    for (const path of mounts) expect(existsSync(join(ROOT, path))).toBe(true);
  });

  it('passes promtool: the Prometheus config, and every query of the dashboard as PromQL', () => {
    const result = spawnSync('bash', [join(ROOT, 'scripts/check-monitoring.sh')], { encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toMatch(/SUCCESS/);
    expect(result.status).toBe(0);
  });

  it('gives Grafana the Prometheus service as the data source every panel asks, and the dashboard as its home', () => {
    // The config file Prometheus is started with is the repository's.
    const configFlag = prometheus.command!.find((arg) => arg.startsWith('--config.file='))!;
    expect(repositoryPath(prometheus, configFlag.split('=')[1])).toBe('monitoring/prometheus.yml');

    const provisioning = repositoryPath(grafana, '/etc/grafana/provisioning')!;
    const { datasources } = read(posix.join(provisioning, 'datasources/prometheus.yml')) as { datasources: Array<{ uid: string; type: string; url: string; isDefault: boolean }> };
    expect(datasources).toHaveLength(1);
    const [source] = datasources;
    expect(source).toMatchObject({ type: 'prometheus', isDefault: true });
    // http://prometheus:9090: the compose service's name, and the port Prometheus listens on in its container.
    const url = new URL(source.url);
    expect(compose.services[url.hostname]).toBe(prometheus);
    expect(prometheus.ports!.map((port) => port.split(':').at(-1))).toContain(url.port);

    const { providers } = read(posix.join(provisioning, 'dashboards/silolab.yml')) as { providers: Array<{ type: string; options: { path: string } }> };
    expect(providers).toHaveLength(1);
    const dashboards = repositoryPath(grafana, providers[0].options.path);
    expect(dashboards).toBe('monitoring/grafana/dashboards');
    const home = repositoryPath(grafana, grafana.environment!.GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH)!;
    expect(home).toBe('monitoring/grafana/dashboards/silolab.json');

    const dashboard = JSON.parse(readFileSync(join(ROOT, home), 'utf8')) as { uid: string; panels: Array<{ title: string; datasource: { type: string; uid: string }; targets: Array<{ expr: string; datasource?: { uid: string } }> }> };
    expect(dashboard.panels.length).toBeGreaterThan(0);
    for (const panel of dashboard.panels) {
      expect({ panel: panel.title, datasource: panel.datasource }).toEqual({ panel: panel.title, datasource: { type: 'prometheus', uid: source.uid } });
      expect(panel.targets.length).toBeGreaterThan(0);
      for (const target of panel.targets) expect(target.datasource?.uid ?? source.uid).toBe(source.uid);
    }
  });

  it('scrapes the orchestrator where compose publishes it, with the tokens compose hands Prometheus as secrets', () => {
    const config = read('monitoring/prometheus.yml') as { scrape_configs: Array<{ job_name: string; authorization: { credentials_file: string }; static_configs: Array<{ targets: string[] }> }> };
    const jobs = new Map(config.scrape_configs.map((job) => [job.job_name, job]));
    const orchestratorJob = jobs.get('silolab-orchestrator')!;
    // The orchestrator serves on the port its command gives, which compose publishes.
    const port = orchestrator.command![orchestrator.command!.indexOf('--port') + 1];
    expect(orchestratorJob.static_configs.flatMap((c) => c.targets)).toEqual([`orchestrator:${port}`]);
    expect(orchestrator.ports).toContain(`${port}:${port}`);
    // Each job's token file is a secret compose gives the Prometheus service, made from the orchestrator's token.
    for (const job of config.scrape_configs) {
      const secret = posix.basename(job.authorization.credentials_file);
      expect(posix.dirname(job.authorization.credentials_file)).toBe('/run/secrets');
      expect(prometheus.secrets).toContain(secret);
      expect(compose.secrets[secret]).toBeDefined();
    }
    expect(compose.secrets['api-token']).toEqual({ environment: 'SILOLAB_API_TOKEN' });
    expect(compose.secrets['metrics-token']).toEqual({ environment: 'SILOLAB_METRICS_TOKEN' });
    // The services' job scrapes the hub and the department processes on the documented ports (hub on 9464, then 9465…).
    const services = jobs.get('silolab-services')!.static_configs.flatMap((c) => c.targets);
    expect(services[0]).toBe('orchestrator:9464');
    expect(services.slice(1)).toEqual(Array.from({ length: services.length - 1 }, (_, k) => `orchestrator:${9465 + k}`));
  });
});
