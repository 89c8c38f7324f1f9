import { etaSeconds, refreshAfterMs } from '../../core/index.js';

export interface PollLoadInput {
  /** Visitors waiting in line. */
  visitors: number;
  /** Admission rate, visitors per minute. */
  ratePerMinute: number;
  /** The naive client's fixed interval, in seconds. */
  fixedPollSeconds: number;
}

export interface PollLoad {
  /** Requests per second on the edge right now, with everyone in line. */
  adaptiveRps: number;
  fixedRps: number;
  /** fixedRps / adaptiveRps. */
  ratio: number;
  /** Time to let everyone in at the rate, in seconds. */
  drainSeconds: number;
  /** The same two rates averaged over the whole drain (the line shortens as it is served). */
  adaptiveAverageRps: number;
  fixedAverageRps: number;
  /** Polls per visitor, on average, from joining to admission. */
  adaptivePollsPerVisitor: number;
  fixedPollsPerVisitor: number;
}

/**
 * What a line of waiting visitors costs the edge: each visitor at position p polls every
 * `refreshAfterMs(etaSeconds(p, rate))` (the same core functions the edge and the web app use),
 * against a client that polls every few seconds whatever its position. Jitter (±10%) moves single
 * polls, not the mean, so it is left out.
 */
export function pollLoadModel(input: PollLoadInput): PollLoad {
  const { visitors, ratePerMinute, fixedPollSeconds } = input;
  // load[n]: requests per second of a line of n visitors (positions 1..n), built as a prefix sum.
  let load = 0;
  let loadSum = 0;
  for (let position = 1; position <= visitors; position += 1) {
    load += 1000 / refreshAfterMs(etaSeconds(position, ratePerMinute));
    loadSum += load;
  }
  const fixedLoad = (n: number) => n / fixedPollSeconds;
  const secondsPerAdmission = 60 / ratePerMinute;
  // The line shrinks by one every `secondsPerAdmission`, so the drain spends that long at each length n.
  const adaptiveTotal = loadSum * secondsPerAdmission;
  const fixedTotal = ((visitors * (visitors + 1)) / 2 / fixedPollSeconds) * secondsPerAdmission;
  const drainSeconds = visitors * secondsPerAdmission;
  return {
    adaptiveRps: load,
    fixedRps: fixedLoad(visitors),
    ratio: fixedLoad(visitors) / load,
    drainSeconds,
    adaptiveAverageRps: adaptiveTotal / drainSeconds,
    fixedAverageRps: fixedTotal / drainSeconds,
    adaptivePollsPerVisitor: adaptiveTotal / visitors,
    fixedPollsPerVisitor: fixedTotal / visitors,
  };
}

const number = (value: number, digits = 0) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function duration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}

/** "9.9× fewer" or "1.2× more": short lines poll near the front, where the policy polls every second. */
function compare(fixed: number, adaptive: number): string {
  return fixed >= adaptive ? `${number(fixed / adaptive, 1)}× fewer` : `${number(adaptive / fixed, 1)}× more`;
}

export function formatPollLoad(input: PollLoadInput, load: PollLoad): string {
  const row = (label: string, now: string, average: string, perVisitor: string) =>
    `  ${label.padEnd(32)}${now.padStart(14)}${average.padStart(20)}${perVisitor.padStart(20)}`;
  return [
    `Poll load of ${number(input.visitors)} waiting visitors, admitted at ${number(input.ratePerMinute)}/min (the line drains in ${duration(load.drainSeconds)})`,
    '',
    row('', 'req/s now', 'req/s over drain', 'polls per visitor'),
    row('adaptive (core refreshAfterMs)', number(load.adaptiveRps), number(load.adaptiveAverageRps), number(load.adaptivePollsPerVisitor, 1)),
    row(`fixed ${input.fixedPollSeconds} s poll`, number(load.fixedRps), number(load.fixedAverageRps), number(load.fixedPollsPerVisitor, 1)),
    row('adaptive vs fixed', compare(load.fixedRps, load.adaptiveRps), compare(load.fixedAverageRps, load.adaptiveAverageRps), ''),
    '',
    '  Each poll is answered by the edge from one cached state document (<= 1 s old): the origin sees',
    '  about one state read per second per edge location, whatever the length of the line.',
  ].join('\n');
}
