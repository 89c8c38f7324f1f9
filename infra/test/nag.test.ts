import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { addNagChecks } from '../lib/nag.js';
import { synthStage } from './synth-stage.js';

describe('cdk-nag AwsSolutions on every stack', () => {
  it.each(['dev', 'prod'])('%s: synthesizes with zero unacknowledged findings', (stage) => {
    const { app } = synthStage(stage, { nag: true });
    const started = performance.now();
    const assembly = app.synth(); // throws ValidationFailed listing any finding not acknowledged
    console.log(`cdk synth of ${stage} (${assembly.stacks.length} stacks, with cdk-nag): ${Math.round(performance.now() - started)} ms`);
    // Nothing left to look up (that would need credentials), and nothing CDK itself flags.
    expect(assembly.manifest.missing ?? []).toEqual([]);
    for (const stack of app.node.children.filter((child): child is Stack => child instanceof Stack)) {
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue()), stack.stackName).toEqual([]);
    }
    expect(assembly.stacks.map((stack) => stack.stackName)).toEqual(expect.arrayContaining([`Banjjak-${stage}-Data`, `Banjjak-${stage}-Distribution`, `Banjjak-${stage}-Edge`]));
  });

  it('fails synthesis on a finding nobody acknowledged', () => {
    const app = new App();
    addNagChecks(app);
    new s3.Bucket(new Stack(app, 'Careless', { env: { account: '111111111111', region: 'ap-northeast-2' } }), 'NoLogsNoTls');
    expect(() => app.synth()).toThrow(/S3 Bucket has server access logs disabled[\s\S]*AwsSolutions-S1/);
  });
});
