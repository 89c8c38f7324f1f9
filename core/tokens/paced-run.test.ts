import { describe, expect, it } from 'vitest';
import { createPacedRun } from './paced-run.js';

describe('createPacedRun', () => {
  it('runs at once when idle, shares one run between callers waiting for a slot, and spaces runs by the interval', async () => {
    const starts: number[] = [];
    const run = createPacedRun(async () => {
      starts.push(Date.now());
    }, 200);
    await Promise.all([run(), run(), run()]);
    expect(starts).toHaveLength(1);
    await Promise.all([run(), run()]);
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(195);
  });

  it('a failed run rejects its callers and does not block the next one', async () => {
    let calls = 0;
    const run = createPacedRun(async () => {
      calls += 1;
      if (calls === 1) throw new Error('store down');
    }, 50);
    await expect(run()).rejects.toThrow('store down');
    await expect(run()).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it('a caller arriving while a run is under way waits for the next run, which sees what changed meanwhile', async () => {
    let version = 0;
    const seen: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const run = createPacedRun(async () => {
      seen.push(version);
      if (seen.length === 1) await gate;
    }, 30);
    const first = run();
    await new Promise((resolve) => setTimeout(resolve, 5));
    version = 1;
    const second = run();
    release();
    await Promise.all([first, second]);
    expect(seen).toEqual([0, 1]);
  });
});
