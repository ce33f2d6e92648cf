/** Shared by every Application Auto Scaling module: enums, keys, errors, validation, ARNs, paging. */
import { randomUUID } from 'node:crypto';
import { arnIn, formatArn } from '../../core/arn.ts';
import { randomHex } from '../../core/ids.ts';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { pageByToken, type TokenPage } from '../../core/next-token.ts';
import { ProblemList } from '../../core/validation.ts';
import type { ApplicationAutoScalingState, ScalableTarget } from './state.ts';

export const SERVICE_NAMESPACES = ['appstream', 'cassandra', 'comprehend', 'custom-resource', 'dynamodb', 'ec2', 'ecs', 'elasticache', 'elasticmapreduce', 'kafka', 'lambda', 'neptune', 'rds', 'sagemaker', 'workspaces'];
export const SCALABLE_DIMENSIONS = [
  'appstream:fleet:DesiredCapacity', 'cassandra:table:ReadCapacityUnits', 'cassandra:table:WriteCapacityUnits', 'comprehend:document-classifier-endpoint:DesiredInferenceUnits',
  'comprehend:entity-recognizer-endpoint:DesiredInferenceUnits', 'custom-resource:ResourceType:Property', 'dynamodb:index:ReadCapacityUnits', 'dynamodb:index:WriteCapacityUnits',
  'dynamodb:table:ReadCapacityUnits', 'dynamodb:table:WriteCapacityUnits', 'ec2:spot-fleet-request:TargetCapacity', 'ecs:service:DesiredCount', 'elasticmapreduce:instancegroup:InstanceCount',
  'elasticache:cache-cluster:Nodes', 'elasticache:replication-group:NodeGroups', 'elasticache:replication-group:Replicas', 'kafka:broker-storage:VolumeSize', 'lambda:function:ProvisionedConcurrency',
  'neptune:cluster:ReadReplicaCount', 'rds:cluster:ReadReplicaCount', 'sagemaker:inference-component:DesiredCopyCount', 'sagemaker:variant:DesiredInstanceCount',
  'sagemaker:variant:DesiredProvisionedConcurrency', 'workspaces:workspacespool:DesiredUserSessions',
];

/** The resource id each dimension expects (the API reference's ResourceId formats). Others: any non-empty id. */
const RESOURCE_ID_FORMATS: Readonly<Record<string, RegExp>> = {
  'sagemaker:variant:DesiredInstanceCount': /^endpoint\/[^/]+\/variant\/[^/]+$/,
  'sagemaker:variant:DesiredProvisionedConcurrency': /^endpoint\/[^/]+\/variant\/[^/]+$/,
  'sagemaker:inference-component:DesiredCopyCount': /^inference-component\/[^/]+$/,
  'ecs:service:DesiredCount': /^service\/[^/]+\/[^/]+$/,
  'dynamodb:table:ReadCapacityUnits': /^table\/[^/]+$/,
  'dynamodb:table:WriteCapacityUnits': /^table\/[^/]+$/,
  'dynamodb:index:ReadCapacityUnits': /^table\/[^/]+\/index\/[^/]+$/,
  'dynamodb:index:WriteCapacityUnits': /^table\/[^/]+\/index\/[^/]+$/,
  'lambda:function:ProvisionedConcurrency': /^function:[^:]+:[^:]+$/,
  'rds:cluster:ReadReplicaCount': /^cluster:.+$/,
  'ec2:spot-fleet-request:TargetCapacity': /^spot-fleet-request\/.+$/,
};

/** Service-linked roles Application Auto Scaling uses when RegisterScalableTarget names none. */
const SERVICE_LINKED_ROLES: Readonly<Record<string, string>> = {
  sagemaker: 'sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint',
  ecs: 'ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
  dynamodb: 'dynamodb.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_DynamoDBTable',
  lambda: 'lambda.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_LambdaConcurrency',
  rds: 'rds.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_RDSCluster',
  ec2: 'ec2.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_EC2SpotFleetRequest',
};

