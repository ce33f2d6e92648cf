/** Account-wide IAM views: GetAccountAuthorizationDetails, GetAccountSummary, account aliases. */
import type * as IAM from '@aws-sdk/client-iam';
import type { RequestContext } from '../../core/context.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { alreadyExists, encodeDocument, iam, noSuchEntity, paginate } from './common.ts';
import { groupOutput } from './groups.ts';
import { awsManagedPolicies } from './managed-policy-lookup.ts';
import { usage } from './managed-policies.ts';
import { roleOutput } from './roles.ts';
import type { IamState, ManagedPolicy } from './state.ts';

type Entry =
  | { kind: 'User'; value: IAM.UserDetail }
  | { kind: 'Group'; value: IAM.GroupDetail }
  | { kind: 'Role'; value: IAM.RoleDetail }
  | { kind: 'Policy'; value: IAM.ManagedPolicyDetail };

function inline(map: Map<string, string>): IAM.PolicyDetail[] {
  return [...map].map(([PolicyName, doc]) => ({ PolicyName, PolicyDocument: encodeDocument(doc) }));
}

function attached(ctx: RequestContext, arns: string[]): IAM.AttachedPolicy[] {
  const all = awsManagedPolicies();
  const state = iam(ctx);
  return arns.map((arn) => ({ PolicyArn: arn, PolicyName: (state.policies.get(arn) ?? all.get(arn))?.policyName }));
}

function policyDetail(state: IamState, p: ManagedPolicy): IAM.ManagedPolicyDetail {
  const u = usage(state, p.arn);
  return {
    PolicyName: p.policyName,
    PolicyId: p.policyId,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersionId,
    AttachmentCount: u.attachments,
    PermissionsBoundaryUsageCount: u.boundaries,
    IsAttachable: true,
    Description: p.description,
    CreateDate: p.createDate,
    UpdateDate: p.updateDate,
    PolicyVersionList: p.versions.map((v) => ({ Document: encodeDocument(v.document), VersionId: v.versionId, IsDefaultVersion: v.versionId === p.defaultVersionId, CreateDate: v.createDate })),
  };
}

export function getAccountAuthorizationDetails(input: IAM.GetAccountAuthorizationDetailsRequest, ctx: RequestContext): Output<IAM.GetAccountAuthorizationDetailsResponse> {
  const state = iam(ctx);
  const filter = new Set(input.Filter?.length ? input.Filter : ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy']);
  const entries: Entry[] = [];
  const byName = <T>(items: Iterable<T>, key: (t: T) => string) => [...items].sort((a, b) => key(a).localeCompare(key(b)));
  if (filter.has('User')) {
    for (const u of byName(state.users.values(), (u) => u.userName)) {
      entries.push({ kind: 'User', value: {
        Path: u.path, UserName: u.userName, UserId: u.userId, Arn: u.arn, CreateDate: u.createDate,
        UserPolicyList: inline(u.inlinePolicies), GroupList: [...u.groups], AttachedManagedPolicies: attached(ctx, u.attachedPolicies),
        PermissionsBoundary: u.permissionsBoundary ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: u.permissionsBoundary } : undefined,
        Tags: u.tags.length ? u.tags : undefined,
      } });
    }
  }
  if (filter.has('Group')) {
    for (const g of byName(state.groups.values(), (g) => g.groupName)) {
      entries.push({ kind: 'Group', value: { ...groupOutput(g), GroupPolicyList: inline(g.inlinePolicies), AttachedManagedPolicies: attached(ctx, g.attachedPolicies) } });
    }
  }
  if (filter.has('Role')) {
    for (const r of byName(state.roles.values(), (r) => r.roleName)) {
      const out = roleOutput(r);
      const profiles = [...state.instanceProfiles.values()].filter((p) => p.roles.includes(r.roleName));
      entries.push({ kind: 'Role', value: {
        Path: out.Path, RoleName: out.RoleName, RoleId: out.RoleId, Arn: out.Arn, CreateDate: out.CreateDate,
        AssumeRolePolicyDocument: out.AssumeRolePolicyDocument,
        InstanceProfileList: profiles.map((p) => ({ Path: p.path, InstanceProfileName: p.instanceProfileName, InstanceProfileId: p.instanceProfileId, Arn: p.arn, CreateDate: p.createDate, Roles: [roleOutput(r, false)] })),
        RolePolicyList: inline(r.inlinePolicies), AttachedManagedPolicies: attached(ctx, r.attachedPolicies),
        PermissionsBoundary: out.PermissionsBoundary, Tags: r.tags.length ? r.tags : undefined, RoleLastUsed: out.RoleLastUsed,
      } });
    }
  }
  if (filter.has('LocalManagedPolicy')) {
    for (const p of byName(state.policies.values(), (p) => p.policyName)) entries.push({ kind: 'Policy', value: policyDetail(state, p) });
  }
  if (filter.has('AWSManagedPolicy')) {
    // As on AWS, the AWS managed policies that are in use in the account.
    for (const p of byName(awsManagedPolicies().values(), (p) => p.policyName)) {
      const u = usage(state, p.arn);
      if (u.attachments || u.boundaries) entries.push({ kind: 'Policy', value: policyDetail(state, p) });
    }
  }
  const page = paginate(entries, input.Marker, input.MaxItems);
  const pick = <K extends Entry['kind']>(kind: K) => page.items.filter((e): e is Extract<Entry, { kind: K }> => e.kind === kind).map((e) => e.value);
  return {
    UserDetailList: pick('User') as IAM.UserDetail[],
    GroupDetailList: pick('Group') as IAM.GroupDetail[],
    RoleDetailList: pick('Role') as IAM.RoleDetail[],
    Policies: pick('Policy') as IAM.ManagedPolicyDetail[],
    IsTruncated: page.IsTruncated,
    Marker: page.Marker,
  };
}

