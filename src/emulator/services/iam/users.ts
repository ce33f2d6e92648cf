/** IAM users: create/get/update/delete/list, tags, permissions boundaries, login profiles. */
import type * as IAM from '@aws-sdk/client-iam';
import type { RequestContext } from '../../core/context.ts';
import { AwsServiceError } from '../../core/errors.ts';
import { iamUniqueId } from '../../core/ids.ts';
import { ProblemList } from '../../core/validation.ts';
import type { Output } from '../define-service.ts';
import { alreadyExists, checkName, checkPath, checkTags, deleteConflict, iam, iamArn, mergeTags, noSuchEntity, paginate } from './common.ts';
import { checkBoundary } from './managed-policy-lookup.ts';
import type { IamUser } from './state.ts';

export function findUser(ctx: RequestContext, name: string): IamUser {
  const user = iam(ctx).users.get(name);
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}

function nameTaken(ctx: RequestContext, name: string): boolean {
  const lower = name.toLowerCase();
  return [...iam(ctx).users.keys()].some((k) => k.toLowerCase() === lower);
}

export function userOutput(user: IamUser, full = true): IAM.User {
  const base: IAM.User = { Path: user.path, UserName: user.userName, UserId: user.userId, Arn: user.arn, CreateDate: user.createDate, PasswordLastUsed: user.passwordLastUsed };
  if (!full) return base;
  return {
    ...base,
    PermissionsBoundary: user.permissionsBoundary ? { PermissionsBoundaryType: 'PermissionsBoundaryPolicy', PermissionsBoundaryArn: user.permissionsBoundary } : undefined,
    Tags: user.tags.length ? user.tags : undefined,
  };
}

export function createUser(input: IAM.CreateUserRequest, ctx: RequestContext): Output<IAM.CreateUserResponse> {
  const problems = new ProblemList();
  checkName(problems, 'userName', input.UserName, 64);
  checkPath(problems, input.Path);
  problems.check();
  const tags = checkTags(input.Tags);
  const name = input.UserName!;
  if (nameTaken(ctx, name)) throw alreadyExists(`User with name ${name} already exists.`);
  if (input.PermissionsBoundary) checkBoundary(ctx, input.PermissionsBoundary);
  const path = input.Path ?? '/';
  const user: IamUser = {
    userName: name,
    userId: iamUniqueId('AIDA'),
    arn: iamArn(ctx.accountId, 'user', path, name),
    path,
    createDate: ctx.now,
    tags,
    permissionsBoundary: input.PermissionsBoundary,
    groups: [],
    inlinePolicies: new Map(),
    attachedPolicies: [],
  };
  iam(ctx).users.set(name, user);
  return { User: userOutput(user) };
}

/** Without a name, GetUser describes the caller (the root user too, as AWS does). */
export function getUser(input: IAM.GetUserRequest, ctx: RequestContext): Output<IAM.GetUserResponse> {
  if (input.UserName) return { User: userOutput(findUser(ctx, input.UserName)) };
  const p = ctx.principal;
  if (p.type === 'IAMUser' && p.userName) return { User: userOutput(findUser(ctx, p.userName)) };
  if (p.type === 'Root') return { User: { UserId: p.accountId, Arn: p.arn, CreateDate: new Date(0), Path: '/', UserName: undefined as unknown as string } };
  throw new AwsServiceError('ValidationError', 'Must specify userName when calling with non-User credentials', { status: 400 });
}

