import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { log } from '../logging/log.js';

/**
 * Decides the fate of one request before it leaves: throw to play a process that died before
 * sending it, return a promise to play one that stalls, return nothing to let it through.
 */
export type DynamoFault = (command: string, input: string) => void | Promise<void>;

/**
 * A real client to a real dynalite with fault injection in front of it (an SDK middleware, so
 * the adapter under test runs unchanged). `hook.fault` may be swapped between steps of a test.
 */
export function createFaultyDynamoClient(endpoint: string, hook: { fault?: DynamoFault }): DynamoDBClient {
  const client = new DynamoDBClient({ endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      await hook.fault?.(context.commandName ?? '', JSON.stringify(args.input));
      return next(args);
    },
    { step: 'initialize', name: 'faultInjection' },
  );
  return client;
}

/** A fault for requests whose command and input match, once; the rest pass. */
export function failOnce(command: string, inputContains: string, fault: () => void | Promise<void>): DynamoFault {
  let fired = false;
  return async (name, input) => {
    if (fired || name !== command || !input.includes(inputContains)) return;
    fired = true;
    await fault();
  };
}

export class SimulatedCrash extends Error {
  constructor(where: string) {
    super(`simulated crash ${where}`);
    this.name = 'SimulatedCrash';
  }
}

const mentionsCrash = (value: unknown, depth = 0): boolean => {
  if (depth > 3 || value === null || value === undefined) return false;
  if (value instanceof SimulatedCrash) return true;
  if (typeof value === 'string') return value.includes('simulated crash');
  return value instanceof Error && mentionsCrash(value.cause, depth + 1);
};

/**
 * Keeps the logs of crashes a test stages out of its output: console lines that mention one, and
 * the origin's own log (which reports every staged crash) while muted.
 */
export function muteSimulatedCrashLogs(): () => void {
  const { error, warn } = console;
  const level = log.level;
  console.error = (...args: unknown[]) => void (args.some((arg) => mentionsCrash(arg)) || error(...args));
  console.warn = (...args: unknown[]) => void (args.some((arg) => mentionsCrash(arg)) || warn(...args));
  log.level = 'silent';
  return () => {
    Object.assign(console, { error, warn });
    log.level = level;
  };
}
