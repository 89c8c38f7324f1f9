/**
 * One origin instance of `bench:queue`'s per-core phases, in a worker thread: its own app and
 * ioredis connection on the shared redis-server and ledger table, joining the shared drop.
 */
import { Redis } from 'ioredis';
import { parentPort, workerData } from 'node:worker_threads';
import { createRedisAdmissionQueue } from '../origin/admission/redis-admission-queue.js';
import type { StoredKey } from '../origin/tokens/signing-key-store.js';
import { fromStored } from '../origin/tokens/signing-keys.js';
import { createBenchOrigin, createJoiner, dynamoAt, signIdentities } from './bench-origin.js';

export interface QueueWorkerSetup {
  label: string;
  dynamoPort: number;
  tableName: string;
  redisUrl: string;
  storedKey: StoredKey;
  eventId: string;
  identities: number;
  loops: number;
  stubTokens: boolean;
}
export type ToQueueWorker = { type: 'run'; warmMs: number; ms: number } | { type: 'close' };
export type FromQueueWorker = { type: 'ready' } | { type: 'ran'; joins: number; seconds: number; reused: number } | { type: 'failed'; error: string };

const setup = workerData as QueueWorkerSetup;
const port = parentPort!;
const say = (message: FromQueueWorker) => port.postMessage(message);
try {
  const redis = new Redis(setup.redisUrl, { enableAutoPipelining: true });
  const dynamo = dynamoAt(setup.dynamoPort);
  const key = fromStored(setup.storedKey);
  const app = createBenchOrigin({ dynamo, tableName: setup.tableName, queue: createRedisAdmissionQueue(redis), key, stubTokens: setup.stubTokens });
  const joiner = createJoiner(app, setup.eventId, await signIdentities(key, setup.label, setup.identities));
  port.on('message', (message: ToQueueWorker) => {
    if (message.type === 'close') {
      redis.disconnect();
      dynamo.destroy();
      port.close();
      return;
    }
    joiner.run(setup.loops, message.warmMs, message.ms).then(
      (ran) => say({ type: 'ran', ...ran, reused: joiner.reused }),
      (error: unknown) => say({ type: 'failed', error: String(error) }),
    );
  });
  say({ type: 'ready' });
} catch (error) {
  say({ type: 'failed', error: String(error) });
}
