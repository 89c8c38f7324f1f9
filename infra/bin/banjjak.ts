import { App } from 'aws-cdk-lib';
import { resolve } from 'node:path';
import { buildEdge } from '../../tools/build-edge.js';
import { buildOriginLambda } from '../../tools/build-origin-lambda.js';
import { createBanjjakStacks } from '../lib/banjjak-app.js';
import { edgeBuildConfig, loadStageConfig } from '../lib/config.js';
import { addNagChecks } from '../lib/nag.js';

// `npx cdk synth` / `npx cdk deploy --all` (cdk.json), `-c stage=prod` for infra/config/prod.json.
const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
const config = loadStageConfig(stage);
const root = resolve(import.meta.dirname, '../..');

// Both bundles are built here, before synthesis: the origin with its Lua scripts, the edge with
// this stage's public URL and limits baked in (Lambda@Edge has no environment variables).
const originDir = resolve(root, 'dist/origin-lambda');
const edgeDir = resolve(root, `dist/edge-${stage}`);
await buildOriginLambda(originDir);
await buildEdge(edgeBuildConfig(config), edgeDir);

addNagChecks(app);
createBanjjakStacks(app, config, { originDir, edgeDir });
app.synth();
