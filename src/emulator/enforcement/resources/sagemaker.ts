/**
 * SageMaker and SageMaker Runtime: resource ARNs from the name members (SageMaker lower-cases
 * names in ARNs), tags from SageMaker's state, iam:PassRole for execution roles, and the sagemaker:
 * condition keys of the Service Authorization Reference that guardrails use — read from the request
 * only when the request sets them, as AWS does:
 *
 * | key | from |
 * |---|---|
 * | sagemaker:VpcSubnets, sagemaker:VpcSecurityGroupIds | VpcConfig (training, model), NetworkConfig.VpcConfig (processing), SubnetId / SecurityGroupIds (notebook), SubnetIds (domain) |
 * | sagemaker:NetworkIsolation | EnableNetworkIsolation (training, model), NetworkConfig.EnableNetworkIsolation (processing) |
 * | sagemaker:InterContainerTrafficEncryption | EnableInterContainerTrafficEncryption, NetworkConfig.… |
 * | sagemaker:VolumeKmsKey, sagemaker:VolumeKmsKeyArn | ResourceConfig.VolumeKmsKeyId, ClusterConfig.VolumeKmsKeyId, KmsKeyId (notebook, endpoint config) |
 * | sagemaker:OutputKmsKey, sagemaker:OutputKmsKeyArn | OutputDataConfig.KmsKeyId, ProcessingOutputConfig.KmsKeyId |
 * | sagemaker:DirectInternetAccess, sagemaker:RootAccess | notebook instances |
 * | sagemaker:InstanceTypes | every instance type the request names |
 * | sagemaker:MaxRuntimeInSeconds | StoppingCondition |
 * | sagemaker:AppNetworkAccessType | CreateDomain / UpdateDomain |
 * | sagemaker:ModelApprovalStatus | CreateModelPackage / UpdateModelPackage |
 * | sagemaker:TargetModel | InvokeEndpoint |
 */
import type { ContextValue } from '../../policy/index.ts';
import type { SageMakerState } from '../../services/sagemaker/state.ts';
import type { AccessCheck, ResolverCall } from '../access-check.ts';
import { namedChecks, regionalArn, type NameRule } from './named.ts';
import { passRoleChecks } from './pass-role.ts';

const sm = (type: string) => regionalArn('sagemaker', type, '/', true);
const only = (...operations: string[]) => new Set(operations);

const JOB_DEFINITION_TYPES: Record<string, string> = {
  DataQuality: 'data-quality-job-definition',
  ModelQuality: 'model-quality-job-definition',
  ModelBias: 'model-bias-job-definition',
  ModelExplainability: 'model-explainability-job-definition',
};

function jobDefinitionArn(name: string, call: ResolverCall): string {
  const kind = /^(?:Create|Describe|Delete|List)(DataQuality|ModelQuality|ModelBias|ModelExplainability)JobDefinition/.exec(call.operation)?.[1];
  return sm(JOB_DEFINITION_TYPES[kind ?? 'DataQuality']!)(name, call);
}

const RULES: readonly NameRule[] = [
  { member: 'ResourceArn', arn: (v) => v },
  { member: 'NotebookInstanceLifecycleConfigName', arn: sm('notebook-instance-lifecycle-config') },
  { member: 'NotebookInstanceName', arn: sm('notebook-instance') },
  { member: 'TrainingJobName', arn: sm('training-job') },
  { member: 'ProcessingJobName', arn: sm('processing-job') },
  { member: 'EndpointName', arn: sm('endpoint') },
  { member: 'EndpointConfigName', arn: sm('endpoint-config') },
  { member: 'ModelName', arn: sm('model') },
  { member: 'ModelPackageName', arn: sm('model-package') },
  { member: 'ModelPackageGroupName', arn: sm('model-package-group') },
  { member: 'MonitoringScheduleName', arn: sm('monitoring-schedule') },
  { member: 'JobDefinitionName', arn: jobDefinitionArn },
  { member: 'DomainId', arn: (id, call) => `arn:aws:sagemaker:${call.region}:${call.accountId}:domain/${id}` },
  // A domain's id is chosen by SageMaker when it is created.
  { member: 'DomainName', arn: (_name, call) => `arn:aws:sagemaker:${call.region}:${call.accountId}:domain/*`, operations: only('CreateDomain') },
];

/** Operations on collections: authorized on `*` even when a filter names a resource. */
const UNSCOPED = new Set(['ListNotebookInstances', 'ListTrainingJobs', 'ListProcessingJobs', 'ListModels', 'ListEndpointConfigs', 'ListEndpoints', 'ListModelPackageGroups', 'ListMonitoringSchedules', 'ListDomains', 'ListNotebookInstanceLifecycleConfigs', 'Search']);

