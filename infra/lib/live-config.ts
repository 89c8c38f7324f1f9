import { createPublicKey } from 'node:crypto';
import { z } from 'zod';

/** The origin's ids (core/api/ids.ts): they end up in paths and keys. */
const originId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/, 'letters, digits, "-" and "_", at most 64');
const channelId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');
/** https://docs.aws.amazon.com/ivs/latest/LowLatencyAPIReference/API_Channel.html: channel ids are 12 letters and digits. */
export const IVS_CHANNEL_ARN = /^arn:aws:ivs:([a-z0-9-]+):(\d{12}):channel\/([A-Za-z0-9]{12})$/;

/** The public half of the playback key pair: IVS checks private channels' ES384 tokens with it. */
const playbackPublicKeyPem = z.string().superRefine((pem, ctx) => {
  // createPublicKey would derive a public key from a private one: a private key must never get this far.
  if (pem.includes('PRIVATE KEY') || !/^-----BEGIN PUBLIC KEY-----[\s\S]+-----END PUBLIC KEY-----\s*$/.test(pem)) {
    ctx.addIssue({ code: 'custom', message: 'a PEM public key (-----BEGIN PUBLIC KEY-----), never the private key' });
    return;
  }
  try {
    const key = createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'secp384r1') ctx.addIssue({ code: 'custom', message: 'must be an EC P-384 key (IVS playback tokens are ES384)' });
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not a readable PEM public key' });
  }
});

const channelSchema = z.strictObject({
  /** The origin's channel id (`/channels/<id>`). */
  id: channelId,
  title: z.string().min(1).max(128),
  /** Plays only with a playback token: a created channel is `authorized`; a brought one must be. */
  private: z.boolean().default(false),
  /** The drop sold on this channel. */
  eventId: originId.optional(),
  /** An existing IVS channel in the stage's account and home region; unset: the stack creates one. */
  ivsChannelArn: z.string().regex(IVS_CHANNEL_ARN, 'an IVS channel ARN, arn:aws:ivs:<region>:<account>:channel/<12 letters and digits>').optional(),
  /** Created channels only (https://docs.aws.amazon.com/ivs/latest/LowLatencyUserGuide/channel-types.html). @default 'STANDARD' */
  type: z.enum(['STANDARD', 'BASIC', 'ADVANCED_SD', 'ADVANCED_HD']).optional(),
});
export type LiveChannelConfig = z.output<typeof channelSchema>;

export const liveSchema = z
  .object({
    channels: z.array(channelSchema).max(20).default([]),
    playbackPublicKeyPem: playbackPublicKeyPem.optional(),
    /** The recordings bucket (IVS writes `ivs/v1/...`, CloudFront serves the replays). */
    recordings: z
      .object({
        /** S3 allows Standard-IA from 30 days. */
        infrequentAccessAfterDays: z.int().min(30).max(3_650).default(30),
        /** Deleted after this many days; unset: kept. */
        expireAfterDays: z.int().min(1).max(36_500).optional(),
        /** A stream that drops and comes back within this window stays one recording (one replay). 0: off. */
        reconnectWindowSeconds: z.int().min(0).max(300).default(60),
      })
      .prefault({}),
  })
  .prefault({});

type Live = z.output<typeof liveSchema>;
type Issue = { path: (string | number)[]; message: string };

/**
 * Lambda allows 4 KB of environment in all; the channel list is one variable of it. An estimate
 * with the ARNs the stack will make (their shape is fixed) is enough to refuse a list that cannot fit.
 */
export const MAX_CHANNELS_ENV_BYTES = 2_048;

/** What the channel list must satisfy with the rest of the stage: the home region and account, the key. */
export function liveProblems(live: Live, stage: { account: string; region: string }): Issue[] {
  const issues: Issue[] = [];
  const at = (index: number, field: string) => ['live', 'channels', index, field];
  if (live.channels.some((channel) => channel.private) && !live.playbackPublicKeyPem) {
    issues.push({ path: ['live', 'playbackPublicKeyPem'], message: 'private channels need the playback key pair\'s public key' });
  }
  const seenIds = new Set<string>();
  const seenArns = new Set<string>();
  live.channels.forEach((channel, index) => {
    if (seenIds.has(channel.id)) issues.push({ path: at(index, 'id'), message: `channel id ${channel.id} repeats` });
    seenIds.add(channel.id);
    const match = channel.ivsChannelArn?.match(IVS_CHANNEL_ARN);
    if (!match) return;
    // The recording events reach the home region's default bus of this account only.
    if (match[1] !== stage.region || match[2] !== stage.account) issues.push({ path: at(index, 'ivsChannelArn'), message: `must be a channel of account ${stage.account} in ${stage.region}` });
    if (seenArns.has(channel.ivsChannelArn!)) issues.push({ path: at(index, 'ivsChannelArn'), message: 'another channel already uses this IVS channel' });
    seenArns.add(channel.ivsChannelArn!);
    if (channel.type) issues.push({ path: at(index, 'type'), message: 'applies to channels the stack creates, not to an existing ivsChannelArn' });
  });
  const { expireAfterDays, infrequentAccessAfterDays } = live.recordings;
  if (expireAfterDays !== undefined && expireAfterDays <= infrequentAccessAfterDays) {
    issues.push({ path: ['live', 'recordings', 'expireAfterDays'], message: `must be more than infrequentAccessAfterDays (${infrequentAccessAfterDays})` });
  }
  const sampleArn = `arn:aws:ivs:${stage.region}:${stage.account}:channel/AbCdEfGhIjKl`;
  const bytes = Buffer.byteLength(JSON.stringify(live.channels.map((channel) => originChannel(channel, channel.ivsChannelArn ?? sampleArn))));
  if (bytes > MAX_CHANNELS_ENV_BYTES) issues.push({ path: ['live', 'channels'], message: `the origin's CHANNELS variable would take ${bytes} bytes (at most ${MAX_CHANNELS_ENV_BYTES}): fewer channels or shorter titles` });
  return issues;
}

/** One entry of the origin's `CHANNELS` (origin/channels/channel-config.ts). */
export function originChannel(channel: LiveChannelConfig, ivsChannelArn: string) {
  return { id: channel.id, title: channel.title, private: channel.private, ...(channel.eventId && { eventId: channel.eventId }), ivsChannelArn };
}
