import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadStageConfig } from '../lib/config.js';
import { ASSUMPTIONS, CostProfileError, LINES, marginalCost, MILLION_DROP, monthlyCost, PRICES, PROD_DEPLOYMENT, PROFILES, waitingPolls, type ProfileInput } from './cost-model.js';
import { costReportMarkdown } from './print-cost.js';

const drop = (visitors: number, places = 2_000): ProfileInput => ({ name: `${visitors}`, browsingVisitors: 0, drops: [{ visitors, places, admissionPerMinute: 600 }] });

describe('docs/cost.md', () => {
  it('holds exactly what `npm run cost` prints between its markers', () => {
    const doc = readFileSync(new URL('../../docs/cost.md', import.meta.url), 'utf8');
    const block = /<!-- cost-model:begin -->\n([\s\S]*?)\n<!-- cost-model:end -->/.exec(doc);
    expect(block, 'docs/cost.md has no cost-model markers').not.toBeNull();
    expect(block![1]!.trim(), 'docs/cost.md is out of date: paste the output of `npm run cost`').toBe(costReportMarkdown().trim());
  });
});

describe('monthlyCost', () => {
  it('grows with the visitors of a drop, line by line', () => {
    const small = monthlyCost(drop(100_000));
    const large = monthlyCost(drop(200_000));
    expect(large.traffic.statusPolls).toBeGreaterThan(small.traffic.statusPolls);
    expect(large.total).toBeGreaterThan(small.total);
    for (const line of LINES) expect(large.lines[line], line).toBeGreaterThanOrEqual(small.lines[line]);
    expect(large.lines['Lambda@Edge']).toBeGreaterThan(small.lines['Lambda@Edge']);
  });

  it('prices the million-visitor month above the quiet month', () => {
    const quiet = monthlyCost(PROFILES.quiet);
    const million = monthlyCost(PROFILES.millionDrop);
    expect(million.total).toBeGreaterThan(quiet.total);
    expect(million.totalWithElasticache).toBeGreaterThan(quiet.totalWithElasticache);
    expect(million.viewerRequests).toBeGreaterThan(100 * quiet.viewerRequests);
  });

  it('sends more to the origin when the cache hits less, and leaves the edge lines alone', () => {
    const at = (hit: number) =>
      monthlyCost(PROFILES.tenDrops, { ...ASSUMPTIONS, cacheHitRatio: { state: hit, eventJson: hit, catalog: hit, assets: hit } });
    const good = at(0.99);
    const poor = at(0.5);
    expect(poor.originInvocations).toBeGreaterThan(good.originInvocations);
    expect(poor.lines['Lambda origin (Arm)']).toBeGreaterThan(good.lines['Lambda origin (Arm)']);
    expect(poor.lines['Redis: Upstash (default)']).toBeGreaterThan(good.lines['Redis: Upstash (default)']);
    expect(poor.lines['CloudFront requests']).toBe(good.lines['CloudFront requests']);
    expect(poor.lines['Lambda@Edge']).toBe(good.lines['Lambda@Edge']);
  });

  it('stops a line of waiting visitors polling once the places are gone', () => {
    const soldFast = monthlyCost(drop(50_000, 500));
    const soldSlowly = monthlyCost(drop(50_000, 20_000));
    expect(soldFast.traffic.statusPolls).toBeLessThan(soldSlowly.traffic.statusPolls);
  });

  it('counts the polls of a full drain as the load-test model does (BENCHMARKS.md: 1,693.4 per visitor)', () => {
    const visitors = 1_000_000;
    // waitingPolls adds the first poll after the rejoin; the load-test model counts only the wait.
    expect(waitingPolls(visitors, visitors, 600) / visitors - 1).toBeCloseTo(1_693.4, 1);
  });

  it('gives a marginal cost that is the difference of two priced months', () => {
    const marginal = marginalCost(MILLION_DROP);
    const base = monthlyCost({ ...PROFILES.millionDrop, drops: [] });
    expect(marginal.total).toBeCloseTo(monthlyCost(PROFILES.millionDrop).total - base.total, 6);
    expect(marginal.total).toBeGreaterThan(0);
  });
});

describe('profiles', () => {
  it('refuses negative visitors, naming the field', () => {
    const bad = { name: 'bad', browsingVisitors: 0, drops: [{ visitors: -5, places: 10, admissionPerMinute: 600 }] };
    expect(() => monthlyCost(bad)).toThrow(CostProfileError);
    expect(() => monthlyCost(bad)).toThrow(/drops\.0\.visitors: .*>=1/);
  });

  it('lists every problem at once, unknown fields included', () => {
    const bad = { name: '', browsingVisitors: -1, drops: [{ visitor: 10, places: 0, admissionPerMinute: 600 }] };
    try {
      monthlyCost(bad as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CostProfileError);
      const problems = (error as CostProfileError).problems.join('\n');
      for (const path of ['name', 'browsingVisitors', 'drops.0.visitors', 'drops.0.places', 'drops.0']) expect(problems).toContain(`${path}:`);
      expect(problems).toContain('visitor');
    }
  });
});

describe('PRICES and the deployment', () => {
  it('gives every price a source, a date and a check', () => {
    for (const [name, price] of Object.entries(PRICES)) {
      expect(price.usd, name).toBeGreaterThan(0);
      expect(price.source, name).toMatch(price.check === 'unverified' ? /^none found/ : /^https?:\/\//);
      expect(price.read, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('prices the stage infra/config/prod.json describes', () => {
    const prod = loadStageConfig('prod');
    expect(PROD_DEPLOYMENT.originMemoryMb).toBe(prod.origin.memoryMb);
    expect(PROD_DEPLOYMENT.replicaRegion).toBe(prod.replicaRegion !== undefined);
    expect(PROD_DEPLOYMENT.botControl).toBe(prod.waf.botControl);
  });
});
