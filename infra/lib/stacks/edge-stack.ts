import { Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';

export interface EdgeStackProps extends StackProps {
  config: StageConfig;
  /** `dist/edge` (tools/build-edge.ts): the Lambda@Edge bundle with its config baked in. */
  codeDir: string;
}

/**
 * The edge app as a Lambda@Edge origin-request function, in us-east-1 (where Lambda@Edge must
 * live). It has no environment: the public URL and the limits are baked in at build time.
 * CloudFront attaches a numbered version; old versions are retained because their replicas
 * outlive a deployment.
 */
export class EdgeStack extends Stack {
  readonly version: lambda.IVersion;

  constructor(scope: Construct, id: string, props: EdgeStackProps) {
    super(scope, id, props);
    const role = new iam.Role(this, 'Role', {
      assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('lambda.amazonaws.com'), new iam.ServicePrincipal('edgelambda.amazonaws.com')),
      description: 'Banjjak Lambda@Edge: writes its own logs in whichever region serves the viewer',
    });
    // Lambda@Edge logs to /aws/lambda/us-east-1.<name> in the region of each edge location.
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [`arn:${this.partition}:logs:*:${this.account}:log-group:/aws/lambda/us-east-1.banjjak-edge-${props.config.stage}*`],
      }),
    );
    const fn = new lambda.Function(this, 'Edge', {
      functionName: `banjjak-edge-${props.config.stage}`,
      description: 'Banjjak edge: waiting-room shield and signer of origin requests',
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.X86_64, // Lambda@Edge runs x86_64 only
      handler: 'lambda-edge.handler',
      code: lambda.Code.fromAsset(props.codeDir),
      memorySize: 512,
      timeout: Duration.seconds(10),
      role,
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN },
    });
    this.version = fn.currentVersion;
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:logs:*:${props.config.account}:log-group:/aws/lambda/us-east-1.banjjak-edge-${props.config.stage}*]`,
      reason: 'Lambda@Edge writes its logs in the region of each edge location that runs it: any region, this function\'s log groups only',
    });
    Validations.of(fn).acknowledge({ id: 'AwsSolutions-L1', reason: 'Node.js 22 is the runtime the bundle targets and tests on; moving to 24 is a deliberate upgrade' });
  }
}
