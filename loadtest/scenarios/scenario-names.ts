/** The scenarios the CLI accepts; kept apart from their code so argument parsing stays import-light. */
export const scenarioNames = ['flash-crowd', 'poll-storm', 'booking-race', 'soak'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

export function isScenarioName(value: string): value is ScenarioName {
  return (scenarioNames as readonly string[]).includes(value);
}
