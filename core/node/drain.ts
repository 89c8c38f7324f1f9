import type { Server } from 'node:http';
import net from 'node:net';

/** How long a stopping origin waits for the requests in flight before it cuts them. */
export const DRAIN_MS = 10_000;
/** How long an idle keep-alive socket may still bring one last request once the drain began. */
const IDLE_GRACE_MS = 1_000;

export type DrainableServer = Pick<Server, 'closeIdleConnections' | 'closeAllConnections'> & net.Server;

export interface Drain {
  /** Set once the drain began: answers then say `Connection: close`, so no socket is reused. */
  readonly draining: boolean;
  /** Stops accepting, lets every request in flight finish, closes the sockets; false if `boundMs` ran out first. */
  run(server: DrainableServer, boundMs?: number): Promise<boolean>;
}

/**
 * A graceful stop for the Node origin (SIGTERM from the local stack, a container runtime, a
 * deploy): new connections are refused at once, requests in flight are answered, each answer
 * closes its keep-alive socket behind it, idle sockets are closed, and only then is the server
 * done. A request is never cut mid-way unless the bound runs out (then the caller exits non-zero).
 */
export function createDrain(): Drain {
  let draining = false;
  return {
    get draining() {
      return draining;
    },
    async run(server, boundMs = DRAIN_MS) {
      draining = true;
      // net.Server's close, not http.Server's: stop listening without closing the idle keep-alive
      // sockets at once, since a client may be writing its next request on one right now. Each
      // answer from here on closes its socket behind it (`Connection: close`).
      const closed = new Promise<true>((resolve) => net.Server.prototype.close.call(server, () => resolve(true)));
      let sweep: NodeJS.Timeout | undefined;
      // Sockets still idle after a grace carry no request of anyone's: close them.
      const grace = setTimeout(() => {
        server.closeIdleConnections();
        sweep = setInterval(() => server.closeIdleConnections(), 100);
      }, IDLE_GRACE_MS);
      let timer: NodeJS.Timeout | undefined;
      const outOfTime = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), boundMs)));
      const drained = await Promise.race([closed, outOfTime]);
      clearTimeout(grace);
      clearInterval(sweep);
      clearTimeout(timer);
      if (!drained) server.closeAllConnections();
      return drained;
    },
  };
}
