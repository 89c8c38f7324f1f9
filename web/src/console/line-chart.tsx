import { createMemo, For, Show } from 'solid-js';
import { formatNumber } from '../i18n/format.js';
import { t } from '../i18n/i18n.js';
import { linearScale, linePath, niceTicks } from './chart-scale.js';

export interface ChartSeries {
  name: string;
  /** A CSS colour (the series' `--series-n` variable). */
  color: string;
  /** One value per time in `times`; null for no sample. */
  values: readonly (number | null)[];
}

export interface LineChartProps {
  title: string;
  /** Epoch milliseconds, ascending. */
  times: readonly number[];
  series: readonly ChartSeries[];
  /** The rows of the text alternative (the latest ones). @default 5 */
  tableRows?: number;
}

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 12, right: 16, bottom: 28, left: 56 };

const clock = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/**
 * Lines over time in plain SVG: a y axis of round counts, times on x, a legend, and for people who
 * cannot see it an `aria-label` with the latest figures and a table of the latest samples.
 */
export function LineChart(props: LineChartProps) {
  const top = createMemo(() => niceTicks(Math.max(0, ...props.series.flatMap((series) => series.values.filter((value): value is number => value !== null)))));
  const x = createMemo(() => linearScale([props.times[0] ?? 0, props.times[props.times.length - 1] ?? 1], [PAD.left, WIDTH - PAD.right]));
  const y = createMemo(() => linearScale([0, top()[top().length - 1] ?? 1], [HEIGHT - PAD.bottom, PAD.top]));
  const latest = (series: ChartSeries) => series.values[series.values.length - 1];
  const summary = () =>
    t('console.chart.summary', {
      title: props.title,
      figures: props.series.map((series) => `${series.name} ${formatValue(latest(series))}`).join(', '),
    });
  const xTicks = () => (props.times.length < 2 ? props.times : [props.times[0]!, props.times[Math.floor((props.times.length - 1) / 2)]!, props.times[props.times.length - 1]!]);
  const rows = () => props.times.map((at, index) => ({ at, index })).slice(-(props.tableRows ?? 5)).reverse();

  return (
    <figure class="chart">
      <figcaption class="chart-title">{props.title}</figcaption>
      <svg class="chart-svg" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary()} preserveAspectRatio="none">
        <For each={top()}>
          {(tick) => (
            <g class="chart-grid">
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y()(tick)} y2={y()(tick)} />
              <text x={PAD.left - 6} y={y()(tick)} text-anchor="end" dominant-baseline="middle">
                {formatNumber(tick)}
              </text>
            </g>
          )}
        </For>
        <For each={xTicks()}>
          {(at, index) => (
            <text class="chart-axis" x={x()(at)} y={HEIGHT - 8} text-anchor={index() === 0 ? 'start' : index() === xTicks().length - 1 ? 'end' : 'middle'}>
              {clock(at)}
            </text>
          )}
        </For>
        <For each={props.series}>
          {(series) => (
            <path
              class="chart-line"
              d={linePath(props.times.map((at, index) => ({ x: at, y: series.values[index] ?? null })), x(), y())}
              stroke={series.color}
              data-series={series.name}
            />
          )}
        </For>
      </svg>
      <ul class="chart-legend">
        <For each={props.series}>
          {(series) => (
            <li>
              <span class="chart-swatch" style={{ background: series.color }} aria-hidden="true" />
              {series.name} <strong>{formatValue(latest(series))}</strong>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.times.length > 0}>
        <details class="chart-table">
          <summary>{t('console.chart.showTable')}</summary>
          <table>
            <caption>{props.title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('console.chart.time')}</th>
                <For each={props.series}>{(series) => <th scope="col">{series.name}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={rows()}>
                {(row) => (
                  <tr>
                    <th scope="row">{clock(row.at)}</th>
                    <For each={props.series}>{(series) => <td>{formatValue(series.values[row.index])}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </details>
      </Show>
    </figure>
  );
}

const formatValue = (value: number | null | undefined) => (value === null || value === undefined ? '–' : formatNumber(value));
