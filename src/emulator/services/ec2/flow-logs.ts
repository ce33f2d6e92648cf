/**
 * VPC flow logs for VPCs, subnets and network interfaces, delivered to CloudWatch Logs (a log
 * group and the role that may write to it), S3 (a bucket ARN; the bucket must exist) or Kinesis
 * Data Firehose. Records the configuration only: no traffic is captured. Per-resource failures
 * come back in `Unsuccessful`, as AWS reports them.
 */
import type * as EC2 from '@aws-sdk/client-ec2';
import type { Output } from '../define-service.ts';
import { bucketOwner } from '../s3/state.ts';
import { type Ctx, ec2, paginate, tagsFromSpecs, tagsOut } from './common.ts';
import { ec2Error, invalidParameterValue, KINDS, missingParameter, type ResourceKind } from './errors.ts';
import { applyFilters, type FilterTable } from './filters.ts';
import { newId } from './ids.ts';
import type { Ec2State, FlowLog } from './state.ts';

export const DEFAULT_LOG_FORMAT = '${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}';

const RESOURCE_TYPES: Readonly<Record<string, { kind: ResourceKind; map: (s: Ec2State) => ReadonlyMap<string, unknown> }>> = {
  VPC: { kind: 'vpc', map: (s) => s.vpcs },
  Subnet: { kind: 'subnet', map: (s) => s.subnets },
  NetworkInterface: { kind: 'network-interface', map: (s) => s.networkInterfaces },
};

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const LOG_GROUP_ARN = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:([^:*]+)(:\*)?$/;
const S3_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;
const FIREHOSE_ARN = /^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/.+$/;

function invalidParameter(message: string) {
  return ec2Error('InvalidParameter', message);
}

interface Destination {
  logDestinationType: string;
  logDestination: string;
  logGroupName?: string;
  deliverLogsPermissionArn?: string;
  destinationOptions?: FlowLog['destinationOptions'];
}

