import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { synthStage } from './synth-stage.js';

const dev = synthStage('dev');
const prod = synthStage('prod');
const template = Template.fromStack(dev.stacks.distribution);
const config = () => Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
type Behavior = { PathPattern: string; CachePolicyId: unknown; LambdaFunctionAssociations?: unknown[]; AllowedMethods: string[]; TargetOriginId: string };
const behavior = (pattern: string) => (config().CacheBehaviors as Behavior[]).find((entry) => entry.PathPattern === pattern)!;
/** The cache policy a behaviour points to, by its logical id in this template. */
const policyOf = (entry: Behavior) => {
  const ref = (entry.CachePolicyId as { Ref?: string }).Ref;
  return ref ? template.toJSON().Resources[ref].Properties.CachePolicyConfig : entry.CachePolicyId;
};

describe('distribution', () => {
  it('lets CloudFront, and only this distribution, invoke the Function URL: both InvokeFunctionUrl and InvokeFunction', () => {
    const sourceArn = Match.objectLike({ 'Fn::Join': Match.anyValue() });
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunctionUrl', Principal: 'cloudfront.amazonaws.com', SourceArn: sourceArn });
    template.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', Principal: 'cloudfront.amazonaws.com', InvokedViaFunctionUrl: true, SourceArn: sourceArn });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 'lambda', SigningBehavior: 'always', SigningProtocol: 'sigv4' }) });
  });

  it('caches state and event JSON for 1 s (min 0, compressed), the catalog 30 s keyed by limit and cursor only', () => {
    for (const pattern of ['/api/queue/*/state', '/api/events/*']) {
      expect(policyOf(behavior(pattern))).toMatchObject({ MinTTL: 0, DefaultTTL: 1, MaxTTL: 1, ParametersInCacheKeyAndForwardedToOrigin: { EnableAcceptEncodingGzip: true, EnableAcceptEncodingBrotli: true } });
    }
    expect(policyOf(behavior('/api/catalog'))).toMatchObject({
      DefaultTTL: 30,
      ParametersInCacheKeyAndForwardedToOrigin: { QueryStringsConfig: { QueryStringBehavior: 'whitelist', QueryStrings: ['limit', 'cursor'] } },
    });
    expect(policyOf(behavior('/api/events/*/fairness'))).toMatchObject({
      MinTTL: 0,
      MaxTTL: 86_400,
      ParametersInCacheKeyAndForwardedToOrigin: { QueryStringsConfig: { QueryStringBehavior: 'whitelist', QueryStrings: ['part'] } },
    });
    expect(policyOf(behavior('/hls/*.m3u8'))).toMatchObject({ MaxTTL: 1 });
    expect(policyOf(behavior('/hls/*'))).toMatchObject({ DefaultTTL: 31_536_000 });
  });

  it('runs the edge function on origin-request with the body for writes, which are never cached', () => {
    for (const pattern of ['/api/*', '/api/events/*/bookings']) {
      const entry = behavior(pattern);
      expect(entry.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad'); // CachingDisabled
      expect(entry.AllowedMethods).toContain('POST');
      expect(entry.LambdaFunctionAssociations).toEqual([expect.objectContaining({ EventType: 'origin-request', IncludeBody: true })]);
    }
    // Cached reads run no function: the edge fetches them through this cache, so no loop.
    expect(behavior('/api/queue/*/state').LambdaFunctionAssociations).toBeUndefined();
    // Writes come before the event JSON pattern that would otherwise swallow them.
    const order = (config().CacheBehaviors as Behavior[]).map((entry) => entry.PathPattern);
    expect(order.indexOf('/api/events/*/bookings')).toBeLessThan(order.indexOf('/api/events/*'));
    expect(order.indexOf('/api/events/*/fairness')).toBeLessThan(order.indexOf('/api/events/*'));
    expect(order.at(-1)).toBe('/api/*');
  });

  it('serves the app from S3 through OAC, with Origin Shield, the WAF, TLS 1.2 and a custom domain', () => {
    const distribution = config();
    expect(distribution.Aliases).toEqual(['dev.drops.example.com']);
    expect(distribution.ViewerCertificate).toMatchObject({ MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(distribution.WebACLId).toBeDefined();
    expect(distribution.Origins).toEqual(expect.arrayContaining([expect.objectContaining({ OriginShield: { Enabled: true, OriginShieldRegion: 'ap-northeast-2' } })]));
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', { OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3' }) });
  });

  it('sends HSTS, CSP with frame-ancestors and no inline scripts, nosniff, a referrer and a permissions policy on every answer', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: Match.objectLike({ AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true }),
          ContentSecurityPolicy: { ContentSecurityPolicy: Match.stringLikeRegexp("frame-ancestors 'none'"), Override: true },
          ContentTypeOptions: { Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        }),
        CustomHeadersConfig: { Items: [Match.objectLike({ Header: 'Permissions-Policy', Value: Match.stringLikeRegexp('camera=\\(\\)') })] },
      },
    });
    const csp = JSON.stringify(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    expect(csp).toContain("script-src 'self';");
  });

  it('fails cached reads over to the replica region, never writes (prod)', () => {
    const prodTemplate = Template.fromStack(prod.stacks.distribution);
    const distribution = Object.values(prodTemplate.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    const groups = distribution.OriginGroups;
    expect(groups.Quantity).toBe(1);
    expect(groups.Items[0].FailoverCriteria.StatusCodes.Items).toEqual([500, 502, 503, 504]);
    const groupId = groups.Items[0].Id;
    const entries = distribution.CacheBehaviors as Behavior[];
    expect(entries.find((entry) => entry.PathPattern === '/api/queue/*/state')!.TargetOriginId).toBe(groupId);
    expect(entries.find((entry) => entry.PathPattern === '/api/*')!.TargetOriginId).not.toBe(groupId);
    const access = Template.fromStack(prod.stacks.replicaAccess!);
    access.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunctionUrl', FunctionUrlAuthType: 'AWS_IAM' });
    access.hasResourceProperties('AWS::Lambda::Permission', { Action: 'lambda:InvokeFunction', InvokedViaFunctionUrl: true });
    expect(prod.stacks.replicaAccess!.region).toBe('ap-northeast-1');
  });
});

