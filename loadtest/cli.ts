import { parseArgs, usage } from './args.js';
import { formatPollLoad, pollLoadModel } from './model/poll-load-model.js';
import { formatPlaybackSummary } from './playback/playback-report.js';
import { runPlayback } from './playback/run-playback.js';
import { createProgressLine } from './progress/progress-line.js';
import { formatSummary } from './report/format-summary.js';
import { runLoadTest } from './run-load-test.js';
import { runCli } from './run-cli.js';

/**
 * `npm run loadtest -- ...`. Exit codes: 0 every invariant holds, 1 an invariant failed or the
 * run could not happen (unreachable target, operator API refused), 2 bad arguments (nothing sent).
 */
async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, process.env);
  switch (parsed.kind) {
    case 'help':
      console.log(usage);
      return 0;
    case 'error':
      console.error(`error: ${parsed.message}`);
      console.error(usage);
      return 2;
    case 'model':
      console.log(formatPollLoad(parsed.options, pollLoadModel(parsed.options)));
      return 0;
    case 'playback':
    case 'run':
      break;
  }
  // First Ctrl-C ends the scenario early and still checks and writes the report; a second one quits.
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    const doing = parsed.kind === 'playback' ? 'writing the report' : 'checking invariants and writing the report';
    (parsed.kind === 'playback' ? console.error : console.log)(`\nstopping: ${doing} (Ctrl-C again to quit)`);
    interrupt.abort(new Error('interrupted'));
    process.once('SIGINT', () => process.exit(130));
  });
  if (parsed.kind === 'playback') {
    const { options } = parsed;
    // With --json, stdout carries the report alone; the progress goes to stderr.
    const { report, file } = await runPlayback(options, { log: (line) => (options.json ? console.error(line) : console.log(line)), stop: interrupt.signal });
    console.log(options.json ? JSON.stringify(report, null, 2) : formatPlaybackSummary(report, file));
    return report.ok ? 0 : 1;
  }
  const { options } = parsed;
  const { report, files } = await runLoadTest(options, {
    log: (line) => console.log(line),
    progress: createProgressLine(process.stdout, options.scenario, options.visitors),
    stop: interrupt.signal,
  });
  console.log(formatSummary(report, files));
  return report.ok ? 0 : 1;
}

await runCli(() => main(process.argv.slice(2)));
