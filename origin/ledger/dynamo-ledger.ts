import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoBookingStore } from './dynamo-booking-store.js';
import { createDynamoChannelPins } from './dynamo-channel-pins.js';
import { createDynamoEventStore } from './dynamo-event-store.js';
import { createDynamoEventWatch } from './dynamo-event-watch.js';
import { createDynamoPendingJournal } from './dynamo-pending-journal.js';
import { createDynamoPlaceCounters } from './dynamo-place-counters.js';
import { createDynamoRegistrantList } from './dynamo-registrant-list.js';
import { createDynamoReplays } from './dynamo-replays.js';
import { createDynamoTable } from './dynamo-table.js';
import type { Ledger } from './ledger.js';

/**
 * DynamoDB adapter of the ledger: one table (table-design.md), conditional Put/Update/Delete and
 * consistent Get/Query only (no transactions: dynalite lacks them, and they cost double on AWS).
 */
export function createDynamoLedger(client: DynamoDBClient, tableName: string): Ledger {
  const table = createDynamoTable(client, tableName);
  const counters = createDynamoPlaceCounters(table);
  const { addMarker: _internal, ...countersPort } = counters;
  const watch = createDynamoEventWatch(table);
  return {
    ...createDynamoEventStore(table),
    ...watch,
    ...createDynamoPendingJournal(table),
    ...countersPort,
    ...createDynamoBookingStore(table, counters, watch),
    ...createDynamoRegistrantList(table),
    ...createDynamoChannelPins(table),
    ...createDynamoReplays(table),
  };
}
