import { formatEndpoints, formatInvariants } from '../report/format-summary.js';
import { parseArtilleryArgs, usage } from './artillery-args.js';
import { runCli } from '../run-cli.js';
import { runArtilleryTest } from './run-artillery.js';

/**
 * `npm run loadtest:artillery -- ...`. Exit codes as `npm run loadtest`: 0 every invariant holds,
 * 1 an invariant failed or the run could not happen, 2 bad arguments (nothing sent).
 */
async function main(argv: string[]): Promise<number> {
  const parsed = parseArtilleryArgs(argv, process.env);
  if (parsed.kind === 'help') {
    console.log(usage);
    return 0;
  }
  if (parsed.kind === 'error') {
    console.error(`error: ${parsed.message}`);
    console.error(usage);
    return 2;
  }
  const { options } = parsed;
  console.log(`load goes to ${options.target}${options.allowRemote ? ' (--allow-remote)' : ''}`);
  const result = await runArtilleryTest(options, (line) => console.log(line));
  console.log(['', `Artillery flash crowd against ${options.target}, event ${result.event.id}:`, '', ...formatEndpoints(result.run.endpoints), '', ...formatInvariants(result.invariants), '', `checks: ${result.files.checks}`, result.ok ? 'all invariants hold' : 'INVARIANT FAILED (exit 1)'].join('\n'));
  return result.ok ? 0 : 1;
}

await runCli(() => main(process.argv.slice(2)));
