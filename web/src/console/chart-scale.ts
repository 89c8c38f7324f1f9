/** Plain-SVG chart geometry: scales, round axis ticks, and line paths with gaps for missing values. */

export type Scale = (value: number) => number;

/** Maps `domain` onto `range` linearly; a zero-width domain maps everything to the range's start. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/**
 * Round ticks from 0 to at least `max`, about `count` of them, on steps of 1, 2 or 5 × 10ⁿ (never
 * below 1: the figures are counts). The last tick is the top of the axis.
 */
export function niceTicks(max: number, count = 4): number[] {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= rough) ?? 10 * power);
  const ticks: number[] = [];
  for (let tick = 0; ticks.length === 0 || ticks[ticks.length - 1]! < max; tick += step) ticks.push(tick);
  return ticks;
}

/** A point of a line; `y: null` is a gap (a minute with no sample), which breaks the line. */
export interface ChartPoint {
  x: number;
  y: number | null;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** An SVG path `d` through the points in order: `M` starts each run of values, `L` continues it. */
export function linePath(points: readonly ChartPoint[], x: Scale, y: Scale): string {
  const parts: string[] = [];
  let drawing = false;
  for (const point of points) {
    if (point.y === null) {
      drawing = false;
      continue;
    }
    parts.push(`${drawing ? 'L' : 'M'}${round(x(point.x))} ${round(y(point.y))}`);
    drawing = true;
  }
  return parts.join(' ');
}
