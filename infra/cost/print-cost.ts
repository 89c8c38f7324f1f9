import { pathToFileURL } from 'node:url';
import { LINES, marginalCost, MILLION_DROP, monthlyCost, PRICES, PROFILES, type Cost } from './cost-model.js';

/**
 * `npm run cost` (`npx tsx infra/cost/print-cost.ts`): the tables of docs/cost.md, in markdown.
 * docs/cost.md holds a copy between its cost-model markers; infra/cost/cost-model.test.ts fails
 * when the copy and this output differ.
 */

/** Seed 001 (EKS + Terraform), as its Infracost run priced it; issue 10. */
const SEED_001_MONTHLY = 1_388;

const usd = (value: number) => `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const count = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A markdown table; by default the first column is text and the others are figures (right-aligned). */
function table(head: string[], rows: string[][], figures = head.map((_, index) => index > 0)): string {
  const align = figures.map((figure) => (figure ? '---:' : '---'));
  return [head, align, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function costTable(costs: Cost[]): string {
  const row = (label: string, value: (cost: Cost) => number) => [label, ...costs.map((cost) => usd(value(cost)))];
  return table(
    ['monthly cost (USD)', ...costs.map((cost) => cost.profile.name)],
    [
      ...LINES.map((line) => row(line, (cost) => cost.lines[line])),
      row('**total** (Upstash)', (cost) => cost.total),
      row('Redis instead: ElastiCache Serverless (Valkey) + VPC endpoints', (cost) => cost.elasticache),
      row('**total** with ElastiCache instead of Upstash', (cost) => cost.totalWithElasticache),
      row('IVS live video (not in the totals)', (cost) => cost.ivs),
    ],
  );
}

function trafficTable(costs: Cost[]): string {
  const row = (label: string, value: (cost: Cost) => number, digits = 0) => [label, ...costs.map((cost) => count(value(cost), digits))];
  const pollsPerVisitor = (cost: Cost) => (cost.traffic.dropVisitors === 0 ? 0 : cost.traffic.statusPolls / cost.traffic.dropVisitors);
  return table(
    ['traffic of the month', ...costs.map((cost) => cost.profile.name)],
    [
      row('visitors (browsing + drops)', (cost) => cost.traffic.visitors),
      row('bookings', (cost) => cost.traffic.bookings),
      row('/status polls answered at the edge', (cost) => cost.traffic.statusPolls),
      row('polls per drop visitor', pollsPerVisitor, 1),
      row('viewer requests (CloudFront, WAF)', (cost) => cost.viewerRequests),
      row('Lambda@Edge invocations', (cost) => cost.edgeInvocations),
      row('origin Lambda invocations', (cost) => cost.originInvocations),
      row('Redis commands', (cost) => cost.redisCommands),
      row('DynamoDB write units (home region)', (cost) => cost.dynamoWriteUnits),
      row('data out to viewers (GB)', (cost) => cost.dataOutGb, 1),
      row('IVS viewer-hours', (cost) => cost.traffic.viewerHours),
    ],
  );
}

function priceTable(): string {
  return table(
    ['constant', 'USD', 'per', 'check', 'source'],
    Object.entries(PRICES).map(([name, price]) => [`\`${name}\``, String(price.usd), price.per, price.check, price.source]),
    [false, true, false, false, false],
  );
}

export function costReportMarkdown(): string {
  const costs = [monthlyCost(PROFILES.quiet), monthlyCost(PROFILES.tenDrops), monthlyCost(PROFILES.millionDrop)];
  const million = MILLION_DROP;
  const marginal = marginalCost(million);
  const base = monthlyCost({ ...PROFILES.millionDrop, drops: [] });
  const perVisitor = marginal.total / million.visitors;
  const marginalRows = LINES.filter((line) => Math.abs(marginal.lines[line]) >= 0.005).map((line) => [line, usd(marginal.lines[line])]);
  const unverified = Object.values(PRICES).filter((price) => price.check !== 'verified').length;
  return [
    costTable(costs),
    '',
    trafficTable(costs),
    '',
    `**Cost per 1,000,000 waiting visitors: ${usd(marginal.total)}** (${usd(marginal.totalWithElasticache)} with ElastiCache; ` +
      `${usd(perVisitor * 1_000)} per 1,000 visitors), the one-drop month priced with and without its drop of ` +
      `${count(million.visitors)} visitors, ${count(million.places)} places, ${count(million.admissionPerMinute)} admitted a minute. ` +
      `Its live video adds ${usd(marginal.ivs)} (IVS, unverified rates).`,
    '',
    table(['what the 1,000,000-visitor drop adds', 'USD'], [...marginalRows, ['**total**', usd(marginal.total)]]),
    '',
    `Against seed 001's Infracost estimate of ${usd(SEED_001_MONTHLY)} a month: the browsing of these months alone costs ${usd(base.total)}, ` +
      `and the difference buys ${count((SEED_001_MONTHLY - base.total) / marginal.total, 1)} million waiting visitors a month at this rate (live video aside).`,
    '',
    `Prices: the ${Object.keys(PRICES).length} constants of \`PRICES\` (infra/cost/cost-model.ts), ${unverified} of them secondary or unverified, all read on ${PRICES.lambdaRequestsPerMillion.read}:`,
    '',
    priceTable(),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) console.log(costReportMarkdown());
