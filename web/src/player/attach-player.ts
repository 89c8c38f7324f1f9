import type { FeaturedProduct } from '../../../core/index.js';
import { pinnedAtOfCue, pinsFromCues } from './pin-cues.js';
import type { QoeSession } from './qoe-session.js';

export interface PlayerOptions {
  /**
   * The products the stream's metadata pins at the playhead, each time cues open or close, with
   * when the newest of them was pinned when the stream says (DATERANGE pins do).
   */
  onPins: (pins: FeaturedProduct[], newestPinnedAt: number | undefined) => void;
  /** Fed with the media element's and hls.js's events. */
  session: QoeSession;
  /** Playback cannot go on (a fatal error hls.js could not recover from). */
  onFatal: (code: string) => void;
}

export interface PlayerHandle {
  destroy(): void;
}

/**
 * Plays an HLS URL in `video`: with hls.js where Media Source Extensions exist (loaded only here,
 * so its code stays out of every other page), else natively (iOS Safari). Both expose the stream's
 * metadata (EXT-X-DATERANGE pins, IVS timed metadata) as cues of a metadata text track.
 */
export async function attachPlayer(video: HTMLVideoElement, url: string, options: PlayerOptions): Promise<PlayerHandle> {
  const { session } = options;
  const cleanups: (() => void)[] = [];
  const on = <K extends keyof HTMLMediaElementEventMap>(type: K, listener: () => void) => {
    video.addEventListener(type, listener);
    cleanups.push(() => video.removeEventListener(type, listener));
  };
  on('playing', () => session.playing(performance.now()));
  on('waiting', () => session.waiting(performance.now()));
  on('seeking', () => session.seeking(performance.now()));
  on('pause', () => session.pause(performance.now()));

  const watchTrack = (track: TextTrack) => {
    if (track.kind !== 'metadata') return;
    track.mode = 'hidden';
    const changed = () => {
      const cues = [...(track.activeCues ?? [])];
      const pins = pinsFromCues(cues);
      const times = cues.map((cue) => pinnedAtOfCue(cue.id)).filter((time) => time !== undefined);
      if (pins) options.onPins(pins, times.length > 0 ? Math.max(...times) : undefined);
    };
    track.addEventListener('cuechange', changed);
    cleanups.push(() => track.removeEventListener('cuechange', changed));
  };
  const added = (event: TrackEvent) => event.track && watchTrack(event.track);
  video.textTracks.addEventListener('addtrack', added);
  cleanups.push(() => video.textTracks.removeEventListener('addtrack', added));
  for (const track of video.textTracks) watchTrack(track);

  session.playIntent(performance.now());
  const { default: Hls } = await import('hls.js');
  if (Hls.isSupported()) {
    // Three target durations behind the live edge: metadata cues and video stay in step.
    const hls = new Hls({ liveSyncDurationCount: 3, enableDateRangeMetadataCues: true, enableID3MetadataCues: true });
    hls.on(Hls.Events.LEVEL_SWITCHED, (_event, data) => {
      const level = hls.levels[data.level];
      if (level) session.bitrate(level.bitrate);
    });
    let mediaRecoveries = 0;
    hls.on(Hls.Events.ERROR, (_event, data) => {
      session.error(`${data.type}:${data.details}`, data.fatal);
      if (!data.fatal) return;
      if (data.type === Hls.ErrorTypes.NETWORK_ERROR) hls.startLoad();
      else if (data.type === Hls.ErrorTypes.MEDIA_ERROR && mediaRecoveries++ < 2) hls.recoverMediaError();
      else options.onFatal(data.details);
    });
    hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch(() => undefined));
    hls.loadSource(url);
    hls.attachMedia(video);
    cleanups.push(() => hls.destroy());
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = url;
    void video.play().catch(() => undefined);
    cleanups.push(() => {
      video.removeAttribute('src');
      video.load();
    });
  } else {
    options.onFatal('unsupported');
  }
  return { destroy: () => cleanups.splice(0).reverse().forEach((cleanup) => cleanup()) };
}
