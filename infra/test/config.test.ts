import { describe, expect, it } from 'vitest';
import { loadStageConfig, parseStageConfig, StageConfigError } from '../lib/config.js';

const valid = () => structuredClone(loadStageConfig('dev')) as Record<string, unknown>;

function problemsOf(raw: unknown): string[] {
  try {
    parseStageConfig(raw, 'test');
  } catch (error) {
    expect(error).toBeInstanceOf(StageConfigError);
    return (error as StageConfigError).problems;
  }
  throw new Error('the config was accepted');
}

describe('the stage config', () => {
  it('reads both examples with their defaults filled in', () => {
    const dev = loadStageConfig('dev');
    expect(dev.origin.timeoutSeconds).toBe(10);
    expect(dev.waf.joinPer5Min).toBe(6_000);
    const prod = loadStageConfig('prod');
    expect(prod.replicaRegion).toBe('ap-northeast-1');
    expect(prod.redis.kind).toBe('elasticache');
  });

  it('lists every problem at once: edge region, rate limits out of range, replica equal to home', () => {
    const raw = { ...valid(), edgeRegion: undefined, replicaRegion: 'ap-northeast-2', waf: { guestPer5Min: 5, joinPer5Min: 3_000_000_000 } };
    const problems = problemsOf(raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^edgeRegion: .*us-east-1/),
        expect.stringMatching(/^waf\.guestPer5Min: /),
        expect.stringMatching(/^waf\.joinPer5Min: /),
        'replicaRegion: must differ from region (the home region)',
      ]),
    );
    expect(problemsOf({ ...valid(), replicaRegion: 'ap-northeast-2' })).toEqual(['replicaRegion: must differ from region (the home region)']);
  });

  it('refuses a private channel without the playback public key, repeated channel ids, and a bad account', () => {
    const raw = {
      ...valid(),
      account: '12345',
      live: { channels: [{ id: 'a', name: 'A', private: true }, { id: 'a', name: 'B' }] },
    };
    expect(problemsOf(raw)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^account: /), expect.stringMatching(/^live\.playbackPublicKeyPem: /), 'live.channels: channel ids repeat: a']),
    );
  });

  it('needs the VPC zones of ElastiCache named, in the right regions, so synthesis looks nothing up', () => {
    const prod = structuredClone(loadStageConfig('prod')) as Record<string, unknown>;
    const redis = { kind: 'elasticache', availabilityZones: { home: ['ap-northeast-2a', 'us-east-1b'] } };
    expect(problemsOf({ ...prod, redis })).toEqual([
      'redis.availabilityZones.home: us-east-1b is not a zone of ap-northeast-2',
      'redis.availabilityZones.replica: zones of ap-northeast-1 are needed',
    ]);
  });

  it('names a stage that has no config file', () => {
    expect(() => loadStageConfig('nosuchstage')).toThrow(/nosuchstage\.json[\s\S]*cannot read/);
    expect(() => loadStageConfig('../etc')).toThrow(StageConfigError);
  });
});
