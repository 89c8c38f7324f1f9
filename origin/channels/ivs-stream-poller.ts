import { BatchGetChannelCommand, paginateListStreams, type IvsClient, type StreamSummary } from '@aws-sdk/client-ivs';

export interface IvsStreamPollerOptions {
  client: IvsClient;
  arns: readonly string[];
  /** Time between two polls. */
  pollMs: number;
  /** Longest wait between polls while IVS keeps failing (the wait doubles per failure). */
  maxBackoffMs: number;
  /** Longest a reader waits for the first poll before answering from what is known (offline). */
  firstPollWaitMs: number;
  /** A channel seen live that was not live at the previous poll. */
  onLive: (arn: string) => void;
  onError: (error: unknown, operation: string) => void;
}

export interface IvsChannelState {
  live: boolean;
  viewers: number | null;
  playbackUrl: string | null;
}

// https://docs.aws.amazon.com/ivs/latest/LowLatencyAPIReference/API_BatchGetChannel.html (1–50 ARNs)
const BATCH_GET_MAX_ARNS = 50;
// https://docs.aws.amazon.com/ivs/latest/LowLatencyAPIReference/API_ListStreams.html (default and most per page: 100)
const LIST_STREAMS_PAGE = 100;

/**
 * One poller per origin: each period one ListStreams walk covers every channel (GetStream and
 * ListStreams allow 5 TPS per account, not adjustable); channel metadata (the playback URL) comes
 * from BatchGetChannel once per channel and is kept.
 */
export function createIvsStreamPoller(options: IvsStreamPollerOptions) {
  const { client, arns } = options;
  const wanted = new Set(arns);
  const playbackUrls = new Map<string, string | null>();
  const viewers = new Map<string, number>();
  let live = new Set<string>();
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  async function loadChannels(): Promise<void> {
    const missing = arns.filter((arn) => !playbackUrls.has(arn));
    for (let start = 0; start < missing.length; start += BATCH_GET_MAX_ARNS) {
      const answer = await client.send(new BatchGetChannelCommand({ arns: missing.slice(start, start + BATCH_GET_MAX_ARNS) }));
      for (const channel of answer.channels ?? []) if (channel.arn) playbackUrls.set(channel.arn, channel.playbackUrl ?? null);
      for (const failed of answer.errors ?? []) options.onError(new Error(`${failed.code}: ${failed.message}`), `BatchGetChannel ${failed.arn}`);
    }
  }

  async function listLive(): Promise<Map<string, StreamSummary>> {
    const found = new Map<string, StreamSummary>();
    for await (const page of paginateListStreams({ client, pageSize: LIST_STREAMS_PAGE }, {})) {
      // "Do not rely on the OFFLINE state": a listed stream is live unless it says otherwise.
      for (const stream of page.streams ?? []) {
        if (stream.channelArn && wanted.has(stream.channelArn) && stream.state !== 'OFFLINE') found.set(stream.channelArn, stream);
      }
      if (found.size === wanted.size) break;
    }
    return found;
  }

  function apply(found: Map<string, StreamSummary>): string[] {
    const wentLive = [...found.keys()].filter((arn) => !live.has(arn));
    for (const arn of arns) {
      const count = found.get(arn)?.viewerCount;
      // -1 means IVS timed out counting: keep the last figure.
      if (!found.has(arn)) viewers.delete(arn);
      else if (count !== undefined && count >= 0) viewers.set(arn, count);
    }
    live = new Set(found.keys());
    return wentLive;
  }

  async function poll(): Promise<void> {
    let failed = false;
    try {
      await loadChannels();
    } catch (error) {
      failed = true;
      options.onError(error, 'BatchGetChannel');
    }
    try {
      for (const arn of apply(await listLive())) options.onLive(arn);
    } catch (error) {
      failed = true;
      options.onError(error, 'ListStreams');
    }
    failures = failed ? failures + 1 : 0;
    schedule();
  }

  function schedule(): void {
    if (closed) return;
    const wait = failures === 0 ? options.pollMs : Math.min(options.pollMs * 2 ** failures, options.maxBackoffMs);
    timer = setTimeout(() => void poll(), wait);
    timer.unref?.();
  }

  const ready = Promise.race([poll(), new Promise<void>((resolve) => setTimeout(resolve, options.firstPollWaitMs).unref?.())]);

  return {
    /** Settles after the first poll (whatever its outcome) or firstPollWaitMs: the first readers wait for it, together. */
    ready,
    read(arn: string): IvsChannelState {
      const isLive = live.has(arn);
      return { live: isLive, viewers: isLive ? (viewers.get(arn) ?? null) : null, playbackUrl: playbackUrls.get(arn) ?? null };
    },
    isLive: (arn: string) => live.has(arn),
    /** IVS said the channel is not broadcasting: offline until a poll sees it live again. */
    markOffline(arn: string): void {
      live.delete(arn);
      viewers.delete(arn);
    },
    close(): void {
      closed = true;
      clearTimeout(timer);
    },
  };
}

export type IvsStreamPoller = ReturnType<typeof createIvsStreamPoller>;
