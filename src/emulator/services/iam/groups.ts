/** IAM groups and their members. */
import type * as IAM from '@aws-sdk/client-iam';
import type { RequestContext } from '../../core/context.ts';
import { iamUniqueId } from '../../core/ids.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { alreadyExists, checkName, checkPath, deleteConflict, iam, iamArn, limitExceeded, noSuchEntity, paginate } from './common.ts';
import type { IamGroup } from './state.ts';
import { findUser, userOutput } from './users.ts';

const GROUPS_PER_USER = 10;

export function findGroup(ctx: RequestContext, name: string): IamGroup {
  const group = iam(ctx).groups.get(name);
  if (!group) throw noSuchEntity(`The group with name ${name} cannot be found.`);
  return group;
}

export function groupOutput(group: IamGroup): IAM.Group {
  return { Path: group.path, GroupName: group.groupName, GroupId: group.groupId, Arn: group.arn, CreateDate: group.createDate };
}

export function createGroup(input: IAM.CreateGroupRequest, ctx: RequestContext): Output<IAM.CreateGroupResponse> {
  const problems = new ProblemList();
  checkName(problems, 'groupName', input.GroupName, 128);
  checkPath(problems, input.Path);
  problems.check();
  const state = iam(ctx);
  const name = input.GroupName!;
  if ([...state.groups.keys()].some((k) => k.toLowerCase() === name.toLowerCase())) throw alreadyExists(`Group with name ${name} already exists.`);
  const path = input.Path ?? '/';
  const group: IamGroup = { groupName: name, groupId: iamUniqueId('AGPA'), arn: iamArn(ctx.accountId, 'group', path, name), path, createDate: ctx.now, tags: [], inlinePolicies: new Map(), attachedPolicies: [] };
  state.groups.set(name, group);
  return { Group: groupOutput(group) };
}

export function getGroup(input: IAM.GetGroupRequest, ctx: RequestContext): Output<IAM.GetGroupResponse> {
  const group = findGroup(ctx, input.GroupName!);
  const members = [...iam(ctx).users.values()].filter((u) => u.groups.includes(group.groupName)).sort((a, b) => a.userName.localeCompare(b.userName));
  const page = paginate(members, input.Marker, input.MaxItems);
  return { Group: groupOutput(group), Users: page.items.map((u) => userOutput(u, false)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function listGroups(input: IAM.ListGroupsRequest, ctx: RequestContext): Output<IAM.ListGroupsResponse> {
  const prefix = input.PathPrefix ?? '/';
  const groups = [...iam(ctx).groups.values()].filter((g) => g.path.startsWith(prefix)).sort((a, b) => a.groupName.localeCompare(b.groupName));
  const page = paginate(groups, input.Marker, input.MaxItems);
  return { Groups: page.items.map(groupOutput), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function updateGroup(input: IAM.UpdateGroupRequest, ctx: RequestContext): Output<unknown> {
  const problems = new ProblemList();
  if (input.NewGroupName !== undefined) checkName(problems, 'newGroupName', input.NewGroupName, 128);
  if (input.NewPath !== undefined) checkPath(problems, input.NewPath, 'newPath');
  problems.check();
  const state = iam(ctx);
  const group = findGroup(ctx, input.GroupName!);
  const newName = input.NewGroupName ?? group.groupName;
  if (newName !== group.groupName && [...state.groups.keys()].some((k) => k.toLowerCase() === newName.toLowerCase())) {
    throw alreadyExists(`Group with name ${newName} already exists.`);
  }
  state.groups.delete(group.groupName);
  for (const user of state.users.values()) user.groups = user.groups.map((g) => (g === group.groupName ? newName : g));
  group.groupName = newName;
  group.path = input.NewPath ?? group.path;
  group.arn = iamArn(ctx.accountId, 'group', group.path, newName);
  state.groups.set(newName, group);
  return {};
}

export function deleteGroup(input: IAM.DeleteGroupRequest, ctx: RequestContext): Output<unknown> {
  const state = iam(ctx);
  const group = findGroup(ctx, input.GroupName!);
  if ([...state.users.values()].some((u) => u.groups.includes(group.groupName))) throw deleteConflict('Cannot delete entity, must remove users from group first.');
  if (group.attachedPolicies.length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (group.inlinePolicies.size) throw deleteConflict('Cannot delete entity, must delete policies first.');
  state.groups.delete(group.groupName);
  return {};
}

export function addUserToGroup(input: IAM.AddUserToGroupRequest, ctx: RequestContext): Output<unknown> {
  const group = findGroup(ctx, input.GroupName!);
  const user = findUser(ctx, input.UserName!);
  if (user.groups.includes(group.groupName)) return {};
  if (user.groups.length >= GROUPS_PER_USER) throw limitExceeded(`Cannot exceed quota for GroupsPerUser: ${GROUPS_PER_USER}`);
  user.groups.push(group.groupName);
  return {};
}

export function removeUserFromGroup(input: IAM.RemoveUserFromGroupRequest, ctx: RequestContext): Output<unknown> {
  const group = findGroup(ctx, input.GroupName!);
  const user = findUser(ctx, input.UserName!);
  if (!user.groups.includes(group.groupName)) throw noSuchEntity(`User ${user.userName} does not belong to group ${group.groupName}.`);
  user.groups = user.groups.filter((g) => g !== group.groupName);
  return {};
}

export function listGroupsForUser(input: IAM.ListGroupsForUserRequest, ctx: RequestContext): Output<IAM.ListGroupsForUserResponse> {
  const user = findUser(ctx, input.UserName!);
  const groups = user.groups.map((g) => findGroup(ctx, g)).sort((a, b) => a.groupName.localeCompare(b.groupName));
  const page = paginate(groups, input.Marker, input.MaxItems);
  return { Groups: page.items.map(groupOutput), IsTruncated: page.IsTruncated, Marker: page.Marker };
}