export function listUsers(input: IAM.ListUsersRequest, ctx: RequestContext): Output<IAM.ListUsersResponse> {
  const prefix = input.PathPrefix ?? '/';
  const users = [...iam(ctx).users.values()].filter((u) => u.path.startsWith(prefix)).sort((a, b) => a.userName.localeCompare(b.userName));
  const page = paginate(users, input.Marker, input.MaxItems);
  return { Users: page.items.map((u) => userOutput(u, false)), IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function updateUser(input: IAM.UpdateUserRequest, ctx: RequestContext): Output<unknown> {
  const problems = new ProblemList();
  if (input.NewUserName !== undefined) checkName(problems, 'newUserName', input.NewUserName, 64);
  if (input.NewPath !== undefined) checkPath(problems, input.NewPath, 'newPath');
  problems.check();
  const state = iam(ctx);
  const user = findUser(ctx, input.UserName!);
  const newName = input.NewUserName ?? user.userName;
  if (newName !== user.userName && nameTaken(ctx, newName)) throw alreadyExists(`User with name ${newName} already exists.`);
  // Group membership is kept on the user, so renaming needs no other bookkeeping.
  state.users.delete(user.userName);
  user.userName = newName;
  user.path = input.NewPath ?? user.path;
  user.arn = iamArn(ctx.accountId, 'user', user.path, newName);
  state.users.set(newName, user);
  for (const key of ctx.credentials.list()) {
    if (key.issuer === 'iam' && key.principal.userId === user.userId) {
      ctx.credentials.issue({ ...key, principal: { ...key.principal, arn: user.arn, userName: newName } });
    }
  }
  return {};
}

export function deleteUser(input: IAM.DeleteUserRequest, ctx: RequestContext): Output<unknown> {
  const user = findUser(ctx, input.UserName!);
  if (ctx.credentials.list().some((k) => k.issuer === 'iam' && k.principal.userId === user.userId)) throw deleteConflict('Cannot delete entity, must delete access keys first.');
  if (user.loginProfile) throw deleteConflict('Cannot delete entity, must delete login profile first.');
  if (user.attachedPolicies.length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (user.inlinePolicies.size) throw deleteConflict('Cannot delete entity, must delete policies first.');
  if (user.groups.length) throw deleteConflict('Cannot delete entity, must remove users from group first.');
  iam(ctx).users.delete(user.userName);
  return {};
}

export function tagUser(input: IAM.TagUserRequest, ctx: RequestContext): Output<unknown> {
  const user = findUser(ctx, input.UserName!);
  user.tags = mergeTags(user.tags, checkTags(input.Tags));
  return {};
}

export function untagUser(input: IAM.UntagUserRequest, ctx: RequestContext): Output<unknown> {
  const user = findUser(ctx, input.UserName!);
  user.tags = user.tags.filter((t) => !input.TagKeys!.includes(t.Key));
  return {};
}

export function listUserTags(input: IAM.ListUserTagsRequest, ctx: RequestContext): Output<IAM.ListUserTagsResponse> {
  const page = paginate(findUser(ctx, input.UserName!).tags, input.Marker, input.MaxItems);
  return { Tags: page.items, IsTruncated: page.IsTruncated, Marker: page.Marker };
}

export function putUserPermissionsBoundary(input: IAM.PutUserPermissionsBoundaryRequest, ctx: RequestContext): Output<unknown> {
  const user = findUser(ctx, input.UserName!);
  checkBoundary(ctx, input.PermissionsBoundary!);
  user.permissionsBoundary = input.PermissionsBoundary;
  return {};
}

export function deleteUserPermissionsBoundary(input: IAM.DeleteUserPermissionsBoundaryRequest, ctx: RequestContext): Output<unknown> {
  findUser(ctx, input.UserName!).permissionsBoundary = undefined;
  return {};
}

// ── login profiles (console passwords) ──────────────────────────────────────────────────────────

export function createLoginProfile(input: IAM.CreateLoginProfileRequest, ctx: RequestContext): Output<IAM.CreateLoginProfileResponse> {
  new ProblemList().minLength('password', input.Password, 1).maxLength('password', input.Password, 128).check();
  const user = findUser(ctx, input.UserName!);
  if (user.loginProfile) throw alreadyExists(`Login Profile for user ${user.userName} already exists.`);
  user.loginProfile = { createDate: ctx.now, passwordResetRequired: input.PasswordResetRequired ?? false };
  return { LoginProfile: { UserName: user.userName, CreateDate: ctx.now, PasswordResetRequired: user.loginProfile.passwordResetRequired } };
}

export function getLoginProfile(input: IAM.GetLoginProfileRequest, ctx: RequestContext): Output<IAM.GetLoginProfileResponse> {
  const user = findUser(ctx, input.UserName!);
  if (!user.loginProfile) throw noSuchEntity(`Login Profile for User ${user.userName} cannot be found.`);
  return { LoginProfile: { UserName: user.userName, CreateDate: user.loginProfile.createDate, PasswordResetRequired: user.loginProfile.passwordResetRequired } };
}

export function updateLoginProfile(input: IAM.UpdateLoginProfileRequest, ctx: RequestContext): Output<unknown> {
  const user = findUser(ctx, input.UserName!);
  if (!user.loginProfile) throw noSuchEntity(`Login Profile for User ${user.userName} cannot be found.`);
  if (input.PasswordResetRequired !== undefined) user.loginProfile.passwordResetRequired = input.PasswordResetRequired;
  return {};
}

export function deleteLoginProfile(input: IAM.DeleteLoginProfileRequest, ctx: RequestContext): Output<unknown> {
  const user = findUser(ctx, input.UserName!);
  if (!user.loginProfile) throw noSuchEntity(`Login Profile for User ${user.userName} cannot be found.`);
  user.loginProfile = undefined;
  return {};
}
