import { applyOverrides, loadScenarioText, parseScenario } from './scenario.loader';
import { issuesOf, MINIMAL_SCENARIO as minimal } from './scenario-issues.fixture';

describe('scenario loader', () => {
  it('fills every default of a minimal scenario', () => {
    const scenario = loadScenarioText(minimal, 'tiny.yaml');
    expect(scenario.policies.standards.adoption).toBe(0.1);
    expect(scenario.policies.accountability.liabilityRegime).toBe('owner');
    expect(scenario.policies.provenance).toBe('full');
    expect(scenario.metrics.window).toBe(30);
    expect(scenario.permissions.checks).toEqual(['catalogue', 'shareType', 'purpose', 'agreement', 'clearance', 'minimisation']);
  });

  it('names the key path of an unknown key', () => {
    const issues = issuesOf(() => loadScenarioText(minimal + 'policies:\n  standards:\n    adoptoin: 0.5\n', 'x.yaml'));
    expect(issues).toEqual([expect.objectContaining({ path: 'policies.standards.adoptoin' })]);
  });

  it('names the key path and the expected range of an out-of-range value', () => {
    const issues = issuesOf(() => loadScenarioText(minimal + 'policies:\n  catalogue:\n    coverage: 1.5\n', 'x.yaml'));
    expect(issues[0].path).toBe('policies.catalogue.coverage');
    expect(issues[0].message).toMatch(/<=1/);
  });

  it('names the list index of a bad value inside a list', () => {
    const text = minimal.replace('applicationsPerTick: 2', 'applicationsPerTick: -1');
    expect(issuesOf(() => loadScenarioText(text))[0].path).toBe('demand.services[0].applicationsPerTick');
  });

  it('rejects an unknown liability regime and says which ones exist', () => {
    const issues = issuesOf(() => loadScenarioText(minimal + 'policies:\n  accountability:\n    liabilityRegime: nobody\n'));
    expect(issues[0].path).toBe('policies.accountability.liabilityRegime');
    expect(issues[0].message).toMatch(/owner.*holder.*attributed/);
  });

  it('reports YAML syntax errors with their line', () => {
    const issues = issuesOf(() => loadScenarioText('name: x\npopulation: [a, b\n'));
    expect(issues[0].path).toMatch(/^line \d+:\d+$/);
    expect(issues[0].message).toMatch(/^YAML/);
  });

  it('rejects a service that names a system the population does not have', () => {
    const issues = issuesOf(() => loadScenarioText(minimal.replace('needs: [b]', 'needs: [c]')));
    expect(issues[0]).toEqual({ path: 'demand.services[0].needs[0]', message: expect.stringMatching(/unknown system "c"/) });
  });

  it('lists a dozen of the known systems and counts the rest when there are many (a fuzz case of 275 gave a 21 kB error)', () => {
    const many = Array.from({ length: 275 }, (_, i) => `s${i}`);
    const text = minimal.replace('systems: [a, b]', `systems: [a, b, ${many.join(', ')}]`).replace('needs: [b]', 'needs: [c]');
    const [issue] = issuesOf(() => loadScenarioText(text));
    expect(issue.message).toBe('unknown system "c"; expected one of a, b, s0, s1, s2, s3, s4, s5, s6, s7, s8, s9, … and 265 more (277 in all)');
  });

  it('clips ten-thousand-character names in the list and in the quote (a fuzz case of four such issues gave a 40 kB error)', () => {
    const long = 'x'.repeat(10_000);
    const text = minimal.replace('systems: [a, b]', `systems: [a, ${long}, b]`).replace('needs: [b]', `needs: [${'y'.repeat(5000)}]`);
    const error = (() => {
      try {
        loadScenarioText(text);
      } catch (thrown) {
        return thrown as Error;
      }
      throw new Error('loaded');
    })();
    expect(error.message).toMatch(/unknown system "y{40}…"; expected one of a, x{40}… \(10000 characters\), b$/m);
    expect(error.message.length).toBeLessThan(300);
  });

  it('rejects an intervention that would make the scenario invalid, naming the intervention', () => {
    const text = minimal + 'interventions:\n  - at: 5\n    set: { policies.incentives.pointsPerShare: -3 }\n';
    const issues = issuesOf(() => loadScenarioText(text));
    expect(issues[0].path).toBe('interventions[0].set → policies.incentives.pointsPerShare');
  });

  it('rejects an intervention on a path that does not exist', () => {
    const text = minimal + 'interventions:\n  - at: 5\n    set: { policies.incentivs.pointsPerShare: 3 }\n';
    expect(issuesOf(() => loadScenarioText(text))[0].path).toMatch(/^interventions\[0\]\.set → policies/);
  });

  it('applies overrides by dotted path and validates the result', () => {
    const scenario = loadScenarioText(minimal);
    expect(applyOverrides(scenario, { 'policies.incentives.pointsPerShare': 2 }).policies.incentives.pointsPerShare).toBe(2);
    expect(scenario.policies.incentives.pointsPerShare).toBe(0);
    expect(issuesOf(() => applyOverrides(scenario, { 'policies.standards.adoption': 'lots' }))[0].path).toBe('policies.standards.adoption');
  });

  it('requires a payoff matrix to come with pairing demand and imitation', () => {
    const issues = issuesOf(() => parseScenario({ ...loadScenarioText(minimal), game: { shareShare: 1, shareRefuse: 0, refuseShare: 0, refuseRefuse: 0 } }));
    expect(issues[0].path).toBe('game');
  });
});
