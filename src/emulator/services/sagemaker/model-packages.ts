/**
 * The model registry: model package groups and the versioned model packages registered in them,
 * with the approval workflow (PendingManualApproval → Approved / Rejected, ApprovalDescription,
 * who changed it), plus unversioned (named) packages. Approval changes publish "SageMaker Model
 * Package State Change" events, which is how deployment pipelines react to an approval.
 */
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { after, byCodePoint, checkName, conflict, enumValues, enums, key, listPage, sagemaker, sagemakerArn, validation } from './common.ts';
import { publishModelPackageEvent } from './events.ts';
import { schedule, takeDue } from './progress.ts';
import type { ModelPackage, ModelPackageGroup, SageMakerState } from './state.ts';
import { checkTags, dropTags, setTags } from './tags.ts';

const GROUP_TYPE = 'model-package-group';
const TYPE = 'model-package';

function userContext(ctx: RequestContext): SM.UserContext {
  return { IamIdentity: { Arn: ctx.principal.arn, PrincipalId: ctx.principal.userId } };
}

export function findGroup(ctx: RequestContext, name: string): ModelPackageGroup {
  const group = sagemaker(ctx).modelPackageGroups.get(key(name));
  if (!group) throw validation(`ModelPackageGroup ${name} does not exist.`);
  return group;
}

/** A package by ARN (`…:model-package/group/3`), `group/3`, or the name of an unversioned package. */
export function findModelPackage(ctx: RequestContext, reference: string): ModelPackage {
  const m = /^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:\d{12}:model-package\/(.+)$/.exec(reference);
  const id = key(m ? m[1]! : reference);
  const pkg = sagemaker(ctx).modelPackages.get(id);
  if (!pkg) throw validation(`ModelPackage ${reference} does not exist.`);
  return pkg;
}

export function createModelPackageGroup(input: SM.CreateModelPackageGroupInput, ctx: RequestContext): Output<SM.CreateModelPackageGroupOutput> {
  checkName(new ProblemList(), 'modelPackageGroupName', input.ModelPackageGroupName).maxLength('modelPackageGroupDescription', input.ModelPackageGroupDescription, 1024).check();
  const tags = checkTags(input.Tags);
  const state = sagemaker(ctx);
  const name = input.ModelPackageGroupName!;
  const arn = sagemakerArn(ctx, GROUP_TYPE, name);
  if (state.modelPackageGroups.has(key(name))) throw validation(`Model Package Group already exists: ${arn}`);
  const group: ModelPackageGroup = { name, arn, creationTime: ctx.now, lastModifiedTime: ctx.now, status: 'Pending', transitions: [], description: input.ModelPackageGroupDescription, createdBy: userContext(ctx), nextVersion: 1 };
  schedule(group, [{ at: after(ctx, 0.25), status: 'Completed' }]);
  state.modelPackageGroups.set(key(name), group);
  setTags(state, arn, tags);
  return { ModelPackageGroupArn: arn };
}

export function describeModelPackageGroup(input: SM.DescribeModelPackageGroupInput, ctx: RequestContext): Output<SM.DescribeModelPackageGroupOutput> {
  const g = findGroup(ctx, input.ModelPackageGroupName!);
  return { ModelPackageGroupName: g.name, ModelPackageGroupArn: g.arn, ModelPackageGroupDescription: g.description, CreationTime: g.creationTime, CreatedBy: g.createdBy, ModelPackageGroupStatus: g.status as SM.ModelPackageGroupStatus };
}

export function listModelPackageGroups(input: SM.ListModelPackageGroupsInput, ctx: RequestContext): Output<SM.ListModelPackageGroupsOutput> {
  const { page, NextToken } = listPage(sagemaker(ctx).modelPackageGroups.values(), input, { sortBy: ['Name', 'CreationTime'], defaultSortBy: 'CreationTime', defaultSortOrder: 'Descending' });
  return {
    ModelPackageGroupSummaryList: page.map((g) => ({ ModelPackageGroupName: g.name, ModelPackageGroupArn: g.arn, ModelPackageGroupDescription: g.description, CreationTime: g.creationTime, ModelPackageGroupStatus: g.status as SM.ModelPackageGroupStatus })),
    NextToken,
  };
}

export function deleteModelPackageGroup(input: SM.DeleteModelPackageGroupInput, ctx: RequestContext): Output<unknown> {
  const group = findGroup(ctx, input.ModelPackageGroupName!);
  const state = sagemaker(ctx);
  const versions = [...state.modelPackages.values()].filter((p) => p.groupName && key(p.groupName) === key(group.name));
  if (versions.length) throw conflict(`Model Package Group ${group.arn} still has ${versions.length} model package version(s); delete them before the group.`);
  state.modelPackageGroups.delete(key(group.name));
  dropTags(state, group.arn);
  return {};
}

