/**
 * Organizations, Application Auto Scaling, Budgets and Cost Explorer state survives a restart:
 * the organization with its OUs, policies and attachments (in the management account's file), the
 * membership of a created account (in its own file, with its role), scalable targets and policies,
 * budgets with notifications, and activated cost allocation tags.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as A from '@aws-sdk/client-application-auto-scaling';
import * as B from '@aws-sdk/client-budgets';
import * as CE from '@aws-sdk/client-cost-explorer';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import * as O from '@aws-sdk/client-organizations';
import { CreateBucketCommand, PutBucketTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/emulator/index.ts';
import { BUILTIN_SERVICES } from '../../../src/emulator/index.ts';
import { emulator } from './support.ts';
import { asAccount, MANAGEMENT, scp } from './org-cost-support.ts';

// Without SageMaker in the emulator, the scalable target needs no endpoint.
const services = BUILTIN_SERVICES.filter((s) => s.id !== 'sagemaker');

describe('Organizations, Application Auto Scaling, Budgets and Cost Explorer across a restart', () => {
  const dir = mkdtempSync(join(tmpdir(), 'mlsec-org-cost-'));
  let t = Date.parse('2026-11-26T10:00:00Z');
  let running: RunningEmulator | undefined;
  afterAll(async () => {
    await running?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps everything', async () => {
    running = await emulator({ dataDir: dir, now: () => t, services });
    let url = running.url;
    const org = () => new O.OrganizationsClient(asAccount(url, MANAGEMENT));
    await org().send(new O.CreateOrganizationCommand({}));
    const rootId = (await org().send(new O.ListRootsCommand({}))).Roots![0]!.Id!;
    await org().send(new O.EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'SERVICE_CONTROL_POLICY' }));
    const ou = (await org().send(new O.CreateOrganizationalUnitCommand({ ParentId: rootId, Name: 'ml', Tags: [{ Key: 'team', Value: 'ds' }] }))).OrganizationalUnit!.Id!;
    const policy = (await org().send(new O.CreatePolicyCommand({ Name: 'protect-trails', Description: 'no StopLogging', Type: 'SERVICE_CONTROL_POLICY', Content: scp({ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }) }))).Policy!.PolicySummary!.Id!;
    await org().send(new O.AttachPolicyCommand({ PolicyId: policy, TargetId: ou }));
    const request = (await org().send(new O.CreateAccountCommand({ AccountName: 'training', Email: 'training@example.com' }))).CreateAccountStatus!.Id!;
    t += 3_000;
    const member = (await org().send(new O.DescribeCreateAccountStatusCommand({ CreateAccountRequestId: request }))).CreateAccountStatus!.AccountId!;
    await org().send(new O.MoveAccountCommand({ AccountId: member, SourceParentId: rootId, DestinationParentId: ou }));

    const aas = () => new A.ApplicationAutoScalingClient(asAccount(url, member));
    const target = { ServiceNamespace: 'sagemaker' as const, ResourceId: 'endpoint/churn/variant/AllTraffic', ScalableDimension: 'sagemaker:variant:DesiredInstanceCount' as const };
    await aas().send(new A.RegisterScalableTargetCommand({ ...target, MinCapacity: 2, MaxCapacity: 4 }));
    await aas().send(new A.PutScalingPolicyCommand({ ...target, PolicyName: 'tt', PolicyType: 'TargetTrackingScaling', TargetTrackingScalingPolicyConfiguration: { TargetValue: 70, PredefinedMetricSpecification: { PredefinedMetricType: 'SageMakerVariantInvocationsPerInstance' } } }));
    await aas().send(new A.PutScheduledActionCommand({ ...target, ScheduledActionName: 'nightly', Schedule: 'cron(0 22 * * ? *)', ScalableTargetAction: { MinCapacity: 1 } }));

    const budgets = () => new B.BudgetsClient(asAccount(url, member));
    await budgets().send(new B.CreateBudgetCommand({ AccountId: member, Budget: { BudgetName: 'ml', BudgetType: 'COST', TimeUnit: 'MONTHLY', BudgetLimit: { Amount: '300', Unit: 'USD' } }, NotificationsWithSubscribers: [{ Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100 }, Subscribers: [{ SubscriptionType: 'EMAIL', Address: 'ml@example.com' }] }] }));

    const s3 = new S3Client({ ...asAccount(url, member), forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: `features-${member}` }));
    await s3.send(new PutBucketTaggingCommand({ Bucket: `features-${member}`, Tagging: { TagSet: [{ Key: 'Project', Value: 'churn' }] } }));
    const ce = () => new CE.CostExplorerClient(asAccount(url, member));
    await ce().send(new CE.UpdateCostAllocationTagsStatusCommand({ CostAllocationTagsStatus: [{ TagKey: 'Project', Status: 'Active' }] }));

    const before = {
      accounts: (await org().send(new O.ListAccountsCommand({}))).Accounts,
      attached: (await org().send(new O.ListPoliciesForTargetCommand({ TargetId: ou, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies,
      policies: (await aas().send(new A.DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker' }))).ScalingPolicies,
      scheduled: (await aas().send(new A.DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker' }))).ScheduledActions,
      budget: (await budgets().send(new B.DescribeBudgetCommand({ AccountId: member, BudgetName: 'ml' }))).Budget,
      tags: (await ce().send(new CE.ListCostAllocationTagsCommand({ Status: 'Active' }))).CostAllocationTags,
    };
    await running.stop();
    expect(readdirSync(join(dir, 'accounts')).sort()).toEqual([`${MANAGEMENT}.json`, `${member}.json`].sort());

    running = await emulator({ dataDir: dir, now: () => t, services });
    url = running.url;
    expect((await org().send(new O.ListAccountsCommand({}))).Accounts).toEqual(before.accounts);
    expect((await org().send(new O.ListPoliciesForTargetCommand({ TargetId: ou, Filter: 'SERVICE_CONTROL_POLICY' }))).Policies).toEqual(before.attached);
    expect((await org().send(new O.ListTagsForResourceCommand({ ResourceId: ou }))).Tags).toEqual([{ Key: 'team', Value: 'ds' }]);
    expect((await new O.OrganizationsClient(asAccount(url, member)).send(new O.DescribeOrganizationCommand({}))).Organization!.MasterAccountId).toBe(MANAGEMENT);
    expect((await new IAMClient(asAccount(url, member)).send(new GetRoleCommand({ RoleName: 'OrganizationAccountAccessRole' }))).Role!.Arn).toBe(`arn:aws:iam::${member}:role/OrganizationAccountAccessRole`);
    expect((await aas().send(new A.DescribeScalingPoliciesCommand({ ServiceNamespace: 'sagemaker' }))).ScalingPolicies).toEqual(before.policies);
    expect((await aas().send(new A.DescribeScheduledActionsCommand({ ServiceNamespace: 'sagemaker' }))).ScheduledActions).toEqual(before.scheduled);
    expect((await budgets().send(new B.DescribeBudgetCommand({ AccountId: member, BudgetName: 'ml' }))).Budget).toEqual(before.budget);
    expect((await budgets().send(new B.DescribeSubscribersForNotificationCommand({ AccountId: member, BudgetName: 'ml', Notification: { NotificationType: 'FORECASTED', ComparisonOperator: 'GREATER_THAN', Threshold: 100 } }))).Subscribers).toEqual([{ SubscriptionType: 'EMAIL', Address: 'ml@example.com' }]);
    expect((await ce().send(new CE.ListCostAllocationTagsCommand({ Status: 'Active' }))).CostAllocationTags).toEqual(before.tags);
  });
});
