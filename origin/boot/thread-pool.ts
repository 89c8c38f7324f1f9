/**
 * The libuv thread pool signs and verifies the origin's ES256 tokens off the event loop. Its
 * default of 4 threads on a 2-vCPU machine makes the threads fight the event loop for the cores:
 * `npm run bench:queue` on 2 vCPUs gave 0.44 of the ES256 ceiling with 4 threads, 0.35 with 8
 * and 0.47–0.51 with 1 or 2. One thread per core, at most 4, unless `UV_THREADPOOL_SIZE` is set.
 *
 * The size is read when the pool first runs, which module loading already does: whoever starts
 * the origin sets it in the environment (`local/start.ts`, the CDK origin stack, `bench/queue.ts`).
 */
export function threadPoolSize(cores: number, configured: string | undefined): number {
  const asked = Number(configured);
  if (configured !== undefined && Number.isInteger(asked) && asked >= 1) return asked;
  return Math.max(1, Math.min(4, cores));
}
