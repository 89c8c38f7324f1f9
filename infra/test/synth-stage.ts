import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBanjjakStacks } from '../lib/banjjak-app.js';
import { loadStageConfig, type StageConfig } from '../lib/config.js';
import { addNagChecks } from '../lib/nag.js';

/**
 * A stage's stacks in an app of their own. The two bundles are stand-ins: the templates depend
 * only on where the code is, not on what it holds (the bundles themselves are built and run by
 * the origin and edge runtime tests).
 */
export function synthStage(stage: string | StageConfig, options: { nag?: boolean } = {}) {
  const config = typeof stage === 'string' ? loadStageConfig(stage) : stage;
  const dir = mkdtempSync(join(tmpdir(), 'banjjak-infra-'));
  const write = (name: string, file: string) => {
    const folder = mkdtempSync(join(dir, `${name}-`));
    writeFileSync(join(folder, file), 'export const handler = async () => ({ status: "200" });\n');
    return folder;
  };
  // The feature flags of cdk.json, so the tests synthesize what `npx cdk synth` does.
  const { context } = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as { context: Record<string, unknown> };
  const app = new App({ outdir: join(dir, 'cdk.out'), context });
  if (options.nag) addNagChecks(app);
  const stacks = createBanjjakStacks(app, config, { originDir: write('origin', 'index.mjs'), edgeDir: write('edge', 'lambda-edge.mjs') });
  return { app, config, stacks, template: (stack: Parameters<typeof Template.fromStack>[0]) => Template.fromStack(stack) };
}
