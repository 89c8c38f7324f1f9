import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * An `--import` for the Artillery CLI, as a `data:` URL so its worker threads (which do not get
 * tsx) can load it too. Artillery 2.0.21 sends a "test run" event to PostHog even with
 * ARTILLERY_DISABLE_TELEMETRY set (only its contents are anonymised,
 * node_modules/artillery/lib/telemetry.js); a load test of a loopback stack must send nothing
 * anywhere else, so the preload puts a PostHog client that drops every event in the require cache.
 */
export function offlineTelemetryImport(): string {
  const telemetry = join(dirname(createRequire(import.meta.url).resolve('artillery/package.json')), 'lib', 'telemetry.js');
  const source = `
import { createRequire, Module } from 'node:module';
const require = createRequire(${JSON.stringify(telemetry)});
const path = require.resolve('posthog-node');
const stub = new Module(path);
stub.filename = path;
stub.loaded = true;
stub.exports = { PostHog: class OfflinePostHog { capture() {} async shutdownAsync() {} async shutdown() {} } };
require.cache[path] = stub;
`;
  return `data:text/javascript,${encodeURIComponent(source)}`;
}