export function getAccountSummary(_input: unknown, ctx: RequestContext): Output<IAM.GetAccountSummaryResponse> {
  const s = iam(ctx);
  const keys = ctx.credentials.list();
  return {
    SummaryMap: {
      Users: s.users.size, UsersQuota: 5000,
      Groups: s.groups.size, GroupsQuota: 300,
      Roles: s.roles.size, RolesQuota: 1000,
      Policies: s.policies.size, PoliciesQuota: 1500,
      InstanceProfiles: s.instanceProfiles.size, InstanceProfilesQuota: 1000,
      AccountAccessKeysPresent: keys.some((k) => k.issuer === 'root') ? 1 : 0,
      AccountMFAEnabled: 0,
      MFADevices: 0, MFADevicesInUse: 0,
      GroupsPerUserQuota: 10, AttachedPoliciesPerUserQuota: 10, AttachedPoliciesPerGroupQuota: 10, AttachedPoliciesPerRoleQuota: 10,
      AccessKeysPerUserQuota: 2, PolicySizeQuota: 6144, PolicyVersionsInUse: [...s.policies.values()].reduce((n, p) => n + p.versions.length, 0), PolicyVersionsInUseQuota: 10000,
      VersionsPerPolicyQuota: 5, UserPolicySizeQuota: 2048, RolePolicySizeQuota: 10240, GroupPolicySizeQuota: 5120, AssumeRolePolicySizeQuota: 2048,
      SigningCertificatesPerUserQuota: 2, ServerCertificates: 0, ServerCertificatesQuota: 20, Providers: 0, GlobalEndpointTokenVersion: 1,
    },
  };
}

export function createAccountAlias(input: IAM.CreateAccountAliasRequest, ctx: RequestContext): Output<unknown> {
  new ProblemList().minLength('accountAlias', input.AccountAlias, 3).maxLength('accountAlias', input.AccountAlias, 63)
    .pattern('accountAlias', input.AccountAlias, /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/, '^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$').check();
  const alias = input.AccountAlias!;
  for (const other of ctx.accountIds()) {
    if (other !== ctx.accountId && ctx.stateOf<IamState>('iam', other).accountAliases.includes(alias)) throw alreadyExists(`The account alias ${alias} already exists.`);
  }
  iam(ctx).accountAliases = [alias];
  return {};
}

export function listAccountAliases(input: IAM.ListAccountAliasesRequest, ctx: RequestContext): Output<IAM.ListAccountAliasesResponse> {
  const page = paginate(iam(ctx).accountAliases, input.Marker, input.MaxItems);
  return { AccountAliases: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function deleteAccountAlias(input: IAM.DeleteAccountAliasRequest, ctx: RequestContext): Output<unknown> {
  const state = iam(ctx);
  if (!state.accountAliases.includes(input.AccountAlias!)) throw noSuchEntity(`The account alias ${input.AccountAlias} cannot be found.`);
  state.accountAliases = [];
  return {};
}
