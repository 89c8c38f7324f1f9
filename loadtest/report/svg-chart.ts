/** Small inline-SVG charts: the report must open offline, with no script and no CDN. */

export interface Series {
  name: string;
  points: [number, number][];
}

export interface Bar {
  name: string;
  value: number;
}

const palette = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#475569', '#ea580c'];
export const colorOf = (index: number) => palette[index % palette.length] ?? '#000';

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** 1, 2 or 5 × 10^k: axis steps people read at a glance. */
function niceStep(range: number, ticks: number): number {
  const raw = range / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

function axisMax(value: number): { max: number; step: number } {
  const step = niceStep(value > 0 ? value : 1, 5);
  return { max: Math.max(step, Math.ceil(value / step) * step), step };
}

const label = (value: number) => (Math.abs(value) >= 10_000 ? `${Math.round(value / 1000)}k` : Number.isInteger(value) ? String(value) : value.toFixed(1));

const frame = { left: 56, right: 16, top: 34, bottom: 40 };
const DEFAULT_WIDTH = 1040;

/** Legend entries laid out in rows under the plot; returns the markup and how many rows it took. */
function legend(names: string[], width: number, top: number): { svg: string; rows: number } {
  let x = frame.left;
  let row = 0;
  const items = names.map((name, index) => {
    const itemWidth = 24 + name.length * 6.5;
    if (x + itemWidth > width - frame.right && x > frame.left) {
      x = frame.left;
      row += 1;
    }
    const y = top + row * 16;
    const item = `<rect x="${x}" y="${y - 9}" width="10" height="10" fill="${colorOf(index)}"/><text x="${x + 14}" y="${y}" font-size="11">${escapeXml(name)}</text>`;
    x += itemWidth;
    return item;
  });
  return { svg: items.join(''), rows: names.length === 0 ? 0 : row + 1 };
}

function yAxis(max: number, step: number, plotHeight: number, width: number, unit: string): string {
  const lines: string[] = [];
  for (let value = 0; value <= max + step / 2; value += step) {
    const y = frame.top + plotHeight - (value / max) * plotHeight;
    lines.push(`<line x1="${frame.left}" x2="${width - frame.right}" y1="${y}" y2="${y}" stroke="#e5e7eb"/>`);
    lines.push(`<text x="${frame.left - 6}" y="${y + 4}" font-size="10" text-anchor="end">${label(value)}</text>`);
  }
  lines.push(`<text x="12" y="${frame.top - 10}" font-size="10" fill="#6b7280">${escapeXml(unit)}</text>`);
  return lines.join('');
}

/** A line per series over time (x in seconds). */
export function lineChart(options: { title: string; unit: string; series: Series[]; width?: number; height?: number }): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const plotBottom = options.height ?? 280;
  const key = legend(options.series.map((series) => series.name), width, plotBottom - 6);
  const height = plotBottom + Math.max(0, key.rows - 1) * 16;
  const plotWidth = width - frame.left - frame.right;
  const plotHeight = plotBottom - frame.top - frame.bottom;
  const all = options.series.flatMap((series) => series.points);
  const xMax = Math.max(1, ...all.map(([x]) => x));
  const { max, step } = axisMax(Math.max(0, ...all.map(([, y]) => y)));
  const px = (x: number) => frame.left + (x / xMax) * plotWidth;
  const py = (y: number) => frame.top + plotHeight - (y / max) * plotHeight;
  const xStep = niceStep(xMax, 8);
  const xTicks: string[] = [];
  for (let x = 0; x <= xMax; x += xStep) xTicks.push(`<text x="${px(x)}" y="${plotBottom - 22}" font-size="10" text-anchor="middle">${label(x)}</text>`);
  const paths = options.series.map((series, index) => {
    const d = series.points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join('');
    return `<path d="${d}" fill="none" stroke="${colorOf(index)}" stroke-width="1.6"><title>${escapeXml(series.name)}</title></path>`;
  });
  const empty = all.length === 0 ? `<text x="${width / 2}" y="${plotBottom / 2}" text-anchor="middle" fill="#6b7280">no data</text>` : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}" font-family="system-ui, sans-serif">`,
    `<text x="${frame.left}" y="16" font-size="13" font-weight="600">${escapeXml(options.title)}</text>`,
    yAxis(max, step, plotHeight, width, options.unit),
    ...xTicks,
    `<text x="${width - frame.right}" y="${plotBottom - 22}" font-size="10" text-anchor="end" fill="#6b7280">s</text>`,
    ...paths,
    empty,
    key.svg,
    '</svg>',
  ].join('');
}

/** Grouped vertical bars: one group per label, one colour per bar name. */
export function barChart(options: { title: string; unit: string; groups: { label: string; bars: Bar[] }[]; width?: number; height?: number }): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const plotBottom = options.height ?? 280;
  const names = [...new Set(options.groups.flatMap((group) => group.bars.map((bar) => bar.name)))];
  const key = names.length > 1 ? legend(names, width, plotBottom - 6) : { svg: '', rows: 1 };
  const height = plotBottom + Math.max(0, key.rows - 1) * 16;
  const plotWidth = width - frame.left - frame.right;
  const plotHeight = plotBottom - frame.top - frame.bottom - 14;
  const { max, step } = axisMax(Math.max(0, ...options.groups.flatMap((group) => group.bars.map((bar) => bar.value))));
  const groupWidth = plotWidth / Math.max(1, options.groups.length);
  const barWidth = Math.max(2, Math.min(28, (groupWidth - 10) / Math.max(1, names.length)));
  const shapes = options.groups.flatMap((group, g) => {
    const x0 = frame.left + g * groupWidth + (groupWidth - barWidth * group.bars.length) / 2;
    const bars = group.bars.map((bar, b) => {
      const h = (bar.value / max) * plotHeight;
      const x = x0 + b * barWidth;
      return `<rect x="${x.toFixed(1)}" y="${(frame.top + plotHeight - h).toFixed(1)}" width="${(barWidth - 1).toFixed(1)}" height="${h.toFixed(1)}" fill="${colorOf(names.indexOf(bar.name))}"><title>${escapeXml(`${group.label} ${bar.name}: ${label(bar.value)} ${options.unit}`)}</title></rect>`;
    });
    const text = `<text x="${(frame.left + g * groupWidth + groupWidth / 2).toFixed(1)}" y="${frame.top + plotHeight + 14}" font-size="10" text-anchor="middle">${escapeXml(group.label)}</text>`;
    return [...bars, text];
  });
  const empty = options.groups.length === 0 ? `<text x="${width / 2}" y="${plotBottom / 2}" text-anchor="middle" fill="#6b7280">none</text>` : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeXml(options.title)}" font-family="system-ui, sans-serif">`,
    `<text x="${frame.left}" y="16" font-size="13" font-weight="600">${escapeXml(options.title)}</text>`,
    yAxis(max, step, plotHeight, width, options.unit),
    ...shapes,
    empty,
    key.svg,
    '</svg>',
  ].join('');
}
