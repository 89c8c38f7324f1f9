import type { EventStats } from '../../core/index.js';
import type { TimelinePoint } from '../report/report.js';

export interface ProgressSink {
  update(point: TimelinePoint, stats: EventStats | undefined, totals: { requests: number; unexpected: number }): void;
  end(): void;
}

const n = (value: number) => value.toLocaleString('en-US');

/**
 * One line rewritten in place (`\r`) on a terminal; on a pipe or in CI, where `\r` would pile up
 * into one huge line, a plain line every five seconds instead.
 */
export function createProgressLine(stream: NodeJS.WriteStream, label: string, visitors: number): ProgressSink {
  const tty = stream.isTTY;
  let lastPrinted = Number.NEGATIVE_INFINITY;
  let drawn = false;
  return {
    update(point, stats, totals) {
      const rps = Object.values(point.endpoints).reduce((sum, endpoint) => sum + endpoint.requests, 0);
      const { joined, admitted, booked, done } = point.visitors;
      const queue = stats ? ` | waiting ${n(stats.waiting)} serving ${n(stats.servingSeq)}/${n(stats.tailSeq)}` : '';
      const line =
        `${label} ${point.t.toFixed(0)}s | ${n(totals.requests)} req (${n(rps)}/s) | joined ${n(joined)} admitted ${n(admitted)} booked ${n(booked)} done ${n(done)}/${n(visitors)}` +
        `${queue} | unexpected ${n(totals.unexpected)}`;
      if (tty) {
        const width = stream.columns > 20 ? stream.columns - 1 : line.length;
        stream.write(`\r\x1b[2K${line.slice(0, width)}`);
        drawn = true;
      } else if (point.t - lastPrinted >= 5) {
        stream.write(`${line}\n`);
        lastPrinted = point.t;
      }
    },
    end() {
      if (tty && drawn) stream.write('\n');
    },
  };
}
