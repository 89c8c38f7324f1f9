import { Aws, Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';

export interface ReplicaAccessStackProps extends StackProps {
  /** The replica origin's live alias, in this stack's region. */
  replicaAlias: lambda.IAlias;
  distributionId: string;
}

/**
 * Lets the distribution call the replica origin's Function URL. Function URLs created since
 * October 2025 need both InvokeFunctionUrl and InvokeFunction (via the URL); a Lambda permission
 * must live in its function's region, so it is a stack of its own there, after the distribution.
 */
export class ReplicaAccessStack extends Stack {
  constructor(scope: Construct, id: string, props: ReplicaAccessStackProps) {
    super(scope, id, props);
    const sourceArn = `arn:${Aws.PARTITION}:cloudfront::${Aws.ACCOUNT_ID}:distribution/${props.distributionId}`;
    const principal = 'cloudfront.amazonaws.com';
    new lambda.CfnPermission(this, 'InvokeUrl', { principal, action: 'lambda:InvokeFunctionUrl', functionName: props.replicaAlias.functionArn, sourceArn, functionUrlAuthType: 'AWS_IAM' });
    new lambda.CfnPermission(this, 'Invoke', { principal, action: 'lambda:InvokeFunction', functionName: props.replicaAlias.functionArn, sourceArn, invokedViaFunctionUrl: true });
  }
}
