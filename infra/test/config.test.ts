import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lambdaEdgeConfigSchema } from '../../edge/entry/edge-config.js';
import { edgeBuildConfig, loadStageConfig, parseStageConfig, StageConfigError } from '../lib/config.js';

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
      live: { channels: [{ id: 'a', title: 'A', private: true }, { id: 'a', title: 'B' }] },
    };
    expect(problemsOf(raw)).toEqual(expect.arrayContaining([expect.stringMatching(/^account: /)]));
    expect(problemsOf({ ...raw, account: '111111111111' })).toEqual(['live.playbackPublicKeyPem: private channels need the playback key pair\'s public key', 'live.channels.1.id: channel id a repeats']);
  });

  describe('live channels', () => {
    const live = (patch: Record<string, unknown>) => ({ ...valid(), live: { ...(valid().live as object), ...patch } });
    const channel = (extra: Record<string, unknown>) => ({ id: 'brought', title: 'Brought', ...extra });
    const arn = (region = 'ap-northeast-2', account = '111111111111', id = 'ZyXwVuTsRqPo') => `arn:aws:ivs:${region}:${account}:channel/${id}`;

    it('reads the dev channels: created ones with their type, an existing one by ARN, recordings with defaults', () => {
      const dev = loadStageConfig('dev');
      expect(dev.live.channels.map((entry) => [entry.id, entry.private, entry.ivsChannelArn ?? 'created'])).toEqual([
        ['seongsu-live', false, 'created'],
        ['members-live', true, 'created'],
        ['partner-live', false, 'arn:aws:ivs:ap-northeast-2:111111111111:channel/AbCdEfGhIjKl'],
      ]);
      expect(dev.live.recordings).toEqual({ infrequentAccessAfterDays: 30, expireAfterDays: 90, reconnectWindowSeconds: 60 });
      expect(dev.edgeLimits.viewerWritesPerMinute).toBe(240);
    });

    it('refuses a bad channel ARN, one of another region or account, and one used twice, naming the field', () => {
      const channels = [channel({ ivsChannelArn: 'arn:aws:ivs:ap-northeast-2:111111111111:stream-key/ZyXwVuTsRqPo' }), channel({ id: 'b', ivsChannelArn: arn('us-west-2') }), channel({ id: 'c', ivsChannelArn: arn(undefined, '999999999999') }), channel({ id: 'd', ivsChannelArn: arn() }), channel({ id: 'e', ivsChannelArn: arn() })];
      const problems = problemsOf(live({ channels }));
      expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^live\.channels\.0\.ivsChannelArn: an IVS channel ARN/)]));
      // The shape is checked first; with the shapes right, the stage's account and region and repeats.
      expect(problemsOf(live({ channels: channels.slice(1) }))).toEqual([
        'live.channels.0.ivsChannelArn: must be a channel of account 111111111111 in ap-northeast-2',
        'live.channels.1.ivsChannelArn: must be a channel of account 111111111111 in ap-northeast-2',
        'live.channels.3.ivsChannelArn: another channel already uses this IVS channel',
      ]);
    });

    it('refuses a type on an existing channel, an unknown field, and recordings expiring before they turn infrequent', () => {
      expect(problemsOf(live({ channels: [channel({ ivsChannelArn: arn(), type: 'BASIC' })] }))).toEqual(['live.channels.0.type: applies to channels the stack creates, not to an existing ivsChannelArn']);
      expect(problemsOf(live({ channels: [channel({ name: 'old field' })] }))).toEqual([expect.stringMatching(/^live\.channels\.0: Unrecognized key: "name"/)]);
      expect(problemsOf(live({ recordings: { infrequentAccessAfterDays: 60, expireAfterDays: 45 } }))).toEqual(['live.recordings.expireAfterDays: must be more than infrequentAccessAfterDays (60)']);
      expect(problemsOf(live({ recordings: { infrequentAccessAfterDays: 10 } }))).toEqual([expect.stringMatching(/^live\.recordings\.infrequentAccessAfterDays: /)]);
    });

    it('takes only an EC P-384 public key, never a private key', () => {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
      const p256 = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
      const pem = (key: KeyObject, type: 'spki' | 'pkcs8') => key.export({ type, format: 'pem' }).toString();
      expect(problemsOf(live({ playbackPublicKeyPem: pem(privateKey, 'pkcs8') }))).toEqual(['live.playbackPublicKeyPem: a PEM public key (-----BEGIN PUBLIC KEY-----), never the private key']);
      expect(problemsOf(live({ playbackPublicKeyPem: pem(p256, 'spki') }))).toEqual(['live.playbackPublicKeyPem: must be an EC P-384 key (IVS playback tokens are ES384)']);
      expect(problemsOf(live({ playbackPublicKeyPem: '-----BEGIN PUBLIC KEY-----\nnot a key\n-----END PUBLIC KEY-----\n' }))).toEqual(['live.playbackPublicKeyPem: not a readable PEM public key']);
      expect(parseStageConfig(live({ playbackPublicKeyPem: pem(publicKey, 'spki') })).live.playbackPublicKeyPem).toContain('BEGIN PUBLIC KEY');
    });

    it('refuses a channel list too long for the origin\'s environment', () => {
      const channels = Array.from({ length: 20 }, (_, index) => ({ id: `channel-${index}`, title: 'A long title for a channel of the stage'.padEnd(128, '.') }));
      expect(problemsOf(live({ channels }))).toEqual([expect.stringMatching(/^live\.channels: the origin's CHANNELS variable would take \d+ bytes \(at most 2048\)/)]);
      expect(parseStageConfig(live({ channels: channels.slice(0, 5) })).live.channels).toHaveLength(5);
    });
  });

  it('needs the VPC zones of ElastiCache named, in the right regions, so synthesis looks nothing up', () => {
    const prod = structuredClone(loadStageConfig('prod')) as Record<string, unknown>;
    const redis = { kind: 'elasticache', availabilityZones: { home: ['ap-northeast-2a', 'us-east-1b'] } };
    expect(problemsOf({ ...prod, redis })).toEqual([
      'redis.availabilityZones.home: us-east-1b is not a zone of ap-northeast-2',
      'redis.availabilityZones.replica: zones of ap-northeast-1 are needed',
    ]);
  });

  it('bakes every edge limit into the edge bundle\'s config, the viewer writes limit too', () => {
    const config = parseStageConfig({ ...valid(), edgeLimits: { viewerWritesPerMinute: 90, joinPerMinute: 45 } });
    // The bundle's own schema is strict: a field it does not know would fail the build.
    expect(lambdaEdgeConfigSchema.parse(edgeBuildConfig(config))).toMatchObject({ publicUrl: 'https://dev.drops.example.com', viewerWritesPerMinute: 90, joinPerMinute: 45, guestPerMinute: 30 });
    expect(problemsOf({ ...valid(), edgeLimits: { viewerWritesPerMinute: 0 } })).toEqual([expect.stringMatching(/^edgeLimits\.viewerWritesPerMinute: /)]);
  });

  it('names a stage that has no config file', () => {
    expect(() => loadStageConfig('nosuchstage')).toThrow(/nosuchstage\.json[\s\S]*cannot read/);
    expect(() => loadStageConfig('../etc')).toThrow(StageConfigError);
  });
});
