import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
/** What a prom-client `Registry` offers (kept structural: core names no metrics library). */
export interface MetricsSource {
  contentType: string;
  metrics(): Promise<string>;
}

export interface MetricsListener {
  port: number;
  close(): Promise<void>;
}

/**
 * `GET /metrics` on its own listener, bound to 127.0.0.1 only: a scraper on the host reads it,
 * the public never can (it is no route of the app, so no proxy in front reaches it either).
 */
export async function serveMetrics(registry: MetricsSource, port: number): Promise<MetricsListener> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((listening, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => listening());
  });
  server.unref();
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((closed) => server.close(() => closed())),
  };
}
