/**
 * Resources of the incident-investigation lab: CloudTrail trails, the log groups trails deliver to,
 * and IAM users (a contractor's CI identity) — all named with the run prefix.
 */
import { DeleteTrailCommand, DescribeTrailsCommand } from '@aws-sdk/client-cloudtrail';
import { DeleteLogGroupCommand, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteAccessKeyCommand, DeleteUserCommand, DeleteUserPolicyCommand, DetachUserPolicyCommand, ListAccessKeysCommand, ListAttachedUserPoliciesCommand, ListUserPoliciesCommand, ListUsersCommand } from '@aws-sdk/client-iam';
import { withThrottlingRetry } from '../../aws/index.ts';
import { paginate } from '../../inventory/paginate.ts';
import type { ResourceKind } from './types.ts';
import { ignoreMissing } from './sweep-errors.ts';

export const cloudtrailTrail: ResourceKind = {
  type: 'cloudtrail:trail',
  service: 'cloudtrail',
  checkResourceType: 'AWS::CloudTrail::Trail',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 4,
  async find(ctx) {
    const cloudtrail = await ctx.aws.client('cloudtrail');
    const trails = (await withThrottlingRetry(() => cloudtrail.send(new DescribeTrailsCommand({ includeShadowTrails: false })))).trailList ?? [];
    return trails.filter((t) => t.Name?.startsWith(`${ctx.prefix}-`)).map((t) => ({ type: 'cloudtrail:trail', id: t.Name!, data: { arn: t.TrailARN ?? t.Name! } }));
  },
  async delete(ctx, resource) {
    const cloudtrail = await ctx.aws.client('cloudtrail');
    await ignoreMissing(() => cloudtrail.send(new DeleteTrailCommand({ Name: resource.data?.arn ?? resource.id })));
  },
};

/** `aws-cloudtrail-logs-<prefix>-<name>`: the console's naming for trail log groups, with the run prefix. */
export const trailLogGroup: ResourceKind = {
  type: 'logs:trail-log-group',
  service: 'logs',
  checkResourceType: 'AWS::Logs::LogGroup',
  physicalName: (prefix, name) => `aws-cloudtrail-logs-${prefix}-${name}`,
  deleteOrder: 41,
  async find(ctx) {
    const logs = await ctx.aws.client('logs');
    const groups = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `aws-cloudtrail-logs-${ctx.prefix}-`, nextToken: token, limit: 50 })));
      return { items: (page.logGroups ?? []).map((g) => g.logGroupName!).filter(Boolean), next: page.nextToken };
    });
    return groups.map((id) => ({ type: 'logs:trail-log-group', id }));
  },
  async delete(ctx, resource) {
    const logs = await ctx.aws.client('logs');
    await ignoreMissing(() => logs.send(new DeleteLogGroupCommand({ logGroupName: resource.id })));
  },
};

/** IAM users: access keys, inline and attached policies go first, as IAM requires. */
export const iamUser: ResourceKind = {
  type: 'iam:user',
  service: 'iam',
  checkResourceType: 'AWS::IAM::User',
  physicalName: (prefix, name) => `${prefix}-${name}`,
  deleteOrder: 79,
  async find(ctx) {
    const iam = await ctx.aws.client('iam');
    const users = await paginate(async (token) => {
      const page = await withThrottlingRetry(() => iam.send(new ListUsersCommand({ Marker: token, MaxItems: 1000 })));
      return { items: (page.Users ?? []).map((u) => u.UserName!).filter(Boolean), next: page.IsTruncated ? page.Marker : undefined };
    });
    return users.filter((u) => u.startsWith(`${ctx.prefix}-`)).map((id) => ({ type: 'iam:user', id }));
  },
  async delete(ctx, resource) {
    const iam = await ctx.aws.client('iam');
    const UserName = resource.id;
    await ignoreMissing(async () => {
      for (const k of (await iam.send(new ListAccessKeysCommand({ UserName }))).AccessKeyMetadata ?? []) await iam.send(new DeleteAccessKeyCommand({ UserName, AccessKeyId: k.AccessKeyId! }));
      for (const p of (await iam.send(new ListUserPoliciesCommand({ UserName }))).PolicyNames ?? []) await iam.send(new DeleteUserPolicyCommand({ UserName, PolicyName: p }));
      for (const p of (await iam.send(new ListAttachedUserPoliciesCommand({ UserName }))).AttachedPolicies ?? []) await iam.send(new DetachUserPolicyCommand({ UserName, PolicyArn: p.PolicyArn! }));
      await iam.send(new DeleteUserCommand({ UserName }));
    });
  },
};
