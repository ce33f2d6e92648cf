/**
 * SageMaker Studio domains: AppNetworkAccessType (PublicInternetOnly by default — Studio's own
 * internet access — or VpcOnly, all traffic through the domain's VPC), the VPC and subnets, the
 * KMS key of the home EFS volume, default user settings (execution role, security groups).
 * Pending → InService, Updating → InService, Deleting → gone, over the transition delay.
 */
import type * as SM from '@aws-sdk/client-sagemaker';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { after, checkCount, checkKmsKeyId, checkName, checkRoleArn, enumValues, enums, paginate, randomAlnum, randomHex, resourceInUse, resourceNotFound, sagemaker, sagemakerArn, validation } from './common.ts';
import { checkExecutionRole } from './execution-role.ts';
import { checkKmsKey, checkNetwork, checkVpc, vpcOfSubnet } from './peers.ts';
import { schedule, takeDue } from './progress.ts';
import type { Domain, SageMakerState } from './state.ts';
import { checkTags, dropTags, setTags } from './tags.ts';

export function findDomain(ctx: RequestContext, id: string): Domain {
  const domain = sagemaker(ctx).domains.get(id);
  if (!domain) throw resourceNotFound(`Domain arn:aws:sagemaker:${ctx.region}:${ctx.accountId}:domain/${id} does not exist.`);
  return domain;
}

/** Subnets must be in the domain's VPC (when EC2 is emulated), and VpcOnly needs them. */
function checkDomainNetwork(ctx: RequestContext, access: string, vpcId: string | undefined, subnetIds: readonly string[], securityGroups: readonly string[]): void {
  if (access === 'VpcOnly' && (!vpcId || !subnetIds.length)) {
    throw validation('AppNetworkAccessType VpcOnly needs the domain\'s VpcId and SubnetIds: all Studio traffic then goes through that VPC.');
  }
  if (subnetIds.length && !vpcId) throw validation('SubnetIds need the VpcId they belong to.');
  if (vpcId) checkVpc(ctx, vpcId);
  if (vpcId && subnetIds.length) {
    checkNetwork(ctx, subnetIds, securityGroups);
    for (const subnet of subnetIds) {
      const vpc = vpcOfSubnet(ctx, subnet);
      if (vpc !== undefined && vpc !== vpcId) throw validation(`Subnet ${subnet} is in ${vpc}, not in the domain's VPC ${vpcId}.`);
    }
  }
}

export async function createDomain(input: SM.CreateDomainRequest, ctx: RequestContext): Promise<Output<SM.CreateDomainResponse>> {
  const sdk = await enums();
  const problems = checkName(new ProblemList(), 'domainName', input.DomainName);
  problems.oneOf('authMode', input.AuthMode, enumValues(sdk.AuthMode)).oneOf('appNetworkAccessType', input.AppNetworkAccessType, enumValues(sdk.AppNetworkAccessType));
  checkCount(problems, 'subnetIds', input.SubnetIds, 1, 16);
  problems.maxLength('vpcId', input.VpcId, 32);
  checkKmsKeyId(problems, 'kmsKeyId', input.KmsKeyId);
  checkRoleArn(problems, 'defaultUserSettings.executionRole', input.DefaultUserSettings?.ExecutionRole);
  checkCount(problems, 'defaultUserSettings.securityGroups', input.DefaultUserSettings?.SecurityGroups, 0, 5);
  problems.check();
  const tags = checkTags(input.Tags);
  const state = sagemaker(ctx);
  if ([...state.domains.values()].some((d) => d.name === input.DomainName && d.status !== 'Deleting')) {
    throw resourceInUse(`Resource Already Exists: Domain with name ${input.DomainName} already exists. Choose a different name.`);
  }
  const access = input.AppNetworkAccessType ?? 'PublicInternetOnly';
  checkDomainNetwork(ctx, access, input.VpcId, input.SubnetIds ?? [], input.DefaultUserSettings?.SecurityGroups ?? []);
  checkKmsKey(ctx, input.KmsKeyId, 'KmsKeyId');
  const id = `d-${randomAlnum(12)}`;
  const arn = sagemakerArn(ctx, 'domain', id);
  if (input.DefaultUserSettings?.ExecutionRole) checkExecutionRole(ctx, input.DefaultUserSettings.ExecutionRole, arn);
  const domain: Domain = {
    id,
    name: input.DomainName!,
    arn,
    creationTime: ctx.now,
    lastModifiedTime: ctx.now,
    status: 'Pending',
    transitions: [],
    spec: { ...input, Tags: undefined, AppNetworkAccessType: access },
    homeEfsFileSystemId: `fs-${randomHex(8)}`,
    url: `https://${id}.studio.${ctx.region}.sagemaker.aws`,
    securityGroupIdForDomainBoundary: input.VpcId ? `sg-${randomHex(17)}` : undefined,
  };
  schedule(domain, [{ at: after(ctx), status: 'InService' }]);
  state.domains.set(id, domain);
  setTags(state, arn, tags);
  return { DomainArn: arn, DomainId: id, Url: domain.url };
}

