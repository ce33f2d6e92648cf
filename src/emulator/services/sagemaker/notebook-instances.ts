/**
 * Notebook instances: Pending → InService on create and start, InService → Stopping → Stopped,
 * Stopped → Updating → Stopped, Deleting → gone. RootAccess, InstanceType, RoleArn, the lifecycle
 * configuration and the volume size change only while Stopped; DirectInternetAccess, the subnet,
 * the security groups and KmsKeyId are not parameters of UpdateNotebookInstance at all, so fixing
 * them means creating a new notebook instance — as on AWS.
 */
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { after, checkKmsKeyId, checkName, checkRoleArn, enumValues, enums, key, listPage, randomHex, sagemaker, sagemakerArn, validation } from './common.ts';
import { checkExecutionRole } from './execution-role.ts';
import { findLifecycleConfig } from './lifecycle-configs.ts';
import { checkKmsKey, checkNetwork } from './peers.ts';
import { schedule, takeDue } from './progress.ts';
import type { NotebookInstance, SageMakerState } from './state.ts';
import { checkTags, dropTags, setTags } from './tags.ts';

const TYPE = 'notebook-instance';
const STATUSES = ['Pending', 'InService', 'Stopping', 'Stopped', 'Failed', 'Deleting', 'Updating'];
const DEFAULT_PLATFORM = 'notebook-al2-v3';
const PLATFORM = /^(notebook-al1-v1|notebook-al2-v1|notebook-al2-v2|notebook-al2-v3)$/;

export function findNotebookInstance(ctx: RequestContext, name: string): NotebookInstance {
  const notebook = sagemaker(ctx).notebookInstances.get(key(name));
  if (!notebook) throw validation('RecordNotFound');
  return notebook;
}

/** AWS's wording for a state transition the current status does not allow. */
function wrongStatus(notebook: NotebookInstance, allowed: readonly string[], target: string): Error {
  return validation(`Status (${notebook.status}) not in ([${allowed.join(', ')}]). Unable to transition to (${target}) for Notebook Instance (${notebook.arn}).`);
}

async function checkCommon(input: { InstanceType?: string; RoleArn?: string; RootAccess?: string; VolumeSizeInGB?: number; PlatformIdentifier?: string; InstanceMetadataServiceConfiguration?: SM.InstanceMetadataServiceConfiguration; LifecycleConfigName?: string }, problems: ProblemList): Promise<void> {
  const sdk = await enums();
  problems.oneOf('instanceType', input.InstanceType, enumValues(sdk._InstanceType));
  checkRoleArn(problems, 'roleArn', input.RoleArn);
  problems.oneOf('rootAccess', input.RootAccess, enumValues(sdk.RootAccess));
  problems.range('volumeSizeInGB', input.VolumeSizeInGB, 5, 16384);
  problems.maxLength('platformIdentifier', input.PlatformIdentifier, 15).pattern('platformIdentifier', input.PlatformIdentifier, PLATFORM, '^(notebook-al1-v1|notebook-al2-v1|notebook-al2-v2|notebook-al2-v3)$');
  const imds = input.InstanceMetadataServiceConfiguration?.MinimumInstanceMetadataServiceVersion;
  problems.maxLength('instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion', imds, 1).pattern('instanceMetadataServiceConfiguration.minimumInstanceMetadataServiceVersion', imds, /^(1|2)$/, '1|2');
  problems.maxLength('lifecycleConfigName', input.LifecycleConfigName, 63);
}

