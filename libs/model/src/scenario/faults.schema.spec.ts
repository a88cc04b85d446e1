// The faults: section: validated with paths, and a run input that leaves the scenario's rules alone.
import { loadScenarioText } from './scenario.loader';
import { faultsAreEmpty } from './faults.schema';
import { issuesOf, MINIMAL_SCENARIO as minimal } from './scenario-issues.fixture';

describe('the faults: section', () => {
  it('fills defaults and reads every fault kind', () => {
    const scenario = loadScenarioText(
      minimal +
        [
          'faults:',
          '  messages: { drop: 0.1, duplicate: 0.05, delay: { distribution: uniform, minMs: 1, maxMs: 9 }, reorder: { probability: 0.2, maxMs: 50 } }',
          '  events:',
          '    - { fault: kill-hub, tick: 1 }',
          '    - { fault: kill-department, tick: 2 }',
          '    - { fault: restart-redis, tick: 3 }',
          '    - { fault: cut-off, tick: 4, department: 1, seconds: 2 }',
        ].join('\n') +
        '\n',
    );
    expect(scenario.faults!.messages).toEqual({ drop: 0.1, duplicate: 0.05, delay: { distribution: 'uniform', minMs: 1, maxMs: 9 }, reorder: { probability: 0.2, maxMs: 50 } });
    expect(scenario.faults!.events).toEqual([
      { fault: 'kill-hub', tick: 1 },
      { fault: 'kill-department', tick: 2, department: 0 },
      { fault: 'restart-redis', tick: 3, downSeconds: 1 },
      { fault: 'cut-off', tick: 4, department: 1, seconds: 2 },
    ]);
    expect(faultsAreEmpty(scenario.faults)).toBe(false);
    expect(faultsAreEmpty(loadScenarioText(minimal + 'faults: {}\n').faults)).toBe(true);
  });

  it.each([
    ['faults:\n  messages: { drop: 1.5 }\n', 'faults.messages.drop'],
    ['faults:\n  messages: { delay: { distribution: normal, meanMs: 3 } }\n', 'faults.messages.delay.distribution'],
    ['faults:\n  messages: { delay: { distribution: uniform, minMs: 9, maxMs: 1 } }\n', 'faults.messages.delay.maxMs'],
    ['faults:\n  events:\n    - { fault: kill-hub, tick: 1 }\n    - { fault: cut-off, tick: 2 }\n', 'faults.events[1].seconds'],
    ['faults:\n  events:\n    - { fault: melt-down, tick: 1 }\n', 'faults.events[0].fault'],
    ['faults:\n  events:\n    - { fault: kill-department, tick: 1, department: 999 }\n', 'faults.events[0].department'],
    ['faults:\n  messages: { drop: 0.1, lose: 0.2 }\n', 'faults.messages.lose'],
  ])('names the path of a bad fault (case %#)', (section, path) => {
    expect(issuesOf(() => loadScenarioText(minimal + section, 'f.yaml')).map((issue) => issue.path)).toContain(path);
  });
});
