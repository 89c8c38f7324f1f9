import type { TabChannel, TabLocks } from './tab-transport.js';

export interface TabLeaderOptions<M> {
  /** One lock and one channel per name: tabs on the same event share it. */
  name: string;
  /** Missing (an old browser, no Web Locks): every tab leads, i.e. polls for itself. */
  locks: TabLocks | undefined;
  channel: TabChannel<M> | undefined;
  /** This tab became the one that polls. */
  onLead: () => void;
  /** This tab stopped polling (it yielded, or closed the group). */
  onFollow: () => void;
  /** Another tab published something (the leader's answers, or a follower asking for them). */
  onMessage: (message: M) => void;
  /**
   * Settles when the leader's work in progress is done (a poll on its way): the lock is released
   * only then, so the next leader's first poll never overlaps the last one. @default nothing to wait for
   */
  drain?: () => Promise<void> | undefined;
}

export interface TabLeader<M> {
  readonly leading: boolean;
  /** Wants to lead: takes the lock now if it is free, else waits in line for it. */
  seek(): void;
  /** Stops leading (the lock passes to the next tab waiting) or stops waiting for it. */
  yield(): void;
  publish(message: M): void;
  close(): void;
}

/**
 * One leader among the tabs of a browser: whoever holds the lock `name` polls, and publishes what
 * it hears on the channel for the others to show. When the leader closes (or yields), the browser
 * grants the lock to the next tab waiting, which starts polling: there is never a moment with two
 * leaders, since the lock is exclusive, and never a long one with none while a tab still seeks.
 */
export function makeTabLeader<M>(options: TabLeaderOptions<M>): TabLeader<M> {
  const { locks, channel } = options;
  let leading = false;
  let closed = false;
  /** Set while seeking: aborts the wait, or releases the lock once held. */
  let seeking: { abort: AbortController; release?: () => void } | undefined;

  channel?.listen((message) => {
    if (!closed) options.onMessage(message);
  });

  const becomeLeader = () => {
    leading = true;
    options.onLead();
  };
  const becomeFollower = () => {
    if (!leading) return;
    leading = false;
    options.onFollow();
  };

  return {
    get leading() {
      return leading;
    },
    seek() {
      if (closed || seeking || leading) return;
      if (!locks || !channel) return becomeLeader();
      const attempt: { abort: AbortController; release?: () => void } = { abort: new AbortController() };
      seeking = attempt;
      locks
        .request(options.name, attempt.abort.signal, () => new Promise<void>((release) => {
          if (seeking !== attempt) return release(); // yielded between the grant and now
          attempt.release = release;
          becomeLeader();
        }))
        .catch(() => undefined); // an aborted wait: nothing to do
    },
    yield() {
      const attempt = seeking;
      seeking = undefined;
      attempt?.abort.abort();
      const release = attempt?.release;
      if (release) void Promise.resolve(options.drain?.()).catch(() => undefined).finally(release);
      becomeFollower();
    },
    publish(message) {
      if (!closed) channel?.post(message);
    },
    close() {
      this.yield();
      closed = true;
      channel?.close();
    },
  };
}
