import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as chatbot from 'aws-cdk-lib/aws-chatbot';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import type { AppMetricName } from '../../../origin/metrics/app-metrics.js';
import type { StageConfig } from '../config.js';

export interface MonitoringStackProps extends StackProps {
  config: StageConfig;
  originAlias: lambda.IAlias;
  table: dynamodb.ITableV2;
  distributionId: string;
}


/** The SNS topic alarms go to, with the mail and Slack subscribers of the config. */
function alarmTopic(scope: Construct, config: StageConfig): sns.Topic {
  const topic = new sns.Topic(scope, 'Alarms', { displayName: `Banjjak ${config.stage} alarms`, enforceSSL: true });
  if (config.monitoring.alarmEmail) topic.addSubscription(new subscriptions.EmailSubscription(config.monitoring.alarmEmail));
  if (config.monitoring.slack) {
    new chatbot.SlackChannelConfiguration(scope, 'Slack', {
      slackChannelConfigurationName: `banjjak-${config.stage}-${Stack.of(scope).region}`,
      slackWorkspaceId: config.monitoring.slack.workspaceId,
      slackChannelId: config.monitoring.slack.channelId,
      notificationTopics: [topic],
    });
  }
  return topic;
}

const minute = Duration.minutes(1);
/** CloudFront's metrics exist in us-east-1 only (Region=Global). */
const cdnMetric = (distributionId: string, metricName: string, statistic = 'Average') =>
  new cloudwatch.Metric({ namespace: 'AWS/CloudFront', metricName, region: 'us-east-1', statistic, period: minute, dimensionsMap: { DistributionId: distributionId, Region: 'Global' } });

function addAlarm(scope: Construct, topic: sns.ITopic, id: string, metric: cloudwatch.IMetric, threshold: number, description: string): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    alarmDescription: description,
    metric,
    threshold,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new actions.SnsAction(topic));
  return alarm;
}

export interface EdgeAlarmsStackProps extends StackProps {
  config: StageConfig;
  distributionId: string;
}

/** Alarms on CloudFront's metrics, which must live where the metrics are: us-east-1. */
export class EdgeAlarmsStack extends Stack {
  readonly alarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: EdgeAlarmsStackProps) {
    super(scope, id, props);
    const topic = alarmTopic(this, props.config);
    this.alarm = addAlarm(this, topic, 'EdgeErrors', cdnMetric(props.distributionId, '5xxErrorRate'), 1, 'More than 1 % of answers at the edge are 5xx');
  }
}

/** One dashboard and the alarms an operator is woken for, to SNS (mail) and optionally Slack. */
export class MonitoringStack extends Stack {
  readonly topic: sns.Topic;

  constructor(scope: Construct, id: string, props: MonitoringStackProps) {
    super(scope, id, props);
    const { config } = props;
    this.topic = alarmTopic(this, config);
    const cdn = (metricName: string, statistic?: string) => cdnMetric(props.distributionId, metricName, statistic);
    // The origin's own counters, printed as EMF after each invocation (origin/metrics/app-metrics.ts).
    const app = (metricName: AppMetricName) => new cloudwatch.Metric({ namespace: 'Banjjak', metricName, statistic: 'Sum', period: minute, dimensionsMap: { Stage: config.stage } });
    const throttles = new cloudwatch.MathExpression({
      expression: 'reads + writes',
      usingMetrics: { reads: props.table.metric('ReadThrottleEvents', { statistic: 'Sum', period: minute }), writes: props.table.metric('WriteThrottleEvents', { statistic: 'Sum', period: minute }) },
      label: 'DynamoDB throttled requests',
      period: minute,
    });
    const originErrors = props.originAlias.metricErrors({ period: minute, statistic: 'Sum' });
    const originP99 = props.originAlias.metricDuration({ period: minute, statistic: 'p99' });

    const alarm = (id: string, metric: cloudwatch.IMetric, threshold: number, description: string) => addAlarm(this, this.topic, id, metric, threshold, description);
    const alarms = [
      alarm('OriginErrors', originErrors, 5, 'The origin function fails (5 or more a minute)'),
      alarm('OriginSlow', originP99, 2_000, 'Origin p99 latency of 2 s or more'),
      alarm('DynamoThrottles', throttles, 1, 'DynamoDB throttles the ledger'),
      alarm('RedisErrors', app('RedisErrors'), 1, 'The origin cannot reach Redis'),
    ];

    const dashboard = new cloudwatch.Dashboard(this, 'Dashboard', { dashboardName: `banjjak-${config.stage}`, defaultInterval: Duration.hours(3) });
    const graph = (title: string, left: cloudwatch.IMetric[]) => new cloudwatch.GraphWidget({ title, left, width: 8, height: 6 });
    dashboard.addWidgets(
      graph('Edge: requests and error rates', [cdn('Requests', 'Sum'), cdn('4xxErrorRate'), cdn('5xxErrorRate')]),
      graph('Edge: origin latency (ms)', [cdn('OriginLatency', 'p99')]),
      graph('Origin: errors and throttles', [originErrors, props.originAlias.metricThrottles({ period: minute, statistic: 'Sum' })]),
    );
    dashboard.addWidgets(
      graph('Origin: latency p50 / p99 (ms)', [props.originAlias.metricDuration({ period: minute, statistic: 'p50' }), originP99]),
      graph('Drop funnel: joins, admits, bookings', [app('Joins'), app('Admits'), app('Bookings')]),
      graph('Sold out, Redis errors, DynamoDB throttles', [app('SoldOut'), app('RedisErrors'), throttles]),
    );
    dashboard.addWidgets(new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms, width: 24, height: 3 }));
  }
}
