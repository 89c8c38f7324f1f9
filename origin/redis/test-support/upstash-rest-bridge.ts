import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';

type Arg = string | number | boolean;
type Outcome = { result: unknown } | { error: string };

/**
 * Upstash's REST protocol in front of a real redis-server, so @upstash/redis runs unmodified in
 * tests: `POST /` with one command as a JSON array, `POST /pipeline` and `POST /multi-exec` with an
 * array of them, `Authorization: Bearer <token>`. With `Upstash-Encoding: base64` (the client's
 * default) every string in a result is base64 (numbers and nulls are not), as the Upstash proxy
 * and its reference emulator (hiett/serverless-redis-http) answer. A failed single command is a
 * 400 `{error}`; in a pipeline each entry is `{result}` or `{error}`.
 */
export async function startUpstashRestBridge(redisUrl: string, token: string): Promise<{ url: string; stop(): Promise<void> }> {
  // No auto-pipelining: with it, ioredis 6.0.0's callBuffer drops the command name.
  const redis = new Redis(redisUrl);
  const server = createServer((req, res) => {
    handle(redis, token, req, res).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      redis.disconnect();
    },
  };
}

async function handle(redis: Redis, token: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { error: 'Unauthorized' });
  if (req.method !== 'POST') return send(res, 405, { error: 'Method not allowed' });
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return send(res, 400, { error: 'ERR failed to parse command' });
  }
  const base64 = String(req.headers['upstash-encoding'] ?? '').toLowerCase() === 'base64';
  const encode = (outcome: Outcome): Outcome => ('result' in outcome ? { result: encodeValue(outcome.result, base64) } : outcome);

  if (req.url === '/' && isCommand(body)) {
    const outcome = await redis.callBuffer(...toArgs(body)).then(
      (result): Outcome => ({ result }),
      (error: Error): Outcome => ({ error: error.message }),
    );
    return send(res, 'error' in outcome ? 400 : 200, encode(outcome));
  }
  if ((req.url === '/pipeline' || req.url === '/multi-exec') && Array.isArray(body) && body.every(isCommand)) {
    const batch = req.url === '/pipeline' ? redis.pipeline() : redis.multi();
    for (const command of body) batch.callBuffer(...toArgs(command));
    let replies: [Error | null, unknown][] | null;
    try {
      replies = await batch.exec();
    } catch (error) {
      return send(res, 400, { error: (error as Error).message });
    }
    return send(res, 200, (replies ?? []).map(([error, result]) => encode(error ? { error: error.message } : { result })));
  }
  return send(res, 400, { error: 'ERR expected a JSON array command (or an array of them for /pipeline, /multi-exec)' });
}

const isCommand = (value: unknown): value is Arg[] =>
  Array.isArray(value) && value.length > 0 && value.every((part) => ['string', 'number', 'boolean'].includes(typeof part));

const toArgs = (command: Arg[]): [string, ...string[]] => {
  const [name, ...args] = command.map(String);
  return [name!, ...args];
};

function encodeValue(value: unknown, base64: boolean): unknown {
  if (Buffer.isBuffer(value)) return base64 ? value.toString('base64') : value.toString('utf8');
  if (typeof value === 'string') return base64 ? Buffer.from(value, 'utf8').toString('base64') : value;
  if (Array.isArray(value)) return value.map((entry) => encodeValue(entry, base64));
  return value ?? null;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