function get(input: unknown, path: string): unknown {
  let value = input;
  for (const part of path.split('.')) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function first(input: unknown, paths: readonly string[]): unknown {
  for (const path of paths) {
    const v = get(input, path);
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

function sagemakerContext(call: ResolverCall, into: Record<string, ContextValue | undefined>): void {
  const input = call.input;
  const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : undefined);
  const setBool = (key: string, v: unknown) => {
    if (typeof v === 'boolean') into[key] = v;
  };
  const setString = (key: string, v: unknown) => {
    if (typeof v === 'string' && v !== '') into[key] = v;
  };

  const subnets = list(first(input, ['VpcConfig.Subnets', 'NetworkConfig.VpcConfig.Subnets', 'SubnetIds', 'SubnetId']));
  if (subnets) into['sagemaker:VpcSubnets'] = subnets;
  const groups = list(first(input, ['VpcConfig.SecurityGroupIds', 'NetworkConfig.VpcConfig.SecurityGroupIds', 'SecurityGroupIds', 'DefaultUserSettings.SecurityGroups']));
  if (groups) into['sagemaker:VpcSecurityGroupIds'] = groups;
  setBool('sagemaker:NetworkIsolation', first(input, ['EnableNetworkIsolation', 'NetworkConfig.EnableNetworkIsolation']));
  setBool('sagemaker:InterContainerTrafficEncryption', first(input, ['EnableInterContainerTrafficEncryption', 'NetworkConfig.EnableInterContainerTrafficEncryption']));
  const volumeKey = first(input, ['ResourceConfig.VolumeKmsKeyId', 'ProcessingResources.ClusterConfig.VolumeKmsKeyId', ...(call.operation === 'CreateNotebookInstance' || call.operation === 'CreateEndpointConfig' ? ['KmsKeyId'] : [])]);
  setString('sagemaker:VolumeKmsKey', volumeKey);
  setString('sagemaker:VolumeKmsKeyArn', volumeKey);
  const outputKey = first(input, ['OutputDataConfig.KmsKeyId', 'ProcessingOutputConfig.KmsKeyId']);
  setString('sagemaker:OutputKmsKey', outputKey);
  setString('sagemaker:OutputKmsKeyArn', outputKey);
  setString('sagemaker:DirectInternetAccess', input.DirectInternetAccess);
  setString('sagemaker:RootAccess', input.RootAccess);
  setString('sagemaker:AppNetworkAccessType', input.AppNetworkAccessType);
  setString('sagemaker:ModelApprovalStatus', input.ModelApprovalStatus);
  setString('sagemaker:TargetModel', input.TargetModel);
  const maxRuntime = get(input, 'StoppingCondition.MaxRuntimeInSeconds');
  if (typeof maxRuntime === 'number') into['sagemaker:MaxRuntimeInSeconds'] = maxRuntime;

  const types = new Set<string>();
  for (const path of ['InstanceType', 'ResourceConfig.InstanceType', 'ProcessingResources.ClusterConfig.InstanceType', 'DefaultUserSettings.JupyterServerAppSettings.DefaultResourceSpec.InstanceType']) {
    const v = get(input, path);
    if (typeof v === 'string') types.add(v);
  }
  for (const variant of (input.ProductionVariants as { InstanceType?: string }[] | undefined) ?? []) if (variant.InstanceType) types.add(variant.InstanceType);
  for (const group of (get(input, 'ResourceConfig.InstanceGroups') as { InstanceType?: string }[] | undefined) ?? []) if (group.InstanceType) types.add(group.InstanceType);
  if (types.size) into['sagemaker:InstanceTypes'] = [...types];
}

function tagsOf(arn: string, call: ResolverCall): Record<string, string> | undefined {
  const m = /^arn:aws[a-z-]*:sagemaker:([a-z0-9-]+):(\d{12}):/.exec(arn);
  if (!m) return undefined;
  const tags = call.read<SageMakerState>('sagemaker', m[2]!, m[1]!)?.tags.get(arn);
  return tags?.length ? Object.fromEntries(tags.map((t) => [t.Key, t.Value])) : undefined;
}

/** Input members holding roles SageMaker will assume. */
const ROLE_MEMBERS = ['RoleArn', 'ExecutionRoleArn', 'DefaultUserSettings.ExecutionRole'];

export function sagemakerChecks(call: ResolverCall): AccessCheck[] {
  const checks = namedChecks(call, RULES, { tagsOf, context: sagemakerContext, unscoped: UNSCOPED });
  if (/^(Create|Update)/.test(call.operation)) checks.push(...passRoleChecks(call, ROLE_MEMBERS, 'sagemaker.amazonaws.com'));
  return checks;
}

/** SageMaker Runtime: sagemaker:InvokeEndpoint on the endpoint. */
export function sagemakerRuntimeChecks(call: ResolverCall): AccessCheck[] {
  return namedChecks(call, [{ member: 'EndpointName', arn: sm('endpoint') }], { tagsOf, context: sagemakerContext });
}
