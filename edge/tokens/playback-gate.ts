import { importJWK, jwtVerify, type JWK, type JWTPayload } from 'jose';
import { AppError, CLOCK_TOLERANCE_SECONDS, localPlaybackChannelArn, type Clock } from '../../core/index.js';
import type { CachedRead } from '../cache/cached-origin-read.js';

const ALGORITHM = 'ES384';
/** Larger than any playback token the origin signs; nothing bigger is parsed. */
const MAX_PLAYBACK_TOKEN = 2_048;
const MASTER_PLAYLIST = /^\/hls\/([^/]+)\/master\.m3u8$/;

/**
 * Simulated private channels, checked like IVS checks its own: the multivariant (master) playlist
 * needs `?token=`, an ES384 playback token signed by the origin's playback key, unexpired, naming
 * this channel's ARN. As with IVS, the token is checked when playback starts; renditions and
 * segments, fetched by relative URLs without it, are not.
 */
export function createPlaybackGate(read: CachedRead, clock: Clock) {
  // The key document is read through the edge cache (the origin lets it be kept 5 minutes).
  let imported: { body: string; key: ReturnType<typeof importJWK> } | undefined;
  async function publicKey(requestId?: string) {
    const found = await read('/.well-known/playback-key.json', { requestId });
    if (found.status !== 200) throw new AppError('origin_unavailable', { detail: 'the playback key is not available', expose: true });
    if (imported?.body !== found.body) imported = { body: found.body, key: importJWK(JSON.parse(found.body) as JWK, ALGORITHM) };
    return imported.key;
  }

  async function verify(token: string, requestId?: string): Promise<JWTPayload> {
    const key = await publicKey(requestId);
    try {
      if (token.length > MAX_PLAYBACK_TOKEN) throw new Error('too long');
      const options = { algorithms: [ALGORITHM], requiredClaims: ['exp'], currentDate: new Date(clock.now()), clockTolerance: CLOCK_TOLERANCE_SECONDS };
      return (await jwtVerify(token, key, options)).payload;
    } catch {
      throw new AppError('invalid_token', { detail: 'the playback token is malformed, forged or expired' });
    }
  }

  /**
   * Whether `path` is a private channel's master playlist that `token` opens (true) or a playlist
   * anyone may read (false); a 401/403 problem when the token does not open it.
   */
  return async function checkPlayback(path: string, token: string | undefined, requestId?: string): Promise<boolean> {
    const channelId = MASTER_PLAYLIST.exec(path)?.[1];
    if (channelId === undefined) return false;
    const channel = await read(`/api/channels/${channelId}`, { requestId });
    // An unknown channel: the playlist read answers its 404.
    if (channel.status !== 200 || (JSON.parse(channel.body) as { private?: unknown }).private !== true) return false;
    if (!token) throw new AppError('unauthorized', { detail: 'a private channel plays with ?token=' });
    const payload = await verify(token, requestId);
    if (payload['aws:channel-arn'] !== localPlaybackChannelArn(channelId)) throw new AppError('forbidden', { detail: 'the playback token is for another channel' });
    return true;
  };
}