function describe(pkg: ModelPackage): Output<SM.DescribeModelPackageOutput> {
  const spec = pkg.spec;
  return {
    ModelPackageName: pkg.name,
    ModelPackageGroupName: pkg.groupName,
    ModelPackageVersion: pkg.version,
    ModelPackageArn: pkg.arn,
    ModelPackageDescription: spec.ModelPackageDescription,
    CreationTime: pkg.creationTime,
    InferenceSpecification: spec.InferenceSpecification,
    SourceAlgorithmSpecification: spec.SourceAlgorithmSpecification,
    ValidationSpecification: spec.ValidationSpecification,
    ModelPackageStatus: pkg.status as SM.ModelPackageStatus,
    ModelPackageStatusDetails: { ValidationStatuses: [], ImageScanStatuses: [] },
    CertifyForMarketplace: spec.CertifyForMarketplace ?? false,
    ModelApprovalStatus: pkg.approvalStatus as SM.ModelApprovalStatus | undefined,
    CreatedBy: pkg.createdBy,
    MetadataProperties: spec.MetadataProperties,
    ModelMetrics: spec.ModelMetrics,
    LastModifiedTime: pkg.lastModifiedTime,
    LastModifiedBy: pkg.lastModifiedBy,
    ApprovalDescription: pkg.approvalDescription,
    Domain: spec.Domain,
    Task: spec.Task,
    SamplePayloadUrl: spec.SamplePayloadUrl,
    CustomerMetadataProperties: spec.CustomerMetadataProperties,
    DriftCheckBaselines: spec.DriftCheckBaselines,
    AdditionalInferenceSpecifications: spec.AdditionalInferenceSpecifications,
    SkipModelValidation: spec.SkipModelValidation,
    SourceUri: spec.SourceUri,
  };
}