export function describeDomain(input: SM.DescribeDomainRequest, ctx: RequestContext): Output<SM.DescribeDomainResponse> {
  const d = findDomain(ctx, input.DomainId!);
  const spec = d.spec;
  return {
    DomainArn: d.arn,
    DomainId: d.id,
    DomainName: d.name,
    HomeEfsFileSystemId: d.homeEfsFileSystemId,
    Status: d.status as SM.DomainStatus,
    CreationTime: d.creationTime,
    LastModifiedTime: d.lastModifiedTime,
    FailureReason: d.failureReason,
    SecurityGroupIdForDomainBoundary: d.securityGroupIdForDomainBoundary,
    AuthMode: spec.AuthMode,
    DefaultUserSettings: spec.DefaultUserSettings,
    DomainSettings: spec.DomainSettings,
    AppNetworkAccessType: spec.AppNetworkAccessType,
    HomeEfsFileSystemKmsKeyId: spec.HomeEfsFileSystemKmsKeyId ?? spec.KmsKeyId,
    SubnetIds: spec.SubnetIds,
    Url: d.url,
    VpcId: spec.VpcId,
    KmsKeyId: spec.KmsKeyId,
    AppSecurityGroupManagement: spec.AppSecurityGroupManagement,
    TagPropagation: spec.TagPropagation ?? 'DISABLED',
    DefaultSpaceSettings: spec.DefaultSpaceSettings,
  };
}

export async function updateDomain(input: SM.UpdateDomainRequest, ctx: RequestContext): Promise<Output<SM.UpdateDomainResponse>> {
  const sdk = await enums();
  const problems = new ProblemList().oneOf('appNetworkAccessType', input.AppNetworkAccessType, enumValues(sdk.AppNetworkAccessType));
  checkCount(problems, 'subnetIds', input.SubnetIds, 1, 16);
  checkRoleArn(problems, 'defaultUserSettings.executionRole', input.DefaultUserSettings?.ExecutionRole);
  problems.check();
  const d = findDomain(ctx, input.DomainId!);
  if (d.status !== 'InService') throw validation(`Domain ${d.arn} is ${d.status}; it can be updated only when InService.`);
  const access = input.AppNetworkAccessType ?? d.spec.AppNetworkAccessType ?? 'PublicInternetOnly';
  const vpcId = input.VpcId ?? d.spec.VpcId;
  const subnets = input.SubnetIds ?? d.spec.SubnetIds ?? [];
  checkDomainNetwork(ctx, access, vpcId, subnets, input.DefaultUserSettings?.SecurityGroups ?? d.spec.DefaultUserSettings?.SecurityGroups ?? []);
  if (input.DefaultUserSettings?.ExecutionRole) checkExecutionRole(ctx, input.DefaultUserSettings.ExecutionRole, d.arn);
  d.spec.AppNetworkAccessType = access;
  d.spec.VpcId = vpcId;
  if (input.SubnetIds) d.spec.SubnetIds = input.SubnetIds;
  if (input.DefaultUserSettings) d.spec.DefaultUserSettings = { ...d.spec.DefaultUserSettings, ...input.DefaultUserSettings };
  if (input.DefaultSpaceSettings) d.spec.DefaultSpaceSettings = { ...d.spec.DefaultSpaceSettings, ...input.DefaultSpaceSettings };
  if (input.AppSecurityGroupManagement) d.spec.AppSecurityGroupManagement = input.AppSecurityGroupManagement;
  if (input.TagPropagation) d.spec.TagPropagation = input.TagPropagation;
  if (vpcId && !d.securityGroupIdForDomainBoundary) d.securityGroupIdForDomainBoundary = `sg-${randomHex(17)}`;
  d.status = 'Updating';
  d.lastModifiedTime = ctx.now;
  schedule(d, [{ at: after(ctx), status: 'InService' }]);
  return { DomainArn: d.arn };
}

export function deleteDomain(input: SM.DeleteDomainRequest, ctx: RequestContext): Output<unknown> {
  const d = findDomain(ctx, input.DomainId!);
  if (d.status === 'Deleting') return {};
  d.status = 'Deleting';
  d.lastModifiedTime = ctx.now;
  schedule(d, [{ at: after(ctx), status: 'deleted' }]);
  return {};
}

export function listDomains(input: SM.ListDomainsRequest, ctx: RequestContext): Output<SM.ListDomainsResponse> {
  new ProblemList().range('maxResults', input.MaxResults, 1, 100).check();
  const all = [...sagemaker(ctx).domains.values()].sort((a, b) => a.creationTime.getTime() - b.creationTime.getTime());
  const { page, NextToken } = paginate(all, input.NextToken, input.MaxResults ?? 10);
  return { Domains: page.map((d) => ({ DomainArn: d.arn, DomainId: d.id, DomainName: d.name, Status: d.status as SM.DomainStatus, CreationTime: d.creationTime, LastModifiedTime: d.lastModifiedTime, Url: d.url })), NextToken };
}

export function settleDomains(state: SageMakerState, ctx: RequestContext): boolean {
  let changed = false;
  for (const d of [...state.domains.values()]) {
    const due = takeDue(d, ctx.now);
    if (!due.length) continue;
    changed = true;
    if (due.some((t) => t.status === 'deleted')) {
      state.domains.delete(d.id);
      dropTags(state, d.arn);
    }
  }
  return changed;
}
