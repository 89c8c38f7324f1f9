import { Hono, type Context } from 'hono';
import { decodeProtectedHeader } from 'jose';
import { AppError, tokenTypes, type PlaybackTokenResponse } from '../../core/index.js';
import type { ChannelConfig } from '../channels/channel-config.js';
import type { PlaybackTokenSigner } from '../channels/playback-tokens.js';
import type { OriginDeps } from '../deps.js';
import type { OriginEnv } from '../http/env.js';
import { requestBearer } from '../http/request-bearer.js';
import { requireIdentity } from '../http/require-identity.js';

/** Whether the bearer claims to be one of our access tokens (its signature is checked next). */
function claimsAccessType(token: string): boolean {
  try {
    return decodeProtectedHeader(token).typ === tokenTypes.access;
  } catch {
    return false;
  }
}

/**
 * Who may watch: anyone signed in (our id token, a guest's too, or the external provider's), or
 * the holder of an access token of the channel's own drop; an access token of another drop is 403.
 */
async function viewerId(deps: OriginDeps, c: Context<OriginEnv, string>, channel: ChannelConfig): Promise<string> {
  const token = requestBearer(c);
  if (claimsAccessType(token)) {
    const claims = await deps.tokens.verify('access', token);
    if (channel.eventId === undefined || claims.evt !== channel.eventId) throw new AppError('not_eligible', { detail: "an access token of another drop than the channel's" });
    return claims.sub;
  }
  await requireIdentity(deps)(c, async () => undefined);
  return c.get('idClaims').sub;
}

/** `POST /channels/:channelId/playback-token`: an IVS playback token for a private channel. */
export function playbackRoutes(deps: OriginDeps, signer: PlaybackTokenSigner) {
  return new Hono<OriginEnv>().post('/channels/:channelId/playback-token', async (c) => {
    const channel = deps.channels.config(c.req.param('channelId'));
    if (!channel) throw new AppError('channel_not_found');
    const viewer = await viewerId(deps, c, channel);
    if (!channel.private) throw new AppError('not_private');
    const { token, expiresAt } = await signer.sign(channel, viewer);
    const live = await deps.channels.stream.status(channel.id);
    const url = live?.playbackUrl ?? null;
    const body: PlaybackTokenResponse = {
      token,
      playbackUrl: url && `${url}${url.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`,
      expiresAt: new Date(expiresAt).toISOString(),
    };
    c.header('cache-control', 'no-store');
    return c.json(body);
  });
}
