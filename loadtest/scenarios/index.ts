import { bookingRace } from './booking-race.js';
import { flashCrowd } from './flash-crowd.js';
import { pollStorm } from './poll-storm.js';
import type { Scenario } from './scenario.js';
import type { ScenarioName } from './scenario-names.js';
import { soak } from './soak.js';

export const scenarios: Record<ScenarioName, Scenario> = {
  'flash-crowd': flashCrowd,
  'poll-storm': pollStorm,
  'booking-race': bookingRace,
  soak,
};
export { scenarioNames, isScenarioName, type ScenarioName } from './scenario-names.js';
export type { Scenario, ScenarioContext } from './scenario.js';
