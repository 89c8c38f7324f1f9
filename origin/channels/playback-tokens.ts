import { exportJWK, SignJWT, type JWK } from 'jose';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { localPlaybackChannelArn, type Clock } from '../../core/index.js';
import type { ChannelConfig } from './channel-config.js';

/** IVS private channels: ES384 (ECDSA P-384, SHA-384) tokens signed with the playback key pair's private key. */
export const PLAYBACK_ALGORITHM = 'ES384';
/** IVS allows at most 10 minutes when `aws:viewer-id` is set. */
export const PLAYBACK_TOKEN_SECONDS = 600;
/** IVS caps `aws:viewer-id` at 40 characters. */
const MAX_VIEWER_ID = 40;

export interface PlaybackToken {
  token: string;
  /** Unix milliseconds, like the other tokens' `expiresAt`. */
  expiresAt: number;
}

export interface PlaybackTokenSigner {
  sign(channel: ChannelConfig, viewerId: string): Promise<PlaybackToken>;
  /** The public half as a JWK (`alg: ES384`), for the edge that checks simulated private channels. */
  publicJwk(): Promise<JWK>;
}

export interface PlaybackTokenOptions {
  /** `aws:access-control-allow-origin`: the site's public origin in AWS, `*` on the local stack. */
  allowedOrigin: string;
  clock: Clock;
}

/**
 * The ARN a channel's token names: its IVS channel's, or for a simulated channel a local pseudo
 * ARN in the same shape, which the edge checks the same way.
 */
export function playbackChannelArn(channel: ChannelConfig): string {
  return channel.ivsChannelArn ?? localPlaybackChannelArn(channel.id);
}

/**
 * Signs IVS playback tokens (docs: private-channels-generate-tokens): the `aws:` claims, `iat`
 * and `exp` in Unix SECONDS (the IVS doc's own Node example uses milliseconds; IVS reads seconds).
 */
export function createPlaybackTokenSigner(privateKey: KeyObject, options: PlaybackTokenOptions): PlaybackTokenSigner {
  const publicKey = createPublicKey(privateKey);
  return {
    async sign(channel, viewerId) {
      const iat = Math.floor(options.clock.now() / 1000);
      const exp = iat + PLAYBACK_TOKEN_SECONDS;
      const token = await new SignJWT({
        'aws:channel-arn': playbackChannelArn(channel),
        'aws:access-control-allow-origin': options.allowedOrigin,
        'aws:viewer-id': viewerId.slice(0, MAX_VIEWER_ID),
      })
        .setProtectedHeader({ alg: PLAYBACK_ALGORITHM, typ: 'JWT' })
        .setIssuedAt(iat)
        .setExpirationTime(exp)
        .sign(privateKey);
      return { token, expiresAt: exp * 1000 };
    },
    publicJwk: async () => ({ ...(await exportJWK(publicKey)), alg: PLAYBACK_ALGORITHM, use: 'sig' }),
  };
}

/**
 * The playback private key: the PEM (PKCS #8) given in config or read from its secret, or, with
 * none (the local stack), a P-384 pair made at start and kept in memory only: a restart ends the
 * tokens in flight, which live 10 minutes at most.
 */
export function loadPlaybackPrivateKey(pem: string | undefined): KeyObject {
  const key = pem ? createPrivateKey(pem) : generateKeyPairSync('ec', { namedCurve: 'secp384r1' }).privateKey;
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'secp384r1') throw new Error('the playback private key must be an EC P-384 key (ES384)');
  return key;
}
