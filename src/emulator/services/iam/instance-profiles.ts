/** Instance profiles: the containers that pass a role to EC2 instances (and notebooks). */
import type * as IAM from '@aws-sdk/client-iam';
import type { RequestContext } from '../../core/context.ts';
import { iamUniqueId } from '../../core/ids.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { alreadyExists, checkName, checkPath, checkTags, deleteConflict, iam, iamArn, limitExceeded, mergeTags, noSuchEntity, paginate } from './common.ts';
import { findRole, roleOutput } from './roles.ts';
import type { InstanceProfile } from './state.ts';

function findProfile(ctx: RequestContext, name: string): InstanceProfile {
  const profile = iam(ctx).instanceProfiles.get(name);
  if (!profile) throw noSuchEntity(`Instance Profile ${name} cannot be found.`);
  return profile;
}

function profileOutput(ctx: RequestContext, profile: InstanceProfile): IAM.InstanceProfile {
  return {
    Path: profile.path,
    InstanceProfileName: profile.instanceProfileName,
    InstanceProfileId: profile.instanceProfileId,
    Arn: profile.arn,
    CreateDate: profile.createDate,
    Roles: profile.roles.map((r) => roleOutput(findRole(ctx, r), false)),
    Tags: profile.tags.length ? profile.tags : undefined,
  };
}

export function createInstanceProfile(input: IAM.CreateInstanceProfileRequest, ctx: RequestContext): Output<IAM.CreateInstanceProfileResponse> {
  const problems = new ProblemList();
  checkName(problems, 'instanceProfileName', input.InstanceProfileName, 128);
  checkPath(problems, input.Path);
  problems.check();
  const tags = checkTags(input.Tags);
  const state = iam(ctx);
  const name = input.InstanceProfileName!;
  if ([...state.instanceProfiles.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) throw alreadyExists(`Instance Profile ${name} already exists.`);
  const path = input.Path ?? '/';
  const profile: InstanceProfile = { instanceProfileName: name, instanceProfileId: iamUniqueId('AIPA'), arn: iamArn(ctx.accountId, 'instance-profile', path, name), path, createDate: ctx.now, roles: [], tags };
  state.instanceProfiles.set(name, profile);
  return { InstanceProfile: profileOutput(ctx, profile) };
}

export function getInstanceProfile(input: IAM.GetInstanceProfileRequest, ctx: RequestContext): Output<IAM.GetInstanceProfileResponse> {
  return { InstanceProfile: profileOutput(ctx, findProfile(ctx, input.InstanceProfileName!)) };
}

export function deleteInstanceProfile(input: IAM.DeleteInstanceProfileRequest, ctx: RequestContext): Output<unknown> {
  const profile = findProfile(ctx, input.InstanceProfileName!);
  if (profile.roles.length) throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
  iam(ctx).instanceProfiles.delete(profile.instanceProfileName);
  return {};
}

export function listInstanceProfiles(input: IAM.ListInstanceProfilesRequest, ctx: RequestContext): Output<IAM.ListInstanceProfilesResponse> {
  const prefix = input.PathPrefix ?? '/';
  const profiles = [...iam(ctx).instanceProfiles.values()].filter((p) => p.path.startsWith(prefix)).sort((a, b) => a.instanceProfileName.localeCompare(b.instanceProfileName));
  const page = paginate(profiles, input.Marker, input.MaxItems);
  return { InstanceProfiles: page.items.map((p) => profileOutput(ctx, p)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function listInstanceProfilesForRole(input: IAM.ListInstanceProfilesForRoleRequest, ctx: RequestContext): Output<IAM.ListInstanceProfilesForRoleResponse> {
  const role = findRole(ctx, input.RoleName!);
  const profiles = [...iam(ctx).instanceProfiles.values()].filter((p) => p.roles.includes(role.roleName)).sort((a, b) => a.instanceProfileName.localeCompare(b.instanceProfileName));
  const page = paginate(profiles, input.Marker, input.MaxItems);
  return { InstanceProfiles: page.items.map((p) => profileOutput(ctx, p)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function addRoleToInstanceProfile(input: IAM.AddRoleToInstanceProfileRequest, ctx: RequestContext): Output<unknown> {
  const profile = findProfile(ctx, input.InstanceProfileName!);
  const role = findRole(ctx, input.RoleName!);
  if (profile.roles.includes(role.roleName)) throw alreadyExists(`Role ${role.roleName} is already added to instance profile ${profile.instanceProfileName}.`);
  if (profile.roles.length >= 1) throw limitExceeded('Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1');
  profile.roles.push(role.roleName);
  return {};
}

export function removeRoleFromInstanceProfile(input: IAM.RemoveRoleFromInstanceProfileRequest, ctx: RequestContext): Output<unknown> {
  const profile = findProfile(ctx, input.InstanceProfileName!);
  const role = findRole(ctx, input.RoleName!);
  if (!profile.roles.includes(role.roleName)) throw noSuchEntity(`The role ${role.roleName} is not attached to instance profile ${profile.instanceProfileName}.`);
  profile.roles = profile.roles.filter((r) => r !== role.roleName);
  return {};
}

export function tagInstanceProfile(input: IAM.TagInstanceProfileRequest, ctx: RequestContext): Output<unknown> {
  const profile = findProfile(ctx, input.InstanceProfileName!);
  profile.tags = mergeTags(profile.tags, checkTags(input.Tags));
  return {};
}

export function untagInstanceProfile(input: IAM.UntagInstanceProfileRequest, ctx: RequestContext): Output<unknown> {
  const profile = findProfile(ctx, input.InstanceProfileName!);
  profile.tags = profile.tags.filter((t) => !input.TagKeys!.includes(t.Key));
  return {};
}

export function listInstanceProfileTags(input: IAM.ListInstanceProfileTagsRequest, ctx: RequestContext): Output<IAM.ListInstanceProfileTagsResponse> {
  const page = paginate(findProfile(ctx, input.InstanceProfileName!).tags, input.Marker, input.MaxItems);
  return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}
