import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';

type Json = unknown;

/**
 * A value of `stack`'s template as it will be at deploy time, for the intrinsics the stacks use: pseudo
 * parameters, `Fn::Join`, and `Fn::ImportValue` followed to the exporting stack's output, where a
 * `Fn::GetAtt` becomes `<Type>:<Name or logical id>.<attribute>` (an IVS channel's ARN reads
 * `channel:banjjak-dev-seongsu-live.Arn`) and a `Ref` `<Type>:<Name or logical id>`. Anything
 * else is left as it is.
 */
export function resolveValue(value: Json, stack: Stack, exporters: Stack[]): Json {
  const pseudo: Record<string, string> = { 'AWS::Partition': 'aws', 'AWS::Region': stack.region, 'AWS::AccountId': stack.account, 'AWS::URLSuffix': 'amazonaws.com' };
  const templates = exporters.map((exporter) => Template.fromStack(exporter).toJSON() as { Outputs?: Record<string, { Value: Json; Export?: { Name: string } }>; Resources: Record<string, { Type: string; Properties?: { Name?: string } }> });
  const visit = (node: Json, resources?: Record<string, { Type: string; Properties?: { Name?: string } }>): Json => {
    if (Array.isArray(node)) return node.map((item) => visit(item, resources));
    if (!node || typeof node !== 'object') return node;
    const entries = Object.entries(node);
    const [key, argument] = entries[0] ?? [];
    if (entries.length !== 1 || !key) return Object.fromEntries(entries.map(([name, item]) => [name, visit(item, resources)]));
    if (key === 'Ref' && typeof argument === 'string' && pseudo[argument]) return pseudo[argument];
    const referenced = typeof argument === 'string' ? resources?.[argument] : undefined;
    if (key === 'Ref' && referenced) return `${kind(referenced.Type)}:${referenced.Properties?.Name ?? argument}`;
    if (key === 'Fn::Join') {
      const [separator, parts] = argument as [string, Json[]];
      const resolved = parts.map((part) => visit(part, resources));
      return resolved.every((part) => typeof part === 'string') ? resolved.join(separator) : { 'Fn::Join': [separator, resolved] };
    }
    if (key === 'Fn::GetAtt' && resources) {
      const [logicalId, attribute] = argument as [string, string];
      const resource = resources[logicalId];
      if (resource) return `${kind(resource.Type)}:${resource.Properties?.Name ?? logicalId}.${attribute}`;
    }
    if (key === 'Fn::ImportValue' && typeof argument === 'string') {
      for (const template of templates) {
        const output = Object.values(template.Outputs ?? {}).find((candidate) => candidate.Export?.Name === argument);
        if (output) return visit(output.Value, template.Resources);
      }
    }
    return { [key]: visit(argument, resources) };
  };
  return visit(value, (Template.fromStack(stack).toJSON() as (typeof templates)[number]).Resources);
}

const kind = (type: string) => type.replace(/^AWS::\w+::/, '').toLowerCase();
