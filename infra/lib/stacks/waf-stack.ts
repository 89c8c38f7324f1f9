import { Stack, type StackProps } from 'aws-cdk-lib';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';

export interface WafStackProps extends StackProps {
  config: StageConfig;
}

const visibility = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name });

/** A rate-based rule per IP on requests whose path matches, over 5 minutes. */
function rateRule(name: string, priority: number, limit: number, scopeDown?: wafv2.CfnWebACL.StatementProperty): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: 'rateLimited' } } },
    statement: { rateBasedStatement: { limit, aggregateKeyType: 'IP', evaluationWindowSec: 300, ...(scopeDown && { scopeDownStatement: scopeDown }) } },
    visibilityConfig: visibility(name),
  };
}

const pathIs = (positional: 'EXACTLY' | 'STARTS_WITH' | 'ENDS_WITH', value: string): wafv2.CfnWebACL.StatementProperty => ({
  byteMatchStatement: { fieldToMatch: { uriPath: {} }, positionalConstraint: positional, searchString: value, textTransformations: [{ priority: 0, type: 'NONE' }] },
});

function managed(name: string, priority: number, scopeDown?: wafv2.CfnWebACL.StatementProperty): wafv2.CfnWebACL.RuleProperty {
  return {
    name,
    priority,
    overrideAction: { none: {} },
    statement: { managedRuleGroupStatement: { vendorName: 'AWS', name, ...(scopeDown && { scopeDownStatement: scopeDown }) } },
    visibilityConfig: visibility(name),
  };
}

/**
 * The CLOUDFRONT-scope web ACL (us-east-1). Limits are generous per IP because carrier NAT puts
 * many phones behind one address; the edge's own per-client limits and the queue do the fine
 * work. Refusals are 429 problem+json, like the app's own.
 */
export class WafStack extends Stack {
  readonly webAclArn: string;

  constructor(scope: Construct, id: string, props: WafStackProps) {
    super(scope, id, props);
    const { waf } = props.config;
    const join = { andStatement: { statements: [pathIs('STARTS_WITH', '/api/queue/'), pathIs('ENDS_WITH', '/join')] } };
    // The edge function's own GETs of cached documents (state, keys) come from a few Lambda@Edge
    // addresses and carry x-banjjak-edge-read: they stay out of the per-IP ceiling, or /status
    // would fail closed at scale. Spoofing the header buys only cached GETs.
    const edgeRead: wafv2.CfnWebACL.StatementProperty = {
      andStatement: {
        statements: [
          { byteMatchStatement: { fieldToMatch: { method: {} }, positionalConstraint: 'EXACTLY', searchString: 'GET', textTransformations: [{ priority: 0, type: 'NONE' }] } },
          { sizeConstraintStatement: { fieldToMatch: { singleHeader: { Name: 'x-banjjak-edge-read' } }, comparisonOperator: 'GT', size: 0, textTransformations: [{ priority: 0, type: 'NONE' }] } },
        ],
      },
    };
    const rules: wafv2.CfnWebACL.RuleProperty[] = [
      rateRule('IpCeiling', 0, waf.ipCeilingPer5Min, { notStatement: { statement: edgeRead } }),
      rateRule('GuestIdentity', 1, waf.guestPer5Min, pathIs('EXACTLY', '/api/auth/guest')),
      rateRule('Login', 2, waf.loginPer5Min, pathIs('EXACTLY', '/api/auth/login')),
      rateRule('Join', 3, waf.joinPer5Min, join),
      // The booking body is JSON of a few hundred bytes; the size rule's 8 KB is not in our way.
      managed('AWSManagedRulesCommonRuleSet', 10),
      managed('AWSManagedRulesKnownBadInputsRuleSet', 11),
      // Bot Control is billed per request it inspects: only where a bot gains something (an
      // identity, a place, a booking), not on the polls and cached reads.
      ...(waf.botControl ? [managed('AWSManagedRulesBotControlRuleSet', 12, { orStatement: { statements: [pathIs('STARTS_WITH', '/api/auth/'), join, { andStatement: { statements: [pathIs('STARTS_WITH', '/api/events/'), pathIs('ENDS_WITH', '/bookings')] } }] } })] : []),
    ];
    const acl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: `banjjak-${props.config.stage}`,
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      rules,
      customResponseBodies: {
        rateLimited: {
          contentType: 'APPLICATION_JSON',
          content: JSON.stringify({ type: 'about:blank', title: 'Too many requests', status: 429, code: 'rate_limited', detail: 'slow down and try again in a minute' }),
        },
      },
      visibilityConfig: visibility(`banjjak-${props.config.stage}`),
    });
    this.webAclArn = acl.attrArn;
  }
}
