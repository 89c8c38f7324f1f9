import { OperatorError } from './operator/operator-api.js';
import { TargetUnreachable } from './run-load-test.js';

/**
 * The load tester's commands share their ending: the exit code of `main`, where a target that
 * does not answer or an operator API that refuses is one line and exit 1, not a stack trace.
 */
export async function runCli(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    if (!(error instanceof TargetUnreachable || error instanceof OperatorError)) throw error;
    console.error(`error: ${error.message}`);
    process.exitCode = 1;
  }
}
