import { ConnectionErrors } from './connection-errors';

describe('ConnectionErrors', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('prints the first of identical errors from many connections and counts the rest when the window ends', () => {
    const lines: string[] = [];
    const errors = new ConnectionErrors(5000);
    const refused = 'connect ECONNREFUSED 127.0.0.1:6379';
    for (const source of ['worker d0', 'redis (d0 marks)', 'queue hub', 'worker d0', 'worker d1', 'queue d2']) errors.report(source, refused, (line) => lines.push(line));
    expect(lines).toEqual([`worker d0: ${refused}`]);
    jest.advanceTimersByTime(4999);
    expect(lines).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(lines).toEqual([`worker d0: ${refused}`, `${refused}: 5 more in 5 s (redis (d0 marks), queue hub, worker d0, worker d1 and 1 more)`]);
  });

  it('prints other errors at once, prints nothing more for a window without repeats, and prints again after a window', () => {
    const lines: string[] = [];
    const print = (line: string) => lines.push(line);
    const errors = new ConnectionErrors(1000);
    errors.report('worker d0', 'connect ECONNREFUSED 127.0.0.1:6379', print);
    errors.report('worker d0', 'Missing lock for job 7. moveToFinished', print);
    jest.advanceTimersByTime(1000);
    expect(lines).toEqual(['worker d0: connect ECONNREFUSED 127.0.0.1:6379', 'worker d0: Missing lock for job 7. moveToFinished']);
    errors.report('queue hub', 'connect ECONNREFUSED 127.0.0.1:6379', print);
    expect(lines[2]).toBe('queue hub: connect ECONNREFUSED 127.0.0.1:6379');
  });
});
