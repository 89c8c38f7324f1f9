import { buildOrigin } from '../boot/build-origin.js';
import { parseOriginConfig } from '../config.js';
import { createLambdaHandler } from './lambda-handler.js';

// The origin Lambda (handler `index.handler` of tools/build-origin-lambda.ts): with `main.ts`, the
// only reader of process.env in origin/. The configuration is checked and the secrets, clients and
// key set are made in the init phase (a bad configuration fails the init, listing every problem);
// warm invocations reuse them.
const config = parseOriginConfig(process.env);
const origin = await buildOrigin(config);

export const handler = createLambdaHandler(origin, {
  eventTickMs: config.EVENT_TICK_MS,
  reconcileIntervalMs: config.RECONCILE_INTERVAL_MS,
  role: config.ORIGIN_ROLE,
  stage: config.STAGE,
});