export async function createModelPackage(input: SM.CreateModelPackageInput, ctx: RequestContext): Promise<Output<SM.CreateModelPackageOutput>> {
  const sdk = await enums();
  const problems = new ProblemList();
  if (input.ModelPackageName !== undefined) checkName(problems, 'modelPackageName', input.ModelPackageName);
  problems.maxLength('modelPackageGroupName', input.ModelPackageGroupName, 170).maxLength('modelPackageDescription', input.ModelPackageDescription, 1024);
  problems.oneOf('modelApprovalStatus', input.ModelApprovalStatus, enumValues(sdk.ModelApprovalStatus));
  problems.check();
  const tags = checkTags(input.Tags);
  const state = sagemaker(ctx);
  if (input.ModelPackageName && input.ModelPackageGroupName) throw validation('Specify ModelPackageName (an unversioned package) or ModelPackageGroupName (a version in a group), not both.');
  if (!input.ModelPackageName && !input.ModelPackageGroupName) throw validation('Specify ModelPackageGroupName to register a version in a model group, or ModelPackageName for an unversioned package.');

  let pkg: ModelPackage;
  if (input.ModelPackageGroupName) {
    const group = findGroup(ctx, input.ModelPackageGroupName.replace(/^arn:.*:model-package-group\//, ''));
    if (!input.InferenceSpecification && !input.SourceUri) throw validation('A model package version needs an InferenceSpecification (or a SourceUri).');
    const version = group.nextVersion++;
    pkg = {
      key: `${key(group.name)}/${version}`,
      name: group.name,
      arn: `${sagemakerArn(ctx, TYPE, group.name)}/${version}`,
      groupName: group.name,
      version,
      creationTime: ctx.now,
      lastModifiedTime: ctx.now,
      status: 'Pending',
      transitions: [],
      spec: { ...input, Tags: undefined },
      approvalStatus: input.ModelApprovalStatus ?? 'PendingManualApproval',
      createdBy: userContext(ctx),
    };
  } else {
    const name = input.ModelPackageName!;
    if (state.modelPackages.has(key(name))) throw validation(`Model Package already exists: ${sagemakerArn(ctx, TYPE, name)}`);
    if (input.ModelApprovalStatus) throw validation('ModelApprovalStatus applies only to versioned model packages (registered in a model package group).');
    pkg = { key: key(name), name, arn: sagemakerArn(ctx, TYPE, name), creationTime: ctx.now, lastModifiedTime: ctx.now, status: 'Pending', transitions: [], spec: { ...input, Tags: undefined }, createdBy: userContext(ctx) };
  }
  schedule(pkg, [{ at: after(ctx, 0.25), status: 'InProgress' }, { at: after(ctx, 0.5), status: 'Completed' }]);
  state.modelPackages.set(pkg.key, pkg);
  setTags(state, pkg.arn, tags);
  return { ModelPackageArn: pkg.arn };
}

export function describeModelPackage(input: SM.DescribeModelPackageInput, ctx: RequestContext): Output<SM.DescribeModelPackageOutput> {
  return describe(findModelPackage(ctx, input.ModelPackageName!));
}

export async function updateModelPackage(input: SM.UpdateModelPackageInput, ctx: RequestContext): Promise<Output<SM.UpdateModelPackageOutput>> {
  const sdk = await enums();
  new ProblemList().oneOf('modelApprovalStatus', input.ModelApprovalStatus, enumValues(sdk.ModelApprovalStatus)).maxLength('approvalDescription', input.ApprovalDescription, 1024).check();
  const pkg = findModelPackage(ctx, input.ModelPackageArn!);
  if (input.ModelApprovalStatus && pkg.version === undefined) throw validation('ModelApprovalStatus applies only to versioned model packages (registered in a model package group).');
  const approvalChanged = input.ModelApprovalStatus !== undefined && input.ModelApprovalStatus !== pkg.approvalStatus;
  if (input.ModelApprovalStatus !== undefined) pkg.approvalStatus = input.ModelApprovalStatus;
  if (input.ApprovalDescription !== undefined) pkg.approvalDescription = input.ApprovalDescription;
  if (input.CustomerMetadataProperties) pkg.spec.CustomerMetadataProperties = { ...pkg.spec.CustomerMetadataProperties, ...input.CustomerMetadataProperties };
  for (const k of input.CustomerMetadataPropertiesToRemove ?? []) delete pkg.spec.CustomerMetadataProperties?.[k];
  if (input.AdditionalInferenceSpecificationsToAdd) pkg.spec.AdditionalInferenceSpecifications = [...(pkg.spec.AdditionalInferenceSpecifications ?? []), ...input.AdditionalInferenceSpecificationsToAdd];
  if (input.InferenceSpecification) pkg.spec.InferenceSpecification = input.InferenceSpecification;
  if (input.SourceUri !== undefined) pkg.spec.SourceUri = input.SourceUri;
  pkg.lastModifiedTime = ctx.now;
  pkg.lastModifiedBy = userContext(ctx);
  if (approvalChanged) publishModelPackageEvent(ctx, describe(pkg) as Record<string, unknown>, ctx.now);
  return { ModelPackageArn: pkg.arn };
}

export function deleteModelPackage(input: SM.DeleteModelPackageInput, ctx: RequestContext): Output<unknown> {
  const pkg = findModelPackage(ctx, input.ModelPackageName!);
  const state = sagemaker(ctx);
  state.modelPackages.delete(pkg.key);
  dropTags(state, pkg.arn);
  return {};
}

export function listModelPackages(input: SM.ListModelPackagesInput, ctx: RequestContext): Output<SM.ListModelPackagesOutput> {
  new ProblemList().oneOf('modelPackageType', input.ModelPackageType, ['Versioned', 'Unversioned', 'Both']).check();
  const group = input.ModelPackageGroupName?.replace(/^arn:.*:model-package-group\//, '');
  const type = input.ModelPackageType ?? 'Both';
  const candidates = [...sagemaker(ctx).modelPackages.values()].filter((p) => {
    if (group !== undefined && key(p.groupName ?? '') !== key(group)) return false;
    if (input.ModelApprovalStatus !== undefined && p.approvalStatus !== input.ModelApprovalStatus) return false;
    if (type === 'Versioned' && p.version === undefined) return false;
    if (type === 'Unversioned' && p.version !== undefined) return false;
    return true;
  });
  const { page, NextToken } = listPage(candidates, { ...input, StatusEquals: undefined }, { sortBy: ['Name', 'CreationTime'], defaultSortBy: 'CreationTime', defaultSortOrder: 'Ascending' });
  return {
    ModelPackageSummaryList: page.map((p) => ({
      ModelPackageName: p.name,
      ModelPackageGroupName: p.groupName,
      ModelPackageVersion: p.version,
      ModelPackageArn: p.arn,
      ModelPackageDescription: p.spec.ModelPackageDescription,
      CreationTime: p.creationTime,
      ModelPackageStatus: p.status as SM.ModelPackageStatus,
      ModelApprovalStatus: p.approvalStatus as SM.ModelApprovalStatus | undefined,
    })),
    NextToken,
  };
}

export function settleModelPackages(state: SageMakerState, ctx: RequestContext): boolean {
  let changed = false;
  for (const group of state.modelPackageGroups.values()) if (takeDue(group, ctx.now).length) changed = true;
  const packages = [...state.modelPackages.values()].sort((a, b) => byCodePoint(a.key, b.key));
  for (const pkg of packages) {
    for (const t of takeDue(pkg, ctx.now)) {
      changed = true;
      if (t.status === 'Completed') publishModelPackageEvent(ctx, describe(pkg) as Record<string, unknown>, t.at);
    }
  }
  return changed;
}
