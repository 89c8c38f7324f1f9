import { createFetchEdge } from './create-fetch-edge.js';
import { edgeConfigSchema } from './edge-config.js';

interface WorkerEnv {
  ORIGIN_URL: string;
  RATE_LIMITS?: string;
}

let app: ReturnType<typeof createFetchEdge> | undefined;

/** Cloudflare Workers entry: configuration from bindings, one app per isolate. */
export default {
  fetch(request: Request, env: WorkerEnv): Response | Promise<Response> {
    app ??= createFetchEdge(
      edgeConfigSchema.parse({ originUrl: env.ORIGIN_URL, rateLimits: env.RATE_LIMITS !== 'off' }),
      (c) => c.req.header('cf-connecting-ip'),
    );
    return app.fetch(request, env);
  },
};
