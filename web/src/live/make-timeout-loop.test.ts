import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeTimeoutLoop } from './make-timeout-loop.js';

describe('makeTimeoutLoop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('re-reads the delay after every tick, so the server sets the pace', async () => {
    const delays = [1_000, 5_000, 250];
    let delay = 2_000;
    const run = vi.fn(() => {
      delay = delays.shift() ?? 60_000;
    });
    const loop = makeTimeoutLoop({ run, delayMs: () => delay, jitter: 0, leading: true });
    loop.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(250);
    expect(run).toHaveBeenCalledTimes(4);
    loop.stop();
  });

  it('waits for a slow poll before scheduling the next one', async () => {
    let resolve: () => void = () => {};
    const run = vi.fn(() => new Promise<void>((done) => (resolve = done)));
    const loop = makeTimeoutLoop({ run, delayMs: () => 1_000, jitter: 0, leading: true });
    loop.start();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(1);
    resolve();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(run).toHaveBeenCalledTimes(2);
    loop.stop();
  });

  it('keeps going after a failed tick and stops for good on stop()', async () => {
    const run = vi.fn(() => Promise.reject(new Error('offline')));
    const loop = makeTimeoutLoop({ run, delayMs: () => 1_000, jitter: 0 });
    loop.start();
    await vi.advanceTimersByTimeAsync(2_000);
    expect(run).toHaveBeenCalledTimes(2);
    loop.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(2);
    expect(loop.running).toBe(false);
  });

  it('spreads each wait by the jitter fraction', async () => {
    const run = vi.fn();
    const loop = makeTimeoutLoop({ run, delayMs: () => 1_000, jitter: 0.1, random: () => 1 });
    loop.start();
    await vi.advanceTimersByTimeAsync(1_099);
    expect(run).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    loop.stop();
  });

  it('runNow polls at once and restarts the wait', async () => {
    const run = vi.fn();
    const loop = makeTimeoutLoop({ run, delayMs: () => 10_000, jitter: 0 });
    loop.start();
    loop.runNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(9_999);
    expect(run).toHaveBeenCalledTimes(1);
    loop.stop();
  });
});