function destinationOf(input: EC2.CreateFlowLogsRequest, ctx: Ctx): Destination {
  const type = input.LogDestinationType ?? 'cloud-watch-logs';
  if (input.DeliverLogsPermissionArn !== undefined && !ROLE_ARN.test(input.DeliverLogsPermissionArn)) {
    throw invalidParameter(`DeliverLogsPermissionArn '${input.DeliverLogsPermissionArn}' is not a valid IAM role ARN (arn:aws:iam::<account>:role/<name>).`);
  }
  if (type !== 's3' && input.DestinationOptions) throw invalidParameter('DestinationOptions apply to flow logs delivered to s3 only.');
  switch (type) {
    case 'cloud-watch-logs': {
      if (input.LogGroupName !== undefined && input.LogDestination !== undefined) {
        throw ec2Error('InvalidParameterCombination', 'Please only provide LogGroupName or only provide LogDestination.');
      }
      if (!input.DeliverLogsPermissionArn) throw invalidParameter('DeliverLogsPermissionArn can\'t be empty if LogDestinationType is cloud-watch-logs.');
      let group = input.LogGroupName;
      if (input.LogDestination !== undefined) {
        const match = LOG_GROUP_ARN.exec(input.LogDestination);
        if (!match) throw invalidParameter(`LogDestination '${input.LogDestination}' is not a CloudWatch Logs log group ARN (arn:aws:logs:<region>:<account>:log-group:<name>).`);
        group = match[1]!;
      }
      if (!group) throw invalidParameter('LogDestination can\'t be empty if LogGroupName is not provided.');
      if (group.length > 512 || !/^[\w\-/.#]+$/.test(group)) throw invalidParameterValue(`Invalid log group name '${group}'.`);
      return {
        logDestinationType: type,
        logGroupName: group,
        logDestination: input.LogDestination ?? `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${group}`,
        deliverLogsPermissionArn: input.DeliverLogsPermissionArn,
      };
    }
    case 's3': {
      if (!input.LogDestination) throw invalidParameter('LogDestination can\'t be empty if LogDestinationType is s3.');
      if (!S3_ARN.test(input.LogDestination)) throw invalidParameter(`LogDestination '${input.LogDestination}' is not an S3 bucket ARN (arn:aws:s3:::<bucket>[/<prefix>]).`);
      if (input.LogGroupName !== undefined) throw invalidParameter('LogGroupName can\'t be given if LogDestinationType is s3.');
      if (input.DeliverLogsPermissionArn !== undefined) throw invalidParameter('DeliverLogsPermissionArn is not applicable for s3 delivery.');
      const options = input.DestinationOptions;
      const format = options?.FileFormat ?? 'plain-text';
      if (format !== 'plain-text' && format !== 'parquet') throw invalidParameterValue(`Value (${format}) for parameter FileFormat is invalid.`);
      return {
        logDestinationType: type,
        logDestination: input.LogDestination,
        destinationOptions: { FileFormat: format, HiveCompatiblePartitions: options?.HiveCompatiblePartitions ?? false, PerHourPartition: options?.PerHourPartition ?? false },
      };
    }
    case 'kinesis-data-firehose': {
      if (!input.LogDestination || !FIREHOSE_ARN.test(input.LogDestination)) {
        throw invalidParameter('LogDestination must be a Kinesis Data Firehose delivery stream ARN if LogDestinationType is kinesis-data-firehose.');
      }
      return { logDestinationType: type, logDestination: input.LogDestination, deliverLogsPermissionArn: input.DeliverLogsPermissionArn };
    }
    default:
      throw invalidParameterValue(`Value (${type}) for parameter LogDestinationType is invalid. Valid values: cloud-watch-logs, s3, kinesis-data-firehose.`);
  }
}

export function createFlowLogs(input: EC2.CreateFlowLogsRequest, ctx: Ctx): Output<EC2.CreateFlowLogsResult> {
  const state = ec2(ctx);
  const resourceType = RESOURCE_TYPES[input.ResourceType ?? ''];
  if (!resourceType) {
    throw invalidParameterValue(`Value (${input.ResourceType}) for parameter ResourceType is invalid. This emulator supports VPC, Subnet and NetworkInterface flow logs.`);
  }
  if (!input.ResourceIds?.length) throw missingParameter('resourceId');
  const traffic = input.TrafficType;
  if (traffic === undefined) throw missingParameter('trafficType');
  if (!['ACCEPT', 'REJECT', 'ALL'].includes(traffic)) throw invalidParameterValue(`Value (${traffic}) for parameter TrafficType is invalid. Valid values: ACCEPT, REJECT, ALL.`);
  const interval = input.MaxAggregationInterval ?? 600;
  if (interval !== 60 && interval !== 600) throw invalidParameterValue(`Invalid Flow Log Max Aggregation Interval ${interval}: use 60 or 600 (seconds).`);
  if (input.LogFormat !== undefined && (input.LogFormat.trim() === '' || !/\$\{[a-z0-9-]+\}/.test(input.LogFormat))) {
    throw invalidParameter(`LogFormat '${input.LogFormat}' must list fields as \${field} (for example \${srcaddr} \${dstaddr}).`);
  }
  const destination = destinationOf(input, ctx);
  const tags = tagsFromSpecs(input.TagSpecifications, 'vpc-flow-log');
  const flowLogIds: string[] = [];
  const unsuccessful: EC2.UnsuccessfulItem[] = [];
  // A bucket that does not exist fails every resource (in any account: bucket names are global).
  const bucket = destination.logDestinationType === 's3' ? destination.logDestination.replace(/^arn:[^:]+:s3:::/, '').split('/')[0]! : undefined;
  const missingBucket = bucket !== undefined && bucketOwner(ctx, bucket) === undefined;
  for (const resourceId of input.ResourceIds) {
    if (missingBucket) {
      unsuccessful.push({ ResourceId: resourceId, Error: { Code: '400', Message: `LogDestination: ${bucket} does not exist.` } });
      continue;
    }
    if (!resourceType.map(state).has(resourceId)) {
      const info = KINDS[resourceType.kind];
      unsuccessful.push({ ResourceId: resourceId, Error: { Code: info.notFoundCode, Message: info.notFound(resourceId) } });
      continue;
    }
    const duplicate = [...state.flowLogs.values()].some((l) => l.resourceId === resourceId && l.trafficType === traffic && l.logDestination === destination.logDestination);
    if (duplicate) {
      unsuccessful.push({ ResourceId: resourceId, Error: { Code: 'FlowLogAlreadyExists', Message: 'Error. There is an existing Flow Log with the same configuration and log destination.' } });
      continue;
    }
    const log: FlowLog = {
      flowLogId: newId('fl'),
      resourceId,
      trafficType: traffic,
      ...destination,
      deliverCrossAccountRole: input.DeliverCrossAccountRole,
      logFormat: input.LogFormat ?? DEFAULT_LOG_FORMAT,
      maxAggregationInterval: interval,
      creationTime: ctx.now,
      tags: tags.map((t) => ({ ...t })),
    };
    state.flowLogs.set(log.flowLogId, log);
    flowLogIds.push(log.flowLogId);
  }
  return { ClientToken: input.ClientToken, FlowLogIds: flowLogIds, Unsuccessful: unsuccessful };
}

function flowLogOut(log: FlowLog): EC2.FlowLog {
  return {
    CreationTime: log.creationTime,
    DeliverLogsPermissionArn: log.deliverLogsPermissionArn,
    DeliverCrossAccountRole: log.deliverCrossAccountRole,
    DeliverLogsStatus: 'SUCCESS',
    FlowLogId: log.flowLogId,
    FlowLogStatus: 'ACTIVE',
    LogGroupName: log.logGroupName,
    ResourceId: log.resourceId,
    TrafficType: log.trafficType as EC2.TrafficType,
    LogDestinationType: log.logDestinationType as EC2.LogDestinationType,
    LogDestination: log.logDestination,
    LogFormat: log.logFormat,
    Tags: tagsOut(log.tags),
    MaxAggregationInterval: log.maxAggregationInterval,
    DestinationOptions: log.destinationOptions as EC2.DestinationOptionsResponse | undefined,
  };
}

export function describeFlowLogs(input: EC2.DescribeFlowLogsRequest, ctx: Ctx): Output<EC2.DescribeFlowLogsResult> {
  const state = ec2(ctx);
  let logs = [...state.flowLogs.values()];
  // DescribeFlowLogs answers unknown ids with nothing rather than an error.
  if (input.FlowLogIds?.length) logs = logs.filter((l) => input.FlowLogIds!.includes(l.flowLogId));
  const table: FilterTable<FlowLog> = {
    'deliver-log-status': () => 'SUCCESS',
    'log-destination-type': (l) => l.logDestinationType,
    'flow-log-id': (l) => l.flowLogId,
    'log-group-name': (l) => l.logGroupName,
    'resource-id': (l) => l.resourceId,
    'traffic-type': (l) => l.trafficType,
  };
  const page = paginate(applyFilters(logs, input.Filter, table, (l) => l.tags), input, { min: 1, max: 1000 });
  return { FlowLogs: page.items.map(flowLogOut), NextToken: page.NextToken };
}

export function deleteFlowLogs(input: EC2.DeleteFlowLogsRequest, ctx: Ctx): Output<EC2.DeleteFlowLogsResult> {
  const state = ec2(ctx);
  const unsuccessful: EC2.UnsuccessfulItem[] = [];
  for (const id of input.FlowLogIds ?? []) {
    if (!state.flowLogs.delete(id)) {
      unsuccessful.push({ ResourceId: id, Error: { Code: 'InvalidFlowLogId.NotFound', Message: `These flow log ids in the input list are not found: [TotalCount: 1] ${id}` } });
    }
  }
  return { Unsuccessful: unsuccessful };
}