export async function createNotebookInstance(input: SM.CreateNotebookInstanceInput, ctx: RequestContext): Promise<Output<SM.CreateNotebookInstanceOutput>> {
  const problems = checkName(new ProblemList(), 'notebookInstanceName', input.NotebookInstanceName);
  await checkCommon(input, problems);
  problems.oneOf('directInternetAccess', input.DirectInternetAccess, enumValues((await enums()).DirectInternetAccess));
  problems.maxLength('subnetId', input.SubnetId, 32);
  if ((input.SecurityGroupIds?.length ?? 0) > 5) problems.problems.push({ path: 'securityGroupIds', kind: 'constraint', value: input.SecurityGroupIds, constraint: 'Member must have length less than or equal to 5' });
  checkKmsKeyId(problems, 'kmsKeyId', input.KmsKeyId);
  problems.check();
  const tags = checkTags(input.Tags);

  const state = sagemaker(ctx);
  const name = input.NotebookInstanceName!;
  const arn = sagemakerArn(ctx, TYPE, name);
  const existing = state.notebookInstances.get(key(name));
  if (existing) throw validation(`Cannot create a duplicate Notebook Instance (${existing.arn})`);

  const groups = input.SecurityGroupIds ?? [];
  if (groups.length && !input.SubnetId) throw validation('SecurityGroupIds can only be given with a SubnetId: a notebook instance uses security groups only inside a VPC subnet.');
  if (input.SubnetId && !groups.length) throw validation(`SubnetId ${input.SubnetId} needs at least one security group: give SecurityGroupIds too.`);
  if (input.DirectInternetAccess === 'Disabled' && !input.SubnetId) {
    throw validation('DirectInternetAccess can be Disabled only for a notebook instance in a VPC: give SubnetId and SecurityGroupIds too.');
  }
  if (input.SubnetId) checkNetwork(ctx, [input.SubnetId], groups);
  checkKmsKey(ctx, input.KmsKeyId, 'KmsKeyId');
  if (input.LifecycleConfigName) findLifecycleConfig(ctx, input.LifecycleConfigName, 'describe');
  checkExecutionRole(ctx, input.RoleArn!, arn);

  const notebook: NotebookInstance = {
    name,
    arn,
    creationTime: ctx.now,
    lastModifiedTime: ctx.now,
    status: 'Pending',
    transitions: [],
    spec: {
      ...input,
      Tags: undefined,
      DirectInternetAccess: input.DirectInternetAccess ?? 'Enabled',
      RootAccess: input.RootAccess ?? 'Enabled',
      VolumeSizeInGB: input.VolumeSizeInGB ?? 5,
      PlatformIdentifier: input.PlatformIdentifier ?? DEFAULT_PLATFORM,
      InstanceMetadataServiceConfiguration: input.InstanceMetadataServiceConfiguration ?? { MinimumInstanceMetadataServiceVersion: '1' },
    },
    url: `${name.toLowerCase()}-${randomHex(8)}.notebook.${ctx.region}.sagemaker.aws`,
    networkInterfaceId: input.SubnetId ? `eni-${randomHex(17)}` : undefined,
  };
  schedule(notebook, [{ at: after(ctx), status: 'InService' }]);
  state.notebookInstances.set(key(name), notebook);
  setTags(state, arn, tags);
  return { NotebookInstanceArn: arn };
}

export function describeNotebookInstance(input: SM.DescribeNotebookInstanceInput, ctx: RequestContext): Output<SM.DescribeNotebookInstanceOutput> {
  const nb = findNotebookInstance(ctx, input.NotebookInstanceName!);
  const spec = nb.spec;
  return {
    NotebookInstanceArn: nb.arn,
    NotebookInstanceName: nb.name,
    NotebookInstanceStatus: nb.status as SM.NotebookInstanceStatus,
    FailureReason: nb.failureReason,
    Url: nb.url,
    InstanceType: spec.InstanceType,
    IpAddressType: spec.IpAddressType,
    SubnetId: spec.SubnetId,
    SecurityGroups: spec.SecurityGroupIds?.length ? spec.SecurityGroupIds : undefined,
    RoleArn: spec.RoleArn,
    KmsKeyId: spec.KmsKeyId,
    NetworkInterfaceId: nb.networkInterfaceId,
    LastModifiedTime: nb.lastModifiedTime,
    CreationTime: nb.creationTime,
    NotebookInstanceLifecycleConfigName: spec.LifecycleConfigName,
    DirectInternetAccess: spec.DirectInternetAccess,
    VolumeSizeInGB: spec.VolumeSizeInGB,
    AcceleratorTypes: spec.AcceleratorTypes,
    DefaultCodeRepository: spec.DefaultCodeRepository,
    AdditionalCodeRepositories: spec.AdditionalCodeRepositories,
    RootAccess: spec.RootAccess,
    PlatformIdentifier: spec.PlatformIdentifier,
    InstanceMetadataServiceConfiguration: spec.InstanceMetadataServiceConfiguration,
  };
}

