import type { Report, TimelinePoint } from './report.js';
import { barChart, escapeXml as esc, lineChart, type Series } from './svg-chart.js';

const n = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** Per-second rate from each interval's count; the last, partial interval counts as a full second rather than spiking. */
function rateSeries(timeline: TimelinePoint[], names: string[], count: (point: TimelinePoint, name: string) => number): Series[] {
  return names.map((name) => ({
    name,
    points: timeline.map((point, index): [number, number] => {
      const length = Math.max(1, point.t - (timeline[index - 1]?.t ?? 0));
      return [point.t, Math.round((count(point, name) / length) * 10) / 10];
    }),
  }));
}

function charts(report: Report): string[] {
  const { timeline } = report;
  const endpoints = Object.keys(report.endpoints);
  const codes = Object.keys(report.errorsByCode);
  const queued = timeline.filter((point) => point.queue);
  const queueSeries = (['waiting', 'active', 'admitted', 'booked'] as const).map((key) => ({
    name: key,
    points: queued.map((point): [number, number] => [point.t, point.queue?.[key] ?? 0]),
  }));
  const visitorSeries = (['joined', 'admitted', 'booked', 'done'] as const).map((key) => ({
    name: key,
    points: timeline.map((point): [number, number] => [point.t, point.visitors[key]]),
  }));
  return [
    lineChart({ title: 'Requests per second, per endpoint', unit: 'req/s', series: rateSeries(timeline, endpoints, (point, name) => point.endpoints[name]?.requests ?? 0) }),
    barChart({
      title: 'Latency over the run: p50 / p90 / p99',
      unit: 'ms',
      groups: endpoints.map((name) => {
        const summary = report.endpoints[name];
        return { label: name, bars: [{ name: 'p50', value: summary?.p50 ?? 0 }, { name: 'p90', value: summary?.p90 ?? 0 }, { name: 'p99', value: summary?.p99 ?? 0 }] };
      }),
    }),
    lineChart({
      title: 'Latency p99 per second, per endpoint',
      unit: 'ms',
      series: endpoints.map((name) => ({ name, points: timeline.filter((point) => (point.endpoints[name]?.requests ?? 0) > 0).map((point): [number, number] => [point.t, point.endpoints[name]?.p99 ?? 0]) })),
    }),
    lineChart({ title: 'Queue (operator stats, sampled every second)', unit: 'visitors', series: queueSeries }),
    lineChart({ title: 'Visitors as the clients saw it', unit: 'visitors', series: visitorSeries }),
    barChart({ title: 'Non-2xx answers by code', unit: 'answers', groups: codes.map((code) => ({ label: code, bars: [{ name: 'answers', value: report.errorsByCode[code] ?? 0 }] })) }),
    lineChart({ title: 'Non-2xx answers per second, by code', unit: 'answers/s', series: rateSeries(timeline, codes, (point, code) => point.errors[code] ?? 0) }),
  ];
}

function table(head: string[], rows: (string | number)[][]): string {
  const cell = (value: string | number) => (typeof value === 'number' ? `<td class="num">${n(value)}</td>` : `<td>${value}</td>`);
  return `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((row) => `<tr>${row.map(cell).join('')}</tr>`).join('')}</tbody></table>`;
}

const style = `body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1100px;padding:0 16px;color:#111}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}.meta{color:#4b5563}
table{border-collapse:collapse;width:100%;margin:6px 0}th,td{border-bottom:1px solid #e5e7eb;padding:5px 8px;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#15803d;font-weight:600}.fail{color:#b91c1c;font-weight:600}
.badge{display:inline-block;padding:2px 10px;border-radius:12px;color:#fff;font-weight:600}.pass-bg{background:#15803d}.fail-bg{background:#b91c1c}
svg{display:block;margin:10px 0;max-width:100%;height:auto}pre{background:#f3f4f6;padding:8px;overflow:auto;white-space:pre-wrap}`;

/** report.html: one self-contained page (inline CSS and SVG, no script) that opens offline. */
export function renderHtml(report: Report): string {
  const verdict = report.ok ? '<span class="badge pass-bg">all invariants hold</span>' : '<span class="badge fail-bg">invariant failed</span>';
  const invariants = table(
    ['', 'invariant', 'detail'],
    report.invariants.map((check) => [check.ok ? '<span class="ok">✓</span>' : '<span class="fail">✗</span>', esc(check.name), esc(check.detail)]),
  );
  const endpoints = table(
    ['endpoint', 'requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'non-2xx', 'unexpected', 'codes'],
    Object.entries(report.endpoints).map(([name, e]) => [
      esc(name), e.requests, e.rps, e.p50, e.p90, e.p99, e.max, e.errors, e.unexpected,
      esc(Object.entries(e.errorsByCode).map(([code, count]) => `${code} ${n(count)}`).join(', ')),
    ]),
  );
  const outcomes = table(['outcome', 'visitors'], Object.entries(report.visitors.outcomes).map(([outcome, count]) => [esc(outcome), count]));
  const samples = report.samples.length === 0
    ? '<p>None.</p>'
    : report.samples.map((s) => `<pre>+${s.atSeconds} s  ${esc(s.request)}${s.requestBody ? `\n${esc(s.requestBody)}` : ''}\n→ ${s.status || 'no answer'} ${esc(s.code ?? '')}\n${esc(s.response)}</pre>`).join('');
  const c = report.config;
  const final = report.final;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Banjjak load test: ${esc(report.scenario)}</title><style>${style}</style></head><body>
<h1>Load test: ${esc(report.scenario)} ${verdict}</h1>
<p class="meta">${esc(report.description)}<br>target ${esc(report.target)} · event ${esc(report.eventId)} · ${esc(report.startedAt)} · ${report.durationSeconds} s<br>
${n(c.visitors)} visitors · ${n(c.seats)} places · admission ${n(c.ratePerMinute)}/min · ${n(c.concurrency)} connections · budget ${c.budgetSeconds} s, ${n(c.maxRequests)} requests</p>
<h2>Invariants</h2>${invariants}
<h2>Endpoints</h2><p>${n(report.totals.requests)} requests, ${n(report.totals.rps)} req/s overall, ${n(report.totals.errors)} non-2xx (${n(report.totals.unexpected)} unexpected). Latency is measured by the client, from sending to the last byte.</p>${endpoints}
<h2>Charts</h2>${charts(report).join('\n')}
<h2>Visitors</h2><p>${n(report.visitors.joined)} joined, ${n(report.visitors.admitted)} admitted, ${n(report.visitors.booked)} booked.${final ? ` Final stats: ${n(final.booked)} booked, ${n(final.remaining)} left, servingSeq ${n(final.servingSeq)} of ${n(final.tailSeq)}, status ${esc(String(final.status))}.` : ''}</p>${outcomes}
<h2>Unexpected answers (samples)</h2>${samples}
${report.notes.length > 0 ? `<h2>Notes</h2><ul>${report.notes.map((note) => `<li>${esc(note)}</li>`).join('')}</ul>` : ''}
<p class="meta">report.json beside this file holds the same figures, and the per-second timeline.</p>
</body></html>
`;
}
