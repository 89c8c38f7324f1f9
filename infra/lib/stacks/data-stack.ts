import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { StageConfig } from '../config.js';

export interface DataStackProps extends StackProps {
  config: StageConfig;
}

/**
 * The ledger: the single table of origin/ledger/table-design.md (pk/sk, gsi1, gsi2, on demand).
 * Confirmed bookings live here before the 201, so the table is protected three ways: point-in-
 * time recovery, deletion protection, and RETAIN. With a replica region it is a global table.
 */
export class DataStack extends Stack {
  readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: DataStackProps) {
    super(scope, id, props);
    const { config } = props;
    const key = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.TableV2(this, 'Ledger', {
      tableName: `banjjak-${config.stage}`,
      partitionKey: key('pk'),
      sortKey: key('sk'),
      billing: dynamodb.Billing.onDemand(),
      // Only instance leases carry it (origin/ledger/table-design.md): gone a day after they lapse.
      timeToLiveAttribute: 'expiresTtl',
      globalSecondaryIndexes: [
        { indexName: 'gsi1', partitionKey: key('gsi1pk'), sortKey: key('gsi1sk') },
        { indexName: 'gsi2', partitionKey: key('gsi2pk'), sortKey: key('gsi2sk') },
      ],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      encryption: dynamodb.TableEncryptionV2.awsManagedKey(),
      ...(config.replicaRegion && { replicas: [{ region: config.replicaRegion }] }),
    });
  }
}