export function startNotebookInstance(input: SM.StartNotebookInstanceInput, ctx: RequestContext): Output<unknown> {
  const nb = findNotebookInstance(ctx, input.NotebookInstanceName!);
  if (nb.status !== 'Stopped' && nb.status !== 'Failed') throw wrongStatus(nb, ['Stopped', 'Failed'], 'Pending');
  nb.status = 'Pending';
  nb.failureReason = undefined;
  nb.lastModifiedTime = ctx.now;
  schedule(nb, [{ at: after(ctx), status: 'InService' }]);
  return {};
}

export function stopNotebookInstance(input: SM.StopNotebookInstanceInput, ctx: RequestContext): Output<unknown> {
  const nb = findNotebookInstance(ctx, input.NotebookInstanceName!);
  if (nb.status !== 'InService') throw wrongStatus(nb, ['InService'], 'Stopping');
  nb.status = 'Stopping';
  nb.lastModifiedTime = ctx.now;
  schedule(nb, [{ at: after(ctx), status: 'Stopped' }]);
  return {};
}

export async function updateNotebookInstance(input: SM.UpdateNotebookInstanceInput, ctx: RequestContext): Promise<Output<SM.UpdateNotebookInstanceOutput>> {
  const problems = checkName(new ProblemList(), 'notebookInstanceName', input.NotebookInstanceName);
  await checkCommon(input, problems);
  problems.check();
  const nb = findNotebookInstance(ctx, input.NotebookInstanceName!);
  if (nb.status !== 'Stopped') throw wrongStatus(nb, ['Stopped'], 'Updating');
  if (input.LifecycleConfigName && input.DisassociateLifecycleConfig) {
    throw validation('LifecycleConfigName and DisassociateLifecycleConfig cannot both be given: associate a lifecycle configuration or remove it.');
  }
  if (input.VolumeSizeInGB !== undefined && input.VolumeSizeInGB < (nb.spec.VolumeSizeInGB ?? 5)) {
    throw validation(`VolumeSizeInGB can only grow: the notebook instance has ${nb.spec.VolumeSizeInGB} GB and the request asks for ${input.VolumeSizeInGB} GB.`);
  }
  if (input.LifecycleConfigName) findLifecycleConfig(ctx, input.LifecycleConfigName, 'describe');
  if (input.RoleArn) checkExecutionRole(ctx, input.RoleArn, nb.arn);

  const spec = nb.spec;
  if (input.InstanceType !== undefined) spec.InstanceType = input.InstanceType;
  if (input.RoleArn !== undefined) spec.RoleArn = input.RoleArn;
  if (input.RootAccess !== undefined) spec.RootAccess = input.RootAccess;
  if (input.VolumeSizeInGB !== undefined) spec.VolumeSizeInGB = input.VolumeSizeInGB;
  if (input.PlatformIdentifier !== undefined) spec.PlatformIdentifier = input.PlatformIdentifier;
  if (input.IpAddressType !== undefined) spec.IpAddressType = input.IpAddressType;
  if (input.InstanceMetadataServiceConfiguration !== undefined) spec.InstanceMetadataServiceConfiguration = input.InstanceMetadataServiceConfiguration;
  if (input.LifecycleConfigName !== undefined) spec.LifecycleConfigName = input.LifecycleConfigName;
  if (input.DisassociateLifecycleConfig) spec.LifecycleConfigName = undefined;
  if (input.DefaultCodeRepository !== undefined) spec.DefaultCodeRepository = input.DefaultCodeRepository;
  if (input.DisassociateDefaultCodeRepository) spec.DefaultCodeRepository = undefined;
  if (input.AdditionalCodeRepositories !== undefined) spec.AdditionalCodeRepositories = input.AdditionalCodeRepositories;
  if (input.DisassociateAdditionalCodeRepositories) spec.AdditionalCodeRepositories = undefined;
  if (input.AcceleratorTypes !== undefined) spec.AcceleratorTypes = input.AcceleratorTypes;
  if (input.DisassociateAcceleratorTypes) spec.AcceleratorTypes = undefined;
  nb.status = 'Updating';
  nb.lastModifiedTime = ctx.now;
  schedule(nb, [{ at: after(ctx), status: 'Stopped' }]);
  return {};
}