describe('waf', () => {
  it('limits guest, login and join per IP with the config thresholds, plus AWS managed rules; Bot Control only when asked', () => {
    const acl = (stage: typeof dev) => Object.values(Template.fromStack(stage.stacks.waf).findResources('AWS::WAFv2::WebACL'))[0]!.Properties;
    const devAcl = acl(dev);
    expect(devAcl.Scope).toBe('CLOUDFRONT');
    expect(dev.stacks.waf.region).toBe('us-east-1');
    const limits = Object.fromEntries(devAcl.Rules.filter((rule: { Statement: object }) => 'RateBasedStatement' in rule.Statement).map((rule: { Name: string; Statement: { RateBasedStatement: { Limit: number } } }) => [rule.Name, rule.Statement.RateBasedStatement.Limit]));
    expect(limits).toEqual({ IpCeiling: 50_000, GuestIdentity: 3_000, Login: 500, Join: 6_000 });
    const managed = (rules: { Statement: { ManagedRuleGroupStatement?: { Name: string } } }[]) => rules.flatMap((rule) => rule.Statement.ManagedRuleGroupStatement?.Name ?? []);
    expect(managed(devAcl.Rules)).toEqual(['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet']);
    const ceiling = devAcl.Rules.find((rule: { Name: string }) => rule.Name === 'IpCeiling').Statement.RateBasedStatement.ScopeDownStatement;
    expect(JSON.stringify(ceiling)).toContain('x-banjjak-edge-read');
    expect(ceiling.NotStatement).toBeDefined();
    const prodAcl = acl(prod);
    expect(managed(prodAcl.Rules)).toContain('AWSManagedRulesBotControlRuleSet');
    expect(prodAcl.Rules.find((rule: { Name: string }) => rule.Name === 'Login').Statement.RateBasedStatement.Limit).toBe(300);
  });
});

describe('monitoring', () => {
  it('has a dashboard and alarms that notify the SNS topic, the CloudFront alarm in us-east-1', () => {
    const template = Template.fromStack(prod.stacks.monitoring);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'oncall@example.com' });
    const alarms = Object.values(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThanOrEqual(4);
    for (const alarm of alarms) expect(alarm.Properties.AlarmActions).toHaveLength(1);
    expect(prod.stacks.edgeAlarms.region).toBe('us-east-1');
    Template.fromStack(prod.stacks.edgeAlarms).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5xxErrorRate', Namespace: 'AWS/CloudFront' });
  });
});
