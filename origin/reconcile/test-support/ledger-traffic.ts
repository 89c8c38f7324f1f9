import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** What a DynamoDB client sent: requests by command, booking reads by event, and every event named. */
export interface LedgerTraffic {
  requests: number;
  byCommand: Record<string, number>;
  /** One entry per query of an event's bookings (the gsi2 booking index), its event id. */
  bookingReads: string[];
  /** Every event a request named (its partition, or its key in an index). */
  eventsNamed: Set<string>;
}

const emptyTraffic = (): LedgerTraffic => ({ requests: 0, byCommand: {}, bookingReads: [], eventsNamed: new Set() });
const EVENT_KEY = /"EVENT#([^"#]+)"/g;

/**
 * Counts the requests `client` sends from now on (an SDK middleware, so the ledger runs
 * unchanged against the real table); `take()` returns the counts so far and starts afresh.
 */
export function countLedgerTraffic(client: DynamoDBClient): { take: () => LedgerTraffic } {
  let traffic = emptyTraffic();
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const command = context.commandName ?? 'unknown';
      const input = JSON.stringify(args.input);
      const named = [...input.matchAll(EVENT_KEY)].map((match) => match[1]!);
      traffic.requests += 1;
      traffic.byCommand[command] = (traffic.byCommand[command] ?? 0) + 1;
      for (const eventId of named) traffic.eventsNamed.add(eventId);
      if (command === 'QueryCommand' && input.includes('"IndexName":"gsi2"')) traffic.bookingReads.push(...named);
      return next(args);
    },
    { step: 'initialize', name: 'countLedgerTraffic' },
  );
  const take = (): LedgerTraffic => {
    const taken = traffic;
    traffic = emptyTraffic();
    return taken;
  };
  return { take };
}
