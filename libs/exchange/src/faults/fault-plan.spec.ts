import { faultsSchema } from '@silolab/model';
import type { ServiceSupervisor } from '../service-supervisor';
import { FaultPlan } from './fault-plan';

describe('FaultPlan report', () => {
  it('gives the median of the quiet ticks, the mean of the middle two for an even count', () => {
    let clock = 0;
    const targets = { services: { restartCount: 0 } as ServiceSupervisor, departmentProcess: () => 'departments 0-5', redis: null, log: () => undefined };
    const plan = new FaultPlan(faultsSchema.parse({}), targets, () => clock);
    const lasting = (tick: number, ms: number) => {
      plan.beforeTick(tick);
      clock += ms;
      plan.afterChunk(tick);
    };
    expect(plan.report({}).medianTickMs).toBeNull();
    lasting(0, 10);
    lasting(1, 40);
    lasting(2, 20);
    expect(plan.report({}).medianTickMs).toBe(20);
    lasting(3, 30);
    expect(plan.report({}).medianTickMs).toBe(25);
  });
});
