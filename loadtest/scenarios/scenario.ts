import type { CreateEventInput, EventView } from '../../core/index.js';
import type { RunOptions } from '../args.js';
import type { Invariant } from '../checks/invariant.js';
import type { LoadClient } from '../client/load-client.js';
import type { Journal } from '../journal/visitor-journal.js';

export interface ScenarioContext {
  client: LoadClient;
  journal: Journal;
  options: RunOptions;
  /** The event as the operator API created it. */
  event: EventView;
  /** Aborts when the scenario's time budget is spent: journeys still under way stop there. */
  signal: AbortSignal;
  log: (line: string) => void;
}

export interface Scenario {
  /** One line for the report and the README. */
  description: string;
  /** The event this scenario needs; the runner adds a fresh id. */
  event(options: RunOptions, nowMs: number): Omit<CreateEventInput, 'id'>;
  /** Seconds the scenario may run before its journeys are stopped. */
  budgetSeconds(options: RunOptions): number;
  run(context: ScenarioContext): Promise<void>;
  /** Checks only this scenario can state (e.g. booking-race: every place sold). */
  invariants?(context: ScenarioContext, bookedInLedger: number | undefined): Invariant[];
}
