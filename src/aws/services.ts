/**
 * The AWS services the product talks to, keyed by the names the AWS CLI and IAM use (`s3`,
 * `s3control`, `sagemaker` …). SDK modules load lazily: EC2 and SageMaker alone take about 150 ms to
 * import, and most commands never need them.
 */
import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type { BudgetsClient } from '@aws-sdk/client-budgets';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import type { EC2Client } from '@aws-sdk/client-ec2';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { KMSClient } from '@aws-sdk/client-kms';
import type { OrganizationsClient } from '@aws-sdk/client-organizations';
import type { S3Client } from '@aws-sdk/client-s3';
import type { S3ControlClient } from '@aws-sdk/client-s3-control';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { STSClient } from '@aws-sdk/client-sts';

export interface ServiceClients {
  s3: S3Client;
  s3control: S3ControlClient;
  sts: STSClient;
  iam: IAMClient;
  kms: KMSClient;
  secretsmanager: SecretsManagerClient;
  ec2: EC2Client;
  sagemaker: SageMakerClient;
  'sagemaker-runtime': SageMakerRuntimeClient;
  cloudtrail: CloudTrailClient;
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
  events: EventBridgeClient;
  organizations: OrganizationsClient;
  'application-autoscaling': ApplicationAutoScalingClient;
  budgets: BudgetsClient;
  ce: CostExplorerClient;
}

export type ServiceName = keyof ServiceClients;

type SdkModule = Record<string, any>;

export interface ServiceInfo {
  /** Human name for messages. */
  title: string;
  load: () => Promise<SdkModule>;
  /** Name of the client class the module exports. */
  clientClass: string;
  /** A read-only call that proves the service answers; `{account}` in input values is replaced by the account id. */
  probe: { operation: string; input: Record<string, unknown> };
}

export const services: Record<ServiceName, ServiceInfo> = {
  s3: { title: 'Amazon S3', load: () => import('@aws-sdk/client-s3'), clientClass: 'S3Client', probe: { operation: 'ListBuckets', input: {} } },
  s3control: {
    title: 'Amazon S3 Control',
    load: () => import('@aws-sdk/client-s3-control'),
    clientClass: 'S3ControlClient',
    probe: { operation: 'GetPublicAccessBlock', input: { AccountId: '{account}' } },
  },
  sts: { title: 'AWS STS', load: () => import('@aws-sdk/client-sts'), clientClass: 'STSClient', probe: { operation: 'GetCallerIdentity', input: {} } },
  iam: { title: 'AWS IAM', load: () => import('@aws-sdk/client-iam'), clientClass: 'IAMClient', probe: { operation: 'ListRoles', input: { MaxItems: 1 } } },
  kms: { title: 'AWS KMS', load: () => import('@aws-sdk/client-kms'), clientClass: 'KMSClient', probe: { operation: 'ListKeys', input: { Limit: 1 } } },
  secretsmanager: {
    title: 'AWS Secrets Manager',
    load: () => import('@aws-sdk/client-secrets-manager'),
    clientClass: 'SecretsManagerClient',
    probe: { operation: 'ListSecrets', input: { MaxResults: 1 } },
  },
  ec2: { title: 'Amazon EC2', load: () => import('@aws-sdk/client-ec2'), clientClass: 'EC2Client', probe: { operation: 'DescribeVpcs', input: {} } },
  sagemaker: {
    title: 'Amazon SageMaker',
    load: () => import('@aws-sdk/client-sagemaker'),
    clientClass: 'SageMakerClient',
    probe: { operation: 'ListNotebookInstances', input: { MaxResults: 1 } },
  },
  'sagemaker-runtime': {
    title: 'Amazon SageMaker Runtime',
    load: () => import('@aws-sdk/client-sagemaker-runtime'),
    clientClass: 'SageMakerRuntimeClient',
    probe: { operation: 'InvokeEndpoint', input: { EndpointName: 'mlsec-capability-probe', Body: new Uint8Array() } },
  },
  cloudtrail: {
    title: 'AWS CloudTrail',
    load: () => import('@aws-sdk/client-cloudtrail'),
    clientClass: 'CloudTrailClient',
    probe: { operation: 'DescribeTrails', input: {} },
  },
  cloudwatch: {
    title: 'Amazon CloudWatch',
    load: () => import('@aws-sdk/client-cloudwatch'),
    clientClass: 'CloudWatchClient',
    probe: { operation: 'DescribeAlarms', input: { MaxRecords: 1 } },
  },
  logs: {
    title: 'Amazon CloudWatch Logs',
    load: () => import('@aws-sdk/client-cloudwatch-logs'),
    clientClass: 'CloudWatchLogsClient',
    probe: { operation: 'DescribeLogGroups', input: { limit: 1 } },
  },
  events: { title: 'Amazon EventBridge', load: () => import('@aws-sdk/client-eventbridge'), clientClass: 'EventBridgeClient', probe: { operation: 'ListRules', input: { Limit: 1 } } },
  organizations: {
    title: 'AWS Organizations',
    load: () => import('@aws-sdk/client-organizations'),
    clientClass: 'OrganizationsClient',
    probe: { operation: 'DescribeOrganization', input: {} },
  },
  'application-autoscaling': {
    title: 'Application Auto Scaling',
    load: () => import('@aws-sdk/client-application-auto-scaling'),
    clientClass: 'ApplicationAutoScalingClient',
    probe: { operation: 'DescribeScalableTargets', input: { ServiceNamespace: 'sagemaker' } },
  },
  budgets: { title: 'AWS Budgets', load: () => import('@aws-sdk/client-budgets'), clientClass: 'BudgetsClient', probe: { operation: 'DescribeBudgets', input: { AccountId: '{account}' } } },
  ce: { title: 'AWS Cost Explorer', load: () => import('@aws-sdk/client-cost-explorer'), clientClass: 'CostExplorerClient', probe: { operation: 'ListCostAllocationTags', input: {} } },
};

export const serviceNames = Object.keys(services) as ServiceName[];

export function isServiceName(name: string): name is ServiceName {
  return Object.hasOwn(services, name);
}
