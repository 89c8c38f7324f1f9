import type { FeaturedProduct } from '../../../core/index.js';
import { createEffect, onCleanup } from 'solid-js';
import { sendQoe } from '../channel/channel-api.js';
import { viewerId } from '../channel/viewer-id.js';
import { attachPlayer } from './attach-player.js';
import { createQoeSession, type QoeTarget } from './qoe-session.js';

const QOE_EVERY_MS = 15_000;

export interface PlaybackOptions {
  target: QoeTarget;
  /** The element, once rendered. */
  video: () => HTMLVideoElement | undefined;
  /** The URL to play; nothing plays while it is empty. */
  url: () => string | null | undefined;
  onPins?: (pins: FeaturedProduct[], newestPinnedAt: number | undefined) => void;
  onFatal: (code: string) => void;
}

/**
 * Plays `url()` in the video for as long as the component lives (again when the URL changes), and
 * reports the session's playback quality every 15 s and once more when the page is hidden or left.
 */
export function createPlayback(options: PlaybackOptions): void {
  const session = createQoeSession(options.target, viewerId.session());

  createEffect(() => {
    const url = options.url();
    const video = options.video();
    if (!url || !video) return;
    let handle: { destroy(): void } | undefined;
    let gone = false;
    void attachPlayer(video, url, { session, onPins: options.onPins ?? (() => undefined), onFatal: options.onFatal }).then((attached) => {
      if (gone) attached.destroy();
      else handle = attached;
    });
    onCleanup(() => {
      gone = true;
      handle?.destroy();
    });
  });

  const flush = (closing: boolean) => {
    const beacon = session.flush(performance.now());
    if (beacon) sendQoe([beacon], closing);
  };
  const timer = setInterval(() => flush(false), QOE_EVERY_MS);
  const hidden = () => document.visibilityState === 'hidden' && flush(true);
  const leaving = () => flush(true);
  document.addEventListener('visibilitychange', hidden);
  window.addEventListener('pagehide', leaving);
  onCleanup(() => {
    flush(true);
    clearInterval(timer);
    document.removeEventListener('visibilitychange', hidden);
    window.removeEventListener('pagehide', leaving);
  });
}
