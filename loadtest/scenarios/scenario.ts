import type { CreateEventInput, EventView } from '../../core/index.js';
import type { RunOptions } from '../args.js';
import type { Invariant } from '../checks/invariant.js';
import type { LoadClient } from '../client/load-client.js';
import type { Journal, JourneyCounts } from '../journal/visitor-journal.js';
import type { JourneyContext } from '../journey/index.js';

/** This worker thread's part of the run. */
export interface WorkerShare {
  index: number;
  count: number;
  /** Visitors this worker plays (the run's `--visitors` split over the workers). */
  visitors: number;
  /** Requests per second this worker offers (poll-storm: the run's `--rps` split). */
  rps: number;
}

/** What a scenario runs with, inside one worker thread. */
export interface ScenarioContext extends JourneyContext {
  client: LoadClient;
  journal: Journal;
  options: RunOptions;
  /** The event as the operator API created it. */
  event: EventView;
  share: WorkerShare;
  /** Resolves once every worker got here (booking-race: everyone admitted before anyone books). */
  barrier(name: string): Promise<void>;
  say: (line: string) => void;
}

export interface Scenario {
  /** One line for the report and the README. */
  description: string;
  /** The event this scenario needs; the runner adds a fresh id. */
  event(options: RunOptions, nowMs: number): Omit<CreateEventInput, 'id'>;
  /** Seconds the scenario may run before its journeys are stopped. */
  budgetSeconds(options: RunOptions): number;
  /** Barriers `run` waits at, in order: every worker passes each one. */
  barriers?: readonly string[];
  run(context: ScenarioContext): Promise<void>;
  /** Checks only this scenario can state (e.g. booking-race: every place sold), on the merged counts. */
  invariants?(run: { options: RunOptions; counts: JourneyCounts }, bookedInLedger: number | undefined): Invariant[];
}
