// An uploaded scenario's issues are named as silolab run names them.
import { scenarioIssuePath } from './issue-path';

describe('scenarioIssuePath', () => {
  it('drops the API body field in front of the key path or the YAML position', () => {
    expect(scenarioIssuePath('scenario.policies.catalogue.coverage')).toBe('policies.catalogue.coverage');
    expect(scenarioIssuePath('scenario (line 3:7)')).toBe('line 3:7');
    expect(scenarioIssuePath('seed')).toBe('seed');
  });
});