export function defaultRoleArn(accountId: string, namespace: string): string {
  const role = SERVICE_LINKED_ROLES[namespace] ?? `${namespace}.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_${namespace}`;
  return formatArn('iam', '', accountId, `role/aws-service-role/${role}`);
}

export function aas(ctx: RequestContext): ApplicationAutoScalingState {
  return ctx.state() as ApplicationAutoScalingState;
}

export function targetKey(namespace: string, resourceId: string, dimension: string): string {
  return `${namespace}|${resourceId}|${dimension}`;
}

export function validation(message: string): AwsServiceError {
  return new AwsServiceError('ValidationException', message);
}

export function objectNotFound(message: string): AwsServiceError {
  return new AwsServiceError('ObjectNotFoundException', message);
}

export interface TargetRef {
  ServiceNamespace?: string;
  ResourceId?: string;
  ScalableDimension?: string;
}

/** Checks namespace, resource id and dimension as AWS does: enums first, then their consistency. */
export function checkTargetRef(ref: TargetRef, problems = new ProblemList()): void {
  problems.oneOf('serviceNamespace', ref.ServiceNamespace, SERVICE_NAMESPACES);
  problems.minLength('resourceId', ref.ResourceId, 1).maxLength('resourceId', ref.ResourceId, 1600);
  problems.oneOf('scalableDimension', ref.ScalableDimension, SCALABLE_DIMENSIONS);
  problems.check();
  if (ref.ScalableDimension === undefined) return;
  const format = RESOURCE_ID_FORMATS[ref.ScalableDimension];
  const namespaceMatches = ref.ServiceNamespace === undefined || ref.ScalableDimension.startsWith(`${ref.ServiceNamespace}:`);
  if (!namespaceMatches || (format && ref.ResourceId !== undefined && !format.test(ref.ResourceId))) {
    throw validation('Unsupported service namespace, resource type or scalable dimension');
  }
}

/** The registered target a request names (its members were checked by `checkTargetRef`). */
export function findTarget(state: ApplicationAutoScalingState, ref: TargetRef): ScalableTarget {
  const target = state.targets.get(targetKey(ref.ServiceNamespace!, ref.ResourceId!, ref.ScalableDimension!));
  if (!target) {
    throw objectNotFound(`No scalable target registered for service namespace: ${ref.ServiceNamespace}, resource ID: ${ref.ResourceId}, scalable dimension: ${ref.ScalableDimension}`);
  }
  return target;
}

export const arns = {
  scalableTarget: (ctx: RequestContext) => arnIn(ctx, 'application-autoscaling', `scalable-target/${randomHex(36)}`),
  policy: (ctx: RequestContext, namespace: string, resourceId: string, name: string) =>
    arnIn(ctx, 'autoscaling', `scalingPolicy:${randomUUID()}:resource/${namespace}/${resourceId}:policyName/${name}`),
  scheduledAction: (ctx: RequestContext, namespace: string, resourceId: string, name: string) =>
    arnIn(ctx, 'autoscaling', `scheduledAction:${randomUUID()}:resource/${namespace}/${resourceId}:scheduledActionName/${name}`),
};

/** Application Auto Scaling pages with MaxResults 1–50 and refuses foreign tokens with InvalidNextTokenException. */
export function page<T>(items: readonly T[], input: { NextToken?: string; MaxResults?: number }, scope: unknown): TokenPage<T> {
  new ProblemList().range('maxResults', input.MaxResults, 1, 50).check();
  return pageByToken(items, {
    nextToken: input.NextToken,
    maxResults: input.MaxResults,
    defaultMaxResults: 50,
    scope,
    invalidToken: () => new AwsServiceError('InvalidNextTokenException', 'The NextToken value is invalid: use the NextToken returned by the previous call with the same parameters.'),
  });
}

/** A name that must be printable (policy and scheduled action names: `\p{Print}+`, 1–256). */
export function checkName(problems: ProblemList, path: string, value: string | undefined): ProblemList {
  return problems.minLength(path, value, 1).maxLength(path, value, 256).pattern(path, value, /^[^\p{Cc}]+$/u, '\\p{Print}+');
}