export function deleteNotebookInstance(input: SM.DeleteNotebookInstanceInput, ctx: RequestContext): Output<unknown> {
  const nb = findNotebookInstance(ctx, input.NotebookInstanceName!);
  if (nb.status !== 'Stopped' && nb.status !== 'Failed') throw wrongStatus(nb, ['Stopped', 'Failed'], 'Deleting');
  nb.status = 'Deleting';
  nb.lastModifiedTime = ctx.now;
  schedule(nb, [{ at: after(ctx), status: 'deleted' }]);
  return {};
}

export function listNotebookInstances(input: SM.ListNotebookInstancesInput, ctx: RequestContext): Output<SM.ListNotebookInstancesOutput> {
  const problems = new ProblemList().maxLength('notebookInstanceLifecycleConfigNameContains', input.NotebookInstanceLifecycleConfigNameContains, 63);
  problems.check();
  const lifecycle = input.NotebookInstanceLifecycleConfigNameContains?.toLowerCase();
  const repo = input.DefaultCodeRepositoryContains?.toLowerCase();
  const candidates = [...sagemaker(ctx).notebookInstances.values()].filter((nb) => {
    if (lifecycle !== undefined && !(nb.spec.LifecycleConfigName ?? '').toLowerCase().includes(lifecycle)) return false;
    if (repo !== undefined && !(nb.spec.DefaultCodeRepository ?? '').toLowerCase().includes(repo)) return false;
    if (input.AdditionalCodeRepositoryEquals !== undefined && !(nb.spec.AdditionalCodeRepositories ?? []).includes(input.AdditionalCodeRepositoryEquals)) return false;
    return true;
  });
  const { page, NextToken } = listPage(candidates, input, { sortBy: ['Name', 'CreationTime', 'Status'], defaultSortBy: 'Name', defaultSortOrder: 'Ascending', statuses: STATUSES });
  return {
    NotebookInstances: page.map((nb) => ({
      NotebookInstanceName: nb.name,
      NotebookInstanceArn: nb.arn,
      NotebookInstanceStatus: nb.status as SM.NotebookInstanceStatus,
      Url: nb.url,
      InstanceType: nb.spec.InstanceType,
      CreationTime: nb.creationTime,
      LastModifiedTime: nb.lastModifiedTime,
      NotebookInstanceLifecycleConfigName: nb.spec.LifecycleConfigName,
      DefaultCodeRepository: nb.spec.DefaultCodeRepository,
      AdditionalCodeRepositories: nb.spec.AdditionalCodeRepositories,
    })),
    NextToken,
  };
}

/** Applies due transitions; a finished deletion removes the instance and its tags. */
export function settleNotebookInstances(state: SageMakerState, ctx: RequestContext): boolean {
  let changed = false;
  for (const nb of [...state.notebookInstances.values()]) {
    const due = takeDue(nb, ctx.now);
    if (!due.length) continue;
    changed = true;
    if (due.some((t) => t.status === 'deleted')) {
      state.notebookInstances.delete(key(nb.name));
      dropTags(state, nb.arn);
    }
  }
  return changed;
}
