import { describe, expect, it } from 'vitest';
import { createQoeSession } from './qoe-session.js';

const SESSION = 'session-0123456789abcdef';

describe('a playback session', () => {
  it('reports startup once, then played and stalled time since the last beacon', () => {
    const session = createQoeSession({ channelId: 'ch-beauty' }, SESSION);
    expect(session.flush(0)).toBeUndefined();
    session.playIntent(1_000);
    session.bitrate(800_000);
    session.playing(2_400);
    session.waiting(10_000);
    session.playing(10_500);
    expect(session.flush(15_000)).toEqual({ channelId: 'ch-beauty', sessionId: SESSION, startupMs: 1_400, playedMs: 12_100, rebufferMs: 500, bitrateSwitches: 0, bitrateKbps: 800 });
    session.bitrate(1_600_000);
    session.bitrate(1_600_000);
    const next = session.flush(30_000);
    expect(next).toEqual({ channelId: 'ch-beauty', sessionId: SESSION, playedMs: 15_000, rebufferMs: 0, bitrateSwitches: 1, bitrateKbps: 1600 });
  });

  it('does not count startup, seeks or pauses as stalls', () => {
    const session = createQoeSession({ replayId: 'replay-1' }, SESSION);
    session.playIntent(0);
    session.waiting(100);
    session.playing(3_000);
    session.seeking(4_000);
    session.waiting(4_100);
    session.playing(6_000);
    session.pause(7_000);
    session.waiting(7_500);
    const beacon = session.flush(20_000);
    expect(beacon).toMatchObject({ replayId: 'replay-1', startupMs: 3_000, playedMs: 2_000, rebufferMs: 0 });
  });

  it('counts a stall that is still going on at the beacon, and goes on counting it after', () => {
    const session = createQoeSession({ channelId: 'ch' }, SESSION);
    session.playIntent(0);
    session.playing(1_000);
    session.waiting(5_000);
    expect(session.flush(8_000)).toMatchObject({ playedMs: 4_000, rebufferMs: 3_000 });
    session.playing(9_000);
    expect(session.flush(10_000)).toMatchObject({ playedMs: 1_000, rebufferMs: 1_000 });
  });

  it('keeps errors within what the API accepts', () => {
    const session = createQoeSession({ channelId: 'ch' }, SESSION);
    for (let index = 0; index < 12; index += 1) session.error('networkError/levelLoadError <x>', index === 0);
    const beacon = session.flush(1_000);
    expect(beacon?.errors).toHaveLength(10);
    expect(beacon?.errors?.[0]).toEqual({ code: 'networkError_levelLoadError__x_', fatal: true });
    expect(session.flush(2_000)).toBeUndefined();
  });
});
