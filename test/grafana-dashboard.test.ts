import { parser } from '@prometheus-io/lezer-promql';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeTelemetry } from '../edge/entry/node-telemetry.js';
import { createOriginMetrics } from '../origin/metrics/origin-metrics.js';

interface Target {
  expr: string;
  datasource?: { uid?: string };
}
interface Panel {
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: Target[];
  panels?: Panel[];
}
interface Dashboard {
  panels: Panel[];
  templating: { list: { name: string; type: string; query: string }[] };
}

const dashboardFile = resolve(import.meta.dirname, '../docs/grafana/banjjak.json');

/** Grafana's range variables are not PromQL: a fixed window stands in for them before parsing. */
const asPromQl = (expr: string) => expr.replace(/\$__(rate_)?interval|\$__range/g, '5m');

/** The metric names a PromQL expression selects, parsed with the Prometheus project's own grammar. */
function metricNames(expr: string): string[] {
  const source = asPromQl(expr);
  const names: string[] = [];
  const errors: string[] = [];
  parser.parse(source).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`at ${node.from}`);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') names.push(source.slice(node.from, node.to));
    },
  });
  if (errors.length > 0) throw new Error(`not valid PromQL (${errors.join(', ')}): ${expr}`);
  return names;
}

/** What a scrape can show: counters and gauges by name, histograms with their series suffixes. */
async function exposedNames(): Promise<Set<string>> {
  const registries = [createOriginMetrics().registry, createNodeTelemetry({ destination: { write: () => undefined }, processMetrics: false }).registry];
  const metrics = (await Promise.all(registries.map((registry) => registry.getMetricsAsJSON()))).flat();
  return new Set(metrics.flatMap(({ name, type }) => (String(type) === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name])));
}

const allPanels = (panels: Panel[]): Panel[] => panels.flatMap((panel) => [panel, ...allPanels(panel.panels ?? [])]);

describe('docs/grafana/banjjak.json', () => {
  it('queries only metrics the origin or the edge registers, in valid PromQL', async () => {
    const dashboard = JSON.parse(await readFile(dashboardFile, 'utf8')) as Dashboard;
    const exprs = allPanels(dashboard.panels).flatMap((panel) => (panel.targets ?? []).map((target) => target.expr));
    const used = new Set(exprs.flatMap(metricNames));
    const exposed = await exposedNames();
    expect(exprs.length).toBeGreaterThanOrEqual(10);
    expect([...used].filter((name) => !exposed.has(name))).toEqual([]);
    // And the other way round: every metric of ours has a panel.
    const unshown = [...exposed].filter((name) => !used.has(name) && !['_sum', '_count'].some((suffix) => name.endsWith(suffix)));
    expect(unshown).toEqual([]);
  });

  it('reads from a Prometheus data source variable in every panel', async () => {
    const dashboard = JSON.parse(await readFile(dashboardFile, 'utf8')) as Dashboard;
    expect(dashboard.templating.list).toContainEqual(expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' }));
    const panels = allPanels(dashboard.panels).filter((panel) => panel.targets);
    expect(panels.map((panel) => panel.datasource)).toEqual(panels.map(() => ({ type: 'prometheus', uid: '${datasource}' })));
  });

  it('would catch a metric nobody registers', () => {
    expect(metricNames('sum by (status) (rate(banjjak_made_up_total{role="edge"}[$__rate_interval])) / on(role) group_left up')).toEqual(['banjjak_made_up_total', 'up']);
    expect(() => metricNames('sum(rate(banjjak_joins_total[5m])')).toThrow(/not valid PromQL/);
  });
});
